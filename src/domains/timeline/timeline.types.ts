import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { FundingWeighting } from '../funding/funding.types';
import { TimelineLongShortRatioType } from '../positioning/positioning.types';

@ObjectType('TimelineBucket', {
  description: "Every series of an asset on one bucket, side by side. Each field is computed only when selected; formulas as in the single-series fields.",
})
export class TimelineBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, { nullable: true, description: 'Last spot price in the bucket, USD (as `Asset.candles.close`).' })
  close!: number | null;

  @Field(() => Float, { nullable: true, description: "Aggregate open interest, USD: each instrument's latest value at or before the bucket's end, no older than 3 hours, summed (as `openInterestHistory`)." })
  openInterestUsd!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Funding normalized to 8 hours, a fraction: `fundingHistory.openInterestWeightedRate`, or its `averageRate` when some paying instrument had no open interest known; `fundingWeighting` says which.',
  })
  fundingRate8h!: number | null;

  @Field(() => FundingWeighting, { nullable: true, description: 'Which mean fundingRate8h is: OPEN_INTEREST or EQUAL (plain mean per instrument); null when no funding was paid in the bucket.' })
  fundingWeighting!: FundingWeighting | null;

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

  @Field(() => Float, { nullable: true, description: "RSI(14), Wilder, at the bucket's end (or at `to`, for a last bucket cut short): exactly marketSnapshot.rsi14 at that instant (closed daily closes, then the last price at or before it as a provisional close)." })
  rsi14!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Taker (aggressor) buy volume summed over the venues that publish one and reported, USD (as `takerVolumeHistory.buyUsd`); null when none reported, and at M1 (the venues publish 5-minute periods).',
  })
  takerBuyUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Taker sell volume, USD, as takerBuyUsd (`takerVolumeHistory.sellUsd`).' })
  takerSellUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'takerBuyUsd ÷ takerSellUsd (`takerVolumeHistory.buySellRatio`); null when either is null or the sell side is 0.' })
  takerBuySellRatio!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Perpetual premium over the index across venues, basis points: `perpetualPremiumHistory.premiumBps` (open-interest-weighted when every perpetual reporting has an open interest, else the plain mean over perpetuals of (mark / index − 1) × 10 000).',
  })
  perpetualPremiumBps!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Front dated-future basis, annualised, a fraction per year: `futuresBasisHistory.nearest.annualizedBasis` (each venue's nearest contract at least 7 days from expiry, (futures / index − 1) × 365 / days to expiry, averaged across venues).",
  })
  futuresAnnualizedBasis!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Coinbase premium, basis points: Coinbase <ASSET>-USD over Binance spot <ASSET>USDT converted to USD with the measured USDT price, from the closes of the latest candle both published in the bucket (as `coinbasePremium.premiumBps`); null when a close or the USDT rate is missing.',
  })
  coinbasePremiumBps!: number | null;

  @Field(() => [TimelineLongShortRatioType], {
    description:
      "Every venue's published long/short ratio at the bucket's close, each with its venue, instrument and definition (as `longShortRatioHistory`: the last reading in the bucket); a list, never an average, because the definitions differ. Empty where no venue published one in the bucket, and on M1 buckets (the venues publish per 5 minutes).",
  })
  longShortRatios!: TimelineLongShortRatioType[];
}
