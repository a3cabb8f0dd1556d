import { Db } from '../../db/sql';
import { ContractType } from '../shared/enums';
import { InstrumentRow } from './venue.types';

export interface InstrumentFilter {
  assetIds?: number[] | null;
  venueIds?: number[] | null;
  contractType?: ContractType | null;
}

const columns = `id, venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size,
  expires_at, active, funding_interval_hours`;

/** Instruments matching every given filter; a null filter matches all. Ordered venue, then symbol. */
export function findInstruments(db: Db, filter: InstrumentFilter): Promise<InstrumentRow[]> {
  return db.query<InstrumentRow>(
    `SELECT ${columns} FROM instrument
     WHERE ($1::int[] IS NULL OR asset_id = ANY($1))
       AND ($2::int[] IS NULL OR venue_id = ANY($2))
       AND ($3::contract_type IS NULL OR contract_type = $3)
     ORDER BY venue_id, symbol`,
    [filter.assetIds ?? null, filter.venueIds ?? null, filter.contractType ?? null],
  );
}

export function findInstrumentsById(db: Db, ids: readonly number[]): Promise<InstrumentRow[]> {
  return db.query<InstrumentRow>(`SELECT ${columns} FROM instrument WHERE id = ANY($1)`, [ids]);
}
