import { JsonHttpClient } from '../../http';

/**
 * Coinbase Exchange candle: [time (unix SECONDS), low, high, open, close, volume], JSON numbers,
 * newest first. Low and high come BEFORE open. Some answers carry 5 elements (no volume).
 */
export type CoinbaseCandle = [number, number, number, number, number, number?];

export const candleGranularitySeconds = { M1: 60, D1: 86_400 } as const;

/** Coinbase rejects (does not truncate) a range of more than 300 candles. */
export const candlePageLimit = 300;

export class CoinbaseClient {
  constructor(private readonly http: JsonHttpClient) {}

  candles(productId: string, granularitySeconds: number, start: Date, end: Date): Promise<CoinbaseCandle[]> {
    return this.http.get(`/products/${encodeURIComponent(productId)}/candles`, {
      weight: 1,
      query: { granularity: granularitySeconds, start: start.toISOString(), end: end.toISOString() },
    });
  }
}
