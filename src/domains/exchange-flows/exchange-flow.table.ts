import { ObservationTable } from '../../db/bulk';

export interface ExchangeFlowRow {
  asset_id: number;
  day: string;
  /** Coins moved onto exchanges' known wallets during the day. */
  inflow: number;
  outflow: number;
  origin: string;
}

export const exchangeFlowTable: ObservationTable = {
  table: 'exchange_flow',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'day', type: 'date' },
  ],
  values: [
    { name: 'inflow', type: 'float8' },
    { name: 'outflow', type: 'float8' },
  ],
};
