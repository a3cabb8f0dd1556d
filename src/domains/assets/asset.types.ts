import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Asset', { description: 'A tracked crypto asset, named by its ticker (BTC, ETH, SOL).' })
export class AssetType {
  @Field(() => ID, { description: 'Stable opaque id of the asset: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field({ description: 'Ticker, upper case: "BTC". Every `asset` argument takes it.' })
  symbol!: string;

  @Field({ description: 'Display name: "Bitcoin".' })
  name!: string;

  /** Storage id, for field resolvers; not exposed. */
  assetId!: number;
}

export function toAssetType(record: { id: number; symbol: string; name: string }): AssetType {
  return Object.assign(new AssetType(), { id: String(record.id), symbol: record.symbol, name: record.name, assetId: record.id });
}
