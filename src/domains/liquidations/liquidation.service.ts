import { Db } from '../../db/sql';
import { fromRow, nestedJoin, rowColumns } from '../shared/planned/json-shape';
import { LiquidationPosition } from './liquidation.cursor';
import { ResolvedLiquidationFilter } from './liquidation.filter';
import { liquidationShape } from './liquidation.shape';
import { LiquidationType } from './liquidation.types';

const shape = liquidationShape('l');

/**
 * A liquidation's columns with its instrument's (joined as `i`), so a page needs no follow-up
 * statement per row; venue and asset come from the registry. Read back with toLiquidation.
 */
const liquidationColumns = rowColumns(shape, ['instrument']);
const instrumentJoin = nestedJoin(shape, 'instrument');
const toLiquidation = (row: Record<string, unknown>) => fromRow<LiquidationType>(shape, row, ['instrument']);

/** A cursor's time from its microseconds parameter, exact (no float on the way). */
const cursorTimeSql = (micros: string) => `(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;

/** WHERE conditions for a filter, appending their values to `params` (shared by pages and replays). */
export function filterConditions(filter: ResolvedLiquidationFilter, params: unknown[]): string[] {
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (filter.assetId !== null) conditions.push(`l.asset_id = ${param(filter.assetId)}::int`);
  if (filter.venueIds !== null) conditions.push(`l.venue_id = ANY(${param(filter.venueIds)}::int[])`);
  if (filter.side !== null) conditions.push(`l.side = ${param(filter.side)}::position_side`);
  if (filter.from !== null) conditions.push(`l.occurred_at >= ${param(filter.from)}::timestamptz`);
  if (filter.to !== null) conditions.push(`l.occurred_at < ${param(filter.to)}::timestamptz`);
  if (filter.minNotionalUsd !== null) conditions.push(`l.notional_usd >= ${param(filter.minNotionalUsd)}::float8`);
  return conditions;
}

/**
 * One page, newest first, in one statement. Only the conditions a filter sets are written
 * into the SQL, so the planner sees `asset_id = $n AND (occurred_at, id) < (…)` plainly and
 * walks liquidation_asset_page_idx (or liquidation_page_idx without an asset) backwards,
 * stopping after `limit` rows; the instrument is joined to those rows only.
 */
export async function findLiquidationPage(
  db: Db,
  filter: ResolvedLiquidationFilter,
  after: LiquidationPosition | null,
  limit: number,
): Promise<LiquidationType[]> {
  const params: unknown[] = [];
  const where = pageWhere(filter, after, params);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${liquidationColumns}
     FROM (SELECT * FROM liquidation l ${where} ORDER BY l.occurred_at DESC, l.id DESC LIMIT $${params.push(limit)}::int) l
     ${instrumentJoin}
     ORDER BY l.occurred_at DESC, l.id DESC`,
    params,
  );
  return rows.map(toLiquidation);
}

/** The WHERE clause of a newest-first page after `after` (shared with the planned page, liquidation.plan.ts). */
export function pageWhere(filter: ResolvedLiquidationFilter, after: LiquidationPosition | null, params: unknown[]): string {
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = filterConditions(filter, params);
  if (after) {
    const [micros, id] = [param(after.occurredAtMicros), param(after.id)];
    // The plain bound is implied by the row comparison but lets Postgres skip newer partitions.
    conditions.push(`l.occurred_at <= ${cursorTimeSql(micros)}`);
    conditions.push(`(l.occurred_at, l.id) < (${cursorTimeSql(micros)}, ${id}::bigint)`);
  }
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * The events after a cursor, oldest first: what a reconnecting subscriber missed. Mirrors a
 * page with the comparison reversed.
 */
export async function findLiquidationsSince(db: Db, filter: ResolvedLiquidationFilter, since: LiquidationPosition, limit: number): Promise<LiquidationType[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = filterConditions(filter, params);
  const [micros, id] = [param(since.occurredAtMicros), param(since.id)];
  conditions.push(`l.occurred_at >= ${cursorTimeSql(micros)}`);
  conditions.push(`(l.occurred_at, l.id) > (${cursorTimeSql(micros)}, ${id}::bigint)`);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${liquidationColumns}
     FROM (SELECT * FROM liquidation l WHERE ${conditions.join(' AND ')} ORDER BY l.occurred_at, l.id LIMIT ${param(limit)}::int) l
     ${instrumentJoin}
     ORDER BY l.occurred_at, l.id`,
    params,
  );
  return rows.map(toLiquidation);
}

/**
 * The rows a writer announced, in one statement. The time bounds let Postgres prune to the
 * partitions and walk liquidation_page_idx; the id list picks the exact rows.
 */
export async function findLiquidationsByIds(db: Db, ids: string[], from: Date, toExclusive: Date): Promise<LiquidationType[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${liquidationColumns}
     FROM liquidation l ${instrumentJoin}
     WHERE l.occurred_at >= $1::timestamptz AND l.occurred_at < $2::timestamptz AND l.id = ANY($3::bigint[])
     ORDER BY l.occurred_at, l.id`,
    [from, toExclusive, ids],
  );
  return rows.map(toLiquidation);
}
