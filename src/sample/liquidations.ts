import { LiquidationRow } from '../domains/liquidations/liquidation.writer';
import { AssetPath, AssetSymbol, ASSET_SYMBOLS } from './prices';
import { lognormal, Random, stream } from './random';
import { InstrumentSpec, SampleRegistry, VenueSlug } from './registry';
import {
  BASE_EVENT_COUNT, CASCADE_DAY, CASCADE_LIQUIDATIONS_USD, CASCADE_LONG_SHARE, CASCADE_PEAK_HOUR,
  MARKET_DAYS, MARKET_START, MARKET_START_MS, MINUTE_MS, NOVEMBER_DIP_DAY, NOVEMBER_DIP_HOUR,
  NOVEMBER_DIP_LIQUIDATIONS_USD, NOVEMBER_DIP_LONG_SHARE, ORDINARY_DAY_MAX_USD, ORDINARY_DAY_MIN_USD,
  SAMPLE_ORIGIN, daysBetween, hyperliquidDislocation,
} from './scenario';

export type Side = 'LONG' | 'SHORT';

/** USD and (scale-1) event count of one asset's liquidations on one side in one hour. */
export interface LiquidationCell {
  asset: AssetSymbol;
  day: number;
  hour: number;
  side: Side;
  usd: number;
  baseCount: number;
}

const CASCADE = daysBetween(MARKET_START, CASCADE_DAY);
const DIP = daysBetween(MARKET_START, NOVEMBER_DIP_DAY);

/** Share of each hour in the day's USD on the two stress days (peak hour 21:00 and 14:00). */
function stressHourWeights(around: Record<number, number>): number[] {
  const rest = 1 - Object.values(around).reduce((a, b) => a + b, 0);
  const quiet = rest / (24 - Object.keys(around).length);
  return Array.from({ length: 24 }, (_, h) => around[h] ?? quiet);
}
const CASCADE_HOURS = stressHourWeights({ [CASCADE_PEAK_HOUR - 1]: 0.14, [CASCADE_PEAK_HOUR]: 0.5, [CASCADE_PEAK_HOUR + 1]: 0.18, [CASCADE_PEAK_HOUR + 2]: 0.08 });
const DIP_HOURS = stressHourWeights({ [NOVEMBER_DIP_HOUR - 1]: 0.06, [NOVEMBER_DIP_HOUR]: 0.7, [NOVEMBER_DIP_HOUR + 1]: 0.08 });

const CASCADE_ASSET_SHARE: Record<AssetSymbol, number> = { BTC: 0.4, ETH: 0.38, SOL: 0.22 };
const ORDINARY_ASSET_SHARE: Record<AssetSymbol, number> = { BTC: 0.45, ETH: 0.38, SOL: 0.17 };

/** Venue shares: Hyperliquid carried the cascade; on ordinary days Binance and Bybit lead. */
const CASCADE_VENUES: Array<[VenueSlug, number]> = [['hyperliquid', 0.45], ['bybit', 0.25], ['binance', 0.15], ['okx', 0.1], ['deribit', 0.05]];
const ORDINARY_VENUES: Array<[VenueSlug, number]> = [['binance', 0.3], ['bybit', 0.27], ['hyperliquid', 0.2], ['okx', 0.16], ['deribit', 0.07]];

/** Binance streams at most one liquidation per symbol per second; leave it room in an hour. */
const BINANCE_SECONDS_PER_HOUR = 2400;

function hourlyMoves(path: AssetPath, day: number): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    const k = (day * 24 + h) * 60;
    return Math.log(path.minute[k + 60] / path.minute[k]);
  });
}

