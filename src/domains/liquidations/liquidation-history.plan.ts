import { Context } from '../context';
import { jsonArraySql, JsonShape, jsonObjectSql, sqlScalar } from '../shared/planned/json-shape';
import { RootFieldPlanner } from '../shared/planned/operation-plan';
import { Interval } from '../shared/enums';
import { bucketRange } from '../shared/series';
import { liquidationBucketsStatement } from './liquidation.rollup';

/**
 * LiquidationBucket from a row of findLiquidationBuckets aliased `c`, with toTotals' figures
 * computed by the same IEEE operations in the same order. `coverage` is not here: selecting it
 * leaves the series to the resolver.
 */
const bucketShape: JsonShape = {
  typename: 'LiquidationBucket',
  fields: {
    start: { sql: sqlScalar.dateTime('c.start'), kind: 'token' },
    longUsd: { sql: 'c.long_usd', kind: 'number' },
    shortUsd: { sql: 'c.short_usd', kind: 'number' },
    totalUsd: { sql: 'c.long_usd + c.short_usd', kind: 'number' },
    count: { sql: 'c.event_count', kind: 'number' },
    longShare: { sql: 'CASE WHEN c.long_usd + c.short_usd > 0 THEN c.long_usd / (c.long_usd + c.short_usd) END', kind: 'number', nullable: true },
    completeness: { sql: 'c.completeness', kind: 'token' },
  },
};

/**
 * `liquidationHistory` planned into one statement: findLiquidationBuckets' own statement (same
 * buckets, same sources, same gap-filling) with each bucket's JSON written by Postgres, so a
 * 720-bucket series is one string in Node instead of 720 objects resolved and serialized.
 * Arguments are checked exactly as the resolver checks them.
 */
export const planLiquidationHistory: RootFieldPlanner = (field, scope) => {
  const object = jsonObjectSql(bucketShape, field.selectionSet, scope);
  if (!object) return null;
  return {
    async run(ctx: Context, args) {
      const { asset, venues, interval, from, to, knownAt } = args as {
        asset: string;
        venues?: string[] | null;
        interval: Interval;
        from: Date;
        to?: Date | null;
        knownAt?: Date | null;
      };
      const assetId = (await ctx.registry.requireAsset(asset)).id;
      const venueIds = await ctx.registry.requireVenues(venues ?? null);
      const range = bucketRange(interval, from, to ?? null);
      const { text, params } = liquidationBucketsStatement(assetId, venueIds, range, knownAt ?? null, false);
      const [row] = await ctx.db.query<{ json: string }>(`/* planned liquidationHistory */ SELECT ${jsonArraySql(object, 'c.start')} AS json FROM (${text}) c`, params);
      return row.json;
    },
  };
};
