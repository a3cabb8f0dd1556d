import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';

@ObjectType('ExchangeFlowBucket', { description: "Coins moving onto and off exchanges' known wallets over one bucket." })
export class ExchangeFlowBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, { description: 'Coins sent to exchanges; 0 for an empty bucket.' })
  inflow!: number;

  @Field(() => Float, { description: 'Coins withdrawn from exchanges; 0 for an empty bucket.' })
  outflow!: number;

  @Field(() => Float, { description: 'inflow − outflow: positive means coins moving onto exchanges (selling pressure).' })
  netflow!: number;

  @Field(() => Date, { nullable: true, description: 'When Cascade last recorded a flow in the bucket (null when none): 0 with no record is missing data, not a still market.' })
  lastRecordedAt!: Date | null;
}
