import { DepthRow } from '../domains/depth/depth.table';

/** One book level as the venue sends it: [price, size], strings or numbers. */
export type BookLevel = [unknown, unknown, ...unknown[]];

export interface DepthBands {
  midPrice: number;
  bidUsd1pct: number;
  askUsd1pct: number;
  bidUsd2pct: number;
  askUsd2pct: number;
}

/**
 * Resting notional within ±1 % and ±2 % of mid. `sizeToCoins` turns a level's size into coins
 * (× contract size for contract-sized books); notional is coins × price, the quote currency
 * (USDT/USDC) taken at par with USD. Returns null when a side is empty: no mid, no bands.
 */
export function depthBands(bids: BookLevel[], asks: BookLevel[], sizeToCoins: (size: number, price: number) => number = (s) => s): DepthBands | null {
  const parse = (levels: BookLevel[]) =>
    levels.map(([price, size]) => ({ price: Number(price), size: Number(size) })).filter((l) => l.price > 0 && l.size > 0 && Number.isFinite(l.price) && Number.isFinite(l.size));
  const bidLevels = parse(bids);
  const askLevels = parse(asks);
  if (bidLevels.length === 0 || askLevels.length === 0) return null;
  const bestBid = Math.max(...bidLevels.map((l) => l.price));
  const bestAsk = Math.min(...askLevels.map((l) => l.price));
  const midPrice = (bestBid + bestAsk) / 2;
  const within = (levels: typeof bidLevels, low: number, high: number) =>
    levels.filter((l) => l.price >= low && l.price <= high).reduce((sum, l) => sum + sizeToCoins(l.size, l.price) * l.price, 0);
  return {
    midPrice,
    bidUsd1pct: within(bidLevels, midPrice * 0.99, midPrice),
    askUsd1pct: within(askLevels, midPrice, midPrice * 1.01),
    bidUsd2pct: within(bidLevels, midPrice * 0.98, midPrice),
    askUsd2pct: within(askLevels, midPrice, midPrice * 1.02),
  };
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
    origin: 'LIVE',
  };
}
