import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { BucketCoverageType } from '../shared/coverage';

@ObjectType('FundingPoint', { description: "One instrument's funding rate at a settlement time." })
export class FundingPointType {
  @Field(() => Date, { description: 'The funding time the rate applies to (UTC).' })
  at!: Date;

  @Field(() => Float, { description: 'Fraction paid by longs to shorts per funding interval (0.0001 = 0.01 %).' })
  rate!: number;

  @Field(() => Float, { description: 'Hours between funding payments for this instrument at that time (1, 4 or 8).' })
  intervalHours!: number;

  @Field(() => Float, { description: 'rate × (24 × 365 / intervalHours): the rate scaled to a year from its own interval.' })
  annualizedRate!: number;
}

@ObjectType('FundingBucket', { description: 'Funding of an asset over one bucket, normalized to an 8-hour interval.' })
export class FundingBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, {
    nullable: true,
    description:
      "Plain mean over instruments (one value per instrument, not per payment) of each instrument's rate for the bucket: the time-weighted mean of its payments in the bucket normalized to 8 hours, Σ(rate × 8) / Σ intervalHours (a fraction per 8 h); null when none paid.",
  })
  averageRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The same per-instrument rates weighted by each instrument's open interest in USD in the bucket (the mean of its readings there, else its latest reading before the bucket's end within 3 hours), a fraction per 8 h; null when any paying instrument has no open interest known (averageRate is then the only figure).",
  })
  openInterestWeightedRate!: number | null;

  @Field(() => Int, { description: 'How many instruments paid funding in the bucket: the count averageRate is the mean of.' })
  instrumentCount!: number;

  @Field(() => BucketCoverageType, { description: 'Which venues the rates come from. Funding settles every 1–8 hours, so short buckets miss venues by design.' })
  coverage!: BucketCoverageType;
}

/** Which mean a single funding figure is (the timeline's fundingRate8h names it). */
export enum FundingWeighting {
  OPEN_INTEREST = 'OPEN_INTEREST',
  EQUAL = 'EQUAL',
}
registerEnumType(FundingWeighting, {
  name: 'FundingWeighting',
  description: "How per-instrument funding rates were combined into one figure.",
  valuesConfig: {
    OPEN_INTEREST: { description: "Weighted by each instrument's open interest in USD (fundingHistory.openInterestWeightedRate)." },
    EQUAL: { description: 'Plain mean, one weight per instrument (fundingHistory.averageRate): used when some paying instrument had no open interest known.' },
  },
});
