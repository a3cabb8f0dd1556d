import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { toCoverage } from '../shared/coverage';
import { selectsAny } from '../shared/selection';
import { resolveVenueSeries, VenueSeriesArgs } from '../shared/series-args';
import { InstrumentType } from '../venues/venue.types';
import { findFundingBuckets } from './funding.service';
import { latestFundingOf } from '../venues/latest-readings';
import { FundingBucketType, FundingPointType } from './funding.types';

@Resolver()
export class FundingResolver {
  @Query(() => [FundingBucketType], {
    description:
      "Funding of an asset per bucket, gap-filled: per instrument, the time-weighted mean of its payments whose funding time falls in the bucket, normalized to 8 hours (Σ rate × 8 / Σ intervalHours); across instruments, the plain mean and the mean weighted by each instrument's open interest (one weight per instrument, not per payment).",
  })
  async fundingHistory(
    @Args() args: VenueSeriesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FundingBucketType[]> {
    const { assetId, venueIds, range } = await resolveVenueSeries(ctx, args);
    const rows = await findFundingBuckets(ctx.db, assetId, venueIds, range, args.knownAt);
    const withCoverage = selectsAny(info, ['coverage']);
    return Promise.all(
      rows.map(async (r) =>
        Object.assign(new FundingBucketType(), {
          start: r.start,
          averageRate: r.average_rate,
          openInterestWeightedRate: r.oi_weighted_rate,
          instrumentCount: r.instrument_count,
          coverage: withCoverage ? await toCoverage(ctx.registry, r.venue_ids, r.expected_venue_ids, r.last_recorded_at) : undefined,
        }),
      ),
    );
  }
}

@Resolver(() => InstrumentType)
export class InstrumentFundingResolver {
  @FieldResolver(() => FundingPointType, { nullable: true, description: 'The latest funding rate known for this instrument; null for dated futures.' })
  async latestFunding(@Root() instrument: InstrumentType, @Ctx() ctx: Context): Promise<FundingPointType | null> {
    // The row carries the point as the shape computes it (annualizedRate included), with its null rule.
    return latestFundingOf(await ctx.loaders.venues.latestReadings.load(instrument.instrumentId));
  }
}
