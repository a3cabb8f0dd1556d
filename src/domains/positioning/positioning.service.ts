import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';
import { LongShortRatioDefinition, servedPeriods } from './positioning.definitions';

/** One bucket of one stored series (venue, definition, scope), gap-filled. */
export interface PositioningBucketRow {
  venue_id: number;
  kind: LongShortRatioDefinition;
  scope: string;
  period: string;
  /** The series' first reading in market time: a bucket before it is not missing, only not yet published. */
  first_at: Date;
  start: Date;
  /** The reading the bucket shows (its last), null when none fell in the bucket. */
  at: Date | null;
  long_short_ratio: number | null;
  long_share: number | null;
  short_share: number | null;
  recorded_at: Date | null;
}

/**
 * Per series and bucket, the last reading whose venue stamp falls in the bucket (a ratio is a
 * state, not a flow: the bucket shows where it stood at its close). No reading in the bucket: null,
 * never carried from an earlier bucket, so a gap in the venue's publication stays visible. Series
 * are every (venue, definition, scope) with a reading before `to` as known at `knownAt`; each is
 * returned on every bucket of the range. Only the served periods (each venue's 5-minute value) are
 * read: readings of another period are another series the API does not mix in.
 */
export function findPositioningBuckets(
  db: Db,
  assetId: number,
  definitions: LongShortRatioDefinition[],
  venueIds: number[] | null,
  range: BucketRange,
  knownAt?: Date | null,
): Promise<PositioningBucketRow[]> {
  const source = knownAtSource('positioning_ratio', 'p', knownAt ? '$8::timestamptz' : null);
  const params: unknown[] = [assetId, range.firstStart, range.to, range.stepSql, definitions, venueIds, servedPeriods];
  if (knownAt) params.push(knownAt);
  return db.query<PositioningBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     readings AS (
       SELECT p.* FROM ${source}
       WHERE p.asset_id = $1 AND p.kind = ANY($5::text[]) AND p.period = ANY($7::text[]) AND p.at < $3
         AND ($6::int[] IS NULL OR p.venue_id = ANY($6))
     ),
     series AS (SELECT venue_id, kind, scope, period, min(at) AS first_at FROM readings GROUP BY 1, 2, 3, 4),
     last_in_bucket AS (
       SELECT DISTINCT ON (r.venue_id, r.kind, r.scope, r.period, ${bucketOf('r.at', '$4')})
              r.venue_id, r.kind, r.scope, r.period, ${bucketOf('r.at', '$4')} AS start,
              r.at, r.long_short_ratio, r.long_share, r.short_share, r.recorded_at
       FROM readings r WHERE r.at >= $2
       ORDER BY r.venue_id, r.kind, r.scope, r.period, ${bucketOf('r.at', '$4')}, r.at DESC
     )
     SELECT s.venue_id, s.kind, s.scope, s.period, s.first_at, b.start,
            l.at, l.long_short_ratio, l.long_share, l.short_share, l.recorded_at
     FROM series s CROSS JOIN buckets b
     LEFT JOIN last_in_bucket l ON l.venue_id = s.venue_id AND l.kind = s.kind AND l.scope = s.scope AND l.period = s.period AND l.start = b.start
     ORDER BY s.venue_id, s.kind, s.scope, s.period, b.start`,
    params,
  );
}

/** Venues with an active instrument of the asset (within `venueIds` when given): those a definition is expected or not collected from. */
export async function venuesListing(db: Db, assetId: number, venueIds: number[] | null): Promise<number[]> {
  const rows = await db.query<{ venue_id: number }>(
    `SELECT DISTINCT venue_id FROM instrument WHERE asset_id = $1 AND active AND ($2::int[] IS NULL OR venue_id = ANY($2)) ORDER BY venue_id`,
    [assetId, venueIds],
  );
  return rows.map((r) => r.venue_id);
}
