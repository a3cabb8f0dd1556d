import { Field, Float, ObjectType } from 'type-graphql';
import { BucketCoverageType } from '../shared/coverage';

@ObjectType('DepthBucket', { description: 'Order-book depth of an asset over one bucket, in USD.' })
export class DepthBucketType {
  @Field(() => Date)
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      "Resting bid notional within `band` below mid, USD: each instrument's snapshots averaged over the bucket, then summed across the selected venues' instruments. Null when no snapshot fell in the bucket.",
  })
  bidUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Resting ask notional within `band` above mid, USD, computed like `bidUsd`.' })
  askUsd!: number | null;

  @Field(() => BucketCoverageType, { description: 'Which venues the depth stands on; a missing venue makes books look thinner than they are.' })
  coverage!: BucketCoverageType;
}
