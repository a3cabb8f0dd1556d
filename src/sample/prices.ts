import { CandleRow } from '../domains/prices/candle.table';
import { normal, Random, stream } from './random';
import {
  BTC_CLOSE_2025_11_21_USD, BTC_PEAK_CLOSE_USD, BTC_PEAK_DAY, CASCADE_DAY, DAY_MS, FLOWS_START, MARKET_DAYS,
  MARKET_END, MARKET_MINUTES, MARKET_START, MARKET_START_MS, MINUTE_MS, NOVEMBER_DIP_DAY, NOVEMBER_DIP_HOUR,
  SAMPLE_ORIGIN, daysBetween,
} from './scenario';

export type AssetSymbol = 'BTC' | 'ETH' | 'SOL';
export const ASSET_SYMBOLS: AssetSymbol[] = ['BTC', 'ETH', 'SOL'];

interface AssetShape {
  /** Daily closes at turning points (the path interpolates log-linearly between them). */
  keyCloses: Array<[string, number]>;
  /** Close on the last day; the days after the 4 Nov dip walk down to it. */
  finalClose: number;
  dailyVol: number;
  /** Intraday lows as a fraction of the previous close: 10 Oct cascade and 4 Nov dip. */
  cascadeLow: number;
  dipLow: number;
  /** Spot volume per minute, USD. */
  minuteVolumeUsd: number;
}

const SHAPES: Record<AssetSymbol, AssetShape> = {
  BTC: {
    keyCloses: [
      ['2025-06-01', 105_700], ['2025-06-22', 101_000], ['2025-07-14', 122_000], ['2025-07-31', 115_800],
      ['2025-08-13', 123_300], ['2025-08-31', 108_300], ['2025-09-05', 110_700], ['2025-09-13', 115_900],
      ['2025-09-18', 117_100], ['2025-09-25', 109_000], ['2025-09-30', 114_100], ['2025-10-03', 122_200],
      [BTC_PEAK_DAY, BTC_PEAK_CLOSE_USD], ['2025-10-09', 121_700], [CASCADE_DAY, 113_200], ['2025-10-11', 110_700],
      ['2025-10-14', 113_000], ['2025-10-17', 106_400], ['2025-10-20', 110_500], ['2025-10-27', 114_500],
      ['2025-10-31', 109_500], ['2025-11-03', 106_500], [NOVEMBER_DIP_DAY, 101_300],
    ],
    finalClose: BTC_CLOSE_2025_11_21_USD,
    dailyVol: 0.012,
    cascadeLow: 0.86,
    dipLow: 0.93,
    minuteVolumeUsd: 20_000_000,
  },
  ETH: {
    keyCloses: [
      ['2025-06-01', 2_530], ['2025-06-22', 2_230], ['2025-07-14', 3_000], ['2025-07-31', 3_700],
      ['2025-08-13', 4_750], ['2025-08-24', 4_830], ['2025-08-31', 4_380], ['2025-09-05', 4_300],
      ['2025-09-13', 4_700], ['2025-09-18', 4_590], ['2025-09-25', 3_870], ['2025-09-30', 4_150],
      ['2025-10-03', 4_510], [BTC_PEAK_DAY, 4_690], ['2025-10-09', 4_370], [CASCADE_DAY, 3_830], ['2025-10-11', 3_750],
      ['2025-10-14', 4_120], ['2025-10-17', 3_830], ['2025-10-20', 3_980], ['2025-10-27', 4_150],
      ['2025-10-31', 3_850], ['2025-11-03', 3_600], [NOVEMBER_DIP_DAY, 3_300],
    ],
    finalClose: 2_980,
    dailyVol: 0.018,
    cascadeLow: 0.8,
    dipLow: 0.89,
    minuteVolumeUsd: 12_000_000,
  },
  SOL: {
    keyCloses: [
      ['2025-06-01', 157], ['2025-06-22', 132], ['2025-07-14', 162], ['2025-07-22', 200], ['2025-07-31', 168],
      ['2025-08-13', 200], ['2025-08-31', 200], ['2025-09-05', 203], ['2025-09-13', 240], ['2025-09-18', 245],
      ['2025-09-25', 195], ['2025-09-30', 208], ['2025-10-03', 232], [BTC_PEAK_DAY, 232], ['2025-10-09', 218],
      [CASCADE_DAY, 182], ['2025-10-11', 178], ['2025-10-14', 200], ['2025-10-17', 185], ['2025-10-20', 190],
      ['2025-10-27', 200], ['2025-10-31', 187], ['2025-11-03', 165], [NOVEMBER_DIP_DAY, 158],
    ],
    finalClose: 135,
    dailyVol: 0.022,
    cascadeLow: 0.74,
    dipLow: 0.88,
    minuteVolumeUsd: 3_000_000,
  },
};

