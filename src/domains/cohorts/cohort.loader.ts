import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { groupByKey } from '../shared/loader-family';
import { findCohorts } from './cohort.service';
import { CohortRow } from './cohort.types';

export function createCohortLoaders(db: Db) {
  return {
    byAsset: new DataLoader<number, CohortRow[]>(async (assetIds) => groupByKey(assetIds, await findCohorts(db, assetIds), (r) => r.asset_id)),
  };
}
