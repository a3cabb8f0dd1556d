import { binaryArray, BinaryArrayType } from '../../db/binary-array';
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

/**
 * The batch's columns, sent as binary arrays (see db/binary-array.ts); the enums travel as
 * text and are cast per row. `of` reads each column with a plain property access, which V8
 * optimises where a computed key per value is a slow generic lookup.
 */
const columns: Array<{ name: keyof LiquidationRow; type: BinaryArrayType; of: (row: LiquidationRow) => unknown }> = [
  { name: 'asset_id', type: 'int', of: (r) => r.asset_id },
  { name: 'venue_id', type: 'int', of: (r) => r.venue_id },
  { name: 'instrument_id', type: 'int', of: (r) => r.instrument_id },
  { name: 'side', type: 'text', of: (r) => r.side },
  { name: 'price', type: 'float8', of: (r) => r.price },
  { name: 'quantity', type: 'float8', of: (r) => r.quantity },
  { name: 'notional_usd', type: 'float8', of: (r) => r.notional_usd },
  { name: 'occurred_at', type: 'timestamptz', of: (r) => r.occurred_at },
  { name: 'event_key', type: 'text', of: (r) => r.event_key },
  { name: 'price_kind', type: 'text', of: (r) => r.price_kind },
  { name: 'origin', type: 'text', of: (r) => r.origin },
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
 *
 * `incoming` draws each row's id itself (as the column default would), so the statement can
 * answer with (position in the batch, id) pairs only: the caller already holds every other
 * value, so no doubles or timestamps are formatted by Postgres and parsed again here. The SRFs
 * sit in the select list, where they run in lockstep, rather than `unnest(a, b, …)` in FROM,
 * which first copies every array into its own tuplestore. A key repeated within the batch:
 * rows go in in batch order, so its first occurrence is stored and later ones are skipped.
 */
const insertSql = `
WITH incoming AS MATERIALIZED (
  SELECT nextval('liquidation_id_seq') AS id, *
  FROM (SELECT generate_subscripts($1::int[], 1) AS position,
               ${columns.map((c, i) => `unnest($${i + 1}::${c.type}[]) AS ${c.name}`).join(',\n               ')}) AS arrays
),
inserted AS (
  INSERT INTO liquidation (id, asset_id, venue_id, instrument_id, side, price, quantity, notional_usd,
                           occurred_at, event_key, price_kind, origin)
  SELECT id, asset_id, venue_id, instrument_id, side::position_side, price, quantity, notional_usd,
         occurred_at, event_key, price_kind, origin::data_origin
  FROM incoming
  ON CONFLICT (asset_id, venue_id, occurred_at, event_key) DO NOTHING
  RETURNING id, asset_id, venue_id, side, quantity, notional_usd, occurred_at
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
SELECT incoming.position::int AS position, inserted.id
FROM inserted JOIN incoming USING (id) CROSS JOIN (SELECT count(*) FROM announced) AS sent`;

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

/**
 * Inserts a batch of liquidation events; returns the ones that were new, in batch order. When
 * the batch repeats an event, its first occurrence is the one stored (and returned).
 */
export async function insertLiquidations(db: Db, rows: LiquidationRow[]): Promise<InsertedLiquidation[]> {
  if (rows.length === 0) return [];
  await ensureLiquidationPartitions(db, rows.map((r) => r.occurred_at));
  const params = columns.map((c) => binaryArray(c.type, rows.map(c.of)));
  const written = await db.query<{ position: number; id: number | string }>(insertSql, params);
  written.sort((a, b) => a.position - b.position);
  return written.map(({ position, id }) => {
    const row = rows[position - 1];
    return {
      id: Number(id),
      asset_id: row.asset_id,
      venue_id: row.venue_id,
      instrument_id: row.instrument_id,
      side: row.side,
      price: row.price,
      quantity: row.quantity,
      notional_usd: row.notional_usd,
      occurred_at: new Date(row.occurred_at.getTime()),
      origin: row.origin,
    };
  });
}
