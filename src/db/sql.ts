import { Pool, PoolClient, QueryResultRow } from 'pg';

/**
 * The one door to Postgres for reads and bulk writes. It counts statements so tests and the
 * bench can prove how many round trips a request costs.
 */
export interface Db {
  query<Row extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  readonly pool: Pool;
}

type StatementListener = (text: string) => void;
const listeners = new Set<StatementListener>();

/** Subscribe to every statement sent through any Db; returns the unsubscribe function. */
export function onStatement(listener: StatementListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(text: string): void {
  for (const listener of listeners) listener(text);
}

function clientDb(pool: Pool, client: PoolClient): Db {
  return {
    pool,
    async query(text, params) {
      announce(text);
      return (await client.query(text, params as unknown[])).rows;
    },
    transaction: (work) => work(clientDb(pool, client)),
  };
}

export function createDb(pool: Pool): Db {
  return {
    pool,
    async query(text, params) {
      announce(text);
      return (await pool.query(text, params as unknown[])).rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(clientDb(pool, client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
