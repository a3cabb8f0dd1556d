import { JsonHttpClient } from '../../http';

/** Hyperliquid's info API: POST /info with a JSON body naming the request `type`; numbers are strings. */
export interface HyperliquidUniverseEntry {
  name: string;
  szDecimals: number;
  maxLeverage?: number;
  onlyIsolated?: boolean;
  /** Delisted coins stay in the universe (their index must not shift): skipped, never stored. */
  isDelisted?: boolean;
}
export interface HyperliquidAssetCtx {
  /** Per HOUR (Hyperliquid funds hourly). */
  funding: string;
  /** Coins. */
  openInterest: string;
  markPx: string;
  oraclePx: string;
  midPx?: string | null;
  premium?: string | null;
  impactPxs?: string[] | null;
  dayNtlVlm?: string;
}
/** A tuple: `assetCtxs[i]` belongs to `universe[i]` — matched BY INDEX, the ctx names no coin. */
export type HyperliquidMetaAndAssetCtxs = [{ universe: HyperliquidUniverseEntry[] }, HyperliquidAssetCtx[]];
export interface HyperliquidFundingRow {
  coin: string;
  fundingRate: string;
  premium?: string;
  /** ms, a few ms past the hour. */
  time: number;
}
export interface HyperliquidLevel {
  px: string;
  /** Coins. */
  sz: string;
  n: number;
}
export interface HyperliquidL2Book {
  coin: string;
  time: number;
  /** [bids, asks]. */
  levels: [HyperliquidLevel[], HyperliquidLevel[]];
}

/**
 * l2Book answers at most this many levels a side ("Returns at most 20 levels per side"), at full
 * precision unless `nSigFigs` aggregates them (info endpoint, "L2 book snapshot", read 2026-12-03).
 */
export const l2BookLevelLimit = 20;

/**
 * Significant figures l2Book can aggregate prices to (2–5; null, full precision). With
 * `nSigFigs` 5 a `mantissa` of 2 or 5 coarsens the step further; Cascade's bands do not need it.
 */
export type L2BookSigFigs = 2 | 3 | 4 | 5 | null;

/** fundingHistory answers at most this many rows; a full page means "read on from last.time + 1". */
export const fundingPageLimit = 500;

function isPair(body: unknown) {
  return Array.isArray(body) && body.length === 2 && Array.isArray((body[0] as { universe?: unknown })?.universe) && Array.isArray(body[1])
    ? null
    : { message: 'metaAndAssetCtxs answer is not a [meta, assetCtxs] pair', retryable: false };
}

/**
 * Typed info calls with their documented weights (per IP: 1200 a minute; l2Book 2, most other
 * info requests 20, fundingHistory 1 more per 20 rows returned).
 */
export class HyperliquidClient {
  constructor(private readonly http: JsonHttpClient) {}

  metaAndAssetCtxs(): Promise<HyperliquidMetaAndAssetCtxs> {
    return this.http.post('/info', { type: 'metaAndAssetCtxs' }, { weight: 20, validate: isPair });
  }

  fundingHistory(coin: string, startTime: number, endTime: number): Promise<HyperliquidFundingRow[]> {
    return this.http.post('/info', { type: 'fundingHistory', coin, startTime, endTime }, { weight: 20 + fundingPageLimit / 20 });
  }

  /** Null for a coin the venue does not know. `nSigFigs` null: full precision (the field is left out). */
  l2Book(coin: string, nSigFigs: L2BookSigFigs = null): Promise<HyperliquidL2Book | null> {
    return this.http.post('/info', nSigFigs === null ? { type: 'l2Book', coin } : { type: 'l2Book', coin, nSigFigs }, { weight: 2 });
  }
}
