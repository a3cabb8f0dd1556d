import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { indexByKey } from '../shared/loader-family';

export interface LatestReadingsRow {
  instrument_id: number;
  oi_at: Date | null;
  open_interest_usd: number | null;
  open_interest_contracts: number | null;
  funding_at: Date | null;
  rate: number | null;
  interval_hours: number | null;
}

/**
 * Each instrument's latest open interest and latest funding in ONE statement (two primary-key
 * probes per instrument), shared by `latestOpenInterest` and `latestFunding`: a page of
 * instruments with both costs one round trip for the readings, not two.
 */
export const latestReadingsColumns = 'o.at AS oi_at, o.open_interest_usd, o.open_interest_contracts, f.at AS funding_at, f.rate, f.interval_hours';

/** Joins onto an instrument row aliased `i`: its newest open-interest row as `alias` (primary-key order). */
export const latestOpenInterestJoin = (i: string, alias: string) => `
     LEFT JOIN LATERAL (SELECT at, open_interest_usd, open_interest_contracts FROM open_interest
                        WHERE asset_id = ${i}.asset_id AND instrument_id = ${i}.id ORDER BY at DESC LIMIT 1) ${alias} ON true`;

/** Joins onto an instrument row aliased `i`: its newest funding row as `alias` (primary-key order). */
export const latestFundingJoin = (i: string, alias: string) => `
     LEFT JOIN LATERAL (SELECT at, rate, interval_hours FROM funding_rate
                        WHERE asset_id = ${i}.asset_id AND instrument_id = ${i}.id ORDER BY at DESC LIMIT 1) ${alias} ON true`;

/** Joins onto `instrument i`: its newest open-interest and funding rows, as `o` and `f`. */
export const latestReadingsJoins = latestOpenInterestJoin('i', 'o') + latestFundingJoin('i', 'f');

export function findLatestReadings(db: Db, instrumentIds: readonly number[]): Promise<LatestReadingsRow[]> {
  return db.query<LatestReadingsRow>(`SELECT i.id AS instrument_id, ${latestReadingsColumns} FROM instrument i ${latestReadingsJoins} WHERE i.id = ANY($1)`, [
    instrumentIds,
  ]);
}

/** Fields of Instrument answered from the latest readings: selecting any fetches them with the instruments. */
export const readingFields = ['latestOpenInterest', 'latestFunding'];

export function createLatestReadingsLoader(db: Db) {
  return new DataLoader<number, LatestReadingsRow | null>(async (ids) => indexByKey(ids, await findLatestReadings(db, ids), (r) => r.instrument_id));
}
