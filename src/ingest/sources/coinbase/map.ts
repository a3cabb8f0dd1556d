import { CandleResolution, CandleRow } from '../../../domains/prices/candle.table';
import { StablecoinRateRow } from '../../../domains/prices/source-candle.table';
import { isClosed } from '../../candles';
import { num, optNum } from '../../parse';
import { CoinbaseCandle } from './client';

export const coinbaseSlug = 'coinbase';

/** The USD product Cascade reads for an asset. */
export function productId(asset: string): string {
  return `${asset}-USD`;
}

/** The stablecoins whose USD price Cascade measures, and the Coinbase product it reads for each. */
export const stablecoinProducts = [{ currency: 'USDT', product: 'USDT-USD' }] as const;

interface ParsedCandle {
  startMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base volume; null on a 5-element row. */
  volume: number | null;
}

/** Closed candles of a Coinbase answer, oldest first, as documented: [time s, low, high, open, close, volume?]. */
function parseClosed(rows: CoinbaseCandle[], periodMs: number, nowMs: number): ParsedCandle[] {
  const parsed: ParsedCandle[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length < 5) throw new Error(`candle is not a [time, low, high, open, close, volume] row: ${JSON.stringify(row)}`);
    const startMs = num(row[0], 'candle time') * 1000;
    if (!isClosed(startMs, periodMs, nowMs)) continue;
    parsed.push({ startMs, open: num(row[3], 'candle open'), high: num(row[2], 'candle high'), low: num(row[1], 'candle low'), close: num(row[4], 'candle close'), volume: optNum(row[5], 'candle volume') });
  }
  return parsed.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Closed candles, oldest first. Coinbase gives only the BASE volume, so volume_usd is
 * base volume × close (an approximation of the traded USD); a 5-element row has no volume: 0.
 */
export function mapCandles(rows: CoinbaseCandle[], assetId: number, resolution: CandleResolution, periodMs: number, nowMs: number): { candles: CandleRow[]; withoutVolume: number } {
  const parsed = parseClosed(rows, periodMs, nowMs);
  const candles = parsed.map((c) => ({
    asset_id: assetId,
    resolution,
    start: new Date(c.startMs),
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume_usd: (c.volume ?? 0) * c.close,
    source: coinbaseSlug,
    origin: 'BACKFILL',
  }));
  return { candles, withoutVolume: parsed.filter((c) => c.volume === null).length };
}

/** A stablecoin's closed USD candles (e.g. USDT-USD: USD per USDT), oldest first; volume is not kept. */
export function mapStablecoinRates(rows: CoinbaseCandle[], currency: string, resolution: CandleResolution, periodMs: number, nowMs: number): StablecoinRateRow[] {
  return parseClosed(rows, periodMs, nowMs).map((c) => ({
    currency,
    source: coinbaseSlug,
    resolution,
    start: new Date(c.startMs),
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    origin: 'BACKFILL',
  }));
}
