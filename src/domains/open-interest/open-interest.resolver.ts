import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { toCoverage } from '../shared/coverage';
import { selectsAny } from '../shared/selection';
import { resolveVenueSeries, VenueSeriesArgs } from '../shared/series-args';
import { latestOpenInterestOf } from '../venues/latest-readings';
import { InstrumentType } from '../venues/venue.types';
import { findOpenInterestBuckets } from './open-interest.service';
import { OpenInterestBucketType, OpenInterestPointType } from './open-interest.types';

@Resolver()
export class OpenInterestResolver {
  @Query(() => [OpenInterestBucketType], {
    description:
      "Aggregate open interest of an asset per bucket, gap-filled: the sum across the selected venues of each instrument's latest value before the bucket's end, carried forward at most 3 hours (USD); null where nothing is that fresh. A venue with no fresh reading is listed in `coverage.missingVenues` (the sum is then partial).",
  })
  async openInterestHistory(
    @Args() args: VenueSeriesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OpenInterestBucketType[]> {
    const { assetId, venueIds, range } = await resolveVenueSeries(ctx, args);
    const rows = await findOpenInterestBuckets(ctx.db, assetId, venueIds, range, args.knownAt);
    const withCoverage = selectsAny(info, ['coverage']);
    return Promise.all(
      rows.map(async (r) =>
        Object.assign(new OpenInterestBucketType(), {
          start: r.start,
          openInterestUsd: r.open_interest_usd,
          coverage: withCoverage ? await toCoverage(ctx.registry, r.venue_ids, r.expected_venue_ids, r.last_recorded_at) : undefined,
        }),
      ),
    );
  }
}

@Resolver(() => InstrumentType)
export class InstrumentOpenInterestResolver {
  @FieldResolver(() => OpenInterestPointType, { nullable: true, description: 'The latest open interest reported for this instrument.' })
  async latestOpenInterest(@Root() instrument: InstrumentType, @Ctx() ctx: Context): Promise<OpenInterestPointType | null> {
    return latestOpenInterestOf(await ctx.loaders.venues.latestReadings.load(instrument.instrumentId));
  }
}
