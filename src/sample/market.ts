import { DepthRow } from '../domains/depth/depth.table';
import { FundingRow } from '../domains/funding/funding.table';
import { OpenInterestRow } from '../domains/open-interest/open-interest.table';
import { MarkPriceRow } from '../domains/prices/mark-price.table';
import { AssetPath, AssetSymbol, priceAt } from './prices';
import { lognormal, normal, stream } from './random';
import { SampleRegistry, VenueSlug } from './registry';
import {
  BTC_OI_START_USD, CASCADE_DAY, CASCADE_DEPTH_RATIO, CASCADE_PEAK_HOUR, DAY_MS, HOUR_MS, MARKET_HOURS, MARKET_START_MS,
  MINUTE_MS, NOVEMBER_DIP_DAY, NOVEMBER_DIP_HOUR, SAMPLE_ORIGIN, hyperliquidDislocation,
} from './scenario';

/** Piecewise-linear curve through (time, value) points, flat beyond its ends. */
function curve(points: Array<[string, number]>): (ms: number) => number {
  const parsed = points.map(([at, v]) => [Date.parse(at), v] as const);
  return (ms) => {
    if (ms <= parsed[0][0]) return parsed[0][1];
    for (let i = 1; i < parsed.length; i++) {
      const [t1, v1] = parsed[i];
      if (ms <= t1) {
        const [t0, v0] = parsed[i - 1];
        return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0);
      }
    }
    return parsed[parsed.length - 1][1];
  };
}

/**
 * Open interest in coins relative to the start: built up into the October peak, about a sixth
 * wiped out in the cascade hours (forced closes), lower again after the November dip.
 */
const OI_COINS = curve([
  ['2025-09-01T00:00Z', 1], ['2025-09-20T00:00Z', 1.04], ['2025-09-26T00:00Z', 0.99], ['2025-10-06T12:00Z', 1.13],
  ['2025-10-10T20:00Z', 1.13], ['2025-10-10T22:00Z', 0.95], ['2025-10-11T23:00Z', 0.92], ['2025-10-27T00:00Z', 0.95],
  ['2025-11-04T13:00Z', 0.93], ['2025-11-04T15:00Z', 0.885], ['2025-11-21T23:00Z', 0.86],
]);
const OI_START_USD: Record<AssetSymbol, number> = { BTC: BTC_OI_START_USD, ETH: 55e9, SOL: 13e9 };

/** Funding per 8 hours: ordinary longs pay ~1 bp; crowded into the peak, flipped by the crash. */
const FUNDING_8H = curve([
  ['2025-09-01T00:00Z', 0.00008], ['2025-09-25T00:00Z', 0.00003], ['2025-10-01T00:00Z', 0.0001], ['2025-10-10T16:00Z', 0.00042],
  ['2025-10-10T20:00Z', 0.0005], ['2025-10-11T00:00Z', -0.00045], ['2025-10-11T16:00Z', -0.0001], ['2025-10-13T00:00Z', 0.00005],
  ['2025-11-04T12:00Z', 0.00004], ['2025-11-04T16:00Z', -0.00012], ['2025-11-05T16:00Z', 0.00001], ['2025-11-21T23:00Z', -0.00002],
]);

/**
 * Annualised carry of the dated futures over the index (a fraction per year): ~6 % in September,
 * paid up to ~12 % by leveraged longs into the 10 October peak, crushed to ~2 % in the cascade
 * and rebuilt only to ~5 % by late October, ~3 % after the November dip (the basis story of
 * docs/analytics.md, "Basis").
 */
const CARRY_ANNUAL = curve([
  ['2025-09-01T00:00Z', 0.06], ['2025-09-25T00:00Z', 0.05], ['2025-10-06T12:00Z', 0.1], ['2025-10-10T19:00Z', 0.12],
  ['2025-10-10T23:00Z', 0.02], ['2025-10-12T00:00Z', 0.025], ['2025-10-27T00:00Z', 0.05], ['2025-11-04T13:00Z', 0.045],
  ['2025-11-04T16:00Z', 0.025], ['2025-11-21T23:00Z', 0.03],
]);

/** Liquidity on the books relative to normal: gone in the cascade, slow to return, thin in the slide. */
const DEPTH_LEVEL = curve([
  ['2025-09-01T00:00Z', 1], ['2025-10-10T19:00Z', 1], ['2025-10-10T20:00Z', 0.5], ['2025-10-10T22:00Z', 0.15],
  ['2025-10-10T23:00Z', 0.3], ['2025-10-11T12:00Z', 0.45], ['2025-10-18T00:00Z', 0.8], ['2025-10-25T00:00Z', 1],
  ['2025-11-04T13:00Z', 0.9], ['2025-11-04T14:00Z', 0.3], ['2025-11-04T16:00Z', 0.7], ['2025-11-08T00:00Z', 0.85],
  ['2025-11-21T23:00Z', 0.8],
]);

