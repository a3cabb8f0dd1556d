import { ObservationTable } from '../../db/bulk';

export interface MarkPriceRow {
  asset_id: number;
  instrument_id: number;
  at: Date;
  mark_price: number;
  index_price: number | null;
  origin: string;
}

export const markPriceTable: ObservationTable = {
  table: 'mark_price',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'instrument_id', type: 'int' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'mark_price', type: 'float8' },
    { name: 'index_price', type: 'float8' },
  ],
};
