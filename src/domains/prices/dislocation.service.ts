import { Db } from '../../db/sql';
import { BucketRange, bucketOf } from '../shared/series';

export interface DislocationRow {
  start: Date;
  venue_id: number;
  mark_price: number;
  median_mark_price: number;
}

/** Per bucket and venue: mean of its perpetuals' last marks, and the median across venues. */
export function findDislocations(db: Db, assetId: number, range: BucketRange): Promise<DislocationRow[]> {
  return db.query<DislocationRow>(
    `WITH last_mark AS (
       SELECT DISTINCT ON (m.instrument_id, ${bucketOf('m.at', '$4')}) ${bucketOf('m.at', '$4')} AS start, i.venue_id, m.mark_price
       FROM mark_price m JOIN instrument i ON i.id = m.instrument_id
       WHERE m.asset_id = $1 AND m.at >= $2 AND m.at < $3 AND i.contract_type = 'PERPETUAL'
       ORDER BY m.instrument_id, ${bucketOf('m.at', '$4')}, m.at DESC
     ),
     per_venue AS (SELECT start, venue_id, avg(mark_price) AS mark_price FROM last_mark GROUP BY 1, 2),
     medians AS (SELECT start, percentile_cont(0.5) WITHIN GROUP (ORDER BY mark_price) AS median_mark_price FROM per_venue GROUP BY start)
     SELECT v.start, v.venue_id, v.mark_price, m.median_mark_price
     FROM per_venue v JOIN medians m USING (start) ORDER BY v.start, v.venue_id`,
    [assetId, range.firstStart, range.to, range.stepSql],
  );
}
