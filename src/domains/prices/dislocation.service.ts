import { Db } from '../../db/sql';
import { BucketRange, bucketOf } from '../shared/series';

export interface DislocationRow {
  start: Date;
  venue_id: number;
  mark_price: number;
  median_mark_price: number;
}

/**
 * Per bucket and venue: the mean of its perpetuals' last marks in the bucket, and the median of
 * the same figure over the OTHER venues that reported in the bucket (a venue is not part of the
 * yardstick it is measured with; a bucket where no other venue reported has no row). Marks are
 * taken in each contract's quote currency at par — 1 USDT = 1 USDC = 1 USD — as open interest is
 * (docs/analytics.md, "Venue dislocation"): a stablecoin off par shows as dislocation of the venues
 * quoting in it, by the size of its gap.
 */
export function findDislocations(db: Db, assetId: number, range: BucketRange): Promise<DislocationRow[]> {
  return db.query<DislocationRow>(
    `WITH last_mark AS (
       SELECT DISTINCT ON (m.instrument_id, ${bucketOf('m.at', '$4')}) ${bucketOf('m.at', '$4')} AS start, i.venue_id, m.mark_price
       FROM mark_price m JOIN instrument i ON i.id = m.instrument_id
       WHERE m.asset_id = $1 AND m.at >= $2 AND m.at < $3 AND i.contract_type = 'PERPETUAL'
       ORDER BY m.instrument_id, ${bucketOf('m.at', '$4')}, m.at DESC
     ),
     per_venue AS (SELECT start, venue_id, avg(mark_price) AS mark_price FROM last_mark GROUP BY 1, 2)
     SELECT v.start, v.venue_id, v.mark_price, others.median_mark_price
     FROM per_venue v
     CROSS JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o.mark_price) AS median_mark_price
                         FROM per_venue o WHERE o.start = v.start AND o.venue_id <> v.venue_id) others
     WHERE others.median_mark_price IS NOT NULL
     ORDER BY v.start, v.venue_id`,
    [assetId, range.firstStart, range.to, range.stepSql],
  );
}
