import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('CascadeEpisode', {
  description:
    'A liquidation cascade: a run of minutes whose liquidated USD stayed far above its trailing baseline (rule: docs/analytics.md; at least 10× the trailing 24-hour mean per minute and $1M/min, hot minutes at most 5 apart, at least 5 of them and $100M in all).',
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
