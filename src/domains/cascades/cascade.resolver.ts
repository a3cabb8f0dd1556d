import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { CascadeError } from '../../core/errors';
import { liquidationPage, maxLiquidationPageSize } from '../liquidations/liquidation.page';
import { LiquidationConnectionType } from '../liquidations/liquidation.types';
import { toVenueType, VenueType } from '../venues/venue.types';
import { defaultCascadeRule } from './cascade.rule';
import { findCascadeEpisodes } from './cascade.service';
import { CascadeEpisodeType } from './cascade.types';

/** Episodes are found minute by minute: the window is bounded so one request stays cheap. */
const maxWindowDays = 120;

@Resolver(() => CascadeEpisodeType)
export class CascadeResolver {
  @Query(() => [CascadeEpisodeType], { description: 'Liquidation cascades of an asset that began in [from, to), oldest first, detected from stored events.' })
  async cascadeEpisodes(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('from', () => Date, { description: 'Inclusive: episodes whose first hot minute is at or after `from`.' }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<CascadeEpisodeType[]> {
    const end = to ?? new Date();
    if (from.getTime() >= end.getTime()) {
      throw new CascadeError('INVALID_TIME_RANGE', `\`from\` (${from.toISOString()}) must be before \`to\` (${end.toISOString()}).`, { argument: 'from' });
    }
    if (end.getTime() - from.getTime() > maxWindowDays * 86_400_000) {
      throw new CascadeError('TOO_MANY_BUCKETS', `Cascades are searched minute by minute over at most ${maxWindowDays} days; narrow \`from\`/\`to\`.`, { argument: 'from' });
    }
    const record = await ctx.registry.requireAsset(asset);
    const rows = await findCascadeEpisodes(ctx.db, record.id, from, end, defaultCascadeRule);
    return rows.map((r) =>
      Object.assign(new CascadeEpisodeType(), {
        start: r.start,
        end: r.end,
        totalUsd: r.total_usd,
        longShare: r.total_usd > 0 ? r.long_usd / r.total_usd : null,
        peakUsdPerMinute: r.peak_usd_per_minute,
        priceChange: r.price_change,
        openInterestShedUsd: r.open_interest_before !== null && r.open_interest_after !== null ? r.open_interest_before - r.open_interest_after : null,
        depthDrawdown: r.depth_min !== null && r.depth_median_before ? 1 - r.depth_min / r.depth_median_before : null,
        assetId: record.id,
        venueIds: r.venue_ids ?? [],
      }),
    );
  }

  @FieldResolver(() => [VenueType], { description: 'Venues with liquidations in the episode.' })
  async venues(@Root() episode: CascadeEpisodeType, @Ctx() ctx: Context): Promise<VenueType[]> {
    return Promise.all(episode.venueIds.map(async (id) => toVenueType((await ctx.registry.venueById(id))!)));
  }

  @FieldResolver(() => LiquidationConnectionType, { description: 'The episode’s liquidation events, newest first, as a cursor page.' })
  liquidations(
    @Root() episode: CascadeEpisodeType,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: `Page size, 0 to ${maxLiquidationPageSize}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: "A previous page's `endCursor`: the page starts after it." }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<LiquidationConnectionType> {
    const filter = { assetId: episode.assetId, venueIds: null, side: null, from: episode.start, to: episode.end, minNotionalUsd: null };
    return liquidationPage(ctx.db, filter, first, after);
  }
}
