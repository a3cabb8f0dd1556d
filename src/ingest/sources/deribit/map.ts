import { DepthRow } from '../../../domains/depth/depth.table';
import { FundingRow } from '../../../domains/funding/funding.table';
import { OpenInterestRow } from '../../../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../../../domains/prices/mark-price.table';
import { KnownInstrument, ListedInstrument } from '../../catalog';
import { depthBands, depthRow } from '../../depth';
import { amountInCoins } from '../../instruments';
import { VenueLiquidation } from '../../liquidation-stream';
import { msTime, num, optNum, roundToHour } from '../../parse';
import { DeribitBookSummary, DeribitFundingRow, DeribitInstrument, DeribitOrderBook, DeribitTrade } from './client';

/** Deribit publishes funding per hour (`interest_1h`); stored that way. */
export const fundingIntervalHours = 1;

function isLinear(item: DeribitInstrument): boolean {
  return item.instrument_type === 'linear' || item.future_type === 'linear';
}

/**
 * Futures of tracked assets: inverse perpetuals and dated futures (contract size in USD, e.g.
 * BTC-PERPETUAL 10 USD) and linear USDC perpetuals (contract size in coins).
 */
export function mapInstruments(list: DeribitInstrument[], assets: Map<string, number>): ListedInstrument[] {
  const listed: ListedInstrument[] = [];
  for (const item of list) {
    const assetId = assets.get(item.base_currency);
    const perpetual = item.settlement_period === 'perpetual';
    if (assetId === undefined || item.kind !== 'future' || (isLinear(item) && !perpetual)) continue;
    listed.push({
      assetId,
      symbol: item.instrument_name,
      contractType: perpetual ? 'PERPETUAL' : 'FUTURE',
      marginType: isLinear(item) ? 'LINEAR' : 'INVERSE',
      quoteCurrency: item.quote_currency,
      contractSize: num(item.contract_size, 'contract_size'),
      // A perpetual's expiration_timestamp is a far-future placeholder, not an expiry.
      expiresAt: perpetual ? null : msTime(item.expiration_timestamp, 'expiration_timestamp'),
      active: item.is_active,
      fundingIntervalHours: perpetual ? fundingIntervalHours : null,
    });
  }
  return listed;
}

// Deribit quotes AMOUNTS, not contracts (USD on inverse instruments, coins on linear ones):
// book levels and trades are converted with amountInCoins, never the contracts-based sizeInCoins.

/** Inverse OI is already USD; linear OI is coins × mark (USDC at par with USD). Null without a mark. */
export function mapOpenInterest(summary: DeribitBookSummary, instrument: KnownInstrument): OpenInterestRow | null {
  const amount = num(summary.open_interest, 'open_interest');
  const mark = optNum(summary.mark_price, 'mark_price');
  const inverse = instrument.marginType === 'INVERSE';
  if (!inverse && mark === null) return null;
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: msTime(summary.creation_timestamp, 'creation_timestamp'),
    open_interest_usd: inverse ? amount : amount * mark!,
    open_interest_contracts: amount / instrument.contractSize,
    origin: 'LIVE',
  };
}

export function mapFundingHistory(rows: DeribitFundingRow[], instrument: KnownInstrument): FundingRow[] {
  return rows.map((row) => ({
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: roundToHour(msTime(row.timestamp, 'timestamp')),
    rate: num(row.interest_1h, 'interest_1h'),
    interval_hours: fundingIntervalHours,
    origin: 'BACKFILL',
  }));
}

/**
 * The Deribit index an instrument is marked against, as get_instruments names it
 * (`price_index`): `btc_usd` for the inverse BTC-PERPETUAL and BTC-28JUN24, `btc_usdc` for the
 * linear BTC_USDC-PERPETUAL — the instrument's base and quote before the first `-`, lower case,
 * USD when the name has no quote.
 */
export function indexName(symbol: string): string {
  const [base, quote] = symbol.split('-')[0].split('_');
  return `${base}_${quote ?? 'usd'}`.toLowerCase();
}

/**
 * The book summary carries no index price: it is the instrument's index (`indexName`) as
 * get_index_price gave it in the same run (`indexPrice`), null when that index was not read.
 */
export function mapMarkPrice(summary: DeribitBookSummary, instrument: KnownInstrument, indexPrice: number | null = null): MarkPriceRow | null {
  const mark = optNum(summary.mark_price, 'mark_price');
  if (mark === null) return null;
  const index = indexPrice !== null && indexPrice > 0 ? indexPrice : null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: msTime(summary.creation_timestamp, 'creation_timestamp'), mark_price: mark, index_price: index, origin: 'LIVE' };
}

/** `best_ask_price: 0` (or bid) means that side is empty: no mid, no row. */
export function mapDepth(book: DeribitOrderBook, instrument: KnownInstrument): DepthRow | null {
  if (!((book.best_bid_price ?? 0) > 0) || !((book.best_ask_price ?? 0) > 0)) return null;
  const bands = depthBands(book.bids, book.asks, (amount, price) => amountInCoins(instrument, amount, price));
  if (!bands) return null;
  return depthRow(instrument, msTime(book.timestamp, 'timestamp'), bands);
}

/**
 * The liquidated positions behind one public trade, from its `liquidation` flag: "T" the taker's
 * position, "M" the maker's, "MT" both. `direction` is the taker's: a taker SELL closes a long
 * (LONG liquidated) and its maker bought, closing a short (SHORT liquidated); a taker BUY the
 * reverse. "MT" is therefore one LONG and one SHORT event of the trade's full amount. Trades
 * without the flag are ordinary trades: no event. Price is the fill price; the amount stays in
 * Deribit's unit (USD on inverse, coins on linear) and becomes coins with the instrument.
 */
export function mapLiquidationTrade(trade: DeribitTrade): VenueLiquidation[] {
  const flag = trade.liquidation;
  if (flag !== 'T' && flag !== 'M' && flag !== 'MT') return [];
  if (trade.direction !== 'buy' && trade.direction !== 'sell') return [];
  const takerSide = trade.direction === 'sell' ? 'LONG' : 'SHORT';
  const makerSide = takerSide === 'LONG' ? 'SHORT' : 'LONG';
  const liquidated: Array<['T' | 'M', 'LONG' | 'SHORT']> = [];
  if (flag.includes('T')) liquidated.push(['T', takerSide]);
  if (flag.includes('M')) liquidated.push(['M', makerSide]);
  const price = num(trade.price, 'price');
  const amount = num(trade.amount, 'amount');
  const occurredAt = msTime(trade.timestamp, 'timestamp');
  return liquidated.map(([role, side]) => ({
    symbol: trade.instrument_name,
    side,
    price,
    size: amount,
    sizeUnit: 'AMOUNT' as const,
    occurredAt,
    // trade_id is unique per trade; the role tells an "MT" trade's two positions apart.
    eventKey: `${trade.instrument_name}:${trade.trade_id}:${role}`,
    priceKind: 'FILL' as const,
  }));
}
