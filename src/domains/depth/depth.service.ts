import { CascadeError } from '../../app/errors';
import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { BucketRange, bucketOf, bucketStartsSql, servedByHourlyRollup } from '../shared/series';

/** The bands stored per snapshot, and their columns. */
const bandColumns = [
  { band: 0.01, bid: 'bid_usd_1pct', ask: 'ask_usd_1pct' },
  { band: 0.02, bid: 'bid_usd_2pct', ask: 'ask_usd_2pct' },
] as const;

export function depthColumnsFor(band: number): { bid: string; ask: string } {
  const match = bandColumns.find((c) => Math.abs(c.band - band) < 1e-9);
  if (!match) {
    throw new CascadeError('INVALID_BAND', `\`band\` ${band} is not stored; depth is kept within 0.01 (±1 %) and 0.02 (±2 %) of mid.`, { argument: 'band' });
  }
  return match;
}

/** Per bucket: per-instrument averages over the bucket's snapshots, summed across instruments. */
export function findDepthBuckets(
  db: Db,
  assetId: number,
  venueIds: number[] | null,
  range: BucketRange,
  band: number,
  knownAt?: Date | null,
): Promise<Array<{ start: Date; bid_usd: number | null; ask_usd: number | null; venue_ids: number[] | null; expected_venue_ids: number[] | null; last_recorded_at: Date | null }>> {
  const { bid, ask } = depthColumnsFor(band);
  // Rows carry a snapshot count (1 for a raw snapshot) so rollup and raw rows average exactly.
  const source =
    knownAt || !servedByHourlyRollup(range.interval)
      ? `(SELECT asset_id, instrument_id, at, 1 AS snapshots, ${bid} AS bid, ${ask} AS ask, recorded_at
          FROM ${knownAtSource('order_book_depth', 'raw', knownAt ? '$6::timestamptz' : null)}) d`
      : `(SELECT asset_id, instrument_id, hour AS at, snapshots, ${bid} AS bid, ${ask} AS ask, recorded_at FROM order_book_depth_hourly
          WHERE asset_id = $1 AND hour >= $2 AND hour < date_trunc('hour', $3::timestamptz, 'UTC')
          UNION ALL
          SELECT asset_id, instrument_id, at, 1, ${bid}, ${ask}, recorded_at FROM order_book_depth
          WHERE asset_id = $1 AND at >= greatest($2::timestamptz, date_trunc('hour', $3::timestamptz, 'UTC')) AND at < $3) d`;
  return db.query(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     per_instrument AS (
       SELECT ${bucketOf('d.at', '$4')} AS start, d.instrument_id, i.venue_id, sum(d.bid) / sum(d.snapshots) AS bid_usd, sum(d.ask) / sum(d.snapshots) AS ask_usd,
              max(d.recorded_at) AS recorded_at
       FROM ${source} JOIN instrument i ON i.id = d.instrument_id
       WHERE d.asset_id = $1 AND d.at >= $2 AND d.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       GROUP BY 1, 2, 3
     )
     SELECT b.start, sum(p.bid_usd) AS bid_usd, sum(p.ask_usd) AS ask_usd,
            array_agg(DISTINCT p.venue_id) FILTER (WHERE p.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5', "AND contract_type = 'PERPETUAL'")}) AS expected_venue_ids,
            max(p.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN per_instrument p ON p.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
