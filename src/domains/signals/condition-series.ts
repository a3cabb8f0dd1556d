import { Db } from '../../db/sql';
import { findRsiInputs } from '../prices/candle.service';
import { dataSourceCatalog, DataSourceEntry } from '../sources/data-source.catalog';
import {
  cohortChange30dSql,
  currentFundingSql,
  currentOpenInterestSql,
  depthMedian30dSql,
  depthNowSql,
  etfNetFlow7dSql,
  exchangeNetflow7dSql,
  fundingMissingSql,
  hourlyDepthSql,
  MomentSql,
  openInterestMissingSql,
  openInterestWeightedFundingSql,
  staleAfter,
} from './market-figures.sql';
import { openInterestPartialReason, unknownBecause } from './recovery-reasons';
import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import { rsiAt } from './rsi';
import { positioningConditionSeries } from '../positioning/positioning.conditions';
import { perpetualPremiumSeries } from '../basis/basis.condition';
import { takerBuySellRatioSeries } from '../taker-volume/taker-volume.condition';
import { coinbasePremiumSeries } from '../spot-premium/coinbase-premium.condition';

/**
 * The series a recovery rule (`rules: [ConditionInput!]`) can read: one entry per series. Adding a
 * series is adding one entry to `conditionSeries` below (its enum value, unit, definition, which
 * venues publish it, and how to read its value at a moment); the GraphQL enum `ConditionSeries`,
 * the rules' validation and their evaluation in recoverySignals and recoverySignalHistory all
 * follow from the list (docs/analytics.md, "Recovery rules").
 */

/** One value of a series at one moment, for one venue or the aggregate. */
export interface SeriesReading {
  /** In the series' unit; null when there is no value at that moment. */
  value: number | null;
  /**
   * What the value stands without, when it is partial (e.g. the venues of a sum with no fresh
   * reading); null or empty when complete. A partial value is never judged: UNKNOWN.
   */
  partial: string[] | null;
}

/** A read of one series at many moments, for one asset and several venues (null: the aggregate). */
export interface SeriesRequest {
  assetId: number;
  /** The instants judged, ascending (a bucket's end, or `at`). Nothing after an instant enters its value. */
  moments: readonly Date[];
  /** Venue ids; null for the aggregate. */
  venueIds: ReadonlyArray<number | null>;
  /** Point in time: only rows recorded by then (db/known-at.ts). */
  knownAt: Date | null;
}

/** A moment as a rule's SQL sees it: the venue always given (NULL for the aggregate), and whether the read is point in time (`knownAt`). */
export type RuleMoment = Required<MomentSql> & { pointInTime: boolean };

export type SeriesRead =
  /**
   * SQL of one row, columns `value` (float8, null when there is none) and `partial` (text[], null
   * when complete), at the moment `m.at` for the venue `m.venue` (an int expression, NULL for the
   * aggregate). It runs once per moment and venue inside one statement for the whole range
   * (condition-read.ts): a LATERAL subquery, so it may hold its own WITH.
   */
  | { sql: (m: RuleMoment) => string }
  /** A series not computed in SQL (RSI folds daily closes in order): readings[venue][moment]. */
  | { custom: (db: Db, request: SeriesRequest) => Promise<SeriesReading[][]> };

/** Which venues publish a series: those with a dataset in the data-source catalog, a fixed list, or none (a figure of the asset, not of a venue). */
export type PublishedBy = { dataset: DataSourceEntry['dataset'] } | { venues: readonly string[] } | null;

export interface ConditionSeriesEntry {
  /** The ConditionSeries enum value, SCREAMING_SNAKE_CASE; never renamed once served. */
  series: string;
  /** The unit of the value and of a rule's `value` (e.g. "USD", "fraction per 8 h"). */
  unit: string;
  /** The exact definition, as the schema states it (formula, window, what makes it partial). */
  description: string;
  publishedBy: PublishedBy;
  /** Whether a rule may name no venue: false for series that are defined per venue only (e.g. ratios whose definitions differ). */
  aggregate: boolean;
  /** Bounds a rule's value must respect (inclusive), where the series has them (RSI 0–100). */
  range?: { min?: number; max?: number };
  /** Why a moment without a value is UNKNOWN, in words. */
  missingBecause: string;
  /** Why a partial value is UNKNOWN, from its `partial` list. */
  partialBecause?: (partial: readonly string[]) => string;
  read: SeriesRead;
}