/**
 * Daily moves (%) from 5 to 21 November: a steady slide with small bounces, so the 14-day RSI
 * ends deep under 30. The down days are scaled so the last close lands exactly on target.
 */
const NOVEMBER_SLIDE = [1.2, -0.9, -1.6, 0.4, -1.1, -1.3, -0.8, -2.4, -1.7, 0.5, -1.8, -1.2, 0.3, -2.1, -1.5, -2.6, -1.0];

export interface AssetPath {
  symbol: AssetSymbol;
  /** Close of each day from FLOWS_START to the last market day. */
  dailyClose: Float64Array;
  /** Price at each minute boundary of the market period: [0] is the open, [k] the close of minute k-1. */
  minute: Float64Array;
  minuteVolumeUsd: number;
  minuteVol: number;
}

export const FLOW_DAYS = daysBetween(FLOWS_START, MARKET_END);
const MARKET_OFFSET_DAYS = daysBetween(FLOWS_START, MARKET_START);

function dailyCloses(symbol: AssetSymbol): Float64Array {
  const shape = SHAPES[symbol];
  const random = stream(`daily|${symbol}`);
  const closes = new Float64Array(FLOW_DAYS);
  const keys = shape.keyCloses.map(([day, close]) => [daysBetween(FLOWS_START, day), Math.log(close)] as const);
  const slideStart = keys[keys.length - 1][0];
  for (let k = 0; k < keys.length - 1; k++) {
    const [d0, l0] = keys[k];
    const [d1, l1] = keys[k + 1];
    for (let d = d0; d < d1; d++) {
      const noise = d === d0 ? 0 : normal(random) * shape.dailyVol * 0.6;
      closes[d] = Math.exp(l0 + ((l1 - l0) * (d - d0)) / (d1 - d0) + noise);
    }
  }
  closes[slideStart] = Math.exp(keys[keys.length - 1][1]);
  const ups = NOVEMBER_SLIDE.filter((m) => m > 0).reduce((a, b) => a + b, 0) / 100;
  const downs = NOVEMBER_SLIDE.filter((m) => m < 0).reduce((a, b) => a + b, 0) / 100;
  const needed = Math.log(shape.finalClose / closes[slideStart]);
  const downScale = (needed - ups) / downs;
  for (let i = 0; i < NOVEMBER_SLIDE.length && slideStart + i + 1 < FLOW_DAYS; i++) {
    const move = NOVEMBER_SLIDE[i] / 100;
    closes[slideStart + i + 1] = closes[slideStart + i] * Math.exp(move > 0 ? move : move * downScale);
  }
  if (symbol === 'BTC') {
    // The peak close must be the period's highest, whatever the noise did around it.
    const peak = daysBetween(FLOWS_START, BTC_PEAK_DAY);
    for (let d = MARKET_OFFSET_DAYS; d < FLOW_DAYS; d++) if (d !== peak) closes[d] = Math.min(closes[d], closes[peak] * 0.99);
  }
  return closes;
}

/** Intraday turning points (minute of day, price) for the two stress days; other days have none. */
function intradayWaypoints(shape: AssetShape, day: number, open: number, close: number): Array<[number, number]> {
  if (day === daysBetween(MARKET_START, CASCADE_DAY)) {
    const low = open * shape.cascadeLow;
    return [[1200, open * 0.985], [1248, open * 0.97], [1275, low], [1300, low * 1.035], [1320, (low + close) / 2], [1380, close * 0.995]];
  }
  if (day === daysBetween(MARKET_START, NOVEMBER_DIP_DAY)) {
    const start = NOVEMBER_DIP_HOUR * 60;
    const low = open * shape.dipLow;
    return [[start, open * 0.975], [start + 38, low], [start + 60, low * 1.012]];
  }
  return [];
}

