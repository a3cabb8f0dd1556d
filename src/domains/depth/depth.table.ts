import { ObservationTable } from '../../db/bulk';

export interface DepthRow {
  asset_id: number;
  instrument_id: number;
  at: Date;
  mid_price: number;
  /**
   * Resting bid notional (USD) within 1 % below mid; the others likewise. Null when the book
   * fetched does not reach the band (it was cut at the request's level limit first): unknown,
   * never the partial sum.
   */
  bid_usd_1pct: number | null;
  ask_usd_1pct: number | null;
  bid_usd_2pct: number | null;
  ask_usd_2pct: number | null;
  /** Why a band is null, in words (src/ingest/depth.ts); null when every band is known. */
  depth_gap?: string | null;
  origin: string;
}

export const depthTable: ObservationTable = {
  table: 'order_book_depth',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'instrument_id', type: 'int' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'mid_price', type: 'float8' },
    { name: 'bid_usd_1pct', type: 'float8' },
    { name: 'ask_usd_1pct', type: 'float8' },
    { name: 'bid_usd_2pct', type: 'float8' },
    { name: 'ask_usd_2pct', type: 'float8' },
    { name: 'depth_gap', type: 'text' },
  ],
  // Per band and side, the sum of the known snapshots and their count, so an hour averages only
  // what was known; the hour keeps its latest reason for a band left unknown.
  rollupSql: `
    INSERT INTO order_book_depth_hourly (asset_id, instrument_id, hour, snapshots, bid_usd_1pct, ask_usd_1pct, bid_usd_2pct, ask_usd_2pct,
                                         bid_1pct_snapshots, ask_1pct_snapshots, bid_2pct_snapshots, ask_2pct_snapshots, depth_gap, recorded_at)
    SELECT d.asset_id, d.instrument_id, c.hour, count(*), sum(d.bid_usd_1pct), sum(d.ask_usd_1pct), sum(d.bid_usd_2pct), sum(d.ask_usd_2pct),
           count(d.bid_usd_1pct), count(d.ask_usd_1pct), count(d.bid_usd_2pct), count(d.ask_usd_2pct),
           (array_agg(d.depth_gap ORDER BY d.at DESC) FILTER (WHERE d.depth_gap IS NOT NULL))[1], max(d.recorded_at)
    FROM unnest($1::int[], $2::int[], $3::timestamptz[]) AS c(asset_id, instrument_id, hour)
    JOIN order_book_depth d ON d.asset_id = c.asset_id AND d.instrument_id = c.instrument_id AND d.at >= c.hour AND d.at < c.hour + interval '1 hour'
    GROUP BY 1, 2, 3
    ON CONFLICT (asset_id, hour, instrument_id) DO UPDATE
      SET snapshots = EXCLUDED.snapshots, bid_usd_1pct = EXCLUDED.bid_usd_1pct, ask_usd_1pct = EXCLUDED.ask_usd_1pct,
          bid_usd_2pct = EXCLUDED.bid_usd_2pct, ask_usd_2pct = EXCLUDED.ask_usd_2pct,
          bid_1pct_snapshots = EXCLUDED.bid_1pct_snapshots, ask_1pct_snapshots = EXCLUDED.ask_1pct_snapshots,
          bid_2pct_snapshots = EXCLUDED.bid_2pct_snapshots, ask_2pct_snapshots = EXCLUDED.ask_2pct_snapshots,
          depth_gap = EXCLUDED.depth_gap, recorded_at = EXCLUDED.recorded_at`,
};
