import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { fromArgDescription, Interval, intervalArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { findCoinbasePremium } from './coinbase-premium.service';
import { CoinbasePremiumBucketType, toCoinbasePremiumBucket } from './coinbase-premium.types';

@Resolver()
export class CoinbasePremiumResolver {
  @Query(() => [CoinbasePremiumBucketType], {
    description:
      'The Coinbase premium per bucket, gap-filled (US spot demand): Coinbase Exchange <ASSET>-USD against Binance spot <ASSET>USDT, in basis points, from the closes of the latest candle both venues published in the bucket; Binance is put in USD with the measured USDT price (Coinbase Exchange USDT-USD), and the figure with USDT at par is given beside it. One pair of venues, so there is no per-venue split and no aggregate. docs/analytics.md, "Coinbase premium".',
  })
  async coinbasePremium(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC"): compares <ASSET>-USD on Coinbase with <ASSET>USDT on Binance spot.' }) asset: string,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<CoinbasePremiumBucketType[]> {
    const range = bucketRange(interval, from, to);
    const record = await ctx.registry.requireAsset(asset);
    const rows = await findCoinbasePremium(ctx.db, record.id, range, knownAt);
    return rows.map((row) => toCoinbasePremiumBucket(row, record.symbol));
  }
}
