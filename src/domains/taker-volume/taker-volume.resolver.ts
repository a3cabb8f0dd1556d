import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { Interval } from '../shared/enums';
import { selectsAny } from '../shared/selection';
import { bucketRange } from '../shared/series';
import { VenueSeriesArgs } from '../shared/series-args';
import { toTakerVolumeBucket } from './taker-volume.answer';
import { findTakerVolumeBuckets } from './taker-volume.service';
import { TakerVolumeBucketType } from './taker-volume.types';

@Resolver()
export class TakerVolumeResolver {
  @Query(() => [TakerVolumeBucketType], {
    description:
      "Aggressor flow of an asset per bucket, gap-filled: taker buy and sell volume in USD per venue and summed, and the buy/sell ratio, from the venues' own published taker-volume series (Binance takerlongshortRatio, OKX taker-volume-contract; 5-minute periods, so M5 or coarser). Bybit, Deribit and Hyperliquid publish none: NOT_COLLECTED, listed in `coverage.notCollectedVenues`, never read as zero.",
  })
  async takerVolumeHistory(@Args() args: VenueSeriesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<TakerVolumeBucketType[]> {
    const range = bucketRange(args.interval, args.from, args.to, { minInterval: Interval.M5, dataset: 'taker volume (5-minute periods)' });
    const assetId = (await ctx.registry.requireAsset(args.asset)).id;
    const venueIds = await ctx.registry.requireVenues(args.venues);
    const rows = await findTakerVolumeBuckets(ctx.db, assetId, venueIds, range, args.knownAt);
    const withCoverage = selectsAny(info, ['coverage']);
    return Promise.all(rows.map((row) => toTakerVolumeBucket(ctx.registry, row, withCoverage)));
  }
}
