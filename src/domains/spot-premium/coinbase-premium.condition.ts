import type { ConditionSeriesEntry } from '../signals/condition-series';
import { premiumSources, premiumStablecoin } from './coinbase-premium.service';

/** A matched minute older than this at the moment judged is not current: both sources write minute candles. */
export const coinbasePremiumStaleAfter = '15 minutes';

/**
 * The recovery-rule series COINBASE_PREMIUM_BP ("US spot demand back": e.g. premium above 0):
 * coinbasePremium.premiumBps at the moment, from minute candles. A figure of the asset (one pair
 * of venues), so no venue is named.
 */
export const coinbasePremiumSeries: ConditionSeriesEntry = {
  series: 'COINBASE_PREMIUM_BP',
  unit: 'basis points',
  description: `Coinbase premium, basis points: (Coinbase Exchange <ASSET>-USD close / (Binance spot <ASSET>USDT close × USD per USDT) − 1) × 10 000, at the latest minute candle both sources closed by the moment, no older than ${coinbasePremiumStaleAfter}, with the Coinbase USDT-USD rate of that minute or up to 59 minutes earlier: coinbasePremium.premiumBps at that instant (minute candles).`,
  publishedBy: null,
  aggregate: true,
  missingBecause: `no minute candle of both Coinbase and Binance spot closed within ${coinbasePremiumStaleAfter} of the time judged, or no USDT-USD rate within 59 minutes before it`,
  read: {
    sql: (m) => `WITH matched AS (
        SELECT cb.start, cb.close AS coinbase_close, bn.close AS binance_close
        FROM ${m.from('source_candle', 'cb')}
        JOIN ${m.from('source_candle', 'bn')} ON bn.asset_id = cb.asset_id AND bn.resolution = 'M1' AND bn.source = '${premiumSources.binance}' AND bn.start = cb.start
        WHERE cb.asset_id = ${m.asset} AND cb.resolution = 'M1' AND cb.source = '${premiumSources.coinbase}'
          AND cb.start <= ${m.at}::timestamptz - interval '1 minute' AND cb.start >= ${m.at}::timestamptz - interval '${coinbasePremiumStaleAfter}'
        ORDER BY cb.start DESC LIMIT 1),
      rate AS (
        SELECT r.close FROM ${m.from('stablecoin_rate', 'r')} JOIN matched ON r.start <= matched.start AND r.start >= matched.start - interval '59 minutes'
        WHERE r.currency = '${premiumStablecoin}' AND r.source = '${premiumSources.rate}' AND r.resolution = 'M1'
        ORDER BY r.start DESC LIMIT 1)
      SELECT ((SELECT coinbase_close FROM matched) / ((SELECT binance_close FROM matched) * (SELECT close FROM rate)) - 1) * 10000 AS value, NULL::text[] AS partial`,
  },
};