/** Brownian bridge in log price from (k0, p0) to (k1, p1), written into minute[k0+1..k1]. */
function bridge(minute: Float64Array, k0: number, k1: number, p1: number, sigma: number, random: Random): void {
  const steps = k1 - k0;
  const l0 = Math.log(minute[k0]);
  const walk = new Float64Array(steps + 1);
  for (let i = 1; i <= steps; i++) walk[i] = walk[i - 1] + normal(random) * sigma;
  const drift = Math.log(p1) - l0;
  for (let i = 1; i <= steps; i++) minute[k0 + i] = Math.exp(l0 + walk[i] - (i / steps) * (walk[steps] - drift));
}

export function buildAssetPath(symbol: AssetSymbol): AssetPath {
  const shape = SHAPES[symbol];
  const dailyClose = dailyCloses(symbol);
  const minute = new Float64Array(MARKET_MINUTES + 1);
  const random = stream(`minutes|${symbol}`);
  const minuteVol = shape.dailyVol / Math.sqrt(1440);
  minute[0] = dailyClose[MARKET_OFFSET_DAYS - 1];
  for (let day = 0; day < MARKET_DAYS; day++) {
    const open = minute[day * 1440];
    const close = dailyClose[MARKET_OFFSET_DAYS + day];
    const points = [...intradayWaypoints(shape, day, open, close), [1440, close] as [number, number]];
    let from = 0;
    for (const [at, price] of points) {
      // Stress segments move faster than a quiet tape.
      const sigma = points.length > 1 && at > from && at - from <= 120 ? minuteVol * 3 : minuteVol;
      bridge(minute, day * 1440 + from, day * 1440 + at, price, sigma, random);
      from = at;
    }
  }
  return { symbol, dailyClose, minute, minuteVolumeUsd: shape.minuteVolumeUsd, minuteVol };
}

export function buildAssetPaths(): Record<AssetSymbol, AssetPath> {
  return { BTC: buildAssetPath('BTC'), ETH: buildAssetPath('ETH'), SOL: buildAssetPath('SOL') };
}

/** Spot price at a time in the market period (the minute's close boundary at or before it). */
export function priceAt(path: AssetPath, ms: number): number {
  const k = Math.floor((ms - MARKET_START_MS) / MINUTE_MS);
  return path.minute[Math.max(0, Math.min(MARKET_MINUTES, k))];
}

/** Daily close for any day from FLOWS_START (ETF holdings use it before the market period). */
export function closeOnDay(path: AssetPath, dayIndexFromFlowsStart: number): number {
  return path.dailyClose[Math.max(0, Math.min(FLOW_DAYS - 1, dayIndexFromFlowsStart))];
}

/**
 * M1 candles for the whole period and D1 candles folded from them, in batches. High and low
 * reach a little past open/close; volume grows with the size of the move.
 */
export function* candleBatches(assetId: number, path: AssetPath, batchSize: number): Generator<CandleRow[]> {
  const random = stream(`candles|${path.symbol}`);
  let batch: CandleRow[] = [];
  const daily: CandleRow[] = [];
  let day: CandleRow | undefined;
  for (let k = 0; k < MARKET_MINUTES; k++) {
    const open = path.minute[k];
    const close = path.minute[k + 1];
    const move = Math.abs(Math.log(close / open)) / path.minuteVol;
    const high = Math.max(open, close) * (1 + Math.abs(normal(random)) * path.minuteVol * 0.5);
    const low = Math.min(open, close) * (1 - Math.abs(normal(random)) * path.minuteVol * 0.5);
    const volumeUsd = path.minuteVolumeUsd * (0.4 + 0.6 * move) * (0.7 + 0.6 * random());
    const start = new Date(MARKET_START_MS + k * MINUTE_MS);
    batch.push({ asset_id: assetId, resolution: 'M1', start, open, high, low, close, volume_usd: volumeUsd, source: 'sample', origin: SAMPLE_ORIGIN });
    if (k % 1440 === 0) {
      day = { asset_id: assetId, resolution: 'D1', start: new Date(MARKET_START_MS + (k / 1440) * DAY_MS), open, high, low, close, volume_usd: 0, source: 'sample', origin: SAMPLE_ORIGIN };
      daily.push(day);
    }
    day!.high = Math.max(day!.high!, high);
    day!.low = Math.min(day!.low!, low);
    day!.close = close;
    day!.volume_usd += volumeUsd;
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  yield daily;
}
