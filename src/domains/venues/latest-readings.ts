import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { indexByKey } from '../shared/loader-family';
import { nestedColumns, nestedFromRow, nestedJoin } from '../shared/planned/json-shape';
import type { FundingPointType } from '../funding/funding.types';
import type { OpenInterestPointType } from '../open-interest/open-interest.types';
import { instrumentShape } from './venue.shape';

/** Fields of Instrument answered from the latest readings: selecting any fetches them with the instruments. */
export const readingFields = ['latestOpenInterest', 'latestFunding'];

const instrument = instrumentShape('i');

/**
 * An instrument's latest readings as instrumentShape's columns of `latestOpenInterest` and
 * `latestFunding` (with their null rules and annualizedRate, written there once), keyed by
 * `instrument_id`.
 */
export type LatestReadingsRow = Record<string, unknown> & { instrument_id: number };

/**
 * Each instrument's latest open interest and latest funding in ONE statement (two primary-key
 * probes per instrument), shared by `latestOpenInterest` and `latestFunding`: a page of
 * instruments with both costs one round trip for the readings, not two.
 */
export const latestReadingsColumns = readingFields.map((name) => nestedColumns(instrument, name)).join(', ');

/** Joins onto `instrument i`: its newest open-interest and funding rows (instrumentShape's joins). */
export const latestReadingsJoins = readingFields.map((name) => nestedJoin(instrument, name)).join('\n');

export const latestOpenInterestOf = (row: LatestReadingsRow | null) => (row ? nestedFromRow<OpenInterestPointType>(instrument, 'latestOpenInterest', row) : null);
export const latestFundingOf = (row: LatestReadingsRow | null) => (row ? nestedFromRow<FundingPointType>(instrument, 'latestFunding', row) : null);

export function findLatestReadings(db: Db, instrumentIds: readonly number[]): Promise<LatestReadingsRow[]> {
  return db.query<LatestReadingsRow>(`SELECT i.id AS instrument_id, ${latestReadingsColumns} FROM instrument i ${latestReadingsJoins} WHERE i.id = ANY($1)`, [
    instrumentIds,
  ]);
}

export function createLatestReadingsLoader(db: Db) {
  return new DataLoader<number, LatestReadingsRow | null>(async (ids) => indexByKey(ids, await findLatestReadings(db, ids), (r) => r.instrument_id));
}
