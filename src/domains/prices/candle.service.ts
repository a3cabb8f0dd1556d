import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { Interval } from '../shared/enums';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';

export interface CandleBucketRow {
  asset_id: number;
  start: Date;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume_usd: number;
}

/**
 * Day and week buckets are built from daily candles when the asset has any in the range, finer
 * buckets from minute candles: a W1 series reads 7 rows a week instead of 10,080.
 */
function sourceResolution(interval: Interval): 'M1' | 'D1' {
  return interval === Interval.D1 || interval === Interval.W1 ? 'D1' : 'M1';
}

/** Gap-filled candles for several assets in one statement (assets × buckets rows). */
export function findCandleBuckets(db: Db, assetIds: readonly number[], range: BucketRange, knownAt?: Date | null): Promise<CandleBucketRow[]> {
  const k = knownAt ? '$6::timestamptz' : null;
  return db.query<CandleBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     wanted AS (SELECT unnest($1::int[]) AS asset_id),
     source AS (
       -- Daily candles where they exist, else minute candles rolled up.
       SELECT w.asset_id,
              CASE WHEN $5::text = 'D1' AND EXISTS (SELECT 1 FROM ${knownAtSource('candle', 'd', k)} WHERE d.asset_id = w.asset_id AND d.resolution = 'D1'
                                                AND d.start >= $2 AND d.start < $3) THEN 'D1' ELSE 'M1' END AS resolution
       FROM wanted w
     ),
     agg AS (
       SELECT c.asset_id, ${bucketOf('c.start', '$4')} AS start,
              (array_agg(c.open ORDER BY c.start) FILTER (WHERE c.open IS NOT NULL))[1] AS open,
              max(c.high) AS high, min(c.low) AS low,
              (array_agg(c.close ORDER BY c.start DESC) FILTER (WHERE c.close IS NOT NULL))[1] AS close,
              sum(c.volume_usd) AS volume_usd
       FROM ${knownAtSource('candle', 'c', k)} JOIN source s ON s.asset_id = c.asset_id AND s.resolution = c.resolution
       WHERE c.start >= $2 AND c.start < $3
       GROUP BY 1, 2
     )
     SELECT w.asset_id, b.start, a.open, a.high, a.low, a.close, coalesce(a.volume_usd, 0) AS volume_usd
     FROM wanted w CROSS JOIN buckets b
     LEFT JOIN agg a ON a.asset_id = w.asset_id AND a.start = b.start
     ORDER BY w.asset_id, b.start`,
    knownAt
      ? [assetIds, range.firstStart, range.to, range.stepSql, sourceResolution(range.interval), knownAt]
      : [assetIds, range.firstStart, range.to, range.stepSql, sourceResolution(range.interval)],
  );
}

/** Latest close per asset (minute candles first, else daily), in one statement. */
export function findLatestPrices(db: Db, assetIds: readonly number[], at?: Date): Promise<Array<{ asset_id: number; close: number }>> {
  return db.query(
    `SELECT a.asset_id, latest.close
     FROM unnest($1::int[]) AS a(asset_id)
     CROSS JOIN LATERAL (
       SELECT c.close FROM candle c
       WHERE c.asset_id = a.asset_id AND c.close IS NOT NULL AND ($2::timestamptz IS NULL OR c.start <= $2)
       ORDER BY c.start DESC, c.resolution ASC LIMIT 1
     ) latest`,
    [assetIds, at ?? null],
  );
}

/** Completed daily closes of an asset before `before`, oldest first (RSI inputs). */
export function findDailyCloses(db: Db, assetId: number, before: Date, knownAt?: Date | null): Promise<Array<{ start: Date; close: number }>> {
  return db.query(
    `SELECT start, close FROM ${knownAtSource('candle', 'c', knownAt ? '$3::timestamptz' : null)}
     WHERE asset_id = $1 AND resolution = 'D1' AND close IS NOT NULL AND start < $2 ORDER BY start`,
    knownAt ? [assetId, before, knownAt] : [assetId, before],
  );
}
