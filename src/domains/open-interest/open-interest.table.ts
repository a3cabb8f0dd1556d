import { ObservationTable } from '../../db/bulk';

export interface OpenInterestRow {
  asset_id: number;
  instrument_id: number;
  at: Date;
  /** Converted to USD at ingestion with the right price (coins × mark, or contracts × USD size). */
  open_interest_usd: number;
  open_interest_contracts: number | null;
  origin: string;
}

export const openInterestTable: ObservationTable = {
  table: 'open_interest',
  key: [
    { name: 'asset_id', type: 'int' },
    { name: 'instrument_id', type: 'int' },
    { name: 'at', type: 'timestamptz' },
  ],
  values: [
    { name: 'open_interest_usd', type: 'float8' },
    { name: 'open_interest_contracts', type: 'float8' },
  ],
  rollupSql: `
    INSERT INTO open_interest_hourly AS h (asset_id, instrument_id, hour, last_at, open_interest_usd, recorded_at)
    SELECT DISTINCT ON (o.asset_id, o.instrument_id, c.hour) o.asset_id, o.instrument_id, c.hour, o.at, o.open_interest_usd, o.recorded_at
    FROM unnest($1::int[], $2::int[], $3::timestamptz[]) AS c(asset_id, instrument_id, hour)
    JOIN open_interest o ON o.asset_id = c.asset_id AND o.instrument_id = c.instrument_id AND o.at >= c.hour AND o.at < c.hour + interval '1 hour'
    ORDER BY o.asset_id, o.instrument_id, c.hour, o.at DESC
    ON CONFLICT (asset_id, hour, instrument_id) DO UPDATE
      SET last_at = EXCLUDED.last_at, open_interest_usd = EXCLUDED.open_interest_usd, recorded_at = EXCLUDED.recorded_at`,
};
