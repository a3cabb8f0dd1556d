/**
 * When a daily value becomes known: the publication model of every daily dataset that a reading
 * at `at` uses (docs/analytics.md, "Publication model"). A value for the UTC day D counts as
 * published at D + 1 day + `hoursAfterDayEnd`; a figure at `at` reads only days published at or
 * before `at`, with or without `knownAt` (which additionally drops rows Cascade learned later).
 * The lags are deliberately conservative: a value used a few hours late is a smaller error in a
 * backtest than a value used before anyone could have had it.
 */
export type DailyDataset = 'etf_flow' | 'cohort_supply' | 'exchange_flow';

export interface PublicationModel {
  /** Hours after the end of the UTC day D (D + 1 00:00 UTC) at which D's value counts as published. */
  hoursAfterDayEnd: number;
  /** Why this lag (the source and what it says). */
  why: string;
}

export const publicationModel: Record<DailyDataset, PublicationModel> = {
  // US close is 20:00 UTC (EDT) / 21:00 UTC (EST); issuers report the day's creations and
  // redemptions the next morning, some not until the next afternoon, and Glassnode's
  // issuer-based US spot ETF flow fills in hourly from 00:00 to 18:00 UTC of D + 1.
  etf_flow: { hoursAfterDayEnd: 18, why: 'US spot ETF flows of trading day D are complete by D + 1 18:00 UTC (issuers report T+1)' },
  // A UTC day's on-chain value can only be computed once the day has ended and its last blocks
  // are confirmed (~30 min), then processed (daily metrics up to ~2 h at Santiment); 3 h covers both.
  cohort_supply: { hoursAfterDayEnd: 3, why: 'holder-cohort supply of UTC day D is computed after D ends: D + 1 03:00 UTC' },
  exchange_flow: { hoursAfterDayEnd: 3, why: 'exchange in/outflow of UTC day D is computed after D ends: D + 1 03:00 UTC' },
};

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/** When the value of `day` (YYYY-MM-DD, a UTC day) counts as published. */
export function publishedAt(dataset: DailyDataset, day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + dayMs + publicationModel[dataset].hoursAfterDayEnd * hourMs);
}

/** The latest UTC day (YYYY-MM-DD) whose value is published at or before `at`. */
export function latestPublishedDay(dataset: DailyDataset, at: Date): string {
  return new Date(at.getTime() - dayMs - publicationModel[dataset].hoursAfterDayEnd * hourMs).toISOString().slice(0, 10);
}

/** SQL for latestPublishedDay of a timestamptz expression: a `date`. */
export function latestPublishedDaySql(dataset: DailyDataset, at: string): string {
  return `((${at}::timestamptz - interval '1 day ${publicationModel[dataset].hoursAfterDayEnd} hours') AT TIME ZONE 'UTC')::date`;
}

/** SQL for publishedAt of a `date` expression: a timestamptz (for recording realistic sample times). */
export function publishedAtSql(dataset: DailyDataset, day: string): string {
  return `((${day})::timestamp AT TIME ZONE 'UTC' + interval '1 day ${publicationModel[dataset].hoursAfterDayEnd} hours')`;
}
