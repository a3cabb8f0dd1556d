import { DepthRow } from '../domains/depth/depth.table';

/** One book level as the venue sends it: [price, size], strings or numbers. */
export type BookLevel = [unknown, unknown, ...unknown[]];

/** One order book as a venue answered one request. */
export interface FetchedBook {
  bids: BookLevel[];
  asks: BookLevel[];
  /**
   * The most levels a side the request can return (the venue's cap, or the `limit` asked for):
   * a side that long may go on past its last level. Null when the venue sends whole sides.
   */
  levelLimit: number | null;
  /** How the book was asked for ("nSigFigs 3"), named in the reason a band is unknown. */
  label?: string;
}

export interface DepthBands {
  midPrice: number;
  /** Null when no fetched book reaches the band on that side (see `gap`); never a partial sum. */
  bidUsd1pct: number | null;
  askUsd1pct: number | null;
  bidUsd2pct: number | null;
  askUsd2pct: number | null;
  /** Why a band is null, in words; null when every band is known. */
  gap: string | null;
}

interface Level {
  price: number;
  size: number;
}

interface ParsedSide {
  levels: Level[];
  /** The side holds as many levels as the request could return: the book may go on past them. */
  truncated: boolean;
}

function parseSide(levels: BookLevel[], levelLimit: number | null): ParsedSide {
  const parsed = levels
    .map(([price, size]) => ({ price: Number(price), size: Number(size) }))
    .filter((l) => l.price > 0 && l.size > 0 && Number.isFinite(l.price) && Number.isFinite(l.size));
  return { levels: parsed, truncated: levelLimit !== null && levels.length >= levelLimit };
}

type Side = 'bid' | 'ask';

/** The price `band` (a fraction) away from mid on a side: below mid for bids, above for asks. */
const edgeOf = (side: Side, midPrice: number, band: number) => (side === 'bid' ? midPrice * (1 - band) : midPrice * (1 + band));

/**
 * Whether a side's levels are all there is up to the band's edge: the side was not cut at the
 * request's level limit, or its furthest level lies at or beyond the edge.
 */
function reaches(side: Side, book: ParsedSide, edge: number): boolean {
  if (!book.truncated) return true;
  if (book.levels.length === 0) return false;
  return side === 'bid' ? Math.min(...book.levels.map((l) => l.price)) <= edge : Math.max(...book.levels.map((l) => l.price)) >= edge;
}

/**
 * Resting notional (coins × level price) on a side up to the edge. Only the far bound is applied:
 * an aggregated book's best level may be rounded across mid, yet every bid rests below the best
 * ask and every ask above the best bid.
 */
function notionalWithin(side: Side, book: ParsedSide, edge: number, sizeToCoins: (size: number, price: number) => number): number {
  const inBand = book.levels.filter((l) => (side === 'bid' ? l.price >= edge : l.price <= edge));
  return inBand.reduce((sum, l) => sum + sizeToCoins(l.size, l.price) * l.price, 0);
}

const pct = (fraction: number) => `${Number((fraction * 100).toFixed(2))} %`;

/** Words for a band no fetched book reaches: how far the deepest one went and why it stopped. */
function gapReason(side: Side, band: number, books: Array<{ side: ParsedSide; label?: string; levelLimit: number | null }>, midPrice: number): string {
  const reachOf = (levels: Level[]) => (levels.length === 0 ? 0 : side === 'bid' ? 1 - Math.min(...levels.map((l) => l.price)) / midPrice : Math.max(...levels.map((l) => l.price)) / midPrice - 1);
  const deepest = books.reduce((best, b) => (reachOf(b.side.levels) > reachOf(best.side.levels) ? b : best));
  const how = deepest.label ? `, ${deepest.label}` : '';
  return `${side}s fetched to ${pct(reachOf(deepest.side.levels))} ${side === 'bid' ? 'below' : 'above'} mid (${deepest.side.levels.length} levels, the request's limit of ${deepest.levelLimit}${how}): the ±${pct(band)} band is unknown`;
}

/**
 * Resting notional within ±1 % and ±2 % of mid from one or more books of one instrument, finest
 * first (a venue serving few levels a side answers coarser, aggregated books further out). Mid
 * comes from the first book; each band and side is summed from the first book that reaches it,
 * so its edge is as fine as what was fetched allows. A band no book reaches is null, with the
 * reason in `gap`: a truncated book summed to its last level would understate depth.
 * `sizeToCoins` turns a level's size into coins (× contract size for contract-sized books);
 * notional is coins × price, the quote currency (USDT/USDC) taken at par with USD. Returns null
 * when a side of the first book is empty: no mid, no bands.
 */
export function depthBandsOf(books: FetchedBook[], sizeToCoins: (size: number, price: number) => number = (s) => s): DepthBands | null {
  const parsed = books.map((b) => ({ bid: parseSide(b.bids, b.levelLimit), ask: parseSide(b.asks, b.levelLimit), label: b.label, levelLimit: b.levelLimit }));
  const first = parsed[0];
  if (!first || first.bid.levels.length === 0 || first.ask.levels.length === 0) return null;
  const midPrice = (Math.max(...first.bid.levels.map((l) => l.price)) + Math.min(...first.ask.levels.map((l) => l.price))) / 2;
  const gaps: string[] = [];
  const band = (side: Side, fraction: number): number | null => {
    const edge = edgeOf(side, midPrice, fraction);
    const reaching = parsed.find((b) => reaches(side, b[side], edge));
    if (reaching) return notionalWithin(side, reaching[side], edge, sizeToCoins);
    gaps.push(gapReason(side, fraction, parsed.map((b) => ({ side: b[side], label: b.label, levelLimit: b.levelLimit })), midPrice));
    return null;
  };
  const bands = { bidUsd1pct: band('bid', 0.01), askUsd1pct: band('ask', 0.01), bidUsd2pct: band('bid', 0.02), askUsd2pct: band('ask', 0.02) };
  return { midPrice, ...bands, gap: gaps.length > 0 ? gaps.join('; ') : null };
}

/**
 * `depthBandsOf` for a venue answering one book. `levelLimit` is the request's levels a side
 * (null: whole sides, nothing can be cut off).
 */
export function depthBands(
  bids: BookLevel[],
  asks: BookLevel[],
  sizeToCoins: (size: number, price: number) => number = (s) => s,
  levelLimit: number | null = null,
): DepthBands | null {
  return depthBandsOf([{ bids, asks, levelLimit }], sizeToCoins);
}

/** A depth snapshot row of an instrument at `at`. */
export function depthRow(instrument: { assetId: number; id: number }, at: Date, bands: DepthBands): DepthRow {
  return {
    asset_id: instrument.assetId,
    instrument_id: instrument.id,
    at,
    mid_price: bands.midPrice,
    bid_usd_1pct: bands.bidUsd1pct,
    ask_usd_1pct: bands.askUsd1pct,
    bid_usd_2pct: bands.bidUsd2pct,
    ask_usd_2pct: bands.askUsd2pct,
    depth_gap: bands.gap,
    origin: 'LIVE',
  };
}
