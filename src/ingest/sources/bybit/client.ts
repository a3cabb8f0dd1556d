import { JsonHttpClient } from '../../http';

/** Bybit v5 envelope: `retCode ≠ 0` is an error even on HTTP 200. */
export interface BybitEnvelope<Result> {
  retCode: number;
  retMsg: string;
  result: Result;
  time: number;
}
/** Every number is a string except `fundingInterval` (minutes, an integer). */
export interface BybitInstrument {
  symbol: string;
  /** LinearPerpetual, LinearFutures, … */
  contractType: string;
  status: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin?: string;
  launchTime?: string;
  /** ms string; perpetuals: a delisting time, `"0"` = none. */
  deliveryTime?: string;
  fundingInterval?: number;
}
/**
 * `openInterest` is BOTH sides summed ("The value is the sum of both sides"); the
 * `singleOpenInterest` added in 2026-06 is one side. Base coin on linear contracts.
 */
export interface BybitOpenInterestPoint {
  openInterest: string;
  singleOpenInterest?: string;
  timestamp: string;
}
export interface BybitFundingPoint {
  symbol: string;
  fundingRate: string;
  fundingRateTimestamp: string;
}
export interface BybitTicker {
  symbol: string;
  markPrice: string;
  indexPrice?: string;
  /** Both sides summed, like the open-interest endpoint's `openInterest` (coins on linear). */
  openInterest?: string;
  openInterestValue?: string;
  fundingRate?: string;
  nextFundingTime?: string;
}
export interface BybitOrderBook {
  s: string;
  b: Array<[string, string]>;
  a: Array<[string, string]>;
  ts: number;
  u: number;
}
/** [startTime, open, high, low, close], strings, newest first. */
export type BybitKline = [string, string, string, string, string];
/** WS `allLiquidation.<symbol>` push; `S` is the liquidated POSITION's side. */
export interface BybitAllLiquidationMessage {
  topic: string;
  type?: string;
  ts: number;
  data: Array<{ T: number; s: string; S: 'Buy' | 'Sell'; v: string; p: string; id?: string }>;
}

/** Bybit's "too many visits" (10006) and transient server errors are worth a retry. */
const retryableCodes = new Set([10000, 10006, 10016]);
export function checkEnvelope(body: unknown) {
  const envelope = body as Partial<BybitEnvelope<unknown>>;
  if (typeof envelope?.retCode !== 'number') return { message: 'response without retCode', retryable: false };
  if (envelope.retCode === 0) return null;
  return { message: `retCode ${envelope.retCode} "${envelope.retMsg ?? ''}"`, retryable: retryableCodes.has(envelope.retCode) };
}

/** Typed v5 market calls (category linear); each counts 1 against the IP budget. */
/** Levels a side Cascade asks /v5/market/orderbook for: a side this long may go on past it. */
export const orderBookLevelLimit = 200;

export class BybitClient {
  constructor(private readonly http: JsonHttpClient) {}

  private get<Result>(path: string, query: Record<string, string | number | undefined>): Promise<BybitEnvelope<Result>> {
    return this.http.get(path, { weight: 1, query: { category: 'linear', ...query }, validate: checkEnvelope });
  }

  instruments(cursor?: string) {
    return this.get<{ list: BybitInstrument[]; nextPageCursor?: string }>('/v5/market/instruments-info', { limit: 1000, cursor });
  }

  openInterest(symbol: string, startTime: number, endTime: number, cursor?: string, limit = 200) {
    return this.get<{ symbol: string; list: BybitOpenInterestPoint[]; nextPageCursor?: string }>('/v5/market/open-interest', {
      symbol,
      intervalTime: '5min',
      startTime,
      endTime,
      limit,
      cursor,
    });
  }

  /** Needs both bounds: `startTime` alone is rejected by the venue. */
  fundingHistory(symbol: string, startTime: number, endTime: number, limit = 200) {
    return this.get<{ list: BybitFundingPoint[] }>('/v5/market/funding/history', { symbol, startTime, endTime, limit });
  }

  tickers() {
    return this.get<{ list: BybitTicker[] }>('/v5/market/tickers', {});
  }

  orderBook(symbol: string, limit = orderBookLevelLimit) {
    return this.get<BybitOrderBook>('/v5/market/orderbook', { symbol, limit });
  }

  /** Mark-price candles (interval in minutes), to value historical coin OI in USD. */
  markPriceKlines(symbol: string, intervalMinutes: number, start: number, end: number, limit = 200) {
    return this.get<{ symbol: string; list: BybitKline[] }>('/v5/market/mark-price-kline', { symbol, interval: intervalMinutes, start, end, limit });
  }
}