/** The whole plan: every (asset, day, hour, side) cell with its USD target and event count. */
export function liquidationPlan(paths: Record<AssetSymbol, AssetPath>): LiquidationCell[] {
  const random = stream('liquidation-plan');
  const cells: LiquidationCell[] = [];
  const weights: number[] = [];
  for (let day = 0; day < MARKET_DAYS; day++) {
    const btcMove = Math.log(paths.BTC.minute[(day + 1) * 1440] / paths.BTC.minute[day * 1440]);
    let total: number;
    if (day === CASCADE) total = CASCADE_LIQUIDATIONS_USD;
    else if (day === DIP) total = NOVEMBER_DIP_LIQUIDATIONS_USD;
    else total = Math.min(ORDINARY_DAY_MAX_USD, Math.max(ORDINARY_DAY_MIN_USD, 150e6 * (1 + 40 * Math.abs(btcMove)) * lognormal(random, 0.25)));
    const stress = day === CASCADE || day === DIP;
    const jitter = ASSET_SYMBOLS.map((a) => (stress ? CASCADE_ASSET_SHARE[a] : ORDINARY_ASSET_SHARE[a] * lognormal(random, 0.15)));
    const jitterSum = jitter.reduce((a, b) => a + b, 0);
    ASSET_SYMBOLS.forEach((asset, a) => {
      const path = paths[asset];
      const assetUsd = (total * jitter[a]) / jitterSum;
      const move = Math.log(path.minute[(day + 1) * 1440] / path.minute[day * 1440]);
      const longShare = day === CASCADE ? CASCADE_LONG_SHARE : day === DIP ? NOVEMBER_DIP_LONG_SHARE : Math.min(0.8, Math.max(0.2, 0.5 - 6 * move));
      let hours: number[];
      if (day === CASCADE) hours = CASCADE_HOURS;
      else if (day === DIP) hours = DIP_HOURS;
      else {
        const moves = hourlyMoves(path, day).map(Math.abs);
        const mean = moves.reduce((x, y) => x + y, 0) / 24;
        const raw = moves.map((m) => m + 0.5 * mean);
        const sum = raw.reduce((x, y) => x + y, 0);
        hours = raw.map((m) => m / sum);
      }
      for (let hour = 0; hour < 24; hour++) {
        for (const side of ['LONG', 'SHORT'] as Side[]) {
          const usd = assetUsd * hours[hour] * (side === 'LONG' ? longShare : 1 - longShare);
          cells.push({ asset, day, hour, side, usd, baseCount: 0 });
          // Event counts grow slower than USD: big days have bigger liquidations, not only more.
          weights.push(Math.pow(assetUsd, 0.7) * hours[hour] * (side === 'LONG' ? longShare : 1 - longShare));
        }
      }
    });
  }
  const unit = BASE_EVENT_COUNT / weights.reduce((a, b) => a + b, 0);
  cells.forEach((cell, i) => (cell.baseCount = Math.max(1, Math.round(weights[i] * unit))));
  return cells;
}

type Instrument = InstrumentSpec & { id: number; assetId: number; venueId: number };

interface VenuePick {
  venue: VenueSlug;
  venueId: number;
  instruments: Array<[Instrument, number]>;
}

function venuePicks(registry: SampleRegistry, asset: AssetSymbol, shares: Array<[VenueSlug, number]>): Array<[VenuePick, number]> {
  return shares.map(([venue, share]) => {
    const own = registry.instruments.filter((i) => i.asset === asset && i.venue === venue);
    // Inverse and dated contracts carry a smaller part of a venue's liquidations.
    const instrumentWeights = own.map((i) => (i.contractType === 'FUTURE' ? 0.15 : i.marginType === 'INVERSE' && venue === 'okx' ? 0.3 : 1));
    const sum = instrumentWeights.reduce((a, b) => a + b, 0);
    return [{ venue, venueId: registry.venueId[venue], instruments: own.map((i, k) => [i, instrumentWeights[k] / sum] as [Instrument, number]) }, share];
  });
}

function pick<T>(random: Random, options: Array<[T, number]>): T {
  let u = random();
  for (const [value, weight] of options) {
    if (u < weight) return value;
    u -= weight;
  }
  return options[options.length - 1][0];
}

/**
 * Liquidation events for the whole period, in batches of at most `batchSize`. Each cell's
 * sizes are heavy-tailed (lognormal, σ 1.7) and rescaled so the cell's USD is exact; events
 * crowd into the minutes where price moved against their side. `scale` multiplies counts only.
 */
