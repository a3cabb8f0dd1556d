import { Context } from '../context';
import { jsonArraySql, jsonObjectSql } from '../shared/planned/json-shape';
import { RootFieldPlanner } from '../shared/planned/operation-plan';
import { Interval } from '../shared/enums';
import { bucketRange } from '../shared/series';
import { liquidationBucketsStatement } from './liquidation.rollup';
import { liquidationBucketShape } from './liquidation.shape';

/**
 * `liquidationHistory` planned into one statement: findLiquidationBuckets' own statement (same
 * buckets, same sources, same gap-filling) with each bucket's JSON written by Postgres, so a
 * 720-bucket series is one string in Node instead of 720 objects resolved and serialized.
 * Arguments are checked exactly as the resolver checks them; `coverage` is resolver-only
 * (liquidationBucketShape), so selecting it leaves the series to the resolver.
 */
export const planLiquidationHistory: RootFieldPlanner = (field, scope) => {
  const object = jsonObjectSql(liquidationBucketShape, field.selectionSet, scope);
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
