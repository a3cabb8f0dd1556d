import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { ContractType } from '../shared/enums';
import { groupByKey, indexByKey, LoaderFamily } from '../shared/loader-family';
import { findInstruments, findInstrumentsById, findInstrumentsWithReadings, InstrumentFilter } from './instrument.service';
import { createLatestReadingsLoader } from './latest-readings';
import { InstrumentRow } from './venue.types';

export function createVenueLoaders(db: Db) {
  const latestReadings = createLatestReadingsLoader(db);

  /**
   * Instruments matching `filter`; with `withReadings` (the page selects latest open interest or
   * funding) their readings come in the same statement and are primed into `latestReadings`,
   * so the nested fields resolve without another round trip.
   */
  async function fetchInstruments(filter: InstrumentFilter, withReadings: boolean): Promise<InstrumentRow[]> {
    if (!withReadings) return findInstruments(db, filter);
    const rows = await findInstrumentsWithReadings(db, filter);
    // Each row holds the readings' columns too: the loader's row for the instrument.
    for (const row of rows) latestReadings.clear(row.instrumentId).prime(row.instrumentId, row);
    return rows;
  }

  return {
    latestReadings,
    fetchInstruments,
    instrumentById: new DataLoader<number, InstrumentRow | null>(async (ids) =>
      indexByKey(ids, await findInstrumentsById(db, ids), (row) => row.instrumentId),
    ),
    /** A venue's instruments, optionally for one asset. */
    instrumentsByVenue: new LoaderFamily<{ assetId: number | null; withReadings: boolean }, number, InstrumentRow[]>(async (args, venueIds) =>
      groupByKey(venueIds, await fetchInstruments({ venueIds: [...venueIds], assetIds: args.assetId ? [args.assetId] : null }, args.withReadings), (r) => r.venueId),
    ),
    /** An asset's instruments, optionally on one venue and of one contract type. */
    instrumentsByAsset: new LoaderFamily<{ venueId: number | null; contractType: ContractType | null; withReadings: boolean }, number, InstrumentRow[]>(
      async (args, assetIds) =>
        groupByKey(
          assetIds,
          await fetchInstruments({ assetIds: [...assetIds], venueIds: args.venueId ? [args.venueId] : null, contractType: args.contractType }, args.withReadings),
          (r) => r.assetId,
        ),
    ),
  };
}
