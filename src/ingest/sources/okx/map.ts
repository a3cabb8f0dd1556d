import { DepthRow } from '../../../domains/depth/depth.table';
import { FundingRow } from '../../../domains/funding/funding.table';
import { OpenInterestRow } from '../../../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../../../domains/prices/mark-price.table';
import { KnownInstrument, ListedInstrument } from '../../catalog';
import { depthBands, depthRow } from '../../depth';
import { intervalFromSpacing, settledFundingRows } from '../../funding-interval';
import { sizeInCoins } from '../../instruments';
import { VenueLiquidation } from '../../liquidation-stream';
import { eventDigest, msTime, num, optNum, roundToHour } from '../../parse';
import { bookLevelLimit, OkxBook, OkxFundingHistoryRow, OkxFundingRate, OkxIndexTicker, OkxInstrument, OkxLiquidationGroup, OkxMarkPrice, OkxOpenInterest } from './client';

/** OKX settles most swaps every 8 hours; used until the funding-rate endpoint says otherwise. */
export const defaultFundingIntervalHours = 8;

/**
 * `BTC-USDT-SWAP` and the dated `BTC-USDT-240628` → `BTC-USDT`: the family the liquidation
 * endpoint is queried by, and the id of the OKX index the family's contracts are marked against
 * (GET /api/v5/market/index-tickers lists `BTC-USDT`, `BTC-USD`).
 */
export function instrumentFamily(instId: string): string {
  return instId.replace(/-(SWAP|\d{6})$/, '');
}

/** The quote currency of a family's index (`BTC-USD` → `USD`), what index-tickers is asked by. */
export function indexQuote(instId: string): string {
  return instrumentFamily(instId).split('-')[1] ?? '';
}

/**
 * The interval in force from the current settlement on: `nextFundingTime − fundingTime`, as
 * OKX's docs tell clients to read it, rounded to OKX's levels; null if unknown. A swap at its
 * funding cap steps 8 → 4 → 2 → 1 h and reverts to its default when the premium normalises ("OKX
 * announcement on the upgrade of automatic funding fee settlement frequency adjustment
 * mechanism", 2026-04-14): the same levels as Binance's and Bybit's (venueFundingIntervalsHours),
 * and one swap's history mixes them.
 */
export function fundingIntervalHours(rate: OkxFundingRate): number | null {
  const current = optNum(rate.fundingTime, 'fundingTime');
  const next = optNum(rate.nextFundingTime, 'nextFundingTime');
  if (current === null || next === null) return null;
  return intervalFromSpacing(next - current);
}

/**
 * Swaps and dated futures of tracked assets. A contract is `ctVal × ctMult` units of `ctValCcy`:
 * coins on a linear contract (BTC-USDT-SWAP: 0.01 BTC), USD on an inverse one (BTC-USD-SWAP: 100
 * USD). A dated future (`instType` FUTURES, e.g. BTC-USD-240628) expires at `expTime` and pays no
 * funding.
 */
export function mapInstruments(list: OkxInstrument[], assets: Map<string, number>, intervals: Map<string, number>): ListedInstrument[] {
  const listed: ListedInstrument[] = [];
  for (const item of list) {
    const [base, quote] = (item.instFamily || item.uly || instrumentFamily(item.instId)).split('-');
    const assetId = assets.get(base);
    if (assetId === undefined || !quote || (item.ctType !== 'linear' && item.ctType !== 'inverse')) continue;
    const dated = item.instType === 'FUTURES';
    const expiresAt = dated ? msTime(item.expTime, 'expTime') : null;
    listed.push({
      assetId,
      symbol: item.instId,
      contractType: dated ? 'FUTURE' : 'PERPETUAL',
      marginType: item.ctType === 'linear' ? 'LINEAR' : 'INVERSE',
      quoteCurrency: quote,
      contractSize: num(item.ctVal, 'ctVal') * (optNum(item.ctMult, 'ctMult') ?? 1),
      expiresAt,
      active: item.state === 'live',
      fundingIntervalHours: dated ? null : (intervals.get(item.instId) ?? defaultFundingIntervalHours),
    });
  }
  return listed;
}

/**
 * `oiUsd` when OKX sends it; otherwise USD from the contracts: inverse contracts are USD
 * (contracts × USD size), linear ones are coins × mark (USDT/USDC at par with USD). A linear
 * row without `oiUsd` and without a mark price cannot be valued: null.
 */
export function mapOpenInterest(row: OkxOpenInterest, instrument: KnownInstrument, markPrice: number | undefined): OpenInterestRow | null {
  const contracts = num(row.oi, 'oi');
  let usd = optNum(row.oiUsd, 'oiUsd');
  if (usd === null && instrument.marginType === 'INVERSE') usd = contracts * instrument.contractSize;
  if (usd === null && markPrice !== undefined) usd = (optNum(row.oiCcy, 'oiCcy') ?? contracts * instrument.contractSize) * markPrice;
  if (usd === null) return null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: msTime(row.ts, 'ts'), open_interest_usd: usd, open_interest_contracts: contracts, origin: 'LIVE' };
}

