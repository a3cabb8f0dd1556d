import { JsonHttpClient } from '../../http';

/**
 * Binance spot `/api/v3/klines` row, 12 elements: [open time ms, open, high, low, close,
 * base volume, close time ms, quote volume, trades, taker-buy base, taker-buy quote, unused].
 */
export type BinanceKline = [number, string, string, string, string, string, number, string, number, string, string, string];

export const klineIntervals = { M1: '1m', D1: '1d' } as const;

/** Largest page klines serves. */
export const klinePageLimit = 1000;

export class BinanceSpotClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** Weight 2; `startTime`/`endTime` are UTC and inclusive. */
  klines(symbol: string, interval: string, startTime: number, endTime: number): Promise<BinanceKline[]> {
    return this.http.get('/api/v3/klines', { weight: 2, query: { symbol, interval, startTime, endTime, limit: klinePageLimit } });
  }
}
