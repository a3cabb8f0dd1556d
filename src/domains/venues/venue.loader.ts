import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { ContractType } from '../shared/enums';
import { groupByKey, indexByKey, LoaderFamily } from '../shared/loader-family';
import { findInstruments, findInstrumentsById } from './instrument.service';
import { createLatestReadingsLoader } from './latest-readings';
import { InstrumentRow } from './venue.types';

export function createVenueLoaders(db: Db) {
  return {
    latestReadings: createLatestReadingsLoader(db),
    instrumentById: new DataLoader<number, InstrumentRow | null>(async (ids) =>
      indexByKey(ids, await findInstrumentsById(db, ids), (row) => row.id),
    ),
    /** A venue's instruments, optionally for one asset. */
    instrumentsByVenue: new LoaderFamily<{ assetId: number | null }, number, InstrumentRow[]>(async (args, venueIds) =>
      groupByKey(venueIds, await findInstruments(db, { venueIds: [...venueIds], assetIds: args.assetId ? [args.assetId] : null }), (r) => r.venue_id),
    ),
    /** An asset's instruments, optionally on one venue and of one contract type. */
    instrumentsByAsset: new LoaderFamily<{ venueId: number | null; contractType: ContractType | null }, number, InstrumentRow[]>(
      async (args, assetIds) =>
        groupByKey(
          assetIds,
          await findInstruments(db, { assetIds: [...assetIds], venueIds: args.venueId ? [args.venueId] : null, contractType: args.contractType }),
          (r) => r.asset_id,
        ),
    ),
  };
}
