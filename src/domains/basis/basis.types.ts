import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BucketCoverageType } from '../shared/coverage';
import { MarginType } from '../shared/enums';
import { bucketStartDescription } from '../shared/series';
import { VenueType } from '../venues/venue.types';

const premiumDefinition =
  "(mark price / index price − 1) × 10 000, basis points, per perpetual from its last mark-price reading in the bucket that carries the venue's own index (Binance premiumIndex indexPrice, Bybit tickers indexPrice, OKX index-tickers idxPx of the contract family, Deribit get_index_price of the instrument's price_index, Hyperliquid oraclePx)";

@ObjectType('PerpetualPremiumVenue', { description: "One venue's perpetual premium over its index in a bucket." })
export class PerpetualPremiumVenueType {
  @Field(() => VenueType, { description: 'The venue.' })
  venue!: VenueType;

  @Field(() => Float, {
    nullable: true,
    description: 'openInterestWeightedPremiumBps when every perpetual of the venue in the bucket has an open interest known, else averagePremiumBps; basis points. Null when no perpetual of the venue reported a mark with its index.',
  })
  premiumBps!: number | null;

  @Field(() => Float, { nullable: true, description: `Plain mean over the venue's perpetuals (one value each) of ${premiumDefinition}.` })
  averagePremiumBps!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The same per-perpetual premia weighted by each one's open interest in USD (its latest reading at or before the mark, no older than 3 hours), basis points; null when any of them has no open interest known.",
  })
  openInterestWeightedPremiumBps!: number | null;

  @Field(() => Int, { description: 'How many perpetuals of the venue the figures stand on.' })
  instrumentCount!: number;
}

@ObjectType('PerpetualPremiumBucket', { description: 'Perpetual premium over the index of an asset in one bucket: across the selected venues and per venue.' })
export class PerpetualPremiumBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      'Across venues: openInterestWeightedPremiumBps when every perpetual reporting has an open interest known, else averagePremiumBps; basis points (positive: perpetuals trade above spot, longs pay). Null when no perpetual reported a mark with its index in the bucket.',
  })
  premiumBps!: number | null;

  @Field(() => Float, { nullable: true, description: `Plain mean over every perpetual of the selected venues (one value each, not per venue) of ${premiumDefinition}.` })
  averagePremiumBps!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The same per-perpetual premia weighted by each one's open interest in USD (its latest reading at or before the mark, no older than 3 hours), so a venue weighs what its positions weigh; null when any perpetual has no open interest known.",
  })
  openInterestWeightedPremiumBps!: number | null;

  @Field(() => Int, { description: 'How many perpetuals the figures stand on.' })
  instrumentCount!: number;

  @Field(() => [PerpetualPremiumVenueType], { description: 'The same figures per venue that reported, by slug.' })
  venues!: PerpetualPremiumVenueType[];

  @Field(() => BucketCoverageType, { description: 'Which venues (listing an active perpetual of the asset) the figure stands on; marks are polled every minute.' })
  coverage!: BucketCoverageType;
}

@ObjectType('FuturesBasisPoint', { description: "One dated future's basis over its venue's index in one bucket; every field but `start` is null when it did not report in the bucket." })
export class FuturesBasisPointType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Date, { nullable: true, description: 'When the venue stamped the reading used: the last in the bucket with an index, before expiry (UTC).' })
  at!: Date | null;

  @Field(() => Float, { nullable: true, description: "The futures price: the venue's mark price of the contract, in its quote currency per coin." })
  futuresPrice!: number | null;

  @Field(() => Float, { nullable: true, description: "The spot reference: the venue's own index of the contract's underlying, read in the same collection run as the mark (OKX: index-tickers of the family, e.g. BTC-USD; Deribit: get_index_price of price_index, e.g. btc_usd; Binance: premiumIndex indexPrice)." })
  indexPrice!: number | null;

  @Field(() => Float, { nullable: true, description: 'Basis, basis points: (futuresPrice / indexPrice − 1) × 10 000, not annualised.' })
  basisBps!: number | null;

  @Field(() => Float, { nullable: true, description: 'Calendar days from `at` to the expiry: (expiresAt − at) in ms ÷ 86 400 000, fractional (actual/365 day count).' })
  daysToExpiry!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Annualised basis, a fraction per year (0.1 = 10 %/yr): (futuresPrice / indexPrice − 1) × 365 / daysToExpiry. Null under 1 day to expiry, where annualising magnifies the last ticks’ noise (basisBps is still given).',
  })
  annualizedBasis!: number | null;
}

@ObjectType('FuturesBasisContract', { description: 'The basis series of one dated future, gap-filled over the requested buckets.' })
export class FuturesBasisContractType {
  @Field(() => VenueType, { description: 'The venue listing the contract.' })
  venue!: VenueType;

  @Field({ description: "The venue's symbol (BTC-USD-240628, BTC-28JUN24, BTCUSDT_240628)." })
  symbol!: string;

  @Field(() => Date, { description: 'Expiry (delivery) time of the contract (UTC).' })
  expiresAt!: Date;

  @Field(() => MarginType, { description: 'LINEAR (USDT/USDC-margined, price in the quote) or INVERSE (coin-margined, price in USD).' })
  marginType!: MarginType;

  @Field(() => [FuturesBasisPointType], { description: 'One point per bucket of the range, oldest first; null figures where the contract did not report (or had expired).' })
  points!: FuturesBasisPointType[];
}

@ObjectType('FuturesBasisNearestVenue', { description: "A venue's nearest-expiry dated future in a bucket (at least 7 days out)." })
export class FuturesBasisNearestVenueType {
  @Field(() => VenueType, { description: 'The venue.' })
  venue!: VenueType;

  @Field({ description: 'The contract chosen: the soonest to expire, among those that reported in the bucket, with at least 7 days to expiry.' })
  symbol!: string;

  @Field(() => Float, { description: 'Its days to expiry at the reading (FuturesBasisPoint.daysToExpiry).' })
  daysToExpiry!: number;

  @Field(() => Float, { description: 'Its annualised basis, a fraction per year (FuturesBasisPoint.annualizedBasis).' })
  annualizedBasis!: number;
}

@ObjectType('FuturesBasisNearestBucket', { description: 'The front (nearest, ≥ 7 days) dated-future basis of an asset in one bucket: per venue and across venues.' })
export class FuturesBasisNearestBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      "Plain mean over venues of each venue's nearest contract's annualised basis, a fraction per year. Venues weigh equally: dated futures' open interest is not collected on every venue (OKX's is read for swaps only), so an open-interest weighting would be partial. Null when no venue had a contract at least 7 days out reporting.",
  })
  annualizedBasis!: number | null;

  @Field(() => [FuturesBasisNearestVenueType], { description: 'The contract each venue contributes, by venue slug.' })
  venues!: FuturesBasisNearestVenueType[];
}

@ObjectType('FuturesBasisHistory', { description: "Dated futures' basis over spot of an asset: per contract, and the nearest tenor per bucket." })
export class FuturesBasisHistoryType {
  @Field(() => [FuturesBasisContractType], { description: 'Every dated future of the selected venues that reported in the range, by venue then expiry.' })
  contracts!: FuturesBasisContractType[];

  @Field(() => [FuturesBasisNearestBucketType], { description: 'Per bucket (gap-filled), the nearest-expiry contract of each venue with at least 7 days to run, and their mean.' })
  nearest!: FuturesBasisNearestBucketType[];

  @Field(() => BucketCoverageType, { description: 'Over the whole range: the venues whose dated futures reported, and those listing an active dated future of the asset that did not.' })
  coverage!: BucketCoverageType;
}
