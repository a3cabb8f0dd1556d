import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { BucketCoverageType } from '../shared/coverage';

@ObjectType('DepthBucket', { description: 'Order-book depth of an asset over one bucket, in USD.' })
export class DepthBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      "Resting bid notional within `band` below mid, USD: each instrument's snapshots averaged over the bucket (those whose book reached the band), then summed across the selected venues' instruments. Null when no snapshot fell in the bucket, or when an instrument's fetched books never reached the band in it (unknown, listed in `coverage.unknownVenues` with the reason): never a partial sum.",
  })
  bidUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Resting ask notional within `band` above mid, USD, computed like `bidUsd` (null likewise when unknown).' })
  askUsd!: number | null;

  @Field(() => BucketCoverageType, { description: 'Which venues the depth stands on; a missing venue makes books look thinner than they are.' })
  coverage!: BucketCoverageType;
}
