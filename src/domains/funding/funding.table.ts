import { ObservationTable } from '../../db/bulk';

export interface FundingRow {
  asset_id: number;
  instrument_id: number;
  at: Date;
  /** Fraction per funding interval, as the venue quotes it. */
  rate: number;
  /** Stored with each rate: venues use 1, 4 or 8 hours and change it per symbol. */
  interval_hours: number;
  origin: string;
}

export const fundingTable: ObservationTable = {
  table: 'funding_rate',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'instrument_id', type: 'int' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'rate', type: 'float8' },
    { name: 'interval_hours', type: 'float8' },
  ],
};
