import { ObservationTable } from '../../db/bulk';

export interface CohortSupplyRow {
  asset_id: number;
  cohort_id: number;
  day: string;
  /** Coins held by the cohort at the end of the day. */
  supply: number;
  origin: string;
}

export const cohortSupplyTable: ObservationTable = {
  table: 'cohort_supply',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'cohort_id', type: 'int' },
    { name: 'day', type: 'date' },
  ],
  values: [{ name: 'supply', type: 'float8' }],
};
