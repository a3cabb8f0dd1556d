import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { BucketRange, bucketOf } from '../shared/series';
import { CohortRow } from './cohort.types';

export function findCohorts(db: Db, assetIds: readonly number[] | null): Promise<CohortRow[]> {
  return db.query<CohortRow>(
    `SELECT id, asset_id, slug, name, definition FROM holder_cohort WHERE ($1::int[] IS NULL OR asset_id = ANY($1)) ORDER BY asset_id, slug`,
    [assetIds],
  );
}

/**
 * Supply per bucket (the last daily value in it) and its change from the bucket before; the
 * bucket before `from` is read too, so the first change is real rather than null.
 */
export function findCohortSupplyBuckets(db: Db, cohortId: number, range: BucketRange, knownAt?: Date | null): Promise<Array<{ start: Date; supply: number | null; change: number | null; last_recorded_at: Date | null }>> {
  return db.query(
    `WITH buckets AS (
       SELECT generate_series($2::timestamptz - $4::interval, $3::timestamptz - interval '1 microsecond', $4::interval) AS start
     ),
     last_in_bucket AS (
       SELECT DISTINCT ON (1) ${bucketOf("(s.day::timestamp AT TIME ZONE 'UTC')", '$4')} AS start, s.supply, s.recorded_at
       FROM ${knownAtSource('cohort_supply', 's', knownAt ? '$5::timestamptz' : null)}
       WHERE s.cohort_id = $1 AND s.day >= (($2::timestamptz - $4::interval) AT TIME ZONE 'UTC')::date AND s.day < ($3::timestamptz AT TIME ZONE 'UTC')::date
       ORDER BY 1, s.day DESC
     ),
     series AS (
       SELECT b.start, l.supply, l.supply - lag(l.supply) OVER (ORDER BY b.start) AS change, l.recorded_at AS last_recorded_at
       FROM buckets b LEFT JOIN last_in_bucket l ON l.start = b.start
     )
     SELECT start, supply, change, last_recorded_at FROM series WHERE start >= $2 ORDER BY start`,
    knownAt ? [cohortId, range.firstStart, range.to, range.stepSql, knownAt] : [cohortId, range.firstStart, range.to, range.stepSql],
  );
}
