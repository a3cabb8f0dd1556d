import { createHash } from 'node:crypto';
import { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';

/**
 * The one door to Postgres for reads and bulk writes. It counts statements so tests and the
 * bench can prove how many round trips a request costs.
 */
export interface Db {
  query<Row extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  readonly pool: Pool;
  /**
   * The same connections with repeated statements prepared by name (see `statement`), or this
   * Db unchanged where its server connections are shared behind a transaction pooler: a name
   * prepared on one server connection is unknown on the next (PoolOptions.pooler).
   */
  prepared?(): Db;
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

/**
 * Statements Cascade sends again and again (every resolver's SQL is a fixed text with
 * parameters) are prepared once per connection under a name, so Postgres parses and plans them
 * once instead of on every request; for the hot pages planning took longer than executing.
 * A text becomes named on its third use, and at most `maxNamed` texts ever are (each connection
 * keeps what it prepared), so SQL built per request can never grow a connection's memory.
 * Only statements with parameters are named: they already go through the extended protocol.
 */
const maxNamed = 500;
const seen = new Map<string, number>();
const named = new Map<string, string>();

function statement(text: string, params: unknown[] | undefined, prepare: boolean): QueryConfig {
  if (!prepare) return { text, values: params };
  // Without parameters pg uses the simple protocol, which also runs multi-statement scripts
  // (migrations, fixtures); those stay unnamed.
  if (!params || params.length === 0) return { text, values: params };
  let name = named.get(text);
  if (name === undefined && named.size < maxNamed) {
    const uses = (seen.get(text) ?? 0) + 1;
    if (uses >= 3) {
      name = `cascade_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      named.set(text, name);
      seen.delete(text);
    } else if (seen.size < 10 * maxNamed) {
      seen.set(text, uses);
    }
  }
  return name ? { name, text, values: params } : { text, values: params };
}

function clientDb(pool: Pool, client: PoolClient, prepare: boolean): Db {
  return {
    pool,
    async query(text, params) {
      announce(text);
      return (await client.query(statement(text, params, prepare))).rows;
    },
    transaction: (work) => work(clientDb(pool, client, prepare)),
  };
}

/**
 * `prepare`: name repeated statements (see `statement`). The API's reads use it; writers do
 * not, because a generic plan for a batch upsert over unnest(arrays) cannot see the batch's size.
 * `canName: false` (behind a transaction pooler) keeps every statement unnamed, `prepared()` too.
 */
export function createDb(pool: Pool, options: { prepare?: boolean; canName?: boolean } = {}): Db {
  const canName = options.canName ?? true;
  const prepare = canName && (options.prepare ?? false);
  return {
    pool,
    prepared: () => createDb(pool, { prepare: true, canName }),
    async query(text, params) {
      announce(text);
      return (await pool.query(statement(text, params, prepare))).rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(clientDb(pool, client, prepare));
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

/** The same pool, with repeated statements prepared by name where it can: for the API's request path. */
export function withPreparedStatements(db: Db): Db {
  return db.prepared ? db.prepared() : db;
}
