import { JsonShape } from '../shared/planned/json-shape';

/**
 * Asset, read from the `asset` row aliased `alias`: the planned statements' JSON, the registry's
 * records (shared/registry.ts) and the resolvers' objects (toAssetType) all come from this.
 */
export const assetShape = (alias: string): JsonShape => ({
  typename: 'Asset',
  fields: {
    id: { sql: `${alias}.id`, kind: 'id' },
    symbol: { sql: `${alias}.symbol`, kind: 'text' },
    name: { sql: `${alias}.name`, kind: 'text' },
  },
  carried: { assetId: `${alias}.id` },
  resolverOnly: {
    instruments: 'Takes arguments (venue, contractType): the instrument loaders answer it (venues/instrument.resolver.ts).',
    priceUsd: 'The latest spot close, minute candles first: a per-asset loader (prices/price.resolver.ts), not a column.',
    candles: 'A gap-filled series with arguments (prices/price.resolver.ts).',
    cohorts: "The asset's holder cohorts, a list from another table (cohorts/cohort.resolver.ts).",
    etfs: 'The funds holding the asset, a list from another table (etfs/etf.resolver.ts).',
  },
});
