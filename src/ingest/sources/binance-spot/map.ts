import { CandleResolution, CandleRow } from '../../../domains/prices/candle.table';
import { isClosed } from '../../candles';
import { msTime, num } from '../../parse';
import { BinanceKline } from './client';

export const binanceSpotSlug = 'binance-spot';

/** The USDT pair Cascade reads for an asset. */
export function spotSymbol(asset: string): string {
  return `${asset}USDT`;
}

/**
 * Closed klines as candles. volume_usd is the QUOTE volume (USDT, at par with USD), which
 * Binance sums trade by trade — more exact than base volume × close.
 */
export function mapKlines(rows: BinanceKline[], assetId: number, resolution: CandleResolution, periodMs: number, nowMs: number): CandleRow[] {
  const candles: CandleRow[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length < 8) throw new Error(`kline is not a 12-element row: ${JSON.stringify(row)}`);
    const start = msTime(row[0], 'kline open time');
    if (!isClosed(start.getTime(), periodMs, nowMs)) continue;
    candles.push({
      asset_id: assetId,
      resolution,
      start,
      open: num(row[1], 'kline open'),
      high: num(row[2], 'kline high'),
      low: num(row[3], 'kline low'),
      close: num(row[4], 'kline close'),
      volume_usd: num(row[7], 'kline quote volume'),
      source: binanceSpotSlug,
      // Read from a history endpoint, like the venues' other histories.
      origin: 'BACKFILL',
    });
  }
  return candles;
}
