import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';

export interface FundingBucketRow {
  start: Date;
  /** Plain mean over instruments of each one's time-weighted 8 h rate. */
  average_rate: number | null;
  /** The same rates weighted by each instrument's open interest; null unless every rate has one. */
  oi_weighted_rate: number | null;
  instrument_count: number;
  venue_ids: number[] | null;
  expected_venue_ids: number[] | null;
  last_recorded_at: Date | null;
}

/**
 * Per bucket, per instrument first (docs/analytics.md, "Funding"): one rate per instrument, the
 * time-weighted mean of its payments normalised to 8 hours, Σ(rate × 8) / Σ intervalHours (each
 * payment covers its own interval, so an hourly venue's 24 payments weigh a day, as one 8-hourly
 * venue's three do); its weight is its open interest in the bucket, the mean of its readings there,
 * else its latest reading before the bucket's end within the open-interest staleness bound. Across
 * instruments: the plain mean, and the OI-weighted mean when every instrument paying has an open
 * interest (null otherwise: a weighting over a subset would be neither).
 */
export function findFundingBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<FundingBucketRow[]> {
  const oiSource = knownAtSource('open_interest', 'o', knownAt ? '$6::timestamptz' : null);
  return db.query<FundingBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     per_instrument AS (
       SELECT ${bucketOf('f.at', '$4')} AS start, f.instrument_id, i.venue_id,
              sum(f.rate * 8) / sum(f.interval_hours) AS rate_8h, max(f.recorded_at) AS recorded_at
       FROM ${knownAtSource('funding_rate', 'f', knownAt ? '$6::timestamptz' : null)} JOIN instrument i ON i.id = f.instrument_id
       WHERE f.asset_id = $1 AND f.at >= $2 AND f.at < $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       GROUP BY 1, 2, 3
     ),
     weighted AS (
       SELECT p.*, coalesce(inside.usd, carried.usd) AS open_interest_usd
       FROM per_instrument p
       LEFT JOIN LATERAL (SELECT avg(o.open_interest_usd) AS usd FROM ${oiSource}
                          WHERE o.asset_id = $1 AND o.instrument_id = p.instrument_id AND o.at >= p.start AND o.at < p.start + $4::interval) inside ON true
       LEFT JOIN LATERAL (SELECT o.open_interest_usd AS usd FROM ${oiSource}
                          WHERE o.asset_id = $1 AND o.instrument_id = p.instrument_id AND o.at < p.start + $4::interval
                            AND o.at >= p.start + $4::interval - interval '${openInterestStaleAfter}'
                          ORDER BY o.at DESC LIMIT 1) carried ON inside.usd IS NULL
     )
     SELECT b.start, avg(w.rate_8h) AS average_rate,
            CASE WHEN count(w.rate_8h) = count(w.open_interest_usd)
                 THEN sum(w.rate_8h * w.open_interest_usd) / nullif(sum(w.open_interest_usd), 0) END AS oi_weighted_rate,
            count(w.rate_8h)::int AS instrument_count,
            array_agg(DISTINCT w.venue_id) FILTER (WHERE w.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5', "AND contract_type = 'PERPETUAL'")}) AS expected_venue_ids,
            max(w.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN weighted w ON w.start = b.start
     GROUP BY b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds],
  );
}
