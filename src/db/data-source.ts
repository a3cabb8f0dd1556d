import 'reflect-metadata';
import { Pool, types } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { createDb, Db } from './sql';

// int8 (counts, ids) fits a JS number for every value Cascade stores; parse it as one.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
// Dates stay strings (YYYY-MM-DD): a JS Date would shift them by the host's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export interface PoolOptions {
  max?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
  /** How long a query may wait for a connection (queued behind a full pool, or connecting). */
  connectionTimeoutMs?: number;
  /**
   * Plan prepared statements once per connection (plan_cache_mode=force_generic_plan). For the
   * API's request reads, whose SQL is written to plan well without its parameter values
   * (conditions spelled only when set, partitions pruned at run time): Postgres otherwise keeps
   * re-planning statements whose generic plan it estimates dearer, such as the market snapshot,
   * where planning cost more than a third of the statement (docs/performance.md).
   */
  genericPlans?: boolean;
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30000,
    statement_timeout: options.statementTimeoutMs ?? 15000,
    application_name: options.applicationName ?? 'cascade',
    ...(options.genericPlans ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
  });
  // An idle connection that dies (a Postgres restart, a terminated backend) is dropped from the
  // pool by pg; without a listener its 'error' event would crash the process instead.
  pool.on('error', () => undefined);
  return pool;
}

/** TypeORM runs the migrations (never `synchronize`); queries go through `Db`. */
export function createDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'cascade_migrations',
    synchronize: false,
    logging: false,
  });
}

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** True when every known migration has been applied (readiness). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const rows = await db.query<{ name: string }>('SELECT name FROM cascade_migrations');
  const applied = new Set(rows.map((r) => r.name));
  return migrations.every((m) => applied.has(m.name));
}

export function connect(url: string, options: PoolOptions = {}): Db {
  return createDb(createPool(url, options));
}
