import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Completeness } from '../shared/completeness';

export enum SidednessEnum {
  ONE_SIDE = 'ONE_SIDE',
  BOTH_SIDES = 'BOTH_SIDES',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

registerEnumType(SidednessEnum, {
  name: 'Sidedness',
  description: 'Whether a position figure counts one side of the market or both.',
  valuesConfig: {
    ONE_SIDE: { description: 'One side: every open contract counted once (the long side equals the short side).' },
    BOTH_SIDES: { description: 'Longs plus shorts: twice the one-sided figure. Cascade converts these to one side before storing.' },
    NOT_APPLICABLE: { description: 'Not a position figure (prices, funding, depth, flows).' },
  },
});

@ObjectType('DataSource', {
  description:
    "One dataset Cascade reads from one source, with the documentation it follows: what a badge like \"lower bound\" rests on. Served from the same catalog the ingestion reads (src/domains/sources/data-source.catalog.ts).",
})
export class DataSourceType {
  @Field({ description: 'Source slug, as in `ingestionStatus` and `cascade backfill <source>`: "binance", "hydromancer".' })
  source!: string;

  @Field(() => String, { nullable: true, description: "Slug of the venue the rows belong to (a keyed provider may fill another venue's); null for spot, ETF and on-chain sources." })
  venue!: string | null;

  @Field({ description: 'Dataset: instruments, open-interest, funding, mark-price, depth, liquidations, candles, etf-flows, cohorts, exchange-flows or taker-volume.' })
  dataset!: string;

  @Field({ description: 'Method and path, or WebSocket route and channel, Cascade calls.' })
  endpoint!: string;

  @Field({ description: 'Units of the values read, and how Cascade converts them (contracts to coins, coins to USD).' })
  units!: string;

  @Field(() => SidednessEnum, { description: 'For open interest: one side or both, as the venue documents it (stored one-sided).' })
  sidedness!: SidednessEnum;

  @Field(() => Completeness, {
    description: 'What the source covers when it runs: COMPLETE, or LOWER_BOUND for a sampled feed. A keyed source without its key collects nothing: see `Venue.completeness` for what is collected now.',
  })
  completeness!: Completeness;

  @Field(() => String, { nullable: true, description: 'How far back the source serves history, as documented ("30 days"); null for snapshots and streams.' })
  historyLimit!: string | null;

  @Field({ description: 'Request weight or rate-limit cost per call, as the venue counts it.' })
  rateLimitWeight!: string;

  @Field({ description: "URL of the documentation page the mapping follows." })
  documentationUrl!: string;

  @Field({ description: 'The day that page was read (ISO date, YYYY-MM-DD).' })
  documentationRead!: string;

  @Field(() => String, { nullable: true, description: 'Environment variable that holds the API key a keyed source needs; null for public sources.' })
  keyVariable!: string | null;

  @Field(() => String, { nullable: true, description: 'What a user of the figure should know (sampling, conversions, routing).' })
  notes!: string | null;
}
