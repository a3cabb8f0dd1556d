import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { BucketRange, bucketOf, bucketStartsSql, servedByHourlyRollup } from '../shared/series';

/**
 * Per bucket: each instrument's last value in the bucket, summed across instruments (and so
 * across venues). Buckets where nothing reported are null, not zero: an outage is not a wipe-out.
 */
export interface OpenInterestBucketRow {
  start: Date;
  open_interest_usd: number | null;
  venue_ids: number[] | null;
  expected_venue_ids: number[] | null;
  last_recorded_at: Date | null;
}

/**
 * Where readings come from: for H1 and coarser (and no point-in-time cut) the hourly rollup for
 * every whole hour before `to` plus raw rows of the partial hour at the end; otherwise raw rows.
 */
function readingsSource(range: BucketRange, knownAt?: Date | null): string {
  if (knownAt || !servedByHourlyRollup(range.interval)) return knownAtSource('open_interest', 'o', knownAt ? '$6::timestamptz' : null);
  return `(
    SELECT asset_id, instrument_id, last_at AS at, open_interest_usd, recorded_at FROM open_interest_hourly
    WHERE asset_id = $1 AND hour >= $2 AND hour < date_trunc('hour', $3::timestamptz, 'UTC')
    UNION ALL
    SELECT asset_id, instrument_id, at, open_interest_usd, recorded_at FROM open_interest
    WHERE asset_id = $1 AND at >= greatest($2::timestamptz, date_trunc('hour', $3::timestamptz, 'UTC')) AND at < $3
  ) o`;
}

export function findOpenInterestBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<OpenInterestBucketRow[]> {
  return db.query<OpenInterestBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     last_per_instrument AS (
       SELECT DISTINCT ON (o.instrument_id, ${bucketOf('o.at', '$4')})
              ${bucketOf('o.at', '$4')} AS start, o.open_interest_usd, i.venue_id, o.recorded_at
       FROM ${readingsSource(range, knownAt)} JOIN instrument i ON i.id = o.instrument_id
       WHERE o.asset_id = $1 AND o.at >= $2 AND o.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       ORDER BY o.instrument_id, ${bucketOf('o.at', '$4')}, o.at DESC
     )
     SELECT b.start, sum(l.open_interest_usd) AS open_interest_usd,
            array_agg(DISTINCT l.venue_id) FILTER (WHERE l.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5')}) AS expected_venue_ids,
            max(l.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN last_per_instrument l ON l.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
