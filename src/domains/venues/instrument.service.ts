import { Db } from '../../db/sql';
import { ContractType } from '../shared/enums';
import { latestReadingsColumns, latestReadingsJoins, LatestReadingsRow } from './latest-readings';
import { InstrumentRow } from './venue.types';

export interface InstrumentFilter {
  assetIds?: number[] | null;
  venueIds?: number[] | null;
  contractType?: ContractType | null;
}

const columnNames = ['id', 'venue_id', 'asset_id', 'symbol', 'contract_type', 'margin_type', 'quote_currency', 'contract_size', 'expires_at', 'active', 'funding_interval_hours'];
const columns = columnNames.join(', ');
const prefixed = (alias: string) => columnNames.map((c) => `${alias}.${c}`).join(', ');

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

/**
 * The same instruments with each one's latest open interest and funding joined in (two
 * primary-key probes per row): a page that shows readings costs this one statement instead of
 * instruments, then readings.
 */
export function findInstrumentsWithReadings(db: Db, filter: InstrumentFilter): Promise<Array<InstrumentRow & LatestReadingsRow>> {
  return db.query<InstrumentRow & LatestReadingsRow>(
    `SELECT ${prefixed('i')}, i.id AS instrument_id, ${latestReadingsColumns}
     FROM instrument i ${latestReadingsJoins}
     WHERE ($1::int[] IS NULL OR i.asset_id = ANY($1))
       AND ($2::int[] IS NULL OR i.venue_id = ANY($2))
       AND ($3::contract_type IS NULL OR i.contract_type = $3)
     ORDER BY i.venue_id, i.symbol`,
    [filter.assetIds ?? null, filter.venueIds ?? null, filter.contractType ?? null],
  );
}

export function findInstrumentsById(db: Db, ids: readonly number[]): Promise<InstrumentRow[]> {
  return db.query<InstrumentRow>(`SELECT ${columns} FROM instrument WHERE id = ANY($1)`, [ids]);
}
