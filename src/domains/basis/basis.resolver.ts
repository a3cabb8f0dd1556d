import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { toCoverage } from '../shared/coverage';
import { selectsAny } from '../shared/selection';
import { resolveVenueSeries, VenueSeriesArgs } from '../shared/series-args';
import { toBasisContracts, toNearestBuckets, toPremiumBuckets } from './basis.answer';
import { findBasisPoints, findFuturesVenues, findPremiumBuckets } from './basis.service';
import { FuturesBasisHistoryType, PerpetualPremiumBucketType } from './basis.types';

@Resolver()
export class BasisResolver {
  @Query(() => [PerpetualPremiumBucketType], {
    description:
      "Perpetual premium over the index of an asset per bucket, gap-filled, in basis points: per perpetual its last mark with the venue's own index in the bucket, (mark / index − 1) × 10 000; per venue and across the selected venues, the plain mean over perpetuals and the mean weighted by each one's open interest in USD (docs/analytics.md, \"Basis\").",
  })
  async perpetualPremiumHistory(@Args() args: VenueSeriesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<PerpetualPremiumBucketType[]> {
    const { assetId, venueIds, range } = await resolveVenueSeries(ctx, args);
    const rows = await findPremiumBuckets(ctx.db, assetId, venueIds, range, args.knownAt);
    return toPremiumBuckets(ctx.registry, rows, selectsAny(info, ['coverage']));
  }

  @Query(() => FuturesBasisHistoryType, {
    description:
      "Dated futures' basis over spot of an asset: per contract and bucket (gap-filled) its last mark with the venue's own index before expiry, basis (futures / index − 1) in bp and annualised × 365 / days to expiry (calendar days, actual/365); and per bucket the nearest contract of each venue at least 7 days from expiry, averaged across venues (docs/analytics.md, \"Basis\").",
  })
  async futuresBasisHistory(@Args() args: VenueSeriesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<FuturesBasisHistoryType> {
    const { assetId, venueIds, range } = await resolveVenueSeries(ctx, args);
    const rows = await findBasisPoints(ctx.db, assetId, venueIds, range, args.knownAt);
    const contracts = await toBasisContracts(ctx.registry, range, rows);
    const withCoverage = selectsAny(info, ['coverage']);
    const lastRecordedAt = rows.reduce<Date | null>((latest, r) => (latest && latest > r.recorded_at ? latest : r.recorded_at), null);
    return Object.assign(new FuturesBasisHistoryType(), {
      contracts,
      nearest: toNearestBuckets(range, contracts),
      coverage: withCoverage ? await toCoverage(ctx.registry, [...new Set(rows.map((r) => r.venue_id))], await findFuturesVenues(ctx.db, assetId, venueIds), lastRecordedAt) : undefined,
    });
  }
}
