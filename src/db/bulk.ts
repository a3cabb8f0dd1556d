import { Db } from './sql';

/**
 * Set-based writes: a batch of any size is one statement, its columns sent as arrays and
 * spread by `unnest` (pg-boss's habit), so a thousand rows cost one round trip.
 */

export type PgArrayType = 'int' | 'bigint' | 'float8' | 'text' | 'timestamptz' | 'date' | 'data_origin' | 'bool';

export interface ColumnSpec {
  name: string;
  type: PgArrayType;
}

/** An observation table: a natural key, the values it holds, and a `_revision` twin. */
export interface ObservationTable {
  table: string;
  key: ColumnSpec[];
  values: ColumnSpec[];
  /**
   * Recomputes an hourly rollup for the (asset, instrument, hour) cells a batch touched, from
   * the stored rows: $1 asset ids, $2 instrument ids, $3 hours. Revisions stay exact because
   * the cell is rebuilt, not incremented.
   */
  rollupSql?: string;
}

export interface UpsertResult {
  /** Rows whose key was new. */
  inserted: number;
  /** Rows whose key existed with other values: the old values moved to the revision table. */
  revised: number;
  /** Rows identical to what was stored: nothing written. */
  unchanged: number;
}

type Row = Record<string, unknown>;

function arraysFor(columns: ColumnSpec[], rows: Row[]): unknown[][] {
  return columns.map((c) => rows.map((r) => (r[c.name] === undefined ? null : r[c.name])));
}

function unnestSelect(columns: ColumnSpec[], firstParam = 1): string {
  const arrays = columns.map((c, i) => `$${firstParam + i}::${c.type}[]`).join(', ');
  return `SELECT * FROM unnest(${arrays}) AS incoming(${columns.map((c) => c.name).join(', ')})`;
}

/** The upsert statement for a table; built once per table and reused. */
export function observationUpsertSql(spec: ObservationTable): string {
  const all = [...spec.key, ...spec.values, { name: 'origin', type: 'data_origin' as const }];
  const keyNames = spec.key.map((c) => c.name);
  const valueNames = spec.values.map((c) => c.name);
  const keyList = keyNames.join(', ');
  const allNames = all.map((c) => c.name).join(', ');
  const differs = (left: string, right: string) =>
    `(${valueNames.map((v) => `${left}.${v}`).join(', ')}) IS DISTINCT FROM (${valueNames.map((v) => `${right}.${v}`).join(', ')})`;
  return `
WITH incoming AS (${unnestSelect(all)}),
batch AS (
  -- A batch may repeat a key (overlapping pages); its last occurrence wins.
  SELECT DISTINCT ON (${keyList}) * FROM (SELECT *, row_number() OVER () AS position FROM incoming) numbered
  ORDER BY ${keyList}, position DESC
),
replaced AS (
  -- A primary-key probe per batch row (LIMIT 1 keeps the planner from turning this into a
  -- hash join that scans the whole stored table for every batch).
  SELECT stored.* FROM batch
  CROSS JOIN LATERAL (
    SELECT * FROM ${spec.table} s WHERE ${keyNames.map((k) => `s.${k} = batch.${k}`).join(' AND ')} LIMIT 1
  ) stored
  WHERE ${differs('stored', 'batch')}
),
archived AS (
  INSERT INTO ${spec.table}_revision (${allNames}, recorded_at)
  SELECT ${allNames}, recorded_at FROM replaced
),
written AS (
  INSERT INTO ${spec.table} (${allNames})
  SELECT ${allNames} FROM batch
  ON CONFLICT (${keyList}) DO UPDATE
    SET ${[...valueNames, 'origin'].map((v) => `${v} = EXCLUDED.${v}`).join(', ')}, recorded_at = now()
    WHERE ${differs(spec.table, 'EXCLUDED')}
  RETURNING (xmax = 0) AS is_new
)
SELECT count(*) FILTER (WHERE is_new)::int AS inserted,
       count(*) FILTER (WHERE NOT is_new)::int AS revised,
       (SELECT count(*) FROM incoming)::int AS received
FROM written`;
}

const statementCache = new Map<string, string>();

/**
 * Writes observations idempotently: the identical row twice is a no-op, a changed value for
 * the same key replaces the stored one and keeps the old as a revision.
 */
export async function upsertObservations(db: Db, spec: ObservationTable, rows: Row[]): Promise<UpsertResult> {
  if (rows.length === 0) return { inserted: 0, revised: 0, unchanged: 0 };
  let sql = statementCache.get(spec.table);
  if (!sql) {
    sql = observationUpsertSql(spec);
    statementCache.set(spec.table, sql);
  }
  const columns = [...spec.key, ...spec.values, { name: 'origin', type: 'data_origin' as const }];
  const [result] = await db.query<{ inserted: number; revised: number; received: number }>(sql, arraysFor(columns, rows));
  if (spec.rollupSql && result.inserted + result.revised > 0) await refreshRollup(db, spec.rollupSql, rows);
  return { inserted: result.inserted, revised: result.revised, unchanged: result.received - result.inserted - result.revised };
}

const hourMs = 3_600_000;

/** One statement for the rollup cells of a batch (distinct asset, instrument and hour). */
async function refreshRollup(db: Db, rollupSql: string, rows: Row[]): Promise<void> {
  const cells = new Map<string, [number, number, Date]>();
  for (const row of rows) {
    const hour = new Date(Math.floor((row.at as Date).getTime() / hourMs) * hourMs);
    cells.set(`${row.asset_id}:${row.instrument_id}:${hour.getTime()}`, [row.asset_id as number, row.instrument_id as number, hour]);
  }
  const list = [...cells.values()];
  await db.query(rollupSql, [list.map((c) => c[0]), list.map((c) => c[1]), list.map((c) => c[2])]);
}

export { arraysFor, unnestSelect };
