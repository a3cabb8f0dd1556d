import { ObservationTable } from '../../db/bulk';

export interface EtfFlowRow {
  asset_id: number;
  etf_id: number;
  /** Trading day, YYYY-MM-DD. */
  day: string;
  net_flow_usd: number;
  /** Coins held at the day's close, where the source gives it. */
  holdings: number | null;
  origin: string;
}

export const etfFlowTable: ObservationTable = {
  table: 'etf_flow',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'etf_id', type: 'int' },
    { name: 'day', type: 'date' },
  ],
  values: [
    { name: 'net_flow_usd', type: 'float8' },
    { name: 'holdings', type: 'float8' },
  ],
};
