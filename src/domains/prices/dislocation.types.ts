import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { VenueType } from '../venues/venue.types';

@ObjectType('VenueDislocation', { description: "One venue's mark price against the cross-venue median in one bucket." })
export class VenueDislocationType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => VenueType, { description: 'The venue compared with the others.' })
  venue!: VenueType;

  @Field(() => Float, {
    description: "The venue's mark price: the mean over its perpetuals of each one's last mark in the bucket, in each contract's quote currency taken at par (1 USDT = 1 USDC = 1 USD).",
  })
  markPriceUsd!: number;

  @Field(() => Float, { description: 'Median of the OTHER venues’ mark prices in the bucket (this venue left out), USD at par as markPriceUsd.' })
  medianMarkPriceUsd!: number;

  @Field(() => Float, { description: '(markPriceUsd / medianMarkPriceUsd − 1) × 10,000, in basis points; negative = trading below the other venues.' })
  dislocationBps!: number;

  venueId!: number;
}
