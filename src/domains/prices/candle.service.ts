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

/**
 * SQL for "the last price at or before `at`" (a timestamptz expression): the close of the latest
 * minute candle that has closed by `at` (start + 1 minute ≤ at) within 3 days, else of the latest
 * closed daily candle. The one definition behind priceUsd and RSI's provisional close; `candles`
 * gives the FROM source for an alias (plain or point-in-time).
 */
export function lastPriceAtSql(candles: (alias: string) => string, assetId: string, at: string): string {
  return `coalesce(
    (SELECT m.close FROM ${candles('m')} WHERE m.asset_id = ${assetId} AND m.resolution = 'M1' AND m.close IS NOT NULL
       AND m.start <= ${at} - interval '1 minute' AND m.start > ${at} - interval '3 days' ORDER BY m.start DESC LIMIT 1),
    (SELECT d.close FROM ${candles('d')} WHERE d.asset_id = ${assetId} AND d.resolution = 'D1' AND d.close IS NOT NULL
       AND d.start <= ${at} - interval '1 day' ORDER BY d.start DESC LIMIT 1))`;
}

/**
 * What RSI at several instants needs, in one statement: the asset's daily closes that start
 * before `before` (oldest first) and the last price at or before each of `times` (lastPriceAtSql),
 * in the order given.
 */
export async function findRsiInputs(
  db: Db,
  assetId: number,
  times: readonly Date[],
  before: Date,
  knownAt?: Date | null,
): Promise<{ dailyCloses: Array<{ start: Date; close: number }>; prices: Array<number | null> }> {
  const k = knownAt ? '$4::timestamptz' : null;
  const [row] = await db.query<{ starts: Date[]; closes: number[]; prices: Array<number | null> }>(
    `WITH daily AS (
       SELECT start, close FROM ${knownAtSource('candle', 'c', k)} WHERE asset_id = $1 AND resolution = 'D1' AND close IS NOT NULL AND start < $3)
     SELECT ARRAY(SELECT start FROM daily ORDER BY start) AS starts, ARRAY(SELECT close FROM daily ORDER BY start) AS closes,
            ARRAY(SELECT ${lastPriceAtSql((alias) => knownAtSource('candle', alias, k), '$1', 't.at')}
                  FROM unnest($2::timestamptz[]) WITH ORDINALITY AS t(at, n) ORDER BY t.n) AS prices`,
    knownAt ? [assetId, times, before, knownAt] : [assetId, times, before],
  );
  return { dailyCloses: row.starts.map((start, i) => ({ start, close: row.closes[i] })), prices: row.prices };
}
