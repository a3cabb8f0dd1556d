import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('IngestionSourceStatus', { description: 'What one source last did for one dataset, from the record of ingestion runs.' })
export class IngestionSourceStatusType {
  @Field({ description: 'Source slug: binance, okx, farside, …' })
  source!: string;

  @Field({ description: 'Dataset: instruments, open-interest, funding, mark-price, depth, liquidations, candles, etf-flows, cohorts, exchange-flows.' })
  dataset!: string;

  @Field(() => Date, { nullable: true, description: 'When a run last succeeded.' })
  lastSuccessAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a run last failed.' })
  lastErrorAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The last failed run's error (no secrets: keys are redacted)." })
  lastError!: string | null;

  @Field(() => Int, { description: 'Rows written or revised by runs that finished in the last 24 hours.' })
  rowsLast24h!: number;
}