function intervalOf(instrument: KnownInstrument): number {
  return instrument.fundingIntervalHours ?? defaultFundingIntervalHours;
}

/**
 * Settled rates, oldest first: `realizedRate` (what was charged) when present, else
 * `fundingRate`. Each row's interval is the spacing of its `fundingTime` from the settlement
 * before it (`previousAt`: the instrument's stored settlement before the page), not the swap's
 * interval today: see src/ingest/funding-interval.ts.
 */
export function mapFundingHistory(rows: OkxFundingHistoryRow[], instrument: KnownInstrument, previousAt: Date | null = null): FundingRow[] {
  const settlements = rows.map((row) => ({
    at: roundToHour(msTime(row.fundingTime, 'fundingTime')),
    rate: optNum(row.realizedRate, 'realizedRate') ?? num(row.fundingRate, 'fundingRate'),
  }));
  return settledFundingRows(settlements, instrument, previousAt, intervalOf(instrument));
}

/** The settlement the accruing rate will be charged at (`fundingTime`, to the hour); null if absent. */
export function currentSettlement(rate: OkxFundingRate): Date | null {
  const at = optNum(rate.fundingTime, 'fundingTime');
  return at === null ? null : roundToHour(new Date(at));
}

/**
 * The accruing rate, stored at the settlement it applies to; history replaces it later. It
 * accrues since the previous settlement (`previousAt`, stored), so that spacing is its interval;
 * without one, `nextFundingTime − fundingTime`, then the swap's interval today.
 */
export function mapCurrentFunding(rate: OkxFundingRate, instrument: KnownInstrument, previousAt: Date | null = null): FundingRow | null {
  const value = optNum(rate.fundingRate, 'fundingRate');
  const at = currentSettlement(rate);
  if (value === null || at === null) return null;
  const sincePrevious = previousAt ? intervalFromSpacing(at.getTime() - previousAt.getTime()) : null;
  const hours = sincePrevious ?? fundingIntervalHours(rate) ?? intervalOf(instrument);
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at, rate: value, interval_hours: hours, origin: 'LIVE' };
}

/** Index prices by OKX index id (`BTC-USDT`), from index-tickers rows. */
export function indexPrices(rows: OkxIndexTicker[]): Map<string, number> {
  const prices = new Map<string, number>();
  for (const row of rows) {
    const price = optNum(row.idxPx, 'idxPx');
    if (price !== null && price > 0) prices.set(row.instId, price);
  }
  return prices;
}

/**
 * OKX's mark-price endpoint carries no index price: it is the index of the contract's family
 * (`BTC-USDT-SWAP` → `BTC-USDT`) as index-tickers gave it in the same run (`indexes`); null when
 * that index was not read.
 */
export function mapMarkPrice(row: OkxMarkPrice, instrument: KnownInstrument, indexes: Map<string, number> = new Map()): MarkPriceRow {
  const index = indexes.get(instrumentFamily(row.instId)) ?? null;
  return { asset_id: instrument.assetId, instrument_id: instrument.id, at: msTime(row.ts, 'ts'), mark_price: num(row.markPx, 'markPx'), index_price: index, origin: 'LIVE' };
}

/**
 * Book sizes are contracts: coins = contracts × ctVal (linear) or contracts × USD ÷ price (inverse).
 * A band past the last of `levelLimit` levels is unknown (src/ingest/depth.ts).
 */
export function mapDepth(book: OkxBook, instrument: KnownInstrument, levelLimit: number = bookLevelLimit): DepthRow | null {
  const bands = depthBands(book.bids, book.asks, (size, price) => sizeInCoins(instrument, size, price), levelLimit);
  if (!bands) return null;
  return depthRow(instrument, msTime(book.ts, 'ts'), bands);
}

/** The liquidated position: `posSide` where given; on one-way (`net`) accounts a forced sell closed a long. */
function liquidatedSide(posSide: string, orderSide: string): 'LONG' | 'SHORT' | null {
  if (posSide === 'long') return 'LONG';
  if (posSide === 'short') return 'SHORT';
  if (orderSide === 'sell') return 'LONG';
  if (orderSide === 'buy') return 'SHORT';
  return null;
}

/**
 * Filled liquidations at the bankruptcy price (`bkPx`), size in contracts (`sz`; the sink
 * turns it into coins with the contract size). The channel's push and the REST answer carry the
 * same groups, and OKX sends no id: the key digests the event, so one event read both ways is
 * stored once.
 */
export function mapLiquidations(groups: OkxLiquidationGroup[]): VenueLiquidation[] {
  const events: VenueLiquidation[] = [];
  for (const group of groups) {
    for (const detail of group.details ?? []) {
      const side = liquidatedSide(detail.posSide, detail.side);
      const price = optNum(detail.bkPx, 'bkPx');
      const size = optNum(detail.sz, 'sz');
      if (!side || !price || !size) continue;
      events.push({
        symbol: group.instId,
        side,
        price,
        size,
        occurredAt: msTime(detail.ts, 'ts'),
        eventKey: eventDigest([group.instId, detail.ts, detail.posSide, detail.side, detail.bkPx, detail.sz]),
        priceKind: 'BANKRUPTCY',
      });
    }
  }
  return events;
}
