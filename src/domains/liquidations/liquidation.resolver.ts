import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { Context } from '../context';
import { CascadeError } from '../../core/errors';
import { AssetType, toAssetType } from '../assets/asset.types';
import { Completeness } from '../shared/completeness';
import { toCoverage } from '../shared/coverage';
import { Interval, intervalArgDescription } from '../shared/enums';
import { selectsAny } from '../shared/selection';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { InstrumentType, toVenueType, VenueType } from '../venues/venue.types';
import { liquidationFeedFor } from './liquidation.feed';
import { matchesLiquidationFilter, resolveLiquidationFilter } from './liquidation.filter';
import { LiquidationBucket, readLiquidationBuckets, sumLiquidationsByVenue } from './liquidation.rollup';
import { decodeLiquidationCursor } from './liquidation.cursor';
import { ReplayThenLive } from './liquidation.replay';
import { LiquidationTicks, tickGraceMs } from './liquidation.ticks';
import { findLiquidationsSince } from './liquidation.service';
import { liquidationPage, maxLiquidationPageSize } from './liquidation.page';
import {
  LiquidationBucketType,
  LiquidationConnectionType,
  LiquidationFilterInput,
  LiquidationType,
  toTotals,
  VenueLiquidationTotalsType,
} from './liquidation.types';


/** The most missed events a resuming subscription replays; more must be paged. */
const maxReplay = 5000;

const lowerBound = 'Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why).';

