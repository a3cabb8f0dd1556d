import { SourceCandleRow, StablecoinRateRow } from '../domains/prices/source-candle.table';
import { AssetPath } from './prices';
import { normal, stream } from './random';
import { CASCADE_DAY, CASCADE_PEAK_HOUR, DAY_MS, dayMs, HOUR_MS, MARKET_MINUTES, MARKET_START_MS, MINUTE_MS, NOVEMBER_DIP_DAY, SAMPLE_ORIGIN } from './scenario';

/**
 * The Coinbase premium story of the sample (BTC only): US spot buyers paid up through the run to
 * the October record (+6 to +12 bp over Binance, in USD), sold hardest into the 10 October
 * cascade (about −45 bp at its peak hour), and kept a discount through the November slide
 * (−10 to −20 bp, deepest on the 4 November dip), as the premium was publicly charted that
 * autumn. USDT traded a few basis points over par, more during the cascade (+15 bp at 21:00),
 * so the at-par premium reads lower than the USD one exactly by that gap.
 *
 * Source candles are written for one minute an hour (the :59 minute, which is what an hourly or
 * coarser bucket compares) plus every minute of the cascade day, and a daily candle a day: the
 * premium needs both venues' closes of the same minute, not a second copy of every candle.
 */

/** The story's premium in USD terms at a moment, basis points, before noise. */
export function samplePremiumBps(ms: number): number {
  const peakMs = dayMs(CASCADE_DAY) + CASCADE_PEAK_HOUR * HOUR_MS;
  const dipMs = dayMs(NOVEMBER_DIP_DAY) + 14 * HOUR_MS;
  // The cascade: a V of about six hours around its peak hour.
  const cascade = -45 * Math.max(0, 1 - Math.abs(ms - peakMs) / (3 * HOUR_MS));
  const dip = -12 * Math.max(0, 1 - Math.abs(ms - dipMs) / (6 * HOUR_MS));
  const baseline = ms < peakMs - 3 * HOUR_MS ? 6 + (6 * (ms - MARKET_START_MS)) / (peakMs - MARKET_START_MS) : ms < dayMs('2025-10-14') ? -4 : -12;
  return baseline + cascade + dip;
}

/** USDT above par, basis points: a couple normally, 15 at the cascade's peak. */
export function sampleUsdtDeviationBps(ms: number): number {
  const peakMs = dayMs(CASCADE_DAY) + CASCADE_PEAK_HOUR * HOUR_MS;
  return 2 + 13 * Math.max(0, 1 - Math.abs(ms - peakMs) / (2 * HOUR_MS));
}

/** The minutes the sample writes source candles for: each hour's :59, and all of the cascade day. */
function sampledMinutes(): number[] {
  const cascadeFirst = (dayMs(CASCADE_DAY) - MARKET_START_MS) / MINUTE_MS;
  const minutes: number[] = [];
  for (let k = 0; k < MARKET_MINUTES; k++) {
    if (k % 60 === 59 || (k >= cascadeFirst && k < cascadeFirst + 1440)) minutes.push(k);
  }
  return minutes;
}

/**
 * Coinbase (USD) and Binance (USDT) candles of one asset and the USDT-USD rate, from the asset's
 * price path: Coinbase's close is the path's, Binance's the same price less the story's premium
 * and divided by the USDT rate, so premiumBps reproduces the story (± 1.5 bp of noise).
 */
export function spotPremiumRows(assetId: number, path: AssetPath): { candles: SourceCandleRow[]; rates: StablecoinRateRow[] } {
  const random = stream(`spot-premium|${path.symbol}`);
  const candles: SourceCandleRow[] = [];
  const rates: StablecoinRateRow[] = [];
  const pair = (resolution: 'M1' | 'D1', start: Date, open: number, close: number, premiumBps: number, usdtUsd: number, volumeUsd: number) => {
    const toBinance = (usd: number) => usd / (1 + premiumBps / 10_000) / usdtUsd;
    const levels = (o: number, c: number) => ({ open: o, high: Math.max(o, c) * 1.0004, low: Math.min(o, c) * 0.9996, close: c });
    candles.push({ asset_id: assetId, source: 'coinbase', resolution, start, quote_currency: 'USD', ...levels(open, close), volume_quote: volumeUsd * 0.15, origin: SAMPLE_ORIGIN });
    candles.push({ asset_id: assetId, source: 'binance-spot', resolution, start, quote_currency: 'USDT', ...levels(toBinance(open), toBinance(close)), volume_quote: (volumeUsd * 0.45) / usdtUsd, origin: SAMPLE_ORIGIN });
    rates.push({ currency: 'USDT', source: 'coinbase', resolution, start, ...levels(usdtUsd, usdtUsd), origin: SAMPLE_ORIGIN });
  };
  for (const k of sampledMinutes()) {
    const ms = MARKET_START_MS + k * MINUTE_MS;
    const premium = samplePremiumBps(ms) + 1.5 * normal(random);
    const usdtUsd = 1 + (sampleUsdtDeviationBps(ms) + 0.5 * normal(random)) / 10_000;
    pair('M1', new Date(ms), path.minute[k], path.minute[k + 1], premium, usdtUsd, path.minuteVolumeUsd);
  }
  for (let day = 0; day * 1440 < MARKET_MINUTES; day++) {
    const ms = MARKET_START_MS + day * DAY_MS;
    // A day's close is its last minute's: the premium and rate of that minute.
    const closeMs = ms + DAY_MS - MINUTE_MS;
    pair('D1', new Date(ms), path.minute[day * 1440], path.minute[(day + 1) * 1440], samplePremiumBps(closeMs), 1 + sampleUsdtDeviationBps(closeMs) / 10_000, path.minuteVolumeUsd * 1440);
  }
  return { candles, rates };
}
