import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { BucketCoverageType } from '../shared/coverage';
import { Interval } from '../shared/enums';
import { bucketRange, BucketRange, intervalMs } from '../shared/series';
import { VenueSeriesArgs } from '../shared/series-args';
import { LongShortRatioDefinition, publishedBy, publishedFor } from './positioning.definitions';
import { findPositioningBuckets, PositioningBucketRow, venuesListing } from './positioning.service';
import { LongShortRatioBucketType, LongShortRatioSeriesType } from './positioning.types';

@ArgsType()
export class LongShortRatioArgs extends VenueSeriesArgs {
  @Field(() => LongShortRatioDefinition, { description: 'Which ratio: accounts or positions, all users or top traders. One definition per call, so no answer mixes two.' })
  definition!: LongShortRatioDefinition;
}

/** The venues publish at 5-minute periods at the finest: a finer bucket would be mostly empty. */
export const positioningMinInterval = Interval.M5;

export function positioningRange(args: Pick<VenueSeriesArgs, 'interval' | 'from' | 'to'>): BucketRange {
  return bucketRange(args.interval, args.from, args.to, { minInterval: positioningMinInterval, dataset: 'long/short ratios (5-minute venue periods)' });
}

function coverage(slug: string, state: 'REPORTING' | 'MISSING' | 'NONE' | 'NOT_COLLECTED', lastRecordedAt: Date | null): BucketCoverageType {
  return Object.assign(new BucketCoverageType(), {
    reportingVenues: state === 'REPORTING' ? [slug] : [],
    missingVenues: state === 'MISSING' ? [slug] : [],
    notCollectedVenues: state === 'NOT_COLLECTED' ? [slug] : [],
    unknownVenues: [],
    lastRecordedAt,
  });
}

function emptyBuckets(starts: Date[], slug: string, state: 'MISSING' | 'NOT_COLLECTED'): LongShortRatioBucketType[] {
  return starts.map((start) =>
    Object.assign(new LongShortRatioBucketType(), { start, at: null, longShortRatio: null, longShare: null, shortShare: null, coverage: coverage(slug, state, null) }),
  );
}

@Resolver()
export class PositioningResolver {
  @Query(() => [LongShortRatioSeriesType], {
    description:
      "Long/short ratios as the venues publish them, per venue and instrument, gap-filled buckets (M5 or coarser): each bucket shows the last reading in it, null where there is none. One definition per call (accounts or positions, all users or top traders); a venue listing the asset that publishes no ratio of that definition is returned once with `collected` false. No aggregate across venues is served: the venues' populations differ (Binance's top traders are the top 20 % by margin balance, OKX's the top 5 % by open position value) and an average of them would be of nothing.",
  })
  async longShortRatioHistory(@Args() args: LongShortRatioArgs, @Ctx() ctx: Context): Promise<LongShortRatioSeriesType[]> {
    const range = positioningRange(args);
    const asset = await ctx.registry.requireAsset(args.asset);
    const venueIds = await ctx.registry.requireVenues(args.venues);
    const [rows, listing] = await Promise.all([
      findPositioningBuckets(ctx.db, asset.id, [args.definition], venueIds, range, args.knownAt),
      venuesListing(ctx.db, asset.id, venueIds),
    ]);
    const widthMs = intervalMs[range.interval];
    const starts = Array.from({ length: range.bucketCount }, (_, i) => new Date(range.firstStart.getTime() + i * widthMs));

    const stored = new Map<string, PositioningBucketRow[]>();
    for (const row of rows) {
      const key = `${row.venue_id}\u0000${row.scope}\u0000${row.period}`;
      stored.set(key, [...(stored.get(key) ?? []), row]);
    }
    const series: LongShortRatioSeriesType[] = [];
    const venuesWithSeries = new Set<number>();
    for (const buckets of stored.values()) {
      const first = buckets[0];
      const slug = (await ctx.registry.venueById(first.venue_id))?.slug ?? String(first.venue_id);
      venuesWithSeries.add(first.venue_id);
      const published = publishedFor(slug, args.definition, first.scope, asset.symbol);
      series.push(
        Object.assign(new LongShortRatioSeriesType(), {
          venue: slug,
          instrument: first.scope,
          definition: args.definition,
          collected: true,
          venuePeriod: first.period,
          endpoint: published?.endpoint ?? null,
          meaning: published?.meaning ?? 'Stored readings of a series Cascade no longer reads.',
          buckets: buckets.map((b) =>
            Object.assign(new LongShortRatioBucketType(), {
              start: b.start,
              at: b.at,
              longShortRatio: b.long_short_ratio,
              longShare: b.long_share,
              shortShare: b.short_share,
              coverage: coverage(slug, b.at ? 'REPORTING' : b.start.getTime() + widthMs > b.first_at.getTime() ? 'MISSING' : 'NONE', b.recorded_at),
            }),
          ),
        }),
      );
    }
    for (const venueId of listing.filter((id) => !venuesWithSeries.has(id))) {
      const slug = (await ctx.registry.venueById(venueId))?.slug ?? String(venueId);
      const published = publishedBy(slug, args.definition);
      series.push(
        Object.assign(new LongShortRatioSeriesType(), {
          venue: slug,
          instrument: null,
          definition: args.definition,
          collected: published.length > 0,
          venuePeriod: published[0]?.period ?? null,
          endpoint: published.map((p) => p.endpoint).join('; ') || null,
          meaning: published.length > 0 ? `Published but nothing stored for this asset yet: ${published.map((p) => p.meaning).join(' ')}` : `${slug} publishes no ${args.definition} long/short ratio.`,
          buckets: emptyBuckets(starts, slug, published.length > 0 ? 'MISSING' : 'NOT_COLLECTED'),
        }),
      );
    }
    return series.sort((a, b) => a.venue.localeCompare(b.venue) || (a.instrument ?? '').localeCompare(b.instrument ?? ''));
  }
}
