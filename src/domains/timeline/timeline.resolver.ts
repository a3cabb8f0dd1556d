import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { Interval, intervalArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { selectedFields } from '../shared/selection';
import { bucketRange } from '../shared/series';
import { buildTimeline } from './timeline.service';
import { TimelineBucketType } from './timeline.types';

@Resolver()
export class TimelineResolver {
  @Query(() => [TimelineBucketType], {
    description:
      'Every series of an asset on the same gap-filled buckets, for one chart or one judgement: price, open interest, funding, liquidations, depth, ETF flows, holder supply, exchange netflow, RSI, perpetual premium, futures basis, Coinbase premium, taker flow and long/short ratios. Costs at most 16 SQL statements: one per selected series (14, run concurrently), rsi14 one statement of its own (daily closes and the price at each bucket’s end), plus one for the cohort list when supply changes are; fields not selected are not computed.',
  })
  async timeline(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: 'Inclusive: the first bucket is the one holding `from`.' }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TimelineBucketType[]> {
    const range = bucketRange(interval, from, to);
    const record = await ctx.registry.requireAsset(asset);
    const fields = selectedFields(info);
    const cohorts = fields.has('lthSupplyChange') || fields.has('whaleSupplyChange') ? await ctx.loaders.cohorts.byAsset.load(record.id) : [];
    return buildTimeline(ctx.db, record, range, fields, new Map(cohorts.map((c) => [c.slug, c.id])), knownAt, ctx.registry);
  }
}
