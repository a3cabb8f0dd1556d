import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { AssetType, toAssetType } from '../assets/asset.types';
import { ContractType } from '../shared/enums';
import { selectsAny } from '../shared/selection';
import { readingFields } from './latest-readings';
import { InstrumentType, toInstrumentType, toVenueType, VenueType } from './venue.types';

@Resolver(() => InstrumentType)
export class InstrumentResolver {
  @Query(() => [InstrumentType], { description: 'Instruments matching every given filter (asset ticker, venue slug, contract type).' })
  async instruments(
    @Arg('asset', () => String, { nullable: true, description: 'Asset ticker ("BTC"); null means every asset.' }) asset: string | null,
    @Arg('venue', () => String, { nullable: true, description: 'Venue slug ("binance"); null means every venue.' }) venue: string | null,
    @Arg('contractType', () => ContractType, { nullable: true, description: 'PERPETUAL or FUTURE; null means both.' }) contractType: ContractType | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstrumentType[]> {
    const assetIds = asset ? [(await ctx.registry.requireAsset(asset)).id] : null;
    const venueIds = venue ? [(await ctx.registry.requireVenue(venue)).id] : null;
    const rows = await ctx.loaders.venues.fetchInstruments({ assetIds, venueIds, contractType }, selectsAny(info, readingFields));
    return rows.map(toInstrumentType);
  }

  @FieldResolver(() => VenueType, { description: 'Venue that lists the contract.' })
  async venue(@Root() instrument: InstrumentType, @Ctx() ctx: Context): Promise<VenueType> {
    return toVenueType((await ctx.registry.venueById(instrument.venueId))!);
  }

  @FieldResolver(() => AssetType, { description: 'Asset the contract is on (its base currency).' })
  async asset(@Root() instrument: InstrumentType, @Ctx() ctx: Context): Promise<AssetType> {
    return toAssetType((await ctx.registry.assetById(instrument.assetId))!);
  }
}

@Resolver(() => AssetType)
export class AssetInstrumentsResolver {
  @FieldResolver(() => [InstrumentType], { description: "The asset's instruments, optionally on one venue and of one contract type." })
  async instruments(
    @Root() asset: AssetType,
    @Arg('venue', () => String, { nullable: true, description: 'Venue slug ("binance"); null means every venue.' }) venue: string | null,
    @Arg('contractType', () => ContractType, { nullable: true, description: 'PERPETUAL or FUTURE; null means both.' }) contractType: ContractType | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstrumentType[]> {
    const venueId = venue ? (await ctx.registry.requireVenue(venue)).id : null;
    const withReadings = selectsAny(info, readingFields);
    const rows = await ctx.loaders.venues.instrumentsByAsset.get({ venueId, contractType, withReadings }).load(asset.assetId);
    return rows.map(toInstrumentType);
  }
}
