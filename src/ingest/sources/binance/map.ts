import { DepthRow } from '../../../domains/depth/depth.table';
import { FundingRow } from '../../../domains/funding/funding.table';
import { OpenInterestRow } from '../../../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../../../domains/prices/mark-price.table';
import { KnownInstrument, ListedInstrument } from '../../catalog';
import { depthBands, depthRow } from '../../depth';
import { settledFundingRows } from '../../funding-interval';
import { sizeInCoins } from '../../instruments';
import { VenueLiquidation } from '../../liquidation-stream';
import { eventDigest, msTime, num, optMsTime, optNum, roundToHour } from '../../parse';
import {
  BinanceDepth,
  BinanceExchangeInfo,
  BinanceForceOrderEvent,
  BinanceFundingInfo,
  BinanceFundingRate,
  BinanceOpenInterest,
  BinanceOpenInterestHist,
  BinancePremiumIndex,
  depthLevelLimit,
} from './client';

/** Binance's default funding interval for symbols absent from /fapi/v1/fundingInfo. */
export const defaultFundingIntervalHours = 8;

const futureContractTypes = new Set(['CURRENT_MONTH', 'NEXT_MONTH', 'CURRENT_QUARTER', 'NEXT_QUARTER']);

/**
 * USD-M listings of tracked assets. Unknown contract types (Binance adds some, and settling
 * symbols have `""`) are skipped rather than guessed. Every USD-M contract is 1 coin.
 */
export function mapInstruments(info: BinanceExchangeInfo, fundingInfo: BinanceFundingInfo[], assets: Map<string, number>): ListedInstrument[] {
  const intervals = new Map(fundingInfo.map((f) => [f.symbol, Number(f.fundingIntervalHours)]));
  const listed: ListedInstrument[] = [];
  for (const s of info.symbols) {
    const assetId = assets.get(s.baseAsset);
    const perpetual = s.contractType === 'PERPETUAL';
    if (assetId === undefined || !(perpetual || futureContractTypes.has(s.contractType))) continue;
    const interval = intervals.get(s.symbol);
    listed.push({
      assetId,
      symbol: s.symbol,
      contractType: perpetual ? 'PERPETUAL' : 'FUTURE',
      marginType: 'LINEAR',
      quoteCurrency: s.quoteAsset,
      contractSize: 1,
      // A perpetual's deliveryDate is a year-2100 placeholder, not an expiry.
      expiresAt: perpetual ? null : optMsTime(s.deliveryDate, 'deliveryDate'),
      active: s.status === 'TRADING',
      fundingIntervalHours: perpetual ? (interval && interval > 0 ? interval : defaultFundingIntervalHours) : null,
    });
  }
  return listed;
}

/** Current OI: coins × mark price = USD (USDT/USDC margined, taken at par with USD). */
export function mapOpenInterest(payload: BinanceOpenInterest, markPrice: number, instrument: KnownInstrument): OpenInterestRow {
  const coins = num(payload.openInterest, 'openInterest');
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: msTime(payload.time, 'time'),
    open_interest_usd: coins * markPrice,
    open_interest_contracts: coins / instrument.contractSize,
    origin: 'LIVE',
  };
}

/** History: the venue's own quote value (USDT, at par with USD) of the coin OI at each stamp. */
export function mapOpenInterestHist(rows: BinanceOpenInterestHist[], instrument: KnownInstrument): OpenInterestRow[] {
  return rows.map((row) => ({
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: msTime(row.timestamp, 'timestamp'),
    open_interest_usd: num(row.sumOpenInterestValue, 'sumOpenInterestValue'),
    open_interest_contracts: num(row.sumOpenInterest, 'sumOpenInterest') / instrument.contractSize,
    origin: 'BACKFILL',
  }));
}

function intervalHours(instrument: KnownInstrument): number {
  return instrument.fundingIntervalHours ?? defaultFundingIntervalHours;
}

/**
 * Settled rates; fundingTime carries a few ms of jitter, so it is rounded to the hour. Each row's
 * interval is the spacing of its settlement from the previous one (`previousAt`: the instrument's
 * stored settlement before the page), not the symbol's interval in fundingInfo today, which only
 * says what applies now: see src/ingest/funding-interval.ts.
 */
export function mapFundingHistory(rows: BinanceFundingRate[], instrument: KnownInstrument, previousAt: Date | null = null): FundingRow[] {
  const settlements = rows.map((row) => ({ at: roundToHour(msTime(row.fundingTime, 'fundingTime')), rate: num(row.fundingRate, 'fundingRate') }));
  return settledFundingRows(settlements, instrument, previousAt, intervalHours(instrument));
}

/**
 * The rate accruing now, stored at the settlement it will be charged at (nextFundingTime); the
 * settled rate from the history endpoint later replaces it (the provisional value is kept as a
 * revision). Delivery contracts send `""` / 0: no row.
 */
export function mapCurrentFunding(premium: BinancePremiumIndex, instrument: KnownInstrument): FundingRow | null {
  const rate = optNum(premium.lastFundingRate, 'lastFundingRate');
  const at = optMsTime(premium.nextFundingTime, 'nextFundingTime');
  if (rate === null || at === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: roundToHour(at), rate, interval_hours: intervalHours(instrument), origin: 'LIVE' };
}

export function mapMarkPrice(premium: BinancePremiumIndex, instrument: KnownInstrument): MarkPriceRow {
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: msTime(premium.time, 'time'),
    mark_price: num(premium.markPrice, 'markPrice'),
    index_price: optNum(premium.indexPrice, 'indexPrice'),
    origin: 'LIVE',
  };
}

/**
 * Bands around mid from a depth snapshot (qty in coins); null when a side is empty. A band past
 * the last of `levelLimit` levels is unknown (src/ingest/depth.ts).
 */
export function mapDepth(book: BinanceDepth, instrument: KnownInstrument, levelLimit: number = depthLevelLimit): DepthRow | null {
  const bands = depthBands(book.bids, book.asks, (size, price) => sizeInCoins(instrument, size, price), levelLimit);
  if (!bands) return null;
  return depthRow(instrument, msTime(book.T ?? book.E, 'T'), bands);
}

/**
 * `S` is the forced ORDER's side: a forced SELL closes a long, so SELL ⇒ LONG liquidated.
 * Price is the average fill (`ap`), quantity the filled coins (`z`). Binance sends no event
 * id, so the key digests (symbol, trade time, side, price, quantity).
 */
export function mapForceOrder(event: BinanceForceOrderEvent): VenueLiquidation | null {
  const order = event.o;
  const filled = optNum(order.z, 'o.z') ?? num(order.q, 'o.q');
  const averagePrice = optNum(order.ap, 'o.ap');
  const price = averagePrice && averagePrice > 0 ? averagePrice : num(order.p, 'o.p');
  if (!(filled > 0) || !(price > 0)) return null;
  const side = order.S === 'SELL' ? 'LONG' : order.S === 'BUY' ? 'SHORT' : null;
  if (!side) return null;
  const occurredAt = msTime(order.T ?? event.E, 'o.T');
  return {
    symbol: order.s,
    side,
    price,
    size: filled,
    occurredAt,
    eventKey: eventDigest([order.s, occurredAt.getTime(), order.S, price, filled]),
    priceKind: 'FILL',
  };
}
