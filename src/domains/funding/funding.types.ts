import { Field, Float, ObjectType } from 'type-graphql';
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
  @Field(() => Date)
  start!: Date;

  @Field(() => Float, { nullable: true, description: 'Mean of the rates in the bucket, each first normalized to 8 hours (rate × 8 / intervalHours); null when none.' })
  averageRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The same mean weighted by each instrument's open interest in USD (its latest reading at or before the funding time); null when no open interest is known.",
  })
  openInterestWeightedRate!: number | null;

  @Field(() => BucketCoverageType, { description: 'Which venues the rates come from. Funding settles every 1–8 hours, so short buckets miss venues by design.' })
  coverage!: BucketCoverageType;
}

export function toFundingPoint(row: { at: Date; rate: number; interval_hours: number }): FundingPointType {
  return Object.assign(new FundingPointType(), {
    at: row.at,
    rate: row.rate,
    intervalHours: row.interval_hours,
    annualizedRate: row.rate * ((24 * 365) / row.interval_hours),
  });
}
