import { ColumnSpec, unnestSelect } from '../../db/bulk';
import { Db } from '../../db/sql';
import { ensureLiquidationPartitions } from './liquidation.partitions';

export interface LiquidationRow {
  asset_id: number;
  venue_id: number;
  instrument_id: number;
  /** The position that was closed: LONG means a long was force-sold. */
  side: 'LONG' | 'SHORT';
  price: number;
  /** Coins. */
  quantity: number;
  notional_usd: number;
  occurred_at: Date;
  /** The venue's event id, or a digest of the event's fields where it sends none. */
  event_key: string;
  price_kind: 'FILL' | 'BANKRUPTCY';
  origin: string;
}

const columns: ColumnSpec[] = [
  { name: 'asset_id', type: 'int' },
  { name: 'venue_id', type: 'int' },
  { name: 'instrument_id', type: 'int' },
  { name: 'side', type: 'text' },
  { name: 'price', type: 'float8' },
  { name: 'quantity', type: 'float8' },
  { name: 'notional_usd', type: 'float8' },
  { name: 'occurred_at', type: 'timestamptz' },
  { name: 'event_key', type: 'text' },
  { name: 'price_kind', type: 'text' },
  { name: 'origin', type: 'data_origin' },
];

/** The NOTIFY channel on which every inserted batch is announced (see liquidation.feed.ts). */
export const liquidationChannel = 'cascade_liquidations';

/**
 * NOTIFY payloads must stay under 8000 bytes. A bigint id as a JSON string is at most 22
 * characters with its comma, so 300 ids plus the two timestamps always fit; larger batches
 * send several payloads from the same statement.
 */
const idsPerNotification = 300;

/** What one notification carries: the ids of inserted rows and the range of their times. */
export interface LiquidationAnnouncement {
  /** occurred_at bounds, as Postgres wrote them (microseconds kept). */
  from: string;
  to: string;
  /** Text, since a bigint may exceed what a JSON number keeps exactly. */
  ids: string[];
}

/**
 * One statement per batch: new events go in, duplicates of stored events are skipped, and only
 * the events actually inserted are added to the hourly rollup — so replays and overlapping
 * backfills never double-count, and the rollup never drifts from the raw table. The same
 * statement announces the inserted ids on a NOTIFY channel, delivered when it commits.
 */
const insertSql = `
WITH incoming AS (${unnestSelect(columns)}),
inserted AS (
  INSERT INTO liquidation (asset_id, venue_id, instrument_id, side, price, quantity, notional_usd,
                           occurred_at, event_key, price_kind, origin)
  SELECT asset_id, venue_id, instrument_id, side::position_side, price, quantity, notional_usd,
         occurred_at, event_key, price_kind, origin
  FROM incoming
  ON CONFLICT (asset_id, venue_id, occurred_at, event_key) DO NOTHING
  RETURNING id, asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, origin
),
rolled AS (
  INSERT INTO liquidation_hourly AS h (asset_id, venue_id, side, hour, notional_usd, quantity, event_count)
  SELECT asset_id, venue_id, side, date_trunc('hour', occurred_at, 'UTC'), sum(notional_usd), sum(quantity), count(*)
  FROM inserted GROUP BY 1, 2, 3, 4
  ON CONFLICT (asset_id, hour, venue_id, side) DO UPDATE
    SET notional_usd = h.notional_usd + EXCLUDED.notional_usd,
        quantity = h.quantity + EXCLUDED.quantity,
        event_count = h.event_count + EXCLUDED.event_count
),
announced AS (
  SELECT pg_notify('${liquidationChannel}', json_build_object('from', min(occurred_at), 'to', max(occurred_at), 'ids', json_agg(id::text))::text)
  FROM (SELECT id, occurred_at, (row_number() OVER (ORDER BY id) - 1) / ${idsPerNotification} AS chunk FROM inserted) numbered
  GROUP BY chunk
)
-- Referencing announced is what makes Postgres run it (an unreferenced SELECT CTE is skipped).
SELECT id, asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, origin
FROM inserted CROSS JOIN (SELECT count(*) FROM announced) AS sent`;

export interface InsertedLiquidation {
  id: number;
  asset_id: number;
  venue_id: number;
  instrument_id: number;
  side: 'LONG' | 'SHORT';
  price: number;
  quantity: number;
  notional_usd: number;
  occurred_at: Date;
  origin: string;
}

/** Inserts a batch of liquidation events; returns the ones that were new. */
export async function insertLiquidations(db: Db, rows: LiquidationRow[]): Promise<InsertedLiquidation[]> {
  if (rows.length === 0) return [];
  await ensureLiquidationPartitions(db, rows.map((r) => r.occurred_at));
  const params = columns.map((c) => rows.map((r) => (r as unknown as Record<string, unknown>)[c.name] ?? null));
  return db.query<InsertedLiquidation>(insertSql, params);
}
