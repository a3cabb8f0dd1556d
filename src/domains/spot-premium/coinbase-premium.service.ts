import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { Interval } from '../shared/enums';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';

/** The two spot sources the premium compares, as source_candle names them, and the rate's. */
export const premiumSources = { coinbase: 'coinbase', binance: 'binance-spot', rate: 'coinbase' } as const;

/** The stablecoin Binance quotes in, measured in USD by stablecoin_rate. */
export const premiumStablecoin = 'USDT';

export interface CoinbasePremiumRow {
  start: Date;
  /** Start of the candle whose two closes are compared (the latest both sources have in the bucket). */
  matched_at: Date | null;
  coinbase_close: number | null;
  binance_close: number | null;
  /** USD per USDT at matched_at (null when none is known within the look-back). */
  usdt_usd: number | null;
  has_coinbase: boolean;
  has_binance: boolean;
  has_rate: boolean;
  last_recorded_at: Date | null;
}

/**
 * Day and week buckets compare daily candles when the asset has any in the range, finer buckets
 * minute candles, as `candles` does. The USDT rate is read at the same resolution: the latest
 * one at or before the compared candle, no older than the look-back (USDT-USD has minutes without
 * a trade, and a minute's rate is a fine proxy for the next few; a day's rate is the same day's).
 */
function resolutionOf(interval: Interval): { resolution: 'M1' | 'D1'; rateLookBack: string } {
  return interval === Interval.D1 || interval === Interval.W1 ? { resolution: 'D1', rateLookBack: '0 seconds' } : { resolution: 'M1', rateLookBack: '59 minutes' };
}

/** The look-back of the USDT rate at minute resolution, in words (for descriptions and docs). */
export const rateLookBackWords = 'at most 59 minutes earlier for minute candles, the same day for daily ones';

/**
 * Per bucket, gap-filled (docs/analytics.md, "Coinbase premium"): the latest candle start in the
 * bucket at which BOTH Coinbase (asset-USD) and Binance spot (assetUSDT) stored a candle, their
 * closes there, and the USD price of USDT at that moment; whether each source (and the rate) had
 * anything in the bucket; and when Cascade learned the newest of them. Comparing closes of the same
 * candle keeps a minute Coinbase left out (no ticks) from setting one venue's 10:59 against the
 * other's 10:57.
 */
export function findCoinbasePremium(db: Db, assetId: number, range: BucketRange, knownAt?: Date | null): Promise<CoinbasePremiumRow[]> {
  const k = knownAt ? '$9::timestamptz' : null;
  const candles = (alias: string) => knownAtSource('source_candle', alias, k);
  const rates = (alias: string) => knownAtSource('stablecoin_rate', alias, k);
  const { resolution, rateLookBack } = resolutionOf(range.interval);
  const params: unknown[] = [assetId, range.firstStart, range.to, range.stepSql, resolution, premiumSources.coinbase, premiumSources.binance, rateLookBack];
  if (knownAt) params.push(knownAt);
  return db.query<CoinbasePremiumRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     res AS (
       SELECT CASE WHEN $5::text = 'D1' AND EXISTS (SELECT 1 FROM ${candles('d')} WHERE d.asset_id = $1 AND d.resolution = 'D1'
                                                  AND d.source IN ($6, $7) AND d.start >= $2 AND d.start < $3) THEN 'D1' ELSE 'M1' END AS resolution
     ),
     picked AS (
       SELECT c.source, c.start, c.close, c.recorded_at, res.resolution
       FROM ${candles('c')} JOIN res ON res.resolution = c.resolution
       WHERE c.asset_id = $1 AND c.source IN ($6, $7) AND c.start >= $2 AND c.start < $3
     ),
     seen AS (
       SELECT ${bucketOf('start', '$4')} AS start, bool_or(source = $6) AS has_coinbase, bool_or(source = $7) AS has_binance, max(recorded_at) AS recorded_at
       FROM picked GROUP BY 1
     ),
     matched AS (
       SELECT DISTINCT ON (1) ${bucketOf('cb.start', '$4')} AS start, cb.start AS at, cb.resolution, cb.close AS coinbase_close, bn.close AS binance_close
       FROM picked cb JOIN picked bn ON bn.start = cb.start AND bn.source = $7
       WHERE cb.source = $6
       ORDER BY 1, cb.start DESC
     ),
     rate_seen AS (
       SELECT ${bucketOf('r.start', '$4')} AS start, max(r.recorded_at) AS recorded_at
       FROM ${rates('r')} JOIN res ON res.resolution = r.resolution
       WHERE r.currency = '${premiumStablecoin}' AND r.source = '${premiumSources.rate}' AND r.start >= $2 AND r.start < $3
       GROUP BY 1
     )
     SELECT b.start, m.at AS matched_at, m.coinbase_close, m.binance_close, rate.close AS usdt_usd,
            coalesce(s.has_coinbase, false) AS has_coinbase, coalesce(s.has_binance, false) AS has_binance,
            CASE WHEN m.at IS NOT NULL THEN rate.close IS NOT NULL ELSE rs.start IS NOT NULL END AS has_rate,
            greatest(s.recorded_at, CASE WHEN m.at IS NOT NULL THEN rate.recorded_at ELSE rs.recorded_at END) AS last_recorded_at
     FROM buckets b
     LEFT JOIN seen s ON s.start = b.start
     LEFT JOIN matched m ON m.start = b.start
     LEFT JOIN rate_seen rs ON rs.start = b.start
     LEFT JOIN LATERAL (
       SELECT r.close, r.recorded_at FROM ${rates('r')}
       WHERE r.currency = '${premiumStablecoin}' AND r.source = '${premiumSources.rate}' AND r.resolution = m.resolution
         AND r.start <= m.at AND r.start >= m.at - $8::interval
       ORDER BY r.start DESC LIMIT 1
     ) rate ON m.at IS NOT NULL
     ORDER BY b.start`,
    params,
  );
}