/** The cohort id of `slug` for the asset: an SQL expression. */
const cohortId = (m: MomentSql, slug: string) => `(SELECT id FROM holder_cohort WHERE asset_id = ${m.asset} AND slug = '${slug}')`;

export const conditionSeries: ConditionSeriesEntry[] = [
  {
    series: 'OPEN_INTEREST_USD',
    unit: 'USD',
    description: `Open interest, USD: the sum over the asset's instruments (of the venue, or of every venue for the aggregate) of each one's latest reading at or before the moment, no older than ${openInterestStaleAfter}: marketSnapshot.openInterestUsd. Partial (UNKNOWN) when a venue expected to report (an active instrument that had reported by then) has no fresh reading.`,
    publishedBy: { dataset: 'open-interest' },
    aggregate: true,
    range: { min: 0 },
    missingBecause: unknownBecause.openInterestMissing,
    partialBecause: (venues) => openInterestPartialReason(venues) ?? '',
    read: {
      sql: (m) => `WITH current_oi AS (${currentOpenInterestSql(m)})
        SELECT (SELECT sum(open_interest_usd) FROM current_oi) AS value, (${openInterestMissingSql(m, 'current_oi')}) AS partial`,
    },
  },
  {
    series: 'FUNDING_RATE_8H',
    unit: 'fraction per 8 hours (0.0001 = 0.01 %)',
    description: `Open-interest-weighted funding: Σ(rate normalised to 8 h × open interest USD) / Σ open interest USD over the instruments (of the venue, or of every venue) with a rate within ${staleAfter} and open interest within ${openInterestStaleAfter} of the moment: marketSnapshot.openInterestWeightedFunding. Partial (UNKNOWN) when an instrument paying funding has no fresh open interest to weight it, or a venue with an active perpetual that had paid funding has no fresh rate.`,
    publishedBy: { dataset: 'funding' },
    aggregate: true,
    missingBecause: `no funding rate within ${staleAfter} with open interest within ${openInterestStaleAfter} to weight it`,
    partialBecause: (venues) => `funding from ${venues.join(', ')} has no rate within ${staleAfter}, or no open interest within ${openInterestStaleAfter} to weight it, at the time judged, so the weighted rate is partial`,
    read: {
      sql: (m) => `WITH current_oi AS (${currentOpenInterestSql(m)}), current_funding AS (${currentFundingSql(m)})
        SELECT (${openInterestWeightedFundingSql('current_funding', 'current_oi')}) AS value, (${fundingMissingSql(m, 'current_funding', 'current_oi')}) AS partial`,
    },
  },
  {
    series: 'ETF_NET_FLOW_7D_USD',
    unit: 'USD',
    description: "Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by the moment (day D counts from D + 1 18:00 UTC): marketSnapshot.etfNetFlow7dUsd, the published condition weeklyEtfInflowAbove's value. Negative = outflow.",
    publishedBy: null,
    aggregate: true,
    missingBecause: unknownBecause.etfFlowMissing,
    read: { sql: (m) => `SELECT (${etfNetFlow7dSql(m)}) AS value, NULL::text[] AS partial` },
  },
  {
    series: 'RSI_14',
    unit: 'index points (0–100)',
    description: "RSI(14), Wilder, daily, at the moment: marketSnapshot.rsi14, the published condition rsiOversold's value (the daily closes closed by then, then the last price as a provisional close).",
    publishedBy: null,
    aggregate: true,
    range: { min: 0, max: 100 },
    missingBecause: unknownBecause.rsiMissing,
    read: {
      custom: async (db, request) => {
        // Closes starting before the last instant are all any instant can have seen closed.
        const last = request.moments[request.moments.length - 1];
        const { dailyCloses, prices } = await findRsiInputs(db, request.assetId, request.moments, last, request.knownAt);
        const values = rsiAt(dailyCloses, request.moments.map((at, i) => ({ at, price: prices[i] })));
        return request.venueIds.map(() => values.map((value) => ({ value, partial: null })));
      },
    },
  },
  {
    series: 'LTH_SUPPLY_CHANGE_30D',
    unit: 'coins',
    description: 'Long-term-holder (LTH) supply on the latest day published by the moment (D + 1 03:00 UTC) minus 30 days earlier: marketSnapshot.lthSupplyChange30d. Negative = distributing.',
    publishedBy: null,
    aggregate: true,
    missingBecause: 'no long-term-holder supply published for the day judged and 30 days before',
    read: { sql: (m) => `SELECT (${cohortChange30dSql(m, cohortId(m, 'LTH'))}) AS value, NULL::text[] AS partial` },
  },
  {
    series: 'WHALE_SUPPLY_CHANGE_30D',
    unit: 'coins',
    description: 'Whale (WHALES cohort) supply on the latest day published by the moment (D + 1 03:00 UTC) minus 30 days earlier: marketSnapshot.whaleSupplyChange30d. Positive = accumulating.',
    publishedBy: null,
    aggregate: true,
    missingBecause: 'no whale supply published for the day judged and 30 days before',
    read: { sql: (m) => `SELECT (${cohortChange30dSql(m, cohortId(m, 'WHALES'))}) AS value, NULL::text[] AS partial` },
  },
  {
    series: 'EXCHANGE_NETFLOW_7D',
    unit: 'coins',
    description: 'Exchange inflow − outflow over the 7 UTC days ending on the latest day published by the moment (D + 1 03:00 UTC): marketSnapshot.exchangeNetflow7d. Positive = coins moving onto exchanges.',
    publishedBy: null,
    aggregate: true,
    missingBecause: 'no exchange flows published in the 7 days',
    read: { sql: (m) => `SELECT (${exchangeNetflow7dSql(m)}) AS value, NULL::text[] AS partial` },
  },
  {
    series: 'DEPTH_RATIO',
    unit: 'ratio (1 = the 30-day median)',
    description: "Current ±2 % order-book depth over its 30-day median: (Σ over instruments of each one's latest bid + ask within 2 % in the hour to the moment) / median of the hourly aggregate over the prior 30 days: marketSnapshot.depthRatio. Missing when a current book did not reach ±2 %.",
    publishedBy: null,
    aggregate: true,
    range: { min: 0 },
    missingBecause: 'no ±2 % depth of every instrument in the hour to the time judged (or a book did not reach ±2 %), or no 30-day median',
    read: {
      sql: (m) => `WITH hourly_depth AS (${hourlyDepthSql(m, m.pointInTime)}), depth_now AS (${depthNowSql(m)})
        SELECT (SELECT depth FROM depth_now) / nullif((${depthMedian30dSql(m, 'hourly_depth')}), 0) AS value, NULL::text[] AS partial`,
    },
  },
  // Long/short ratios, per venue only (src/domains/positioning/positioning.conditions.ts).
  ...positioningConditionSeries,
  // Perpetual premium over the index (src/domains/basis/basis.condition.ts).
  perpetualPremiumSeries,
  // Aggressor flow: taker buy/sell over the last hour (src/domains/taker-volume/taker-volume.condition.ts).
  takerBuySellRatioSeries,
  // US spot demand: the Coinbase premium (src/domains/spot-premium/coinbase-premium.condition.ts).
  coinbasePremiumSeries,
];

/** At most this many rules in one request: each is one more value per bucket (and one more statement per series). */
export const maxRules = 20;

const bySeries = new Map(conditionSeries.map((entry) => [entry.series, entry]));

export function seriesEntry(series: string): ConditionSeriesEntry | undefined {
  return bySeries.get(series);
}

/** Slugs of the venues that publish a series; empty when it is a figure of the asset only. */
export function publishingVenues(entry: ConditionSeriesEntry): string[] {
  const by = entry.publishedBy;
  if (by === null) return [];
  if ('venues' in by) return [...by.venues];
  return [...new Set(dataSourceCatalog.filter((e) => e.dataset === by.dataset && e.venue !== null).map((e) => e.venue as string))].sort();
}
