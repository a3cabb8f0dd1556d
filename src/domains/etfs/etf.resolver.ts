import { DateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { AssetType, toAssetType } from '../assets/asset.types';
import { dayRange } from '../shared/dates';
import { Interval, fromArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { findEtfFlowBuckets, findEtfs } from './etf.service';
import { EtfFlowBucketType, EtfFlowType, EtfType, FundCoverageType, toEtfType } from './etf.types';

const normalizeRegion = (region: string | null | undefined) => (region ? region.trim().toUpperCase() : null);

@Resolver(() => EtfType)
export class EtfResolver {
  @Query(() => [EtfType], { description: 'Spot ETFs, optionally of one asset (ticker) and one region (ISO country: US, HK).' })
  async etfs(
    @Arg('asset', () => String, { nullable: true, description: 'Asset ticker the funds hold ("BTC"); null means every asset.' }) asset: string | null,
    @Arg('region', () => String, { nullable: true, description: 'ISO country of listing (US, HK); null means every region.' }) region: string | null,
    @Ctx() ctx: Context,
  ): Promise<EtfType[]> {
    const assetIds = asset ? [(await ctx.registry.requireAsset(asset)).id] : null;
    return (await findEtfs(ctx.db, { assetIds, region: normalizeRegion(region) })).map(toEtfType);
  }

  @Query(() => [EtfFlowBucketType], {
    description:
      "Net flow of the asset's spot ETFs per bucket (USD), gap-filled with 0. Flows are daily data: D1 or coarser. W1 buckets run Monday to Sunday.",
  })
  async etfFlowHistory(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('region', () => String, { nullable: true, description: 'ISO country of listing (US, HK); null means every region.' }) region: string | null,
    @Arg('interval', () => Interval, { description: 'D1 or W1 (flows are daily).' }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<EtfFlowBucketType[]> {
    const range = bucketRange(interval, from, to, { minInterval: Interval.D1, dataset: 'ETF flows' });
    const assetId = (await ctx.registry.requireAsset(asset)).id;
    const rows = await findEtfFlowBuckets(ctx.db, assetId, normalizeRegion(region), range, knownAt);
    return rows.map((r) => {
      const reporting = (r.reporting ?? []).sort();
      const coverage = Object.assign(new FundCoverageType(), { reportingFunds: reporting, missingFunds: (r.expected ?? []).filter((t) => !reporting.includes(t)) });
      return Object.assign(new EtfFlowBucketType(), { start: r.start, netFlowUsd: r.net_flow_usd, coverage });
    });
  }

  @FieldResolver(() => AssetType, { description: 'The asset the fund holds.' })
  async asset(@Root() etf: EtfType, @Ctx() ctx: Context): Promise<AssetType> {
    return toAssetType((await ctx.registry.assetById(etf.assetId))!);
  }

  @FieldResolver(() => [EtfFlowType], { description: "The fund's daily flows over [from, to) (dates; `to` exclusive), oldest first." })
  async flows(
    @Root() etf: EtfType,
    @Arg('from', () => DateResolver, { nullable: true, description: 'First day, inclusive (a date); null means the first flow stored.' }) from: Date | null,
    @Arg('to', () => DateResolver, { nullable: true, description: 'Day after the last, exclusive (a date); null means through the latest flow.' }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<EtfFlowType[]> {
    const rows = await ctx.loaders.etfs.flows.get(dayRange(from, to)).load(etf.etfId);
    return rows.map((r) => Object.assign(new EtfFlowType(), { date: r.day, netFlowUsd: r.net_flow_usd, holdings: r.holdings, etfId: r.etf_id }));
  }
}

@Resolver(() => EtfFlowType)
export class EtfFlowResolver {
  @FieldResolver(() => EtfType, { description: 'The fund.' })
  async etf(@Root() flow: EtfFlowType, @Ctx() ctx: Context): Promise<EtfType> {
    return toEtfType((await ctx.loaders.etfs.byId.load(flow.etfId))!);
  }
}

@Resolver(() => AssetType)
export class AssetEtfsResolver {
  @FieldResolver(() => [EtfType], { description: 'Spot ETFs holding the asset, every region.' })
  async etfs(@Root() asset: AssetType, @Ctx() ctx: Context): Promise<EtfType[]> {
    return (await ctx.loaders.etfs.byAsset.load(asset.assetId)).map(toEtfType);
  }
}
