import { ArgsType, Field } from 'type-graphql';
import { Context } from '../context';
import { Interval, intervalArgDescription } from './enums';
import { knownAtDescription } from './known-at-arg';
import { BucketRange, bucketRange } from './series';

/** The arguments every per-venue series takes: asset, venues, interval, range, knownAt. */
@ArgsType()
export class VenueSeriesArgs {
  @Field(() => String, { description: 'Asset ticker ("BTC").' })
  asset!: string;

  @Field(() => [String], { nullable: true, description: 'Venue slugs; null or empty means every venue.' })
  venues!: string[] | null;

  @Field(() => Interval, { description: intervalArgDescription })
  interval!: Interval;

  @Field(() => Date, { description: 'Inclusive: the first bucket is the one holding `from`.' })
  from!: Date;

  @Field(() => Date, { nullable: true, description: 'Exclusive; defaults to now.' })
  to!: Date | null;

  @Field(() => Date, { nullable: true, description: knownAtDescription })
  knownAt!: Date | null;
}

/** Validated once, in the order bad input is reported: range, then asset, then venues. */
export async function resolveVenueSeries(ctx: Context, args: VenueSeriesArgs): Promise<{ assetId: number; venueIds: number[] | null; range: BucketRange }> {
  const range = bucketRange(args.interval, args.from, args.to);
  const assetId = (await ctx.registry.requireAsset(args.asset)).id;
  const venueIds = await ctx.registry.requireVenues(args.venues);
  return { assetId, venueIds, range };
}
