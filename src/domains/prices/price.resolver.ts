import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { AssetType } from '../assets/asset.types';
import { Interval, intervalArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { CandleType } from './candle.types';

@Resolver(() => AssetType)
export class AssetPriceResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'Latest spot close in USD (minute candles first), null if no price is stored.' })
  priceUsd(@Root() asset: AssetType, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.loaders.prices.latestPrice.load(asset.assetId);
  }

  @FieldResolver(() => [CandleType], {
    description:
      'Spot candles per bucket, gap-filled: open = first price, high/low = extremes, close = last price, volume summed. D1 and W1 come from daily candles, finer buckets from minute candles.',
  })
  async candles(
    @Root() asset: AssetType,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: 'Inclusive: the first bucket is the one holding `from`.' }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<CandleType[]> {
    bucketRange(interval, from, to); // validate before batching, so the error names this field's arguments
    const rows = await ctx.loaders.prices.candles.get({ interval, from: from.toISOString(), to: to?.toISOString() ?? null, knownAt: knownAt?.toISOString() ?? null }).load(asset.assetId);
    return rows.map((r) => Object.assign(new CandleType(), { start: r.start, open: r.open, high: r.high, low: r.low, close: r.close, volumeUsd: r.volume_usd }));
  }
}
