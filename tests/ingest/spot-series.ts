import { fixture } from '../support/venue-server';

/**
 * Synthetic spot candles for the loopback venues: every minute from 08:00 to 09:00 on
 * 2024-06-10 (the 09:00 one still open at the tests' "now"), with prices derived from the
 * minute so each venue's rows can be checked by hand.
 */
const firstMinuteMs = Date.UTC(2024, 5, 10, 8);
const minutes = 61;

export function minutePrice(asset: string, startMs: number): number {
  const base = asset === 'BTC' ? 69900 : asset === 'ETH' ? 3650 : 155;
  return base + (startMs - firstMinuteMs) / 60_000;
}

/** Binance spot klines (12 elements, strings) of BTCUSDT and ETHUSDT; SOLUSDT is unknown (null). */
export function binanceKlines(symbol: string, interval: string): unknown[][] | null {
  const asset = symbol.replace(/USDT$/, '');
  if (asset !== 'BTC' && asset !== 'ETH') return null;
  if (interval === '1d') return asset === 'BTC' ? fixture('binance-spot', 'klines.BTCUSDT.1d') : [];
  return Array.from({ length: minutes }, (_, i) => {
    const start = firstMinuteMs + i * 60_000;
    const close = minutePrice(asset, start);
    return [start, String(close - 0.5), String(close + 1), String(close - 1), String(close), '2.5', start + 59_999, String(2.5 * close + 0.25), 40, '1.2', String(1.2 * close), '0'];
  });
}

/**
 * Coinbase candles ([time s, low, high, open, close, volume], numbers) of BTC-USD and ETH-USD,
 * and of USDT-USD (USD per USDT) from its fixtures (two minutes without ticks, 08:30 and 08:31).
 */
export function coinbaseCandles(product: string, granularity: number): unknown[][] | null {
  if (product === 'USDT-USD') return fixture('coinbase', `candles.USDT-USD.${granularity}`);
  const asset = product.replace(/-USD$/, '');
  if (asset !== 'BTC' && asset !== 'ETH') return null;
  if (granularity === 86_400) return asset === 'BTC' ? fixture('coinbase', 'candles.BTC-USD.86400') : [];
  return Array.from({ length: minutes }, (_, i) => {
    const start = firstMinuteMs + i * 60_000;
    const close = minutePrice(asset, start) + 0.1;
    return [start / 1000, close - 1, close + 1, close - 0.5, close, 3];
  });
}
