import { Db } from '../db/sql';
import { createAssetLoaders } from '../domains/assets/asset.loader';
import { createVenueLoaders } from '../domains/venues/venue.loader';
import { createPriceLoaders } from '../domains/prices/price.loader';
import { createEtfLoaders } from '../domains/etfs/etf.loader';
import { createCohortLoaders } from '../domains/cohorts/cohort.loader';

/**
 * Every DataLoader, built once per request so batching and caching never cross callers.
 * Each domain keeps its own loaders beside it; this only gathers them.
 */
export function createLoaders(db: Db) {
  return {
    assets: createAssetLoaders(db),
    venues: createVenueLoaders(db),
    prices: createPriceLoaders(db),
    etfs: createEtfLoaders(db),
    cohorts: createCohortLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
