import 'reflect-metadata';
import { Client, Pool, types } from 'pg';
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
  /**
   * `transaction`: the URL reaches Postgres through a transaction pooler (PgBouncer
   * `pool_mode=transaction`, CASCADE_DB_POOLER), where consecutive statements may run on
   * different server connections. Statements are then never prepared by name, and no session
   * settings are sent at connect (PgBouncer 1.18 refuses `options` and `statement_timeout` as
   * startup parameters): the role carries them instead, `ALTER ROLE … SET statement_timeout`
   * and, for the read role, `plan_cache_mode` (docs/scaling.md).
   */
  pooler?: 'none' | 'transaction';
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pooled = options.pooler === 'transaction';
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30000,
    application_name: options.applicationName ?? 'cascade',
    ...(pooled ? {} : { statement_timeout: options.statementTimeoutMs ?? 15000 }),
    ...(options.genericPlans && !pooled ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
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

/**
 * Runs the pending migrations, one process at a time. TypeORM's runner takes no lock, so APIs and
 * workers starting together on one database would each apply the same migration. The lock is a
 * transaction-scoped advisory lock on a client of its own (not a pool's): a transaction pins its
 * server connection behind a transaction pooler too, where a session lock would not hold, and
 * Postgres releases it if the process dies. A process that waited finds nothing left to apply.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url, application_name: 'cascade-migration-lock' });
  // A connection lost mid-migration fails the COMMIT below; without a listener it would crash.
  lock.on('error', () => undefined);
  await lock.connect();
  try {
    await lock.query('BEGIN');
    // Waiting on another process's migrations, or holding the lock through long ones, is not a
    // stuck statement or an idle transaction to cut short.
    await lock.query('SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0');
    await lock.query(`SELECT pg_advisory_xact_lock(hashtext('cascade.migrations'))`);
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await lock.query('COMMIT');
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}

/** True when every known migration has been applied (readiness). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const rows = await db.query<{ name: string }>('SELECT name FROM cascade_migrations');
  const applied = new Set(rows.map((r) => r.name));
  return migrations.every((m) => applied.has(m.name));
}

export function connect(url: string, options: PoolOptions = {}): Db {
  return createDb(createPool(url, options), { canName: options.pooler !== 'transaction' });
}
