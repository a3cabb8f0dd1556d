import { JsonHttpClient } from '../../http';

/** Binance USD-M futures REST payloads, as documented (numbers mostly strings, times ms). */
export interface BinanceSymbolInfo {
  symbol: string;
  pair?: string;
  /** PERPETUAL, CURRENT_MONTH, NEXT_MONTH, CURRENT_QUARTER, NEXT_QUARTER — or values added later. */
  contractType: string;
  /** Perpetuals carry a year-2100 placeholder: not an expiry. */
  deliveryDate?: number;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters?: Array<{ filterType: string; tickSize?: string; stepSize?: string }>;
}
export interface BinanceExchangeInfo {
  rateLimits?: Array<{ rateLimitType: string; interval: string; intervalNum: number; limit: number }>;
  symbols: BinanceSymbolInfo[];
}
/** Only symbols whose funding settings were adjusted are listed; the rest use 8 h. */
export interface BinanceFundingInfo {
  symbol: string;
  fundingIntervalHours: number;
}
export interface BinanceOpenInterest {
  symbol: string;
  /** Base coin. */
  openInterest: string;
  time: number;
}
export interface BinanceOpenInterestHist {
  symbol: string;
  sumOpenInterest: string;
  /** Quote currency (USDT). */
  sumOpenInterestValue: string;
  /** ms; documented as a string, served as a number: both accepted. */
  timestamp: number | string;
}
export interface BinancePremiumIndex {
  symbol: string;
  markPrice: string;
  indexPrice?: string;
  /** Fraction per funding interval; `""` on delivery contracts. */
  lastFundingRate: string;
  nextFundingTime: number;
  time: number;
}
export interface BinanceFundingRate {
  symbol: string;
  fundingRate: string;
  fundingTime: number;
  markPrice?: string;
}
export interface BinanceDepth {
  lastUpdateId: number;
  E: number;
  T: number;
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}
/** WS `!forceOrder@arr` event. */
export interface BinanceForceOrderEvent {
  e: 'forceOrder';
  E: number;
  o: { s: string; S: 'SELL' | 'BUY'; o?: string; f?: string; q: string; p: string; ap: string; X?: string; l?: string; z: string; T: number };
}

export const openInterestHistPeriods = { '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 } as const;
export type OpenInterestHistPeriod = keyof typeof openInterestHistPeriods;

/** Levels a side Cascade asks /fapi/v1/depth for (the most it serves): a side this long may go on. */
export const depthLevelLimit = 1000;

/** Depth weight by limit, per the docs: 2 up to 50 levels, then 5 / 10 / 20. */
function depthWeight(limit: number): number {
  return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
}

/** Typed calls with their documented weights (the shared budget holds 2400 per minute). */
export class BinanceClient {
  constructor(private readonly http: JsonHttpClient) {}

  exchangeInfo(): Promise<BinanceExchangeInfo> {
    return this.http.get('/fapi/v1/exchangeInfo', { weight: 1 });
  }

  /** Weight 0 officially, but it shares a 500-per-5-minutes cap with fundingRate: count 1. */
  fundingInfo(): Promise<BinanceFundingInfo[]> {
    return this.http.get('/fapi/v1/fundingInfo', { weight: 1 });
  }

  openInterest(symbol: string): Promise<BinanceOpenInterest> {
    return this.http.get('/fapi/v1/openInterest', { weight: 1, query: { symbol } });
  }

  /** Weight 0 officially; a separate IP cap applies to /futures/data, so each call counts 1. */
  openInterestHist(symbol: string, period: OpenInterestHistPeriod, startTime: number, endTime: number, limit = 500): Promise<BinanceOpenInterestHist[]> {
    return this.http.get('/futures/data/openInterestHist', { weight: 1, query: { symbol, period, startTime, endTime, limit } });
  }

  /** All symbols at once (weight 10) — cheaper than one call per symbol past 10 symbols. */
  premiumIndexAll(): Promise<BinancePremiumIndex[]> {
    return this.http.get('/fapi/v1/premiumIndex', { weight: 10 });
  }

  fundingRate(symbol: string, startTime: number, endTime: number, limit = 1000): Promise<BinanceFundingRate[]> {
    return this.http.get('/fapi/v1/fundingRate', { weight: 1, query: { symbol, startTime, endTime, limit } });
  }

  depth(symbol: string, limit = depthLevelLimit): Promise<BinanceDepth> {
    return this.http.get('/fapi/v1/depth', { weight: depthWeight(limit), query: { symbol, limit } });
  }
}
