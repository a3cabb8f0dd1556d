import { ObservationTable } from '../../db/bulk';

export type CandleResolution = 'M1' | 'D1';

export interface CandleRow {
  asset_id: number;
  resolution: CandleResolution;
  start: Date;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume_usd: number;
  /** The spot source the candle came from, e.g. `binance-spot`. */
  source: string;
  origin: string;
}

export const candleTable: ObservationTable = {
  table: 'candle',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'resolution', type: 'text' },
    { name: 'start', type: 'timestamptz' },
  ],
  values: [
    { name: 'open', type: 'float8' },
    { name: 'high', type: 'float8' },
    { name: 'low', type: 'float8' },
    { name: 'close', type: 'float8' },
    { name: 'volume_usd', type: 'float8' },
    { name: 'source', type: 'text' },
  ],
};
