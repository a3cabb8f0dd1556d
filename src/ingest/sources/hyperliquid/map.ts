import { DepthRow } from '../../../domains/depth/depth.table';
import { FundingRow } from '../../../domains/funding/funding.table';
import { OpenInterestRow } from '../../../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../../../domains/prices/mark-price.table';
import { KnownInstrument, ListedInstrument } from '../../catalog';
import { BookLevel, depthBandsOf, depthRow, FetchedBook } from '../../depth';
import { msTime, num, optNum, roundToHour } from '../../parse';
import { HyperliquidAssetCtx, HyperliquidFundingRow, HyperliquidL2Book, HyperliquidMetaAndAssetCtxs, HyperliquidUniverseEntry, L2BookSigFigs, l2BookLevelLimit } from './client';

/** Hyperliquid settles funding every hour. */
export const fundingIntervalHours = 1;

/**
 * Open interest is stored as Hyperliquid reports it (`openInterest` coins × `markPx`), NOT halved.
 * Whether that figure counts one side of each position or both is not stated in Hyperliquid's
 * API docs: the info-endpoint pages only say "open interest", and the one official definition
 * nearby (HIP-3 open-interest caps: "sum of absolute position sizes") concerns caps, not this
 * field. Third parties disagree (some call it two-sided, others one-sided). Until Hyperliquid
 * says, it is kept as reported; change this divisor (2) if it proves two-sided. See
 * docs/data-sources.md.
 */
export const reportedOpenInterestSides = 1;

export interface UniverseAsset {
  entry: HyperliquidUniverseEntry;
  ctx: HyperliquidAssetCtx;
}

/**
 * Pairs each universe entry with its context BY INDEX (the ctx carries no coin name), before
 * anything is filtered out, so a delisted coin in the middle cannot shift the pairing.
 */
export function pairUniverse([meta, ctxs]: HyperliquidMetaAndAssetCtxs): UniverseAsset[] {
  if (meta.universe.length !== ctxs.length) {
    throw new Error(`metaAndAssetCtxs: ${meta.universe.length} universe entries but ${ctxs.length} asset contexts; refusing to pair them by index`);
  }
  return meta.universe.map((entry, i) => ({ entry, ctx: ctxs[i] })).filter(({ entry }) => !entry.isDelisted);
}

/** Listed perps of tracked assets: linear, 1 coin per contract, USDC collateral, hourly funding. */
export function mapInstruments(pairs: UniverseAsset[], assets: Map<string, number>): ListedInstrument[] {
  return pairs.flatMap(({ entry }) => {
    const assetId = assets.get(entry.name);
    if (assetId === undefined) return [];
    return [{
      assetId,
      symbol: entry.name,
      contractType: 'PERPETUAL' as const,
      marginType: 'LINEAR' as const,
      quoteCurrency: 'USDC',
      contractSize: 1,
      expiresAt: null,
      active: true,
      fundingIntervalHours,
    }];
  });
}

/** Coins × mark price; USDC taken at par with USD. Hyperliquid sends no time: `at` is the run's. */
export function mapOpenInterest(ctx: HyperliquidAssetCtx, instrument: KnownInstrument, at: Date): OpenInterestRow {
  const coins = num(ctx.openInterest, 'openInterest') / reportedOpenInterestSides;
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at,
    open_interest_usd: coins * num(ctx.markPx, 'markPx'),
    open_interest_contracts: coins / instrument.contractSize,
    origin: 'LIVE',
  };
}

/** The accruing hourly rate, stored at the end of the current hour, when it is paid. */
export function mapCurrentFunding(ctx: HyperliquidAssetCtx, instrument: KnownInstrument, now: Date): FundingRow {
  const hour = 3_600_000;
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: new Date(Math.floor(now.getTime() / hour) * hour + hour),
    rate: num(ctx.funding, 'funding'),
    interval_hours: fundingIntervalHours,
    origin: 'LIVE',
  };
}

/** Hourly settlements; `time` is a few ms past the hour, so it is rounded. */
export function mapFundingHistory(rows: HyperliquidFundingRow[], instrument: KnownInstrument): FundingRow[] {
  return rows.map((row) => ({
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at: roundToHour(msTime(row.time, 'time')),
    rate: num(row.fundingRate, 'fundingRate'),
    interval_hours: fundingIntervalHours,
    origin: 'BACKFILL',
  }));
}

/** Mark price, with the oracle price (Hyperliquid's spot index) as the index price. */
export function mapMarkPrice(ctx: HyperliquidAssetCtx, instrument: KnownInstrument, at: Date): MarkPriceRow {
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at,
    mark_price: num(ctx.markPx, 'markPx'),
    index_price: optNum(ctx.oraclePx, 'oraclePx'),
    origin: 'LIVE',
  };
}

/**
 * The books read for one coin's depth, finest first: full precision, then prices aggregated to
 * 4, 3 and 2 significant figures. Each answers 20 levels a side, so each step reaches about ten
 * times further: at 4 figures a level is 0.01–0.1 % of price wide (20 reach 0.2–2 %), at 3
 * figures 0.1–1 % (20 always reach 2 %). The next is read only while a band is unreached.
 */
export const depthBookLadder: L2BookSigFigs[] = [null, 4, 3, 2];

/** An l2Book answer as a fetched book: `levels[0]` bids, `levels[1]` asks, sizes already in coins. */
export function fetchedBook(book: HyperliquidL2Book, nSigFigs: L2BookSigFigs): FetchedBook {
  const side = (levels: HyperliquidL2Book['levels'][number] | undefined): BookLevel[] => (levels ?? []).map((l) => [l.px, l.sz]);
  return { bids: side(book.levels?.[0]), asks: side(book.levels?.[1]), levelLimit: l2BookLevelLimit, label: nSigFigs === null ? 'full precision' : `nSigFigs ${nSigFigs}` };
}

/**
 * Bands from the books of one coin, finest first (`depthBookLadder`): mid from the full-precision
 * book, each band from the finest book reaching it, so an aggregated level straddling the band's
 * edge errs by at most one level's width. Null when a side of the first book is empty.
 */
export function mapDepth(books: Array<{ book: HyperliquidL2Book; nSigFigs: L2BookSigFigs }>, instrument: KnownInstrument): DepthRow | null {
  if (books.length === 0) return null;
  const bands = depthBandsOf(books.map((b) => fetchedBook(b.book, b.nSigFigs)));
  if (!bands) return null;
  return depthRow(instrument, msTime(books[0].book.time, 'time'), bands);
}
