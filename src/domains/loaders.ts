import { Db } from '../db/sql';
import { createAssetLoaders } from './assets/asset.loader';
import { createVenueLoaders } from './venues/venue.loader';
import { createPriceLoaders } from './prices/price.loader';
import { createEtfLoaders } from './etfs/etf.loader';
import { createCohortLoaders } from './cohorts/cohort.loader';

const factories = {
  assets: createAssetLoaders,
  venues: createVenueLoaders,
  prices: createPriceLoaders,
  etfs: createEtfLoaders,
  cohorts: createCohortLoaders,
};

export type Loaders = { [Domain in keyof typeof factories]: ReturnType<(typeof factories)[Domain]> };

/**
 * Every DataLoader, per request so batching and caching never cross callers. Each domain keeps
 * its own loaders beside it; this only gathers them, and builds a domain's set the first time a
 * resolver asks for it: most requests touch one or two domains, and building all of them was a
 * measurable share of a small request's CPU.
 */
export function createLoaders(db: Db): Loaders {
  const built: Partial<Loaders> = {};
  const loaders = {} as Loaders;
  for (const domain of Object.keys(factories) as Array<keyof Loaders>) {
    Object.defineProperty(loaders, domain, {
      enumerable: true,
      get: () => (built[domain] ??= factories[domain](db) as never),
    });
  }
  return loaders;
}
