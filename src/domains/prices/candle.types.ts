import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('Candle', { description: 'Spot price over one bucket, in USD. Empty buckets have null levels and zero volume.' })
export class CandleType {
  @Field(() => Date, { description: 'Bucket start (UTC).' })
  start!: Date;

  @Field(() => Float, { nullable: true, description: 'First price of the bucket, USD.' })
  open!: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest price, USD.' })
  high!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lowest price, USD.' })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: 'Last price of the bucket, USD.' })
  close!: number | null;

  @Field(() => Float, { description: 'Traded volume in USD (quote volume; USDT at par).' })
  volumeUsd!: number;
}
