import { ObservationTable } from '../../db/bulk';

/** The unit a venue published a taker volume in (the USD columns are what Cascade serves). */
export type TakerVolumeUnit = 'COIN' | 'USD' | 'USDT' | 'USDC';

/** The width of every stored period: both venues are read at their finest, 5 minutes. */
export const takerVolumePeriodMs = 5 * 60_000;

export interface TakerVolumeRow {
  asset_id: number;
  instrument_id: number;
  /** The period's start (UTC); the period is `takerVolumePeriodMs` long. */
  at: Date;
  /** Taker buy volume in USD (stablecoins at par). */
  buy_usd: number;
  sell_usd: number;
  /** As the venue published them, in `published_unit`. */
  buy_published: number;
  sell_published: number;
  published_unit: TakerVolumeUnit;
  /** The venue's own buy/sell ratio where it publishes one (Binance), else null. */
  published_ratio: number | null;
  /** USD per coin a COIN figure was converted at; null when the venue published USD. */
  usd_price: number | null;
  origin: string;
}

export const takerVolumeTable: ObservationTable = {
  table: 'taker_volume',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'instrument_id', type: 'int' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'buy_usd', type: 'float8' },
    { name: 'sell_usd', type: 'float8' },
    { name: 'buy_published', type: 'float8' },
    { name: 'sell_published', type: 'float8' },
    { name: 'published_unit', type: 'text' },
    { name: 'published_ratio', type: 'float8' },
    { name: 'usd_price', type: 'float8' },
  ],
};
