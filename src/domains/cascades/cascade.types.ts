import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('CascadeEpisode', {
  description:
    "A liquidation cascade (rule: docs/analytics.md, 'Cascade episodes'): hot minutes — at least $1M and 10× the baseline, the mean over the 24 hours ending 6 hours earlier of each minute's USD capped at $1M — whose starts are at most 15 minutes apart form a run; a run is an episode with $500M or more in all, or with at least 5 hot minutes, $100M in all and $1M per minute of its length.",
})
export class CascadeEpisodeType {
  @Field(() => Date, { description: 'First hot minute.' })
  start!: Date;

  @Field(() => Date, { description: 'End of the last hot minute (exclusive).' })
  end!: Date;

  @Field(() => Float, { description: 'USD liquidated in [start, end), every venue.' })
  totalUsd!: number;

  @Field(() => Float, { nullable: true, description: 'Long USD / total USD.' })
  longShare!: number | null;

  @Field(() => Float, { description: 'USD liquidated in the episode’s busiest minute.' })
  peakUsdPerMinute!: number;

  @Field(() => Float, { nullable: true, description: 'Spot price change over the episode: last close before `end` / first open from `start` − 1.' })
  priceChange!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Open interest lost, USD: the sum of each instrument's last reading at or before `start` minus its first reading at or after `end`.",
  })
  openInterestShedUsd!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'How far ±2 % depth fell: 1 − (lowest aggregate snapshot during the episode) / (median aggregate snapshot over the 24 hours before).',
  })
  depthDrawdown!: number | null;

  assetId!: number;
  venueIds!: number[];
}
