import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { BucketRange, bucketOf } from '../shared/series';

/** Inflow and outflow per bucket, gap-filled with 0 (daily rows; a day counts from 00:00 UTC). */
export function findExchangeFlowBuckets(db: Db, assetId: number, range: BucketRange, knownAt?: Date | null): Promise<Array<{ start: Date; inflow: number; outflow: number; last_recorded_at: Date | null }>> {
  return db.query(
    `WITH buckets AS (SELECT generate_series($2::timestamptz, $3::timestamptz - interval '1 microsecond', $4::interval) AS start),
     flows AS (
       SELECT ${bucketOf("(f.day::timestamp AT TIME ZONE 'UTC')", '$4')} AS start, sum(f.inflow) AS inflow, sum(f.outflow) AS outflow, max(f.recorded_at) AS last_recorded_at
       FROM ${knownAtSource('exchange_flow', 'f', knownAt ? '$5::timestamptz' : null)}
       WHERE f.asset_id = $1 AND f.day >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND f.day < ($3::timestamptz AT TIME ZONE 'UTC')::date
       GROUP BY 1
     )
     SELECT b.start, coalesce(f.inflow, 0) AS inflow, coalesce(f.outflow, 0) AS outflow, f.last_recorded_at
     FROM buckets b LEFT JOIN flows f ON f.start = b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, knownAt] : [assetId, range.firstStart, range.to, range.stepSql],
  );
}
