import { CandleResolution, CandleRow } from '../../../domains/prices/candle.table';
import { isClosed } from '../../candles';
import { num, optNum } from '../../parse';
import { CoinbaseCandle } from './client';

export const coinbaseSlug = 'coinbase';

/** The USD product Cascade reads for an asset. */
export function productId(asset: string): string {
  return `${asset}-USD`;
}

/**
 * Closed candles, oldest first. Coinbase gives only the BASE volume, so volume_usd is
 * base volume × close (an approximation of the traded USD); a 5-element row has no volume: 0.
 */
export function mapCandles(rows: CoinbaseCandle[], assetId: number, resolution: CandleResolution, periodMs: number, nowMs: number): { candles: CandleRow[]; withoutVolume: number } {
  const candles: CandleRow[] = [];
  let withoutVolume = 0;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length < 5) throw new Error(`candle is not a [time, low, high, open, close, volume] row: ${JSON.stringify(row)}`);
    const startMs = num(row[0], 'candle time') * 1000;
    if (!isClosed(startMs, periodMs, nowMs)) continue;
    const close = num(row[4], 'candle close');
    const volume = optNum(row[5], 'candle volume');
    if (volume === null) withoutVolume += 1;
    candles.push({
      asset_id: assetId,
      resolution,
      start: new Date(startMs),
      open: num(row[3], 'candle open'),
      high: num(row[2], 'candle high'),
      low: num(row[1], 'candle low'),
      close,
      volume_usd: (volume ?? 0) * close,
      source: coinbaseSlug,
      origin: 'BACKFILL',
    });
  }
  candles.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { candles, withoutVolume };
}
