import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { AssetType, toAssetType } from './asset.types';

@Resolver(() => AssetType)
export class AssetResolver {
  @Query(() => [AssetType], { description: 'Every tracked asset, by ticker.' })
  async assets(@Ctx() ctx: Context): Promise<AssetType[]> {
    return (await ctx.registry.assets()).map(toAssetType);
  }

  @Query(() => AssetType, { nullable: true, description: 'One asset by ticker ("BTC"); null when none has it.' })
  async asset(@Arg('symbol', { description: 'Ticker, case-insensitive.' }) symbol: string, @Ctx() ctx: Context): Promise<AssetType | null> {
    const asset = await ctx.registry.findAsset(symbol);
    return asset ? toAssetType(asset) : null;
  }
}