export function* liquidationBatches(paths: Record<AssetSymbol, AssetPath>, registry: SampleRegistry, options: { scale?: number; batchSize?: number; plan?: LiquidationCell[] } = {}): Generator<LiquidationRow[]> {
  const scale = options.scale ?? 1;
  const batchSize = options.batchSize ?? 25_000;
  const plan = options.plan ?? liquidationPlan(paths);
  const counters = new Map<string, number>();
  const ordinaryPicks = Object.fromEntries(ASSET_SYMBOLS.map((a) => [a, venuePicks(registry, a, ORDINARY_VENUES)]));
  const cascadePicks = Object.fromEntries(ASSET_SYMBOLS.map((a) => [a, venuePicks(registry, a, CASCADE_VENUES)]));
  const bybit = (asset: AssetSymbol) => ordinaryPicks[asset].find(([p]) => p.venue === 'bybit')![0];
  let batch: LiquidationRow[] = [];
  const binanceSeconds = new Uint8Array(3600);
  let binanceUsed = 0;
  let hourKey = '';
  for (const cell of plan) {
    const key = `${cell.asset}|${cell.day}|${cell.hour}`;
    if (key !== hourKey) {
      hourKey = key;
      binanceSeconds.fill(0);
      binanceUsed = 0;
    }
    const path = paths[cell.asset];
    const random = stream(`liq|${key}|${cell.side}`);
    const count = Math.max(1, Math.round(cell.baseCount * scale));
    const sizes = new Float64Array(count);
    let sizeSum = 0;
    for (let i = 0; i < count; i++) sizeSum += sizes[i] = Math.min(lognormal(random, 1.7), 3000);
    const usdPerUnit = cell.usd / sizeSum;
    const firstMinute = (cell.day * 24 + cell.hour) * 60;
    const minuteWeights = Array.from({ length: 60 }, (_, m) => {
      const move = Math.log(path.minute[firstMinute + m + 1] / path.minute[firstMinute + m]) / path.minuteVol;
      return 0.25 + Math.max(0, cell.side === 'LONG' ? -move : move);
    });
    const weightSum = minuteWeights.reduce((a, b) => a + b, 0);
    const picks = cell.day === CASCADE ? cascadePicks[cell.asset] : ordinaryPicks[cell.asset];
    const hourStart = MARKET_START_MS + firstMinute * MINUTE_MS;
    let cumulative = 0;
    let emitted = 0;
    for (let m = 0; m < 60; m++) {
      cumulative += minuteWeights[m];
      const upTo = m === 59 ? count : Math.min(count, Math.round((cumulative / weightSum) * count));
      for (; emitted < upTo; emitted++) {
        let venuePick = pick(random, picks);
        let second = m * 60 + Math.floor(random() * 60);
        const millis = Math.floor(random() * 1000);
        if (venuePick.venue === 'binance') {
          if (binanceUsed >= BINANCE_SECONDS_PER_HOUR) venuePick = bybit(cell.asset);
          else {
            while (binanceSeconds[second]) second = (second + 1) % 3600;
            binanceSeconds[second] = 1;
            binanceUsed++;
          }
        }
        const instrument = pick(random, venuePick.instruments);
        const at = hourStart + second * 1000 + millis;
        const k = firstMinute + Math.floor(second / 60);
        const spot = path.minute[k] + ((path.minute[k + 1] - path.minute[k]) * (second % 60)) / 60;
        const slip = 1 + (cell.side === 'LONG' ? -1 : 1) * (0.0003 + 0.002 * random());
        const price = spot * slip * (venuePick.venue === 'hyperliquid' ? hyperliquidDislocation(at) : 1);
        const notional = sizes[emitted] * usdPerUnit;
        const counterKey = `${cell.asset}-${venuePick.venue}`;
        const n = (counters.get(counterKey) ?? 0) + 1;
        counters.set(counterKey, n);
        batch.push({
          asset_id: instrument.assetId, venue_id: venuePick.venueId, instrument_id: instrument.id, side: cell.side,
          price, quantity: notional / price, notional_usd: notional, occurred_at: new Date(at),
          event_key: `sample-${counterKey.toLowerCase()}-${n}`,
          price_kind: venuePick.venue === 'bybit' || venuePick.venue === 'okx' ? 'BANKRUPTCY' : 'FILL',
          origin: SAMPLE_ORIGIN,
        });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length > 0) yield batch;
}

