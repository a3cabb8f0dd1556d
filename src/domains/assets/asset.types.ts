import { Field, ID, ObjectType } from 'type-graphql';
import { fromRow } from '../shared/planned/json-shape';
import type { AssetRecord } from '../shared/registry';
import { assetShape } from './asset.shape';

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

const assetRow = assetShape('asset');

/** A registry record (shared/registry.ts reads assetShape's columns) as the GraphQL object. */
export const toAssetType = (record: AssetRecord): AssetType => fromRow<AssetType>(assetRow, record as unknown as Record<string, unknown>);
