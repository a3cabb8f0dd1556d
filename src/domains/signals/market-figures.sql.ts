import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import { latestPublishedDaySql } from '../shared/publication';

/**
 * The SQL of the market figures a snapshot holds and a recovery rule can read, each written once
 * as a fragment of the moment judged. marketSnapshot's statement (signals.sql.ts) builds them at
 * `$2`; a rule's statement (condition-read.ts) builds them at every judged instant of a range
 * (`j.at`, one row of unnest), so recoverySignals and recoverySignalHistory read a figure by the
 * same definition the snapshot serves.
 */
export interface MomentSql {
  /** FROM source of an observation table under an alias: plain, or as known at `knownAt` (db/known-at.ts). */
  from: (table: string, alias?: string) => string;
  /** The asset id: an SQL expression. */
  asset: string;
  /** The moment judged: a timestamptz SQL expression. Nothing after it is read. */
  at: string;
  /** A venue id to restrict to (SQL expression; its value NULL means every venue), or omitted for the aggregate. */
  venue?: string;
}

/** Funding older than this is not "current" (a dead feed is not a value); open interest has its own, shorter bound. */
export const staleAfter = '2 days';

/** `AND` clause restricting an instrument's venue column to `m.venue` (nothing when the figure is the aggregate). */
function venueFilter(m: MomentSql, column = 'i.venue_id'): string {
  return m.venue ? `AND (${m.venue}::int IS NULL OR ${column} = ${m.venue}::int)` : '';
}

/** Per instrument of the asset: its latest open-interest reading at or before the moment, no older than the staleness bound. */
export function currentOpenInterestSql(m: MomentSql): string {
  return `SELECT i.id AS instrument_id, i.venue_id, oi.open_interest_usd FROM instrument i
  CROSS JOIN LATERAL (SELECT open_interest_usd FROM ${m.from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id
                      AND o.at <= ${m.at} AND o.at >= ${m.at}::timestamptz - interval '${openInterestStaleAfter}' ORDER BY o.at DESC LIMIT 1) oi
  WHERE i.asset_id = ${m.asset} ${venueFilter(m)}`;
}

/**
 * As openInterestHistory's coverage: a venue with an active instrument that had reported by the
 * moment, none of whose instruments is in `current` (currentOpenInterestSql's rows), leaves the
 * sum partial. One row: `slugs`, the missing venues (null when none).
 */
export function openInterestMissingSql(m: MomentSql, current: string): string {
  return `SELECT array_agg(DISTINCT v.slug ORDER BY v.slug) AS slugs FROM instrument i JOIN venue v ON v.id = i.venue_id
  WHERE i.asset_id = ${m.asset} AND i.active ${venueFilter(m)}
    AND EXISTS (SELECT 1 FROM ${m.from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id AND o.at <= ${m.at})
    AND NOT EXISTS (SELECT 1 FROM ${current} c WHERE c.venue_id = i.venue_id)`;
}

/** Per instrument: its latest funding rate at or before the moment within `staleAfter`, normalised to 8 hours (rate × 8 / interval hours). */
export function currentFundingSql(m: MomentSql): string {
  return `SELECT f.instrument_id, i.venue_id, f.rate * 8 / f.interval_hours AS rate_8h FROM instrument i
  CROSS JOIN LATERAL (SELECT instrument_id, rate, interval_hours FROM ${m.from('funding_rate', 'f')} WHERE f.asset_id = i.asset_id AND f.instrument_id = i.id
                      AND f.at <= ${m.at} AND f.at > ${m.at}::timestamptz - interval '${staleAfter}' ORDER BY f.at DESC LIMIT 1) f
  WHERE i.asset_id = ${m.asset} ${venueFilter(m)}`;
}

/** Σ(rate_8h × open interest) / Σ open interest over instruments in both `funding` and `openInterest` (relations of the two fragments above). */
export function openInterestWeightedFundingSql(funding: string, openInterest: string): string {
  return `SELECT sum(f.rate_8h * o.open_interest_usd) / nullif(sum(o.open_interest_usd), 0) FROM ${funding} f JOIN ${openInterest} o USING (instrument_id)`;
}

/**
 * Why an OI-weighted funding rate at the moment is partial: one row, `slugs`, the venues (null when
 * none) with an instrument paying funding (in `funding`) that has no fresh open interest to weight
 * it (in `openInterest`), or with an active perpetual that had paid funding by the moment but no
 * instrument in `funding` (no rate within `staleAfter`).
 */
export function fundingMissingSql(m: MomentSql, funding: string, openInterest: string): string {
  return `SELECT array_agg(DISTINCT slug ORDER BY slug) AS slugs FROM (
    SELECT v.slug FROM ${funding} f JOIN venue v ON v.id = f.venue_id WHERE NOT EXISTS (SELECT 1 FROM ${openInterest} o WHERE o.instrument_id = f.instrument_id)
    UNION ALL
    SELECT v.slug FROM instrument i JOIN venue v ON v.id = i.venue_id
    WHERE i.asset_id = ${m.asset} AND i.active AND i.contract_type = 'PERPETUAL' ${venueFilter(m)}
      AND EXISTS (SELECT 1 FROM ${m.from('funding_rate', 'r')} WHERE r.asset_id = i.asset_id AND r.instrument_id = i.id AND r.at <= ${m.at})
      AND NOT EXISTS (SELECT 1 FROM ${funding} c WHERE c.venue_id = i.venue_id)) missing`;
}

