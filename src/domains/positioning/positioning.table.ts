import { ObservationTable } from '../../db/bulk';
import { LongShortRatioDefinition } from './positioning.definitions';

/** One published long/short reading (migrations/1796409271312-positioning-ratio.ts). */
export interface PositioningRatioRow {
  asset_id: number;
  venue_id: number;
  kind: LongShortRatioDefinition;
  /** The venue's symbol the figure is about (BTCUSDT, BTC-USDT-SWAP), or the currency for OKX's all-contracts ratio (BTC). */
  scope: string;
  /** The venue's own period value the reading was asked with ("5m", "5min"). */
  period: string;
  at: Date;
  /** As published; Bybit publishes the shares only, so there it is buyRatio / sellRatio. */
  long_short_ratio: number;
  /** Fraction (0.6 = 60 %); null where the venue publishes the ratio alone (OKX). */
  long_share: number | null;
  short_share: number | null;
  origin: string;
}

export const positioningRatioTable: ObservationTable = {
  table: 'positioning_ratio',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'venue_id', type: 'int' },
    { name: 'kind', type: 'text' },
    { name: 'scope', type: 'text' },
    { name: 'period', type: 'text' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'long_short_ratio', type: 'float8' },
    { name: 'long_share', type: 'float8' },
    { name: 'short_share', type: 'float8' },
  ],
};
