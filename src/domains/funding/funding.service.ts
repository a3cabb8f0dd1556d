import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';

/** Per bucket: the mean 8-hour-normalized rate, plain and weighted by open interest in USD. */
export function findFundingBuckets(
  db: Db,
  assetId: number,
  venueIds: number[] | null,
  range: BucketRange,
  knownAt?: Date | null,
): Promise<Array<{ start: Date; average_rate: number | null; oi_weighted_rate: number | null; venue_ids: number[] | null; expected_venue_ids: number[] | null; last_recorded_at: Date | null }>> {
  return db.query(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     rates AS (
       SELECT ${bucketOf('f.at', '$4')} AS start, f.rate * 8 / f.interval_hours AS rate_8h, oi.open_interest_usd, i.venue_id, f.recorded_at
       FROM ${knownAtSource('funding_rate', 'f', knownAt ? '$6::timestamptz' : null)} JOIN instrument i ON i.id = f.instrument_id
       LEFT JOIN LATERAL (
         SELECT o.open_interest_usd FROM ${knownAtSource('open_interest', 'o', knownAt ? '$6::timestamptz' : null)}
         WHERE o.asset_id = f.asset_id AND o.instrument_id = f.instrument_id AND o.at <= f.at
         ORDER BY o.at DESC LIMIT 1
       ) oi ON true
       WHERE f.asset_id = $1 AND f.at >= $2 AND f.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
     )
     SELECT b.start, avg(r.rate_8h) AS average_rate,
            sum(r.rate_8h * r.open_interest_usd) / nullif(sum(r.open_interest_usd), 0) AS oi_weighted_rate,
            array_agg(DISTINCT r.venue_id) FILTER (WHERE r.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5', "AND contract_type = 'PERPETUAL'")}) AS expected_venue_ids,
            max(r.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN rates r ON r.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
