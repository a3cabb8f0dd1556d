import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { Interval, fromArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { findExchangeFlowBuckets } from './exchange-flow.service';
import { ExchangeFlowBucketType } from './exchange-flow.types';

@Resolver()
export class ExchangeFlowResolver {
  @Query(() => [ExchangeFlowBucketType], {
    description: "Coins moving onto and off exchanges' known wallets per bucket, gap-filled with 0; netflow = inflow − outflow. Daily data: D1 or coarser.",
  })
  async exchangeFlowHistory(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('interval', () => Interval, { description: 'D1 or W1 (flows are daily).' }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<ExchangeFlowBucketType[]> {
    const range = bucketRange(interval, from, to, { minInterval: Interval.D1, dataset: 'exchange flows' });
    const assetId = (await ctx.registry.requireAsset(asset)).id;
    const rows = await findExchangeFlowBuckets(ctx.db, assetId, range, knownAt);
    return rows.map((r) => Object.assign(new ExchangeFlowBucketType(), { start: r.start, inflow: r.inflow, outflow: r.outflow, netflow: r.inflow - r.outflow, lastRecordedAt: r.last_recorded_at }));
  }
}
