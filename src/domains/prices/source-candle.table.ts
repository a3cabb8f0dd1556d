import { ObservationTable } from '../../db/bulk';
import { CandleResolution, CandleRow, candleTable } from './candle.table';

/** open, high, low, close: typed as the candle table types them. */
const levelColumns = candleTable.values.filter((c) => ['open', 'high', 'low', 'close'].includes(c.name));

/**
 * One spot source's candle, in the currency the source quotes it in: Coinbase BTC-USD in USD,
 * Binance BTCUSDT in USDT. Unlike `candle` (one candle per bucket, whichever source won), every
 * source keeps its own, so two sources' closes of the same minute can be compared.
 */
export interface SourceCandleRow {
  asset_id: number;
  /** The ingestion source that read it: `coinbase` or `binance-spot`. */
  source: string;
  resolution: CandleResolution;
  start: Date;
  /** `USD` or `USDT`: what open/high/low/close and volume_quote are in. */
  quote_currency: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Traded volume in the quote currency (Binance: its quote volume; Coinbase: base volume × close). */
  volume_quote: number;
  origin: string;
}

export const sourceCandleTable: ObservationTable = {
  table: 'source_candle',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'source', type: 'text' },
    { name: 'resolution', type: 'text' },
    { name: 'start', type: 'timestamptz' },
  ],
  values: [{ name: 'quote_currency', type: 'text' }, ...levelColumns, { name: 'volume_quote', type: 'float8' }],
};

/**
 * The per-source twin of a candle a source mapped: the same levels and volume, keyed by its
 * source, in `quoteCurrency`. A candle without levels (none is mapped so today) has no twin.
 */
export function toSourceCandles(candles: readonly CandleRow[], quoteCurrency: string): SourceCandleRow[] {
  const out: SourceCandleRow[] = [];
  for (const c of candles) {
    if (c.open === null || c.high === null || c.low === null || c.close === null) continue;
    out.push({ asset_id: c.asset_id, source: c.source, resolution: c.resolution, start: c.start, quote_currency: quoteCurrency, open: c.open, high: c.high, low: c.low, close: c.close, volume_quote: c.volume_usd, origin: c.origin });
  }
  return out;
}

/** The measured USD price of one stablecoin over a candle (Coinbase Exchange USDT-USD). */
export interface StablecoinRateRow {
  /** The stablecoin, e.g. `USDT`. */
  currency: string;
  source: string;
  resolution: CandleResolution;
  start: Date;
  /** USD per one unit of `currency`. */
  open: number;
  high: number;
  low: number;
  close: number;
  origin: string;
}

export const stablecoinRateTable: ObservationTable = {
  table: 'stablecoin_rate',
  key: [
    { name: 'currency', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'resolution', type: 'text' },
    { name: 'start', type: 'timestamptz' },
  ],
  values: levelColumns,
};
