import { JsonHttpClient } from '../../http';

/**
 * OKX v5 public REST payloads. The envelope's `code` is a STRING ("0" = success); almost every
 * number and every `ts` is a string too (times in ms), and `""` means "not available".
 */
export interface OkxEnvelope<Row> {
  code: string;
  msg: string;
  data: Row[];
}
export interface OkxInstrument {
  instId: string;
  /** SWAP or FUTURES (the listing is asked per type). */
  instType?: string;
  /** `BTC-USDT`: base and quote of the contract family. */
  instFamily?: string;
  uly?: string;
  settleCcy?: string;
  /** Contract value: `ctVal × ctMult` units of `ctValCcy` (coins when linear, USD when inverse). */
  ctVal: string;
  ctMult?: string;
  ctValCcy?: string;
  ctType: string;
  /** live, suspend, preopen, test… */
  state: string;
  /** Delivery time of a dated future (ms); `""` on swaps. */
  expTime?: string;
  /** this_week, next_week, quarter, next_quarter… (dated futures only). */
  alias?: string;
}
/** OKX's instrument types Cascade lists: perpetual swaps and dated (delivery) futures. */
export type OkxDerivativeType = 'SWAP' | 'FUTURES';
/**
 * A row of GET /api/v5/market/index-tickers: the OKX index `instId` (`BTC-USDT`, `BTC-USD`: the
 * contract family's name) at `idxPx`, stamped `ts` (ms), strings.
 */
export interface OkxIndexTicker {
  instId: string;
  idxPx: string;
  ts: string;
}
export interface OkxOpenInterest {
  instId: string;
  /** Contracts. */
  oi: string;
  /** Coins. */
  oiCcy?: string;
  /** USD; a newer field, absent or `""` on some answers. */
  oiUsd?: string;
  ts: string;
}
export interface OkxFundingRate {
  instId: string;
  fundingRate: string;
  /** The settlement the current rate applies to; the interval is nextFundingTime − fundingTime. */
  fundingTime: string;
  nextFundingTime?: string;
  ts?: string;
}
export interface OkxFundingHistoryRow {
  instId: string;
  fundingRate: string;
  /** What was actually charged; preferred when present. */
  realizedRate?: string;
  fundingTime: string;
}
export interface OkxMarkPrice {
  instId: string;
  markPx: string;
  ts: string;
}
/** [price, size in contracts, deprecated "0", order count], all strings. */
export type OkxBookLevel = [string, string, string, string];
export interface OkxBook {
  asks: OkxBookLevel[];
  bids: OkxBookLevel[];
  ts: string;
}
export interface OkxLiquidationDetail {
  /** Order side of the forced order: a `sell` closes a long. */
  side: string;
  /** The liquidated POSITION: long, short (hedge mode) or net (one-way mode: read `side`). */
  posSide: string;
  /** Bankruptcy price. */
  bkPx: string;
  /** Contracts. */
  sz: string;
  /** Bankruptcy loss and its currency; not stored. */
  bkLoss?: string;
  ccy?: string;
  ts: string;
}
export interface OkxLiquidationGroup {
  instId: string;
  instFamily?: string;
  instType?: string;
  uly?: string;
  details: OkxLiquidationDetail[];
}
/**
 * A push of the public `liquidation-orders` channel (`/ws/v5/public`): the same groups as the
 * REST answer's `data`. OKX: "each contract will only show a maximum of one order per one-second
 * period. This data doesn't represent the total number of liquidations" — a floor.
 */
export interface OkxLiquidationPush {
  arg: { channel: string; instType?: string };
  data: OkxLiquidationGroup[];
}
/** Subscribes to every swap's liquidations on one connection. */
export const okxLiquidationSubscription = { op: 'subscribe', args: [{ channel: 'liquidation-orders', instType: 'SWAP' }] };

/** 50011 "too many requests" and the 5001x/5000x "busy / timed out" family are worth a retry. */
const retryableCodes = new Set(['50001', '50004', '50011', '50013', '50026']);

export function checkEnvelope(body: unknown) {
  const envelope = body as Partial<OkxEnvelope<unknown>>;
  if (typeof envelope?.code !== 'string') return { message: 'response without a code', retryable: false };
  if (envelope.code === '0') return null;
  return { message: `code ${envelope.code} "${envelope.msg ?? ''}"`, retryable: retryableCodes.has(envelope.code) };
}

/** Largest page the history endpoints serve. */
export const okxPageLimit = 100;

/** Typed public calls; each counts 1 against the source budget (OKX limits per endpoint per 2 s). */
/** Levels a side Cascade asks /api/v5/market/books for (`sz`, at most 400): a side this long may go on. */
export const bookLevelLimit = 400;

export class OkxClient {
  constructor(private readonly http: JsonHttpClient) {}

  private async get<Row>(path: string, query: Record<string, string | number | undefined>): Promise<Row[]> {
    const envelope = await this.http.get<OkxEnvelope<Row>>(path, { weight: 1, query, validate: checkEnvelope });
    return envelope.data ?? [];
  }

  instruments(instType: OkxDerivativeType = 'SWAP') {
    return this.get<OkxInstrument>('/api/v5/public/instruments', { instType });
  }

  openInterest() {
    return this.get<OkxOpenInterest>('/api/v5/public/open-interest', { instType: 'SWAP' });
  }

  fundingRate(instId: string) {
    return this.get<OkxFundingRate>('/api/v5/public/funding-rate', { instId });
  }

  /** Newest first; `after` (ms) returns rows OLDER than it. */
  fundingRateHistory(instId: string, after?: number) {
    return this.get<OkxFundingHistoryRow>('/api/v5/public/funding-rate-history', { instId, after, limit: okxPageLimit });
  }

  markPrices(instType: OkxDerivativeType = 'SWAP') {
    return this.get<OkxMarkPrice>('/api/v5/public/mark-price', { instType });
  }

  /** Every OKX index quoted in `quoteCcy` (USD, USDT, USDC, BTC), now. */
  indexTickers(quoteCcy: string) {
    return this.get<OkxIndexTicker>('/api/v5/market/index-tickers', { quoteCcy });
  }

  async book(instId: string, depth = bookLevelLimit): Promise<OkxBook | undefined> {
    return (await this.get<OkxBook>('/api/v5/market/books', { instId, sz: depth }))[0];
  }

  /**
   * Filled liquidations of a family (e.g. BTC-USDT), newest first; `after` (ms) pages to older
   * ones. No longer listed in OKX's public-data REST pages (see docs/data-sources.md): kept only
   * to fill the stream's gaps while it still answers.
   */
  liquidationOrders(instFamily: string, after?: number) {
    return this.get<OkxLiquidationGroup>('/api/v5/public/liquidation-orders', { instType: 'SWAP', instFamily, state: 'filled', after, limit: okxPageLimit });
  }
}
