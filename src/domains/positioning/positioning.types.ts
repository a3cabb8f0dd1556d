import { Field, Float, ObjectType } from 'type-graphql';
import { BucketCoverageType } from '../shared/coverage';
import { bucketStartDescription } from '../shared/series';
import { LongShortRatioDefinition } from './positioning.definitions';

@ObjectType('LongShortRatioBucket', { description: "One bucket of one venue's long/short series: where the published ratio stood at the bucket's close." })
export class LongShortRatioBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Date, { nullable: true, description: "The venue's stamp of the reading shown: the last one in the bucket (UTC); null when the venue published none in it." })
  at!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Long / short as the venue publishes it (a plain ratio: 1.5 = one and a half longs per short, by accounts or by position size as the definition says); Bybit publishes the shares only, so there it is buyRatio / sellRatio. Null when no reading fell in the bucket: never carried forward from an earlier one.',
  })
  longShortRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'The long share as published, a fraction (0.6 = 60 % of the accounts or of the position size); null where the venue publishes the ratio alone (OKX) or no reading fell in the bucket.' })
  longShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'The short share as published, a fraction; null where the venue publishes the ratio alone (OKX) or no reading fell in the bucket.' })
  shortShare!: number | null;

  @Field(() => BucketCoverageType, {
    description:
      "This series' one venue: reporting when a reading fell in the bucket; missing when none did after the series' first reading; not collected when the venue publishes no ratio of this definition.",
  })
  coverage!: BucketCoverageType;
}

@ObjectType('LongShortRatioSeries', {
  description:
    "One venue's long/short ratio of one definition about one instrument (or, for OKX's all-contracts ratio, the asset's currency), bucket by bucket. Series are never averaged together: the venues' definitions differ (accounts or positions, all users or a top slice chosen by each venue), so no aggregate across venues is served.",
})
export class LongShortRatioSeriesType {
  @Field({ description: 'Slug of the venue that publishes the series.' })
  venue!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "What the ratio is about: the venue's symbol (BTCUSDT, BTC-USDT-SWAP), or the currency (BTC) for OKX's ratio across all the currency's futures and perpetuals. Null on a series the venue does not publish (`collected` false) or has not yet been read.",
  })
  instrument!: string | null;

  @Field(() => LongShortRatioDefinition, { description: 'Which ratio this is (see the enum for each venue’s exact population).' })
  definition!: LongShortRatioDefinition;

  @Field({ description: 'False when the venue publishes no ratio of this definition (Bybit has no top-trader ratios): every bucket is then null and its coverage lists the venue as not collected.' })
  collected!: boolean;

  @Field(() => String, { nullable: true, description: 'The venue\'s own period value the readings were asked with ("5m" on Binance and OKX, "5min" on Bybit); null when not collected.' })
  venuePeriod!: string | null;

  @Field(() => String, { nullable: true, description: "The endpoint the series is read from (method and path); null when the venue publishes none of this definition." })
  endpoint!: string | null;

  @Field({ description: "The venue's definition of this series in words: whose accounts or positions, and how the shares and the ratio are formed; for a series not collected, why." })
  meaning!: string;

  @Field(() => [LongShortRatioBucketType], { description: 'Every bucket of the range, gap-filled: a bucket with no reading is present with nulls.' })
  buckets!: LongShortRatioBucketType[];
}

@ObjectType('TimelineLongShortRatio', { description: "One venue's long/short reading at a timeline bucket's close, with its definition: a list, never an average across definitions or venues." })
export class TimelineLongShortRatioType {
  @Field({ description: 'Slug of the venue.' })
  venue!: string;

  @Field({ description: "The venue's symbol, or the currency for OKX's all-contracts ratio (as `LongShortRatioSeries.instrument`)." })
  instrument!: string;

  @Field(() => LongShortRatioDefinition, { description: 'Which ratio this is.' })
  definition!: LongShortRatioDefinition;

  @Field(() => Float, { description: 'Long / short as published (as `LongShortRatioBucket.longShortRatio`): the last reading in the bucket.' })
  longShortRatio!: number;

  @Field(() => Float, { nullable: true, description: 'The long share as published, a fraction; null where the venue publishes the ratio alone (OKX).' })
  longShare!: number | null;
}
