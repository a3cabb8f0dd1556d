import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum IngestionSourceState {
  OK = 'OK',
  FAILING = 'FAILING',
  PAUSED = 'PAUSED',
  SILENT = 'SILENT',
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}

registerEnumType(IngestionSourceState, {
  name: 'IngestionSourceState',
  description: 'What a source and dataset are doing now. When several hold, the first of NOT_CONFIGURED, PAUSED, SILENT, FAILING, OK is given.',
  valuesConfig: {
    OK: { description: 'Its latest finished run succeeded, it is not paused and no silence is known.' },
    FAILING: { description: 'Its latest finished run failed (no success since the last failure): see lastError.' },
    PAUSED: { description: 'The venue told Cascade to stop (a 429/418 ban, Bybit\'s 403 "access too frequent"): every worker holds its calls until pausedUntil.' },
    SILENT: {
      description:
        "A live stream's canary (a message the venue pushes at a steady rate on the same connection: Binance markPrice@1s, Bybit tickers, OKX mark-price, Deribit's BTC index) stopped for longer than its bound (60 s): a quiet feed, not a quiet market. The collector reconnects; the silence is stored, and liquidation coverage lists the venue missing for the buckets it touches, until the canary comes back (see silentSince).",
    },
    NOT_CONFIGURED: {
      description: 'A keyed source (Glassnode, Hydromancer) whose key this API process lacks and no run of which succeeded in the last 48 hours: nothing is collected.',
    },
  },
});

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

  @Field(() => IngestionSourceState, { description: 'What the source and dataset are doing now: OK, FAILING, PAUSED, SILENT or NOT_CONFIGURED (see the enum).' })
  state!: IngestionSourceState;

  @Field(() => Date, { nullable: true, description: 'Until when (UTC) the venue paused the whole source across every worker; null when no pause is in force.' })
  pausedUntil!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'The earliest time (UTC) the venue serves this dataset\'s history from, now: its declared limit (Binance open-interest: 30 days; OKX funding: three months). Earlier data cannot be backfilled. Null when the venue keeps history since listing.',
  })
  historyAvailableFrom!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The latest run in the last 48 hours that asked for history earlier than the venue serves: "asked from <time>; the venue serves only from <time>: earlier data not available". Null when none did.',
  })
  lastHistoryShortfall!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the stream's open silence began (its canary was last heard), UTC; null when the stream is not silent. Liquidation buckets from then on list the venue in coverage.missingVenues.",
  })
  silentSince!: Date | null;
}
