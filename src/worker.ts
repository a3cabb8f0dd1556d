import 'reflect-metadata';
import { createLogger } from './core/logger';
import { loadConfig } from './config';
import { connect, runMigrations } from './db/data-source';
import { resolveDatabase } from './db/database-url';
import { startWorker } from './ingest/jobs/worker';

/** `npm run worker`: ingestion only, no API. Any number may run against one database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.CASCADE_LOG_LEVEL);
  const database = await resolveDatabase({ url: config.DATABASE_URL, dataDir: config.CASCADE_DATA_DIR, name: 'pgdata', logger });
  // Writes may go through a transaction pooler; pg-boss, the locks and migrations do not (DATABASE_DIRECT_URL).
  const directUrl = config.DATABASE_DIRECT_URL ?? database.url;
  await runMigrations(directUrl);
  const db = connect(database.url, { max: config.CASCADE_POOL_SIZE, statementTimeoutMs: config.CASCADE_STATEMENT_TIMEOUT_MS, applicationName: 'cascade-worker', pooler: config.CASCADE_DB_POOLER });
  const worker = await startWorker({ databaseUrl: directUrl, db, logger, scheduleCheckSeconds: config.CASCADE_SCHEDULE_CHECK_SECONDS });
  const shutdown = async () => {
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await worker.stop().catch(() => undefined);
    await db.pool.end().catch(() => undefined);
    await database.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((error) => {
  console.error('Cascade worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
