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
import { BybitAllLiquidationMessage, BybitFundingPoint, BybitInstrument, BybitKline, BybitOpenInterestPoint, BybitOrderBook, BybitTicker, orderBookLevelLimit } from './client';

/** Linear perpetuals and dated futures of tracked assets (USDT- and USDC-settled; 1 coin per contract). */
export function mapInstruments(list: BybitInstrument[], assets: Map<string, number>): ListedInstrument[] {
  const listed: ListedInstrument[] = [];
  for (const item of list) {
    const assetId = assets.get(item.baseCoin);
    const perpetual = item.contractType === 'LinearPerpetual';
    if (assetId === undefined || !(perpetual || item.contractType === 'LinearFutures')) continue;
    // fundingInterval is an integer number of MINUTES (480 = 8 h); 0/absent on futures.
    const intervalMinutes = optNum(item.fundingInterval, 'fundingInterval');
    listed.push({
      assetId,
      symbol: item.symbol,
      contractType: perpetual ? 'PERPETUAL' : 'FUTURE',
      marginType: 'LINEAR',
      quoteCurrency: item.quoteCoin,
      contractSize: 1,
      // On perpetuals deliveryTime is a delisting date ("0" = none), not an expiry.
      expiresAt: perpetual ? null : optMsTime(item.deliveryTime, 'deliveryTime'),
      active: item.status === 'Trading',
      fundingIntervalHours: perpetual && intervalMinutes && intervalMinutes > 0 ? intervalMinutes / 60 : perpetual ? 8 : null,
    });
  }
  return listed;
}

/** Mark price at a time from mark-price candles: the open of the candle starting then, else the last close before. */
export function markPriceAt(klines: BybitKline[], at: Date): number | null {
  const time = at.getTime();
  let best: { start: number; price: number } | null = null;
  for (const [start, open, , , close] of klines) {
    const startMs = Number(start);
    if (startMs === time) return num(open, 'kline open');
    if (startMs < time && (!best || startMs > best.start)) best = { start: startMs, price: num(close, 'kline close') };
  }
  return best?.price ?? null;
}

/**
 * One side of Bybit's open interest, in coins: `singleOpenInterest` where sent, else half of
 * `openInterest`, which Bybit reports as both sides summed (every other venue reports one side).
 */
export function oneSideOpenInterest(openInterest: unknown, singleOpenInterest?: unknown): number | null {
  const single = optNum(singleOpenInterest, 'singleOpenInterest');
  if (single !== null) return single;
  const bothSides = optNum(openInterest, 'openInterest');
  return bothSides === null ? null : bothSides / 2;
}

/** Linear OI is in coins: USD = coins × mark (USDT/USDC at par with USD). Rows without a mark are dropped. */
export function mapOpenInterestHistory(points: BybitOpenInterestPoint[], klines: BybitKline[], instrument: KnownInstrument): { rows: OpenInterestRow[]; unpriced: number } {
  const rows: OpenInterestRow[] = [];
  let unpriced = 0;
  for (const point of points) {
    const at = msTime(point.timestamp, 'timestamp');
    const mark = markPriceAt(klines, at);
    if (mark === null) {
      unpriced += 1;
      continue;
    }
    const coins = oneSideOpenInterest(point.openInterest, point.singleOpenInterest);
    if (coins === null) throw new Error('missing number in field openInterest');
    rows.push({ asset_id: instrument.assetId, instrument_id: instrument.id, at, open_interest_usd: coins * mark, open_interest_contracts: coins / instrument.contractSize, origin: 'BACKFILL' });
  }
  return { rows, unpriced };
}

export function mapCurrentOpenInterest(ticker: BybitTicker, at: Date, instrument: KnownInstrument): OpenInterestRow | null {
  const coins = oneSideOpenInterest(ticker.openInterest);
  const mark = optNum(ticker.markPrice, 'markPrice');
  if (coins === null || mark === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at, open_interest_usd: coins * mark, open_interest_contracts: coins / instrument.contractSize, origin: 'LIVE' };
}

function intervalHours(instrument: KnownInstrument): number {
  return instrument.fundingIntervalHours ?? 8;
}

/**
 * Settled rates, oldest first (Bybit lists newest first). Each row's interval is the spacing of
 * its settlement from the previous one (`previousAt`: the instrument's stored settlement before
 * the page), not the instrument's interval today: see src/ingest/funding-interval.ts.
 */
export function mapFundingHistory(points: BybitFundingPoint[], instrument: KnownInstrument, previousAt: Date | null = null): FundingRow[] {
  const settlements = points.map((point) => ({ at: roundToHour(msTime(point.fundingRateTimestamp, 'fundingRateTimestamp')), rate: num(point.fundingRate, 'fundingRate') }));
  return settledFundingRows(settlements, instrument, previousAt, intervalHours(instrument));
}

/** The accruing rate, stored at the settlement it applies to (see Binance's mapCurrentFunding). */
export function mapCurrentFunding(ticker: BybitTicker, instrument: KnownInstrument): FundingRow | null {
  const rate = optNum(ticker.fundingRate, 'fundingRate');
  const at = optMsTime(ticker.nextFundingTime, 'nextFundingTime');
  if (rate === null || at === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: roundToHour(at), rate, interval_hours: intervalHours(instrument), origin: 'LIVE' };
}

export function mapMarkPrice(ticker: BybitTicker, at: Date, instrument: KnownInstrument): MarkPriceRow | null {
  const mark = optNum(ticker.markPrice, 'markPrice');
  if (mark === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at, mark_price: mark, index_price: optNum(ticker.indexPrice, 'indexPrice'), origin: 'LIVE' };
}

/** Bands around mid; a band past the last of `levelLimit` levels is unknown (src/ingest/depth.ts). */
export function mapDepth(book: BybitOrderBook, instrument: KnownInstrument, levelLimit: number = orderBookLevelLimit): DepthRow | null {
  const bands = depthBands(book.b, book.a, (size, price) => sizeInCoins(instrument, size, price), levelLimit);
  if (!bands) return null;
  return depthRow(instrument, msTime(book.ts, 'ts'), bands);
}

/**
 * `allLiquidation`'s `S` is the POSITION side, unlike the order-side feeds: Buy ⇒ a long was
 * liquidated. `p` is the bankruptcy price. No id is sent, so the key digests the event.
 */
export function mapAllLiquidation(message: BybitAllLiquidationMessage): VenueLiquidation[] {
  const events: VenueLiquidation[] = [];
  for (const item of message.data ?? []) {
    const side = item.S === 'Buy' ? 'LONG' : item.S === 'Sell' ? 'SHORT' : null;
    const price = optNum(item.p, 'p');
    const size = optNum(item.v, 'v');
    if (!side || !price || !size) continue;
    const occurredAt = msTime(item.T ?? message.ts, 'T');
    events.push({
      symbol: item.s,
      side,
      price,
      size,
      occurredAt,
      eventKey: item.id ? String(item.id) : eventDigest([item.s, occurredAt.getTime(), item.S, item.p, item.v]),
      priceKind: 'BANKRUPTCY',
    });
  }
  return events;
}