/** Net flow of the asset's US spot ETFs over the 7 UTC days ending on `through` (default: the latest day published by the moment), USD. */
export function etfNetFlow7dSql(m: MomentSql, through = latestPublishedDaySql('etf_flow', m.at)): string {
  return `SELECT sum(f.net_flow_usd) FROM ${m.from('etf_flow', 'f')} JOIN etf e ON e.id = f.etf_id
     WHERE f.asset_id = ${m.asset} AND e.region = 'US' AND f.day > ${through} - 7 AND f.day <= ${through}`;
}

/** A holder cohort's supply on the latest day on or before `through` minus its supply 30 days earlier, coins (`cohort`: the cohort's id). */
export function cohortChange30dSql(m: MomentSql, cohort: string, through = latestPublishedDaySql('cohort_supply', m.at)): string {
  return `(SELECT supply FROM ${m.from('cohort_supply', 's')} WHERE s.cohort_id = ${cohort} AND s.day <= ${through} ORDER BY s.day DESC LIMIT 1)
       - (SELECT supply FROM ${m.from('cohort_supply', 's')} WHERE s.cohort_id = ${cohort} AND s.day <= ${through} - 30 ORDER BY s.day DESC LIMIT 1)`;
}

/** Exchange inflow − outflow over the 7 UTC days ending on `through` (default: the latest day published by the moment), coins. */
export function exchangeNetflow7dSql(m: MomentSql, through = latestPublishedDaySql('exchange_flow', m.at)): string {
  return `SELECT sum(inflow - outflow) FROM ${m.from('exchange_flow')} WHERE asset_id = ${m.asset} AND day > ${through} - 7 AND day <= ${through}`;
}

/**
 * The aggregate ±2 % depth of each whole hour of the 30 days before the moment (`hour`, `depth`).
 * `pointInTime`: the rollup keeps one recorded_at per hour, not per snapshot, so a point-in-time
 * read averages raw rows.
 */
export function hourlyDepthSql(m: MomentSql, pointInTime: boolean): string {
  if (pointInTime) {
    return `
  SELECT hour, sum(depth) AS depth FROM (
    SELECT date_trunc('hour', at, 'UTC') AS hour, instrument_id, avg(bid_usd_2pct) + avg(ask_usd_2pct) AS depth
    FROM ${m.from('order_book_depth')} WHERE asset_id = ${m.asset} AND at > ${m.at}::timestamptz - interval '30 days 1 hour' AND at <= ${m.at}
    GROUP BY 1, 2) per_instrument
  GROUP BY hour HAVING bool_and(depth IS NOT NULL)`;
  }
  // Each instrument's hourly average from its rollup row (sums / snapshots): 720 × instruments
  // rows in key order, where the raw table made Postgres fetch and sort every snapshot. A band
  // is averaged over its known snapshots; an hour with an instrument's band unknown (the book
  // fetched did not reach it) is left out of the median rather than counted thin.
  return `
  SELECT hour, sum(bid_usd_2pct / nullif(bid_2pct_snapshots, 0) + ask_usd_2pct / nullif(ask_2pct_snapshots, 0)) AS depth FROM order_book_depth_hourly
  WHERE asset_id = ${m.asset} AND hour >= ${m.at}::timestamptz - interval '30 days 1 hour' AND hour < date_trunc('hour', ${m.at}::timestamptz, 'UTC')
  GROUP BY hour HAVING bool_and(bid_2pct_snapshots > 0 AND ask_2pct_snapshots > 0)`;
}

/** The median of `hourly` (hourlyDepthSql's rows) over the 30 days before the moment. */
export function depthMedian30dSql(m: MomentSql, hourly: string): string {
  return `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY depth) FROM ${hourly}
     WHERE hour < date_trunc('hour', ${m.at}::timestamptz, 'UTC') AND hour >= ${m.at}::timestamptz - interval '30 days 1 hour'`;
}

/** The current aggregate ±2 % depth: unknown (null) when an instrument's latest book did not reach ±2 %, never the others' sum. */
export function depthNowSql(m: MomentSql): string {
  return `SELECT CASE WHEN bool_and(d.depth IS NOT NULL) THEN sum(d.depth) END AS depth FROM instrument i
  CROSS JOIN LATERAL (SELECT bid_usd_2pct + ask_usd_2pct AS depth FROM ${m.from('order_book_depth', 'd')} WHERE d.asset_id = i.asset_id AND d.instrument_id = i.id
                      AND d.at <= ${m.at} AND d.at > ${m.at}::timestamptz - interval '1 hour' ORDER BY d.at DESC LIMIT 1) d
  WHERE i.asset_id = ${m.asset}`;
}