const VENUE_OI_SHARE: Record<VenueSlug, number> = { binance: 0.3, bybit: 0.2, okx: 0.14, hyperliquid: 0.18, deribit: 0.08 };
/** ±2 % depth (bid + ask) of a venue's BTC books, USD, on a normal day. */
const VENUE_DEPTH_USD: Record<VenueSlug, number> = { binance: 420e6, bybit: 230e6, okx: 170e6, hyperliquid: 160e6, deribit: 85e6 };
const ASSET_DEPTH_FACTOR: Record<AssetSymbol, number> = { BTC: 1, ETH: 0.45, SOL: 0.12 };

/** How a venue's share splits across its instruments of one asset (inverse and dated smaller). */
function instrumentWeights(registry: SampleRegistry, asset: AssetSymbol): Map<number, number> {
  const weights = new Map<number, number>();
  for (const venue of Object.keys(VENUE_OI_SHARE) as VenueSlug[]) {
    const own = registry.instruments.filter((i) => i.asset === asset && i.venue === venue);
    const raw = own.map((i) => (i.contractType === 'FUTURE' ? 0.35 : i.marginType === 'INVERSE' && venue === 'okx' ? 0.4 : 1));
    const sum = raw.reduce((a, b) => a + b, 0);
    own.forEach((i, k) => weights.set(i.id, (VENUE_OI_SHARE[venue] * raw[k]) / sum));
  }
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  for (const [id, w] of weights) weights.set(id, w / total);
  return weights;
}

function hourMs(h: number): number {
  return MARKET_START_MS + h * HOUR_MS;
}

/** Hourly open interest per instrument; the asset's total is coins(t) × price(t) exactly. */
export function openInterestRows(registry: SampleRegistry, asset: AssetSymbol, path: AssetPath): OpenInterestRow[] {
  const random = stream(`oi|${asset}`);
  const instruments = registry.instruments.filter((i) => i.asset === asset);
  const weights = instrumentWeights(registry, asset);
  const startCoins = OI_START_USD[asset] / path.minute[0];
  const rows: OpenInterestRow[] = [];
  let drift = 0;
  for (let h = 0; h < MARKET_HOURS; h++) {
    const at = hourMs(h);
    drift = 0.97 * drift + 0.002 * normal(random);
    const price = priceAt(path, at);
    const totalUsd = startCoins * OI_COINS(at) * Math.exp(drift) * price;
    const noisy = instruments.map((i) => weights.get(i.id)! * lognormal(random, 0.02));
    const sum = noisy.reduce((a, b) => a + b, 0);
    instruments.forEach((instrument, k) => {
      const usd = (totalUsd * noisy[k]) / sum;
      const contracts = instrument.marginType === 'INVERSE' ? usd / instrument.contractSize : usd / price / instrument.contractSize;
      rows.push({ asset_id: instrument.assetId, instrument_id: instrument.id, at: new Date(at), open_interest_usd: usd, open_interest_contracts: Math.round(contracts), origin: SAMPLE_ORIGIN });
    });
  }
  return rows;
}

/** Funding at each instrument's own interval; the rate is quoted per that interval. */
export function fundingRows(registry: SampleRegistry, asset: AssetSymbol): FundingRow[] {
  const random = stream(`funding|${asset}`);
  const rows: FundingRow[] = [];
  for (const instrument of registry.instruments.filter((i) => i.asset === asset && i.fundingIntervalHours)) {
    const interval = instrument.fundingIntervalHours!;
    // Hyperliquid's book leans long: its funding sits a little above the CEX average.
    const bias = instrument.venue === 'hyperliquid' ? 0.00003 : 0;
    for (let h = interval; h <= MARKET_HOURS; h += interval) {
      const at = hourMs(h);
      const per8h = FUNDING_8H(at) + bias + normal(random) * 0.00002;
      rows.push({ asset_id: instrument.assetId, instrument_id: instrument.id, at: new Date(at), rate: (per8h * interval) / 8, interval_hours: interval, origin: SAMPLE_ORIGIN });
    }
  }
  return rows;
}

/** Hourly marks, plus every minute around the two stress hours. */
function markTimes(): number[] {
  const times = new Set<number>();
  for (let h = 0; h < MARKET_HOURS; h++) times.add(hourMs(h));
  const windows: Array<[string, number]> = [[`${CASCADE_DAY}T20:00:00Z`, 180], [`${NOVEMBER_DIP_DAY}T${String(NOVEMBER_DIP_HOUR - 1).padStart(2, '0')}:00:00Z`, 180]];
  for (const [start, minutes] of windows) for (let m = 0; m < minutes; m++) times.add(Date.parse(start) + m * MINUTE_MS);
  return [...times].sort((a, b) => a - b);
}

