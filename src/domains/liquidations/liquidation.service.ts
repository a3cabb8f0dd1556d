import { Db } from '../../db/sql';
import { ContractType, DataOrigin, MarginType, PositionSide } from '../shared/enums';
import { LiquidationPosition } from './liquidation.cursor';
import { ResolvedLiquidationFilter } from './liquidation.filter';
import { LiquidationType } from './liquidation.types';

/** A liquidation with its instrument joined in, so a page needs no follow-up statement per row. */
export interface LiquidationRecord {
  id: string;
  asset_id: number;
  venue_id: number;
  side: PositionSide;
  price: number;
  quantity: number;
  notional_usd: number;
  occurred_at: Date;
  occurred_at_us: string;
  origin: DataOrigin;
  instrument_id: number;
  instrument_venue_id: number;
  instrument_asset_id: number;
  instrument_symbol: string;
  instrument_contract_type: ContractType;
  instrument_margin_type: MarginType;
  instrument_quote_currency: string;
  instrument_contract_size: number;
  instrument_expires_at: Date | null;
  instrument_active: boolean;
  instrument_funding_interval_hours: number | null;
}

/** Columns of a LiquidationRecord, reading `l` (liquidation) and `i` (instrument). */
export const liquidationRecordColumns = `
  l.id::text AS id, l.asset_id, l.venue_id, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at,
  (extract(epoch FROM l.occurred_at) * 1000000)::bigint::text AS occurred_at_us, l.origin,
  i.id AS instrument_id, i.venue_id AS instrument_venue_id, i.asset_id AS instrument_asset_id,
  i.symbol AS instrument_symbol, i.contract_type AS instrument_contract_type, i.margin_type AS instrument_margin_type,
  i.quote_currency AS instrument_quote_currency, i.contract_size AS instrument_contract_size,
  i.expires_at AS instrument_expires_at, i.active AS instrument_active,
  i.funding_interval_hours AS instrument_funding_interval_hours`;

export function toLiquidationType(record: LiquidationRecord): LiquidationType {
  return Object.assign(new LiquidationType(), {
    id: record.id,
    side: record.side,
    price: record.price,
    quantity: record.quantity,
    notionalUsd: record.notional_usd,
    occurredAt: record.occurred_at,
    origin: record.origin,
    assetId: record.asset_id,
    venueId: record.venue_id,
    occurredAtMicros: record.occurred_at_us,
    instrument: {
      id: record.instrument_id,
      venue_id: record.instrument_venue_id,
      asset_id: record.instrument_asset_id,
      symbol: record.instrument_symbol,
      contract_type: record.instrument_contract_type,
      margin_type: record.instrument_margin_type,
      quote_currency: record.instrument_quote_currency,
      contract_size: record.instrument_contract_size,
      expires_at: record.instrument_expires_at,
      active: record.instrument_active,
      funding_interval_hours: record.instrument_funding_interval_hours,
    },
  });
}

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
export function findLiquidationPage(
  db: Db,
  filter: ResolvedLiquidationFilter,
  after: LiquidationPosition | null,
  limit: number,
): Promise<LiquidationRecord[]> {
  const params: unknown[] = [];
  const where = pageWhere(filter, after, params);
  return db.query<LiquidationRecord>(
    `SELECT ${liquidationRecordColumns}
     FROM (SELECT * FROM liquidation l ${where} ORDER BY l.occurred_at DESC, l.id DESC LIMIT $${params.push(limit)}::int) l
     JOIN instrument i ON i.id = l.instrument_id
     ORDER BY l.occurred_at DESC, l.id DESC`,
    params,
  );
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
export function findLiquidationsSince(db: Db, filter: ResolvedLiquidationFilter, since: LiquidationPosition, limit: number): Promise<LiquidationRecord[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = filterConditions(filter, params);
  const [micros, id] = [param(since.occurredAtMicros), param(since.id)];
  conditions.push(`l.occurred_at >= ${cursorTimeSql(micros)}`);
  conditions.push(`(l.occurred_at, l.id) > (${cursorTimeSql(micros)}, ${id}::bigint)`);
  return db.query<LiquidationRecord>(
    `SELECT ${liquidationRecordColumns}
     FROM (SELECT * FROM liquidation l WHERE ${conditions.join(' AND ')} ORDER BY l.occurred_at, l.id LIMIT ${param(limit)}::int) l
     JOIN instrument i ON i.id = l.instrument_id
     ORDER BY l.occurred_at, l.id`,
    params,
  );
}

/**
 * The rows a writer announced, in one statement. The time bounds let Postgres prune to the
 * partitions and walk liquidation_page_idx; the id list picks the exact rows.
 */
export function findLiquidationsByIds(db: Db, ids: string[], from: Date, toExclusive: Date): Promise<LiquidationRecord[]> {
  return db.query<LiquidationRecord>(
    `SELECT ${liquidationRecordColumns}
     FROM liquidation l JOIN instrument i ON i.id = l.instrument_id
     WHERE l.occurred_at >= $1::timestamptz AND l.occurred_at < $2::timestamptz AND l.id = ANY($3::bigint[])
     ORDER BY l.occurred_at, l.id`,
    [from, toExclusive, ids],
  );
}
