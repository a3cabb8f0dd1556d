import { JsonHttpClient } from '../../http';

/**
 * Deribit's JSON-RPC over HTTP GET (`/api/v2/public/<method>`): `{jsonrpc, result}` or
 * `{jsonrpc, error: {code, message}}`. Values are JSON numbers, times ms.
 */
export interface DeribitEnvelope<Result> {
  jsonrpc: string;
  result?: Result;
  error?: { code: number; message: string; data?: unknown };
}
export interface DeribitInstrument {
  instrument_name: string;
  kind: string;
  /** `reversed` (inverse: USD contracts, BTC/ETH margin) or `linear` (USDC, coin amounts). */
  instrument_type?: string;
  future_type?: string;
  base_currency: string;
  quote_currency: string;
  counter_currency?: string;
  settlement_currency?: string;
  /** perpetual, month, week, day. */
  settlement_period: string;
  /** USD per contract on inverse instruments (BTC-PERPETUAL: 10), coins on linear ones. */
  contract_size: number;
  is_active: boolean;
  /** Perpetuals carry a far-future placeholder. */
  expiration_timestamp: number;
  /** The index the instrument is marked and settled against (`btc_usd`, `btc_usdc`). */
  price_index?: string;
}
/** public/get_index_price: the index now (no timestamp is sent). */
export interface DeribitIndexPrice {
  index_price: number;
  /** What futures on the index would deliver at now (Documentation > General > Expiration Price). */
  estimated_delivery_price?: number;
}
export interface DeribitBookSummary {
  instrument_name: string;
  base_currency?: string;
  mark_price: number | null;
  /** USD on inverse instruments, coins on linear USDC ones. */
  open_interest: number;
  creation_timestamp: number;
}
export interface DeribitFundingRow {
  timestamp: number;
  /** The funding of that hour, a fraction. */
  interest_1h: number;
  interest_8h?: number;
  index_price?: number;
}
/** [price, amount]: amount in USD on inverse instruments, coins on linear ones. */
export type DeribitBookLevel = [number, number];
export interface DeribitOrderBook {
  timestamp: number;
  instrument_name: string;
  state?: string;
  bids: DeribitBookLevel[];
  asks: DeribitBookLevel[];
  /** 0 when the side is empty: missing, not a price. */
  best_bid_price: number | null;
  best_ask_price: number | null;
  mark_price?: number;
  index_price?: number;
}

/**
 * A public trade as the `trades.(kind).(currency).(interval)` channel pushes it
 * (docs.deribit.com/subscriptions/trades/tradeskindcurrencyinterval, read 2026-12-03).
 */
export interface DeribitTrade {
  trade_id: string;
  trade_seq: number;
  instrument_name: string;
  timestamp: number;
  /** The TAKER's direction: the maker traded the other way. */
  direction: 'buy' | 'sell';
  tick_direction?: number;
  price: number;
  mark_price?: number;
  index_price?: number;
  /** USD on inverse instruments (BTC-PERPETUAL), base-currency coins on linear ones (BTC_USDC-PERPETUAL). */
  amount: number;
  /** Contracts; optional (absent from some trades). */
  contracts?: number;
  /** Only on trades caused by a liquidation: whose position was liquidated (maker, taker, both). */
  liquidation?: 'M' | 'T' | 'MT';
  block_trade_id?: string;
  iv?: number;
}

/** A JSON-RPC notification (no `id`): subscription data or a heartbeat. */
export interface DeribitNotification {
  jsonrpc: string;
  method: 'subscription' | 'heartbeat' | string;
  params?: { channel?: string; data?: unknown; type?: 'heartbeat' | 'test_request' | string };
}

/** The settlement currencies queried: inverse BTC and ETH instruments, and the linear USDC ones (SOL among them). */
export const deribitCurrencies = ['BTC', 'ETH', 'USDC'] as const;

/** too_many_requests, "retry", and timeouts on Deribit's side. */
const retryableCodes = new Set([10028, 10040, 13888]);

function checkEnvelope(body: unknown) {
  const envelope = body as Partial<DeribitEnvelope<unknown>>;
  if (envelope?.error) return { message: `error ${envelope.error.code} "${envelope.error.message ?? ''}"`, retryable: retryableCodes.has(Number(envelope.error.code)) };
  if (!envelope || !('result' in envelope)) return { message: 'response without result', retryable: false };
  return null;
}

/** Typed public methods; Deribit's credit system allows about 20 non-trading calls a second. */
export class DeribitClient {
  constructor(private readonly http: JsonHttpClient) {}

  private async call<Result>(method: string, query: Record<string, string | number | boolean>): Promise<Result> {
    const envelope = await this.http.get<DeribitEnvelope<Result>>(`/api/v2/public/${method}`, { weight: 1, query, validate: checkEnvelope });
    return envelope.result as Result;
  }

  instruments(currency: string) {
    return this.call<DeribitInstrument[]>('get_instruments', { currency, kind: 'future', expired: false });
  }

  bookSummaries(currency: string) {
    return this.call<DeribitBookSummary[]>('get_book_summary_by_currency', { currency, kind: 'future' });
  }

  /** The current value of an index (`btc_usd`, `eth_usd`, `btc_usdc`…). */
  indexPrice(indexName: string) {
    return this.call<DeribitIndexPrice>('get_index_price', { index_name: indexName });
  }

  /** Hourly rows of a perpetual, both bounds inclusive (ms). */
  fundingRateHistory(instrumentName: string, startMs: number, endMs: number) {
    return this.call<DeribitFundingRow[]>('get_funding_rate_history', { instrument_name: instrumentName, start_timestamp: startMs, end_timestamp: endMs });
  }

  orderBook(instrumentName: string, depth = 1000) {
    return this.call<DeribitOrderBook>('get_order_book', { instrument_name: instrumentName, depth });
  }
}
