import { JsonShape } from '../shared/planned/json-shape';
import { assetShape } from '../assets/asset.shape';
import { instrumentShape, venueShape } from '../venues/venue.shape';
import { liquidationCursorSql } from './liquidation.cursor';

/**
 * Liquidation from a `liquidation` row aliased `l`: the planned page's JSON (liquidation.plan.ts)
 * and the resolvers' rows (liquidation.service.ts: pages, replays, the live feed) alike. The
 * cursor is liquidationCursorSql's; a statement that computes it once in a subquery passes that
 * column as `cursor` (the planned page shares it between the edge and the node).
 */
export const liquidationShape = (l: string, cursor = liquidationCursorSql(l)): JsonShape => ({
  typename: 'Liquidation',
  fields: {
    id: { sql: `${l}.id`, kind: 'id' },
    side: { sql: `${l}.side`, kind: 'token' },
    price: { sql: `${l}.price`, kind: 'number' },
    quantity: { sql: `${l}.quantity`, kind: 'number' },
    notionalUsd: { sql: `${l}.notional_usd`, kind: 'number' },
    occurredAt: { sql: `${l}.occurred_at`, kind: 'dateTime' },
    origin: { sql: `${l}.origin`, kind: 'token' },
    cursor: { sql: cursor, kind: 'token' },
    venue: { shape: venueShape('v'), join: { alias: 'v', sql: `JOIN venue v ON v.id = ${l}.venue_id` } },
    asset: { shape: assetShape('a'), join: { alias: 'a', sql: `JOIN asset a ON a.id = ${l}.asset_id` } },
    instrument: { shape: instrumentShape('i'), join: { alias: 'i', sql: `JOIN instrument i ON i.id = ${l}.instrument_id` } },
  },
  carried: { assetId: `${l}.asset_id`, venueId: `${l}.venue_id` },
});

/** LiquidationEdge over a page row aliased `l` whose cursor is column `c` (the resolvers' edges: liquidation.page.ts). */
export const liquidationEdgeShape: JsonShape = {
  typename: 'LiquidationEdge',
  fields: { cursor: { sql: 'l.c', kind: 'token' }, node: { shape: liquidationShape('l', 'l.c') } },
};

/**
 * LiquidationBucket from a row of liquidationBucketsStatement aliased `c` (liquidation.rollup.ts):
 * the planned history's JSON and the resolvers' buckets (liquidationHistory, liquidationTicks)
 * alike, so totalUsd and longShare are computed here only.
 */
export const liquidationBucketShape: JsonShape = {
  typename: 'LiquidationBucket',
  fields: {
    start: { sql: 'c.start', kind: 'dateTime' },
    longUsd: { sql: 'c.long_usd', kind: 'number' },
    shortUsd: { sql: 'c.short_usd', kind: 'number' },
    totalUsd: { sql: 'c.long_usd + c.short_usd', kind: 'number' },
    count: { sql: 'c.event_count', kind: 'number' },
    longShare: { sql: 'CASE WHEN c.long_usd + c.short_usd > 0 THEN c.long_usd / (c.long_usd + c.short_usd) END', kind: 'number', nullable: true },
    completeness: { sql: 'c.completeness', kind: 'token' },
  },
  carried: { venueIds: 'c.venue_ids', expectedVenueIds: 'c.expected_venue_ids', silentVenueIds: 'c.silent_venue_ids' },
  resolverOnly: {
    coverage: "Venue lists per bucket, named from the registry (shared/coverage.ts toCoverage): selecting it leaves the series to the resolver, which asks the statement for each bucket's venues.",
  },
};
