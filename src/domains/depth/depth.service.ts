import { CascadeError } from '../../core/errors';
import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { BucketRange, bucketOf, bucketStartsSql, servedByHourlyRollup } from '../shared/series';

/** The bands stored per snapshot, their columns, and the rollup's counts of known snapshots. */
const bandColumns = [
  { band: 0.01, bid: 'bid_usd_1pct', ask: 'ask_usd_1pct', bidCount: 'bid_1pct_snapshots', askCount: 'ask_1pct_snapshots' },
  { band: 0.02, bid: 'bid_usd_2pct', ask: 'ask_usd_2pct', bidCount: 'bid_2pct_snapshots', askCount: 'ask_2pct_snapshots' },
] as const;

export function depthColumnsFor(band: number): (typeof bandColumns)[number] {
  const match = bandColumns.find((c) => Math.abs(c.band - band) < 1e-9);
  if (!match) {
    throw new CascadeError('INVALID_BAND', `\`band\` ${band} is not stored; depth is kept within 0.01 (±1 %) and 0.02 (±2 %) of mid.`, { argument: 'band' });
  }
  return match;
}

/** An instrument whose band is unknown over a whole bucket, and the latest reason. */
export interface DepthGapRow {
  venue_id: number;
  symbol: string;
  reason: string | null;
}

export interface DepthBucketRow {
  start: Date;
  bid_usd: number | null;
  ask_usd: number | null;
  venue_ids: number[] | null;
  expected_venue_ids: number[] | null;
  /** Instruments that reported but whose band is unknown for the whole bucket (null when none). */
  unknown: DepthGapRow[] | null;
  last_recorded_at: Date | null;
}

/**
 * Per bucket: each instrument's known snapshots averaged over the bucket, summed across
 * instruments. A band is unknown where the fetched book did not reach it (src/ingest/depth.ts);
 * an instrument with no known snapshot of the band in a bucket makes that side of the bucket
 * null, never the sum of the others, and is listed in `unknown` with its reason.
 */
export function findDepthBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, band: number, knownAt?: Date | null): Promise<DepthBucketRow[]> {
  const { bid, ask, bidCount, askCount } = depthColumnsFor(band);
  // Rows carry counts of known snapshots (1 or 0 for a raw snapshot) so rollup and raw rows average exactly.
  const raw = `asset_id, instrument_id, at, (${bid} IS NOT NULL)::int AS bid_n, (${ask} IS NOT NULL)::int AS ask_n, ${bid} AS bid, ${ask} AS ask, depth_gap AS gap, recorded_at`;
  const source =
    knownAt || !servedByHourlyRollup(range.interval)
      ? `(SELECT ${raw} FROM ${knownAtSource('order_book_depth', 'raw', knownAt ? '$6::timestamptz' : null)}) d`
      : `(SELECT asset_id, instrument_id, hour AS at, ${bidCount} AS bid_n, ${askCount} AS ask_n, ${bid} AS bid, ${ask} AS ask, depth_gap AS gap, recorded_at
          FROM order_book_depth_hourly
          WHERE asset_id = $1 AND hour >= $2 AND hour < date_trunc('hour', $3::timestamptz, 'UTC')
          UNION ALL
          SELECT ${raw} FROM order_book_depth
          WHERE asset_id = $1 AND at >= greatest($2::timestamptz, date_trunc('hour', $3::timestamptz, 'UTC')) AND at < $3) d`;
  const unknownSide = 'p.instrument_id IS NOT NULL AND';
  return db.query(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     per_instrument AS (
       SELECT ${bucketOf('d.at', '$4')} AS start, d.instrument_id, i.venue_id, i.symbol,
              sum(d.bid) / nullif(sum(d.bid_n), 0) AS bid_usd, sum(d.ask) / nullif(sum(d.ask_n), 0) AS ask_usd,
              (array_agg(d.gap ORDER BY d.at DESC) FILTER (WHERE d.gap IS NOT NULL))[1] AS gap,
              max(d.recorded_at) AS recorded_at
       FROM ${source} JOIN instrument i ON i.id = d.instrument_id
       WHERE d.asset_id = $1 AND d.at >= $2 AND d.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       GROUP BY 1, 2, 3, 4
     )
     SELECT b.start,
            CASE WHEN bool_or(${unknownSide} p.bid_usd IS NULL) THEN NULL ELSE sum(p.bid_usd) END AS bid_usd,
            CASE WHEN bool_or(${unknownSide} p.ask_usd IS NULL) THEN NULL ELSE sum(p.ask_usd) END AS ask_usd,
            array_agg(DISTINCT p.venue_id) FILTER (WHERE p.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5', "AND contract_type = 'PERPETUAL'")}) AS expected_venue_ids,
            json_agg(json_build_object('venue_id', p.venue_id, 'symbol', p.symbol, 'reason', p.gap) ORDER BY p.venue_id, p.symbol)
              FILTER (WHERE ${unknownSide} (p.bid_usd IS NULL OR p.ask_usd IS NULL)) AS unknown,
            max(p.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN per_instrument p ON p.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
