import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('TimelineBucket', {
  description: "Every series of an asset on one bucket, side by side. Each field is computed only when selected; formulas as in the single-series fields.",
})
export class TimelineBucketType {
  @Field(() => Date)
  start!: Date;

  @Field(() => Float, { nullable: true, description: 'Last spot price in the bucket, USD (as `Asset.candles.close`).' })
  close!: number | null;

  @Field(() => Float, { nullable: true, description: "Aggregate open interest, USD: each instrument's last value in the bucket, summed (as `openInterestHistory`)." })
  openInterestUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Open-interest-weighted funding rate normalized to 8 hours (as `fundingHistory.openInterestWeightedRate`).' })
  fundingRate8h!: number | null;

  @Field(() => Float, { nullable: true, description: 'USD of long positions liquidated in the bucket.' })
  liquidationsLongUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'USD of short positions liquidated in the bucket.' })
  liquidationsShortUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Bid + ask notional within ±2 % of mid, USD (as `marketDepthHistory`, band 0.02).' })
  depthUsd2pct!: number | null;

  @Field(() => Float, { nullable: true, description: 'Net flow of every spot ETF of the asset whose trading day starts in the bucket, USD.' })
  etfNetFlowUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of long-term-holder supply since the previous bucket, coins.' })
  lthSupplyChange!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change of whale supply since the previous bucket, coins.' })
  whaleSupplyChange!: number | null;

  @Field(() => Float, { nullable: true, description: 'Exchange inflow − outflow over the bucket, coins.' })
  exchangeNetflow!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Liquidated USD per 1 % of price range in the bucket: (long + short USD) / (100 × (high − low) / open); null without a price range.',
  })
  liquidationIntensity!: number | null;

  @Field(() => Float, { nullable: true, description: "Change of aggregate open interest from the previous bucket's value, USD (the first bucket's is null)." })
  openInterestChangeUsd!: number | null;

  @Field(() => Float, { nullable: true, description: "14-period Wilder RSI of daily closes at the bucket's end, the current day closing at the bucket's last price." })
  rsi14!: number | null;
}
