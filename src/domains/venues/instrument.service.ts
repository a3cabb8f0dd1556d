import { Db } from '../../db/sql';
import { ContractType } from '../shared/enums';
import { latestReadingsColumns, latestReadingsJoins, LatestReadingsRow } from './latest-readings';
import { rowColumns } from '../shared/planned/json-shape';
import { InstrumentRow } from './venue.types';
import { instrumentShape } from './venue.shape';

export interface InstrumentFilter {
  assetIds?: number[] | null;
  venueIds?: number[] | null;
  contractType?: ContractType | null;
}

// instrumentShape's columns (its scalars and storage ids), read back by toInstrumentType.
const columns = rowColumns(instrumentShape('i'));

/** Instruments matching every given filter; a null filter matches all. Ordered venue, then symbol. */
export function findInstruments(db: Db, filter: InstrumentFilter): Promise<InstrumentRow[]> {
  return db.query<InstrumentRow>(
    `SELECT ${columns} FROM instrument i
     WHERE ($1::int[] IS NULL OR i.asset_id = ANY($1))
       AND ($2::int[] IS NULL OR i.venue_id = ANY($2))
       AND ($3::contract_type IS NULL OR i.contract_type = $3)
     ORDER BY i.venue_id, i.symbol`,
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
    `SELECT ${columns}, i.id AS instrument_id, ${latestReadingsColumns}
     FROM instrument i ${latestReadingsJoins}
     WHERE ($1::int[] IS NULL OR i.asset_id = ANY($1))
       AND ($2::int[] IS NULL OR i.venue_id = ANY($2))
       AND ($3::contract_type IS NULL OR i.contract_type = $3)
     ORDER BY i.venue_id, i.symbol`,
    [filter.assetIds ?? null, filter.venueIds ?? null, filter.contractType ?? null],
  );
}

export function findInstrumentsById(db: Db, ids: readonly number[]): Promise<InstrumentRow[]> {
  return db.query<InstrumentRow>(`SELECT ${columns} FROM instrument i WHERE i.id = ANY($1)`, [ids]);
}