export function markPriceRows(registry: SampleRegistry, asset: AssetSymbol, path: AssetPath): MarkPriceRow[] {
  const random = stream(`mark|${asset}`);
  const rows: MarkPriceRow[] = [];
  const times = markTimes();
  for (const instrument of registry.instruments.filter((i) => i.asset === asset)) {
    const expiresMs = instrument.expiresAt ? Date.parse(instrument.expiresAt) : 0;
    for (const at of times) {
      const index = priceAt(path, at);
      // Perps trade at a premium that tracks funding (half the 8-hour rate); the future at the carry of its day.
      const premium = expiresMs ? (CARRY_ANNUAL(at) * (expiresMs - at)) / (365 * DAY_MS) : FUNDING_8H(at) * 0.5;
      let mark = index * (1 + premium + normal(random) * 0.0002);
      if (instrument.venue === 'hyperliquid') mark *= hyperliquidDislocation(at);
      rows.push({ asset_id: instrument.assetId, instrument_id: instrument.id, at: new Date(at), mark_price: mark, index_price: index, origin: SAMPLE_ORIGIN });
    }
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Hourly depth per instrument. In the cascade hour every venue's ±2 % depth is set to exactly
 * CASCADE_DEPTH_RATIO of that venue's median over the 30 days before it.
 */
/** The scenario's books always reach both bands: every band is known. */
type KnownDepthRow = DepthRow & Record<'bid_usd_1pct' | 'ask_usd_1pct' | 'bid_usd_2pct' | 'ask_usd_2pct', number>;

export function depthRows(registry: SampleRegistry, asset: AssetSymbol, path: AssetPath): DepthRow[] {
  const random = stream(`depth|${asset}`);
  const rows: DepthRow[] = [];
  const cascadeMs = Date.parse(`${CASCADE_DAY}T${CASCADE_PEAK_HOUR}:00:00Z`);
  const cascadeHour = (cascadeMs - MARKET_START_MS) / HOUR_MS;
  for (const venue of Object.keys(VENUE_DEPTH_USD) as VenueSlug[]) {
    const own = registry.instruments.filter((i) => i.asset === asset && i.venue === venue);
    if (own.length === 0) continue;
    const raw = own.map((i) => (i.contractType === 'FUTURE' ? 0.2 : i.marginType === 'INVERSE' && venue === 'okx' ? 0.35 : 1));
    const rawSum = raw.reduce((a, b) => a + b, 0);
    const venueRows: KnownDepthRow[][] = [];
    for (let h = 0; h < MARKET_HOURS; h++) {
      const at = hourMs(h);
      const mid = priceAt(path, at);
      const stressed = at >= Date.parse(`${CASCADE_DAY}T20:00:00Z`) && at < Date.parse(`${CASCADE_DAY}T23:00:00Z`);
      const level = VENUE_DEPTH_USD[venue] * ASSET_DEPTH_FACTOR[asset] * DEPTH_LEVEL(at) * lognormal(random, 0.15);
      venueRows.push(own.map((instrument, k) => {
        const within2 = (level * raw[k]) / rawSum;
        // Sellers hit the bids in a long cascade: the bid side is the one that empties.
        const bidShare = (stressed ? 0.35 : 0.5) + normal(random) * 0.03;
        const within1Share = 0.5 + normal(random) * 0.04;
        return {
          asset_id: instrument.assetId, instrument_id: instrument.id, at: new Date(at), mid_price: mid,
          bid_usd_1pct: within2 * bidShare * within1Share, ask_usd_1pct: within2 * (1 - bidShare) * within1Share,
          bid_usd_2pct: within2 * bidShare, ask_usd_2pct: within2 * (1 - bidShare), origin: SAMPLE_ORIGIN,
        };
      }));
    }
    const total = (hour: KnownDepthRow[]) => hour.reduce((s, r) => s + r.bid_usd_2pct + r.ask_usd_2pct, 0);
    const trailing = venueRows.slice(Math.max(0, cascadeHour - 30 * 24), cascadeHour).map(total);
    const factor = (CASCADE_DEPTH_RATIO * median(trailing)) / total(venueRows[cascadeHour]);
    for (const row of venueRows[cascadeHour]) {
      row.bid_usd_1pct *= factor;
      row.ask_usd_1pct *= factor;
      row.bid_usd_2pct *= factor;
      row.ask_usd_2pct *= factor;
    }
    for (const hour of venueRows) rows.push(...hour);
  }
  return rows;
}
