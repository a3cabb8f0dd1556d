import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { CascadeError } from '../../core/errors';
import { AssetType, toAssetType } from '../assets/asset.types';
import { Interval, fromArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { findCohorts, findCohortSupplyBuckets } from './cohort.service';
import { CohortSupplyPointType, HolderCohortType, toCohortType } from './cohort.types';


@Resolver(() => HolderCohortType)
export class CohortResolver {
  @Query(() => [HolderCohortType], { description: 'Holder cohorts, optionally of one asset (ticker).' })
  async holderCohorts(@Arg('asset', () => String, { nullable: true, description: 'Asset ticker ("BTC"); null lists every asset\'s cohorts.' }) asset: string | null, @Ctx() ctx: Context): Promise<HolderCohortType[]> {
    const assetIds = asset ? [(await ctx.registry.requireAsset(asset)).id] : null;
    return (await findCohorts(ctx.db, assetIds)).map(toCohortType);
  }

  @Query(() => [CohortSupplyPointType], {
    description: "A cohort's supply per bucket in coins (its last daily value in the bucket) and the change from the bucket before. Daily data: D1 or coarser.",
  })
  async cohortSupplyHistory(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('cohort', () => String, { description: 'Cohort slug (LTH, STH, WHALES, …), case-insensitive.' }) cohort: string,
    @Arg('interval', () => Interval, { description: 'D1 or W1 (cohort supply is daily).' }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<CohortSupplyPointType[]> {
    const range = bucketRange(interval, from, to, { minInterval: Interval.D1, dataset: 'cohort supply' });
    const assetRecord = await ctx.registry.requireAsset(asset);
    const cohorts = await ctx.loaders.cohorts.byAsset.load(assetRecord.id);
    const match = cohorts.find((c) => c.slug === cohort.trim().toUpperCase());
    if (!match) {
      throw new CascadeError('UNKNOWN_COHORT', `Unknown cohort "${cohort}" for ${assetRecord.symbol} in \`cohort\`: known are ${cohorts.map((c) => c.slug).join(', ') || 'none'}.`, {
        argument: 'cohort',
      });
    }
    return (await findCohortSupplyBuckets(ctx.db, match.id, range, knownAt)).map((r) =>
      Object.assign(new CohortSupplyPointType(), { start: r.start, supply: r.supply, change: r.change, lastRecordedAt: r.last_recorded_at }),
    );
  }

  @FieldResolver(() => AssetType, { description: 'The asset whose holders the cohort groups.' })
  async asset(@Root() cohort: HolderCohortType, @Ctx() ctx: Context): Promise<AssetType> {
    return toAssetType((await ctx.registry.assetById(cohort.assetId))!);
  }
}

@Resolver(() => AssetType)
export class AssetCohortsResolver {
  @FieldResolver(() => [HolderCohortType], { description: "The asset's holder cohorts." })
  async cohorts(@Root() asset: AssetType, @Ctx() ctx: Context): Promise<HolderCohortType[]> {
    return (await ctx.loaders.cohorts.byAsset.load(asset.assetId)).map(toCohortType);
  }
}
