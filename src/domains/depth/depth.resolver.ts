import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Float, Info, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { toCoverage } from '../shared/coverage';
import { selectsAny } from '../shared/selection';
import { resolveVenueSeries, VenueSeriesArgs } from '../shared/series-args';
import { depthColumnsFor, findDepthBuckets } from './depth.service';
import { DepthBucketType } from './depth.types';

@Resolver()
export class DepthResolver {
  @Query(() => [DepthBucketType], {
    description:
      'Order-book depth of an asset per bucket, gap-filled: resting bid and ask notional (USD) within `band` of mid, each instrument averaged over the bucket and summed across venues. A side is null where a book Cascade fetched did not reach the band (`coverage.unknownVenues` says which and why), never a partial sum.',
  })
  async marketDepthHistory(
    @Args() args: VenueSeriesArgs,
    @Arg('band', () => Float, { nullable: true, defaultValue: 0.02, description: 'Distance from mid as a fraction: 0.01 or 0.02, the bands stored; any other value is a bad-input error.' })
    band: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DepthBucketType[]> {
    const bandOrDefault = band ?? 0.02; // an explicit null means the default band
    depthColumnsFor(bandOrDefault);
    const { assetId, venueIds, range } = await resolveVenueSeries(ctx, args);
    const rows = await findDepthBuckets(ctx.db, assetId, venueIds, range, bandOrDefault, args.knownAt);
    const withCoverage = selectsAny(info, ['coverage']);
    return Promise.all(
      rows.map(async (r) =>
        Object.assign(new DepthBucketType(), {
          start: r.start,
          bidUsd: r.bid_usd,
          askUsd: r.ask_usd,
          coverage: withCoverage
            ? await toCoverage(ctx.registry, r.venue_ids, r.expected_venue_ids, r.last_recorded_at, undefined, (r.unknown ?? []).map((g) => ({ venueId: g.venue_id, symbol: g.symbol, reason: g.reason })))
            : undefined,
        }),
      ),
    );
  }
}
