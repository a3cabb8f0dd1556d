import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { BucketRange, bucketOf, bucketOrigin, bucketStartsSql, servedByHourlyRollup } from '../shared/series';

/**
 * How long an instrument's open-interest reading stands for it when no newer one arrives
 * (docs/analytics.md, "Open interest"). Venues are polled every 5 minutes, but the hourly rollup,
 * some venues' history and the sample scenario hold one reading per hour: three hours is three
 * missed hourly readings (36 missed polls). An older reading is not carried; its venue counts as
 * missing, so the bucket's coverage is partial.
 */
export const openInterestStaleAfter = '3 hours';
export const openInterestStaleAfterMs = 3 * 3_600_000;

/**
 * Per bucket: each instrument's latest reading before the bucket's end (or `to`, when the range
 * ends inside the bucket) and no older than `openInterestStaleAfter` there (carried forward across buckets where it did not report),
 * summed across instruments (and so across venues). Buckets where nothing is fresh are null, not
 * zero: an outage is not a wipe-out. Expected venues are those with an active instrument of the
 * asset whose first reading came before the bucket's end (a venue listed later is not missing
 * from earlier buckets).
 */
export interface OpenInterestBucketRow {
  start: Date;
  open_interest_usd: number | null;
  venue_ids: number[] | null;
  expected_venue_ids: number[] | null;
  last_recorded_at: Date | null;
  /** Slugs of the expected venues without a fresh reading (null when none): the sum is partial. */
  missing_venues: string[] | null;
}

/**
 * Where readings come from: for H1 and coarser (and no point-in-time cut) the hourly rollup for
 * every whole hour before `to` plus raw rows of the partial hour at the end; otherwise raw rows.
 * Readings start `openInterestStaleAfter` before the first bucket, so one can be carried into it.
 */
function readingsSource(range: BucketRange, knownAt?: Date | null): string {
  if (knownAt || !servedByHourlyRollup(range.interval)) return knownAtSource('open_interest', 'o', knownAt ? '$6::timestamptz' : null);
  const since = `$2::timestamptz - interval '${openInterestStaleAfter}'`;
  return `(
    SELECT asset_id, instrument_id, last_at AS at, open_interest_usd, recorded_at FROM open_interest_hourly
    WHERE asset_id = $1 AND hour >= ${since} AND hour < date_trunc('hour', $3::timestamptz, 'UTC')
    UNION ALL
    SELECT asset_id, instrument_id, at, open_interest_usd, recorded_at FROM open_interest
    WHERE asset_id = $1 AND at >= greatest(${since}, date_trunc('hour', $3::timestamptz, 'UTC')) AND at < $3
  ) o`;
}

export function findOpenInterestBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<OpenInterestBucketRow[]> {
  const since = `$2::timestamptz - interval '${openInterestStaleAfter}'`;
  return db.query<OpenInterestBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     -- The buckets plus those before the first whose readings can still be carried into it.
     grid AS (SELECT generate_series(date_bin($4::interval, ${since}, timestamptz '${bucketOrigin}'), $3::timestamptz - interval '1 microsecond', $4::interval) AS start),
     last_per_instrument AS (
       SELECT DISTINCT ON (o.instrument_id, ${bucketOf('o.at', '$4')})
              ${bucketOf('o.at', '$4')} AS start, o.instrument_id, o.at, o.open_interest_usd, o.recorded_at
       FROM ${readingsSource(range, knownAt)} JOIN instrument i ON i.id = o.instrument_id
       WHERE o.asset_id = $1 AND o.at >= ${since} AND o.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       ORDER BY o.instrument_id, ${bucketOf('o.at', '$4')}, o.at DESC
     ),
     expected AS (
       SELECT i.id AS instrument_id, i.venue_id, first.at AS first_at FROM instrument i
       -- The first reading in market time, whenever learned: a venue is expected from then on.
       CROSS JOIN LATERAL (SELECT o.at FROM open_interest o WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id ORDER BY o.at LIMIT 1) first
       WHERE i.asset_id = $1 AND i.active AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
     ),
     carried AS (
       -- Per instrument and bucket, the bucket of its newest reading so far (starts only grow, so a running max).
       SELECT g.start, n.instrument_id, max(l.start) OVER (PARTITION BY n.instrument_id ORDER BY g.start) AS reading_start
       FROM grid g CROSS JOIN (SELECT DISTINCT instrument_id FROM last_per_instrument) n
       LEFT JOIN last_per_instrument l ON l.start = g.start AND l.instrument_id = n.instrument_id
     ),
     fresh AS (
       SELECT c.start, l.open_interest_usd, i.venue_id, l.recorded_at
       FROM carried c JOIN last_per_instrument l ON l.instrument_id = c.instrument_id AND l.start = c.reading_start
       JOIN instrument i ON i.id = c.instrument_id
       -- Fresh at the bucket's end, or at \`to\` for a bucket the range cuts short (the current one).
       WHERE l.at >= least(c.start + $4::interval, $3::timestamptz) - interval '${openInterestStaleAfter}'
     ),
     sums AS (
       SELECT b.start, sum(f.open_interest_usd) AS open_interest_usd,
              array_agg(DISTINCT f.venue_id) FILTER (WHERE f.venue_id IS NOT NULL) AS venue_ids,
              (SELECT array_agg(DISTINCT e.venue_id ORDER BY e.venue_id) FROM expected e WHERE e.first_at < b.start + $4::interval) AS expected_venue_ids,
              max(f.recorded_at) AS last_recorded_at
       FROM buckets b LEFT JOIN fresh f ON f.start = b.start
       GROUP BY b.start
     )
     SELECT s.*, (SELECT array_agg(v.slug ORDER BY v.slug) FROM venue v
                  WHERE v.id = ANY(s.expected_venue_ids) AND NOT v.id = ANY(coalesce(s.venue_ids, '{}'))) AS missing_venues
     FROM sums s ORDER BY s.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
