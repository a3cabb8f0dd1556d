import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { BucketCoverageType } from '../shared/coverage';

@ObjectType('OpenInterestPoint', { description: "One instrument's open interest at a time." })
export class OpenInterestPointType {
  @Field(() => Date, { description: 'When the venue reported it (UTC).' })
  at!: Date;

  @Field(() => Float, {
    description: 'Open interest in USD: coins × mark price for coin-quoted venues, contracts × USD size for inverse contracts (USDT/USDC at par).',
  })
  openInterestUsd!: number;

  @Field(() => Float, { nullable: true, description: "In the venue's own unit (contracts or coins), where it reports one." })
  openInterestContracts!: number | null;
}

@ObjectType('OpenInterestBucket', { description: 'Aggregate open interest of an asset over one bucket.' })
export class OpenInterestBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      "Sum across the selected venues of each instrument's latest value at or before the bucket's end (readings at the end belong to the next bucket), USD, provided it is no older than 3 hours there: a reading is carried forward across buckets where the instrument did not report, within that bound. Null when no instrument has a fresh reading; partial (low) when `coverage.missingVenues` is not empty.",
  })
  openInterestUsd!: number | null;

  @Field(() => BucketCoverageType, { description: 'Which venues the figure stands on; a missing venue makes the sum low, not the market calm.' })
  coverage!: BucketCoverageType;
}
