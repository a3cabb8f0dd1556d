import { DepthRow } from '../../../domains/depth/depth.table';
import { FundingRow } from '../../../domains/funding/funding.table';
import { OpenInterestRow } from '../../../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../../../domains/prices/mark-price.table';
import { KnownInstrument, ListedInstrument } from '../../catalog';
import { depthBands, depthRow } from '../../depth';
import { msTime, num, optNum, roundToHour } from '../../parse';
import { DeribitBookSummary, DeribitFundingRow, DeribitInstrument, DeribitOrderBook } from './client';

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

/**
 * Deribit quotes AMOUNTS, not contracts: USD on inverse instruments (coins = USD ÷ price),
 * coins on linear ones. (The generic sizeInCoins expects contracts and does not apply.)
 */
export function amountInCoins(instrument: Pick<KnownInstrument, 'marginType'>, amount: number, price: number): number {
  return instrument.marginType === 'INVERSE' ? amount / price : amount;
}

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

/** The book summary carries no index price: index_price stays null. */
export function mapMarkPrice(summary: DeribitBookSummary, instrument: KnownInstrument): MarkPriceRow | null {
  const mark = optNum(summary.mark_price, 'mark_price');
  if (mark === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: msTime(summary.creation_timestamp, 'creation_timestamp'), mark_price: mark, index_price: null, origin: 'LIVE' };
}

/** `best_ask_price: 0` (or bid) means that side is empty: no mid, no row. */
export function mapDepth(book: DeribitOrderBook, instrument: KnownInstrument): DepthRow | null {
  if (!((book.best_bid_price ?? 0) > 0) || !((book.best_ask_price ?? 0) > 0)) return null;
  const bands = depthBands(book.bids, book.asks, (amount, price) => amountInCoins(instrument, amount, price));
  if (!bands) return null;
  return depthRow(instrument, msTime(book.timestamp, 'timestamp'), bands);
}
