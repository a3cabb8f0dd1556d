/**
 * The US spot demand panel: the Coinbase premium over Binance in basis points, from
 * `coinbasePremium` on the timeline's buckets — in USD (Binance's USDT close converted at the
 * measured USDT price) and with USDT taken at par, so the stablecoin's own gap shows between them.
 */
export interface CoinbasePremiumBucket {
  start: string;
  premiumBps: number | null;
  premiumAtParBps: number | null;
}

/** The query field the panel needs, on the dashboard's own variables. */
export const coinbasePremiumSelection = 'coinbasePremium(asset: $asset, interval: $interval, from: $from, to: $to) { start premiumBps premiumAtParBps }';

export const coinbasePremiumTitle = 'Coinbase premium over Binance (bp)';

/** Two lines aligned to the timeline's buckets (the same range and interval, so the same starts). */
export function coinbasePremiumLines(buckets: CoinbasePremiumBucket[]) {
  return [
    { label: 'in USD (USDT at its measured price)', values: buckets.map((b) => b.premiumBps), color: '#0550ae' },
    { label: 'USDT at par', values: buckets.map((b) => b.premiumAtParBps), color: '#8c959f' },
  ];
}
