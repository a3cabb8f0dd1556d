import { Arg, Ctx, Float, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { Interval, intervalArgDescription, fromArgDescription } from '../shared/enums';
import { bucketRange } from '../shared/series';
import { toVenueType } from '../venues/venue.types';
import { findDislocations } from './dislocation.service';
import { VenueDislocationType } from './dislocation.types';

@Resolver()
export class DislocationResolver {
  @Query(() => [VenueDislocationType], {
    description:
      "Each venue's mark price against the median of the other venues per bucket, in basis points (the Hyperliquid flash dislocations); quotes in USDT, USDC and USD are taken at par. One row per bucket and venue that reported while at least one other venue did, ordered by time then venue; `minAbsBps` keeps only the larger gaps.",
  })
  async venuePriceDislocation(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('minAbsBps', () => Float, { nullable: true, defaultValue: 0, description: 'Only rows whose |dislocationBps| is at least this.' }) minAbsBps: number | null,
    @Ctx() ctx: Context,
  ): Promise<VenueDislocationType[]> {
    const range = bucketRange(interval, from, to);
    const record = await ctx.registry.requireAsset(asset);
    const rows = await findDislocations(ctx.db, record.id, range);
    const out: VenueDislocationType[] = [];
    for (const r of rows) {
      const bps = (r.mark_price / r.median_mark_price - 1) * 10_000;
      if (Math.abs(bps) < (minAbsBps ?? 0)) continue;
      const venue = await ctx.registry.venueById(r.venue_id);
      out.push(Object.assign(new VenueDislocationType(), { start: r.start, venue: toVenueType(venue!), markPriceUsd: r.mark_price, medianMarkPriceUsd: r.median_mark_price, dislocationBps: bps, venueId: r.venue_id }));
    }
    return out;
  }
}
