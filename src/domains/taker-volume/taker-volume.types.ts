import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Completeness } from '../shared/completeness';
import { BucketCoverageType } from '../shared/coverage';
import { bucketStartDescription } from '../shared/series';
import { VenueType } from '../venues/venue.types';

const buyDescription =
  "Taker buy volume, USD: the notional of trades whose taker (aggressor) bought, summed over the venue's 5-minute periods that start in the bucket (and end by `to`). Binance publishes coins, converted at each period's VWAP from the contract's own 5-minute kline; OKX publishes USD (unit=2; USDT/USDC at par).";
const ratioDescription =
  'buyUsd ÷ sellUsd: above 1 takers bought more than they sold. Null when sellUsd is 0 or null. A ratio of sums, never a mean of ratios.';

@ObjectType('TakerVolumeVenue', { description: "One venue's taker (aggressor) volume over one bucket." })
export class TakerVolumeVenueType {
  @Field(() => VenueType, { description: 'The venue.' })
  venue!: VenueType;

  @Field(() => Float, { nullable: true, description: `${buyDescription} Null when the venue reported no period in the bucket (or publishes none: completeness NOT_COLLECTED).` })
  buyUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Taker sell volume, USD, as buyUsd for trades whose taker sold.' })
  sellUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'buyUsd − sellUsd, USD: net aggressor flow (positive: takers net bought).' })
  netUsd!: number | null;

  @Field(() => Float, { nullable: true, description: ratioDescription })
  buySellRatio!: number | null;

  @Field(() => Int, { description: 'Distinct 5-minute periods the venue reported in the bucket (over all its contracts).' })
  periodsReported!: number;

  @Field(() => Completeness, {
    description:
      'COMPLETE: every 5-minute period of the bucket reported; LOWER_BOUND: some are missing (all of them when the figures are null), so the sums are low; NOT_COLLECTED: the venue publishes no taker-volume series (Bybit, Deribit, Hyperliquid), so Cascade has none: its null says nothing about the market.',
  })
  completeness!: Completeness;
}

@ObjectType('TakerVolumeBucket', { description: 'Taker (aggressor) buy and sell volume of an asset over one bucket, per venue and summed.' })
export class TakerVolumeBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description: `Sum over the selected venues that reported of their taker buy volume, USD (see TakerVolumeVenue.buyUsd). Null when none reported: an outage is not zero flow. Partial when \`coverage.missingVenues\` is not empty; venues without a taker-volume series are in \`coverage.notCollectedVenues\`.`,
  })
  buyUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Sum over the reporting venues of their taker sell volume, USD.' })
  sellUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'buyUsd − sellUsd, USD (positive: takers net bought).' })
  netUsd!: number | null;

  @Field(() => Float, { nullable: true, description: `${ratioDescription} Computed from the summed USD, so a venue weighs by its volume.` })
  buySellRatio!: number | null;

  @Field(() => Int, { description: "The bucket's 5-minute periods up to `to`: what a complete venue reports." })
  periodsExpected!: number;

  @Field(() => Completeness, {
    description:
      'COMPLETE: every selected venue publishes the series and reported every period; NOT_COLLECTED: none of the selected venues publishes one; otherwise LOWER_BOUND (a venue missing or partial, or one without the series): the sums under-report the market.',
  })
  completeness!: Completeness;

  @Field(() => [TakerVolumeVenueType], { description: 'One row per selected venue listing the asset, collected or not, by slug.' })
  venues!: TakerVolumeVenueType[];

  @Field(() => BucketCoverageType, { description: 'Which venues the sums stand on: reporting, missing (expected, reported nothing), not collected (no taker-volume series).' })
  coverage!: BucketCoverageType;
}
