import { createLogger } from '../core/logger';
import { loadConfig } from '../config';
import { connect, runMigrations } from '../db/data-source';
import { resolveDatabase } from '../db/database-url';
import { Db } from '../db/sql';

/**
 * What every CLI command works on: DATABASE_URL, or the same embedded database `npm start`
 * uses; migrations run first so a command never meets an old schema.
 */
export async function withCliDatabase<T>(work: (db: Db, url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.CASCADE_LOG_LEVEL ?? 'warn');
  const database = await resolveDatabase({ url: config.DATABASE_URL, dataDir: config.CASCADE_DATA_DIR, name: 'pgdata', logger });
  const db = connect(database.url, { max: 4, applicationName: 'cascade-cli' });
  try {
    await runMigrations(database.url);
    return await work(db, database.url);
  } finally {
    await db.pool.end().catch(() => undefined);
    await database.stop().catch(() => undefined);
  }
}

/** Parses a CLI date (`2025-10-10` or a full ISO time) as UTC, or says what is wrong. */
export function parseCliTime(value: string, option: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`${option}: "${value}" is not a date (use YYYY-MM-DD or an ISO time)`);
  return time;
}