@Resolver(() => LiquidationType)
export class LiquidationResolver {
  @Query(() => LiquidationConnectionType, {
    description: `Liquidation events matching \`filter\`, newest first (by occurredAt, then id), as a Relay connection. ${lowerBound}`,
  })
  async liquidations(
    @Arg('filter', () => LiquidationFilterInput, { nullable: true, description: 'Conditions every event must meet; null matches every event.' }) filter: LiquidationFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: `Page size, 0 to ${maxLiquidationPageSize}.` })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: "A previous page's `endCursor`: the page starts after it." })
    after: string | null,
    @Ctx() ctx: Context,
  ): Promise<LiquidationConnectionType> {
    const resolved = await resolveLiquidationFilter(ctx.registry, filter);
    return liquidationPage(ctx.db, resolved, first, after);
  }

  @Query(() => [VenueLiquidationTotalsType], {
    description: `Liquidations summed per venue over [from, to), every venue listed (zeros where none), largest totalUsd first. ${lowerBound}`,
  })
  async liquidationTotalsByVenue(
    @Arg('asset', () => String, { nullable: true, description: 'Asset ticker; null sums every asset.' }) asset: string | null,
    @Arg('from', () => Date, { description: 'Inclusive start of the window.' }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive end of the window; defaults to now.' }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<VenueLiquidationTotalsType[]> {
    const end = to ?? new Date();
    if (from.getTime() >= end.getTime()) {
      throw new CascadeError('INVALID_TIME_RANGE', `\`from\` (${from.toISOString()}) must be before \`to\` (${end.toISOString()}).`, { argument: 'from' });
    }
    const assetId = asset ? (await ctx.registry.requireAsset(asset)).id : null;
    const sums = new Map((await sumLiquidationsByVenue(ctx.db, { assetId, from, to: end })).map((row) => [row.venue_id, row]));
    const venues = await ctx.registry.venues();
    for (const venueId of sums.keys()) {
      if (!venues.some((v) => v.id === venueId)) venues.push((await ctx.registry.venueById(venueId))!);
    }
    return venues
      .map((venue) => Object.assign(new VenueLiquidationTotalsType(), toTotals(sums.get(venue.id), venue.completeness), { venue: toVenueType(venue) }))
      .sort((a, b) => b.totalUsd - a.totalUsd || a.venue.slug.localeCompare(b.venue.slug));
  }

  @Query(() => [LiquidationBucketType], {
    description: `Liquidations of one asset per bucket, gap-filled: every bucket whose start lies in [from, to) is present, empty ones with zeros. ${lowerBound}`,
  })
  async liquidationHistory(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('venues', () => [String], { nullable: true, description: 'Venue slugs; null or empty means every venue.' }) venues: string[] | null,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: 'Inclusive: the first bucket is the one holding `from`.' }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive end; defaults to now.' }) to: Date | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LiquidationBucketType[]> {
    const assetId = (await ctx.registry.requireAsset(asset)).id;
    const venueIds = await ctx.registry.requireVenues(venues);
    const range = bucketRange(interval, from, to);
    // Coverage (venue lists per bucket) is the costly part of a long series: only when asked.
    const withCoverage = selectsAny(info, ['coverage']);
    const buckets = await readLiquidationBuckets(ctx.db, assetId, venueIds, range, knownAt, withCoverage);
    if (!withCoverage) return buckets;
    return Promise.all(
      buckets.map(async (bucket) =>
        Object.assign(bucket, {
          coverage: await toCoverage(ctx.registry, bucket.venueIds, bucket.expectedVenueIds, null, (v) => v.completeness === Completeness.NOT_COLLECTED, [], bucket.silentVenueIds ?? []),
        }),
      ),
    );
  }

  @Subscription(() => LiquidationType, {
    description: `Each liquidation matching \`filter\` as it is stored (at most once; after a reconnect, page \`liquidations\` to fill a gap). ${lowerBound}`,
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { filter?: LiquidationFilterInput | null; after?: string | null }, Context>) => {
      // Checked here, before any event flows, so a bad filter or cursor fails the subscribe itself.
      const filter = await resolveLiquidationFilter(context.registry, args.filter);
      const since = args.after ? decodeLiquidationCursor(args.after) : null;
      const live = await liquidationFeedFor(context.primaryDb).subscribe((row) => matchesLiquidationFilter(filter, row));
      if (!since) return live;
      const backlog = await findLiquidationsSince(context.primaryDb, filter, since, maxReplay + 1);
      if (backlog.length > maxReplay) {
        await live.return?.();
        throw new CascadeError('BAD_USER_INPUT', `More than ${maxReplay} events followed \`after\`: page them with the \`liquidations\` query, then subscribe from its newest cursor.`, {
          argument: 'after',
        });
      }
      return new ReplayThenLive(backlog, live);
    },
  })
  liquidationOccurred(
    @Root() liquidation: LiquidationType,
    @Arg('filter', () => LiquidationFilterInput, { nullable: true, description: 'Conditions every pushed event must meet; null pushes every event.' }) _filter: LiquidationFilterInput | null,
    @Arg('after', () => String, {
      nullable: true,
      description: "Resume: first every stored event after this cursor (a Liquidation's `cursor`), oldest first, then live ones, without gap or repeat.",
    })
    _after: string | null,
  ): LiquidationType {
    return liquidation;
  }

  @Subscription(() => LiquidationBucketType, {
    description: `Each bucket of an asset's liquidations as it closes (about ${tickGraceMs / 1000} s after its end, so late events are in): the same figures as \`liquidationHistory\`, pushed. Each bucket after the first costs the subscription's points again; when the budget cannot pay, the subscription ends with \`RATE_LIMITED\`. ${lowerBound}`,
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { asset: string; interval: Interval; venues?: string[] | null }, Context>) => {
      const assetId = (await context.registry.requireAsset(args.asset)).id;
      const venueIds = await context.registry.requireVenues(args.venues);
      return new LiquidationTicks(context.db, context.clock, assetId, venueIds, args.interval, context.chargeTick);
    },
  })
  liquidationTicks(
    @Root() bucket: LiquidationBucket,
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) _asset: string,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) _interval: Interval,
    @Arg('venues', () => [String], { nullable: true, description: 'Venue slugs; null or empty means every venue.' }) _venues: string[] | null,
  ): LiquidationBucketType {
    return bucket;
  }

  @FieldResolver(() => VenueType, { description: `Venue the position was closed on. ${lowerBound}` })
  async venue(@Root() liquidation: LiquidationType, @Ctx() ctx: Context): Promise<VenueType> {
    return toVenueType((await ctx.registry.venueById(liquidation.venueId))!);
  }

  @FieldResolver(() => InstrumentType, { description: 'Contract the position was held in.' })
  instrument(@Root() liquidation: LiquidationType): InstrumentType {
    return liquidation.instrument;
  }

  @FieldResolver(() => AssetType, { description: 'Asset of the contract the position was held in.' })
  async asset(@Root() liquidation: LiquidationType, @Ctx() ctx: Context): Promise<AssetType> {
    return toAssetType((await ctx.registry.assetById(liquidation.assetId))!);
  }
}
