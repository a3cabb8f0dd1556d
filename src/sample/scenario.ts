/**
 * The sample scenario's headline figures, held by construction (the generators scale their
 * output to hit them). They echo the autumn of 2025 as it was publicly reported:
 * - BTC closed at a record near $126k on 6 October 2025 (intraday high ≈ $126.2k), and was
 *   trading near $85k by 21 November, daily RSI under 30 for the first time since the spring;
 * - 10 October 2025 (≈ 21:00 UTC, after the US tariff announcement) was the largest liquidation
 *   day on record: CoinGlass counted ≈ $19B liquidated, mostly longs, across ~1.6M traders, with
 *   Hyperliquid the largest venue; aggregate BTC open interest fell by roughly a fifth and
 *   ±2 % order-book depth briefly vanished, Hyperliquid marks trading well below other venues;
 * - 4 November 2025: BTC dipped under $100k with ≈ $2B liquidated, mostly in one hour;
 * - US spot BTC ETFs took their largest week (~$3.2B) in early October and bled ≈ $3.5B in
 *   November; long-term holders distributed coins through October–November while whale
 *   wallets accumulated.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Market data (candles, liquidations, OI, funding, marks, depth): [start, end). */
export const MARKET_START = '2025-09-01';
export const MARKET_END = '2025-11-22';
/** ETF flows, holder cohorts and exchange flows begin earlier. */
export const FLOWS_START = '2025-06-01';

export const BTC_PEAK_DAY = '2025-10-06';
export const BTC_PEAK_CLOSE_USD = 126_000;
export const BTC_CLOSE_2025_11_21_USD = 85_100;

export const CASCADE_DAY = '2025-10-10';
export const CASCADE_LIQUIDATIONS_USD = 19_000_000_000;
export const CASCADE_LONG_SHARE = 0.8;
/** The cascade's peak hour (UTC) on CASCADE_DAY. */
export const CASCADE_PEAK_HOUR = 21;

export const NOVEMBER_DIP_DAY = '2025-11-04';
export const NOVEMBER_DIP_LIQUIDATIONS_USD = 2_100_000_000;
export const NOVEMBER_DIP_LONG_SHARE = 0.78;
export const NOVEMBER_DIP_HOUR = 14;

/** Ordinary days' liquidations across all assets stay within this band (USD). */
export const ORDINARY_DAY_MIN_USD = 110_000_000;
export const ORDINARY_DAY_MAX_USD = 580_000_000;
/** Liquidation events at scale 1, all days and assets (the `scale` option multiplies it). */
export const BASE_EVENT_COUNT = 150_000;

export const BTC_OI_START_USD = 60_000_000_000;
/** ±2 % depth in the cascade hour relative to each venue's trailing 30-day median. */
export const CASCADE_DEPTH_RATIO = 0.05;

export const ETF_WEEKLY_CAP_USD = 5_000_000_000;
export const ETF_NOVEMBER_TOTAL_USD = -3_500_000_000;

export const SAMPLE_ORIGIN = 'SAMPLE';

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

export const MARKET_START_MS = dayMs(MARKET_START);
export const MARKET_DAYS = daysBetween(MARKET_START, MARKET_END);
export const MARKET_MINUTES = MARKET_DAYS * 1440;
export const MARKET_HOURS = MARKET_DAYS * 24;

/**
 * Hyperliquid's marks broke away from other venues during the cascade: several percent below
 * for a few minutes (its book emptied while auto-deleveraging ran). Factor applied to its mark.
 */
export function hyperliquidDislocation(ms: number): number {
  const start = Date.parse(`${CASCADE_DAY}T21:12:00Z`);
  const minutes = (ms - start) / MINUTE_MS;
  if (minutes < 0 || minutes > 10) return 1;
  return 1 - 0.065 * Math.sin((Math.PI * minutes) / 10);
}
