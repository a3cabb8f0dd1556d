import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { VenueKind } from '../shared/enums';
import { selectsAny } from '../shared/selection';
import { readingFields } from './latest-readings';
import { InstrumentType, toInstrumentType, toVenueType, VenueType } from './venue.types';

@Resolver(() => VenueType)
export class VenueResolver {
  @Query(() => [VenueType], { description: 'Every venue Cascade collects from, optionally of one kind.' })
  async venues(@Arg('kind', () => VenueKind, { nullable: true, description: 'CEX or DEX; null lists both.' }) kind: VenueKind | null, @Ctx() ctx: Context): Promise<VenueType[]> {
    const venues = await ctx.registry.venues();
    return venues.filter((v) => !kind || v.kind === kind).map(toVenueType);
  }

  @Query(() => VenueType, { nullable: true, description: 'One venue by slug ("binance"); null when none has it.' })
  async venue(@Arg('slug', { description: 'Venue slug ("binance"), case-insensitive.' }) slug: string, @Ctx() ctx: Context): Promise<VenueType | null> {
    const venue = await ctx.registry.findVenue(slug);
    return venue ? toVenueType(venue) : null;
  }

  @FieldResolver(() => [InstrumentType], { description: "The venue's instruments, optionally for one asset ticker." })
  async instruments(
    @Root() venue: VenueType,
    @Arg('asset', () => String, { nullable: true, description: 'Asset ticker ("BTC"); null means every asset.' }) asset: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstrumentType[]> {
    const assetId = asset ? (await ctx.registry.requireAsset(asset)).id : null;
    const withReadings = selectsAny(info, readingFields);
    const rows = await ctx.loaders.venues.instrumentsByVenue.get({ assetId, withReadings }).load(venue.venueId);
    return rows.map(toInstrumentType);
  }
}
