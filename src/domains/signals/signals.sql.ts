import { Db } from '../../db/sql';
import { assetLiquidationCompletenessSql, Completeness } from '../shared/completeness';
import { knownAtSource } from '../../db/known-at';
import { splitAtHours } from '../liquidations/liquidation.rollup';
import { lastPriceAtSql } from '../prices/candle.service';
import { latestPublishedDaySql } from '../shared/publication';
import { openInterestStaleAfter } from '../open-interest/open-interest.service';

/** Funding older than this is not "current" (a dead feed is not a value); open interest has its own, shorter bound. */
export const staleAfter = '2 days';

export interface SnapshotRow {
  price: number | null;
  price_24h_ago: number | null;
  high_close: number | null;
  /** Completed daily closes up to `at`, oldest first (for RSI). */
  daily_closes: number[] | null;
  open_interest_usd: number | null;
  open_interest_usd_24h_ago: number | null;
  /** Venues expected to report open interest with no reading fresh at `at` (null when none). */
  open_interest_missing_venues: string[] | null;
  circulating_supply: number | null;
  oi_weighted_funding: number | null;
  long_usd: number;
  short_usd: number;
  event_count: number;
  /** Of the 24 h liquidation sums: the venues listing the asset, combined (shared/completeness.ts). */
  completeness: Completeness;
  etf_net_flow_7d: number | null;
  lth_change_30d: number | null;
  whale_change_30d: number | null;
  exchange_netflow_7d: number | null;
  depth_now: number | null;
  depth_median_30d: number | null;
}

/**
 * Every figure of a market snapshot in one statement. `at` is market time: nothing after it is
 * read, and a candle counts only once it has closed (start + width ≤ at).
 */
function snapshotSql(knownAt: boolean): string {
  const k = knownAt ? '$7::timestamptz' : null;
  const from = (table: string, alias = table) => knownAtSource(table, alias, k);
  return `
WITH
price AS (SELECT ${lastPriceAtSql((alias) => from('candle', alias), '$1', '$2::timestamptz')} AS price),
price_24h AS (
  -- The newest candle closed a day before at, of either resolution (the only two stored): one
  -- ordered index probe each, where a CASE on the width made Postgres scan every candle.
  SELECT close FROM (
    (SELECT start, resolution, close FROM ${from('candle')} WHERE asset_id = $1 AND resolution = 'M1' AND close IS NOT NULL
       AND start <= $2::timestamptz - interval '1 day' - interval '1 minute' ORDER BY start DESC LIMIT 1)
    UNION ALL
    (SELECT start, resolution, close FROM ${from('candle')} WHERE asset_id = $1 AND resolution = 'D1' AND close IS NOT NULL
       AND start <= $2::timestamptz - interval '2 days' ORDER BY start DESC LIMIT 1)
  ) newest ORDER BY start DESC, resolution LIMIT 1),
closes AS (
  SELECT array_agg(close ORDER BY start) AS closes, max(close) AS high
  FROM ${from('candle')} WHERE asset_id = $1 AND resolution = 'D1' AND close IS NOT NULL AND start <= $2::timestamptz - interval '1 day'),
current_oi AS (
  SELECT i.id AS instrument_id, i.venue_id, oi.open_interest_usd FROM instrument i
  CROSS JOIN LATERAL (SELECT open_interest_usd FROM ${from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id
                      AND o.at <= $2 AND o.at >= $2::timestamptz - interval '${openInterestStaleAfter}' ORDER BY o.at DESC LIMIT 1) oi
  WHERE i.asset_id = $1),
oi_missing AS (
  -- As openInterestHistory's coverage: a venue with an active instrument that had reported by
  -- at, none of whose instruments has a fresh reading, leaves the sum partial.
  SELECT array_agg(DISTINCT v.slug ORDER BY v.slug) AS slugs FROM instrument i JOIN venue v ON v.id = i.venue_id
  WHERE i.asset_id = $1 AND i.active
    AND EXISTS (SELECT 1 FROM ${from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id AND o.at <= $2)
    AND NOT EXISTS (SELECT 1 FROM current_oi c WHERE c.venue_id = i.venue_id)),
oi_day_before AS (
  SELECT oi.open_interest_usd FROM instrument i
  CROSS JOIN LATERAL (SELECT open_interest_usd FROM ${from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id
                      AND o.at <= $2::timestamptz - interval '24 hours' AND o.at >= $2::timestamptz - interval '24 hours' - interval '${openInterestStaleAfter}'
                      ORDER BY o.at DESC LIMIT 1) oi
  WHERE i.asset_id = $1),
current_funding AS (
  SELECT f.instrument_id, f.rate * 8 / f.interval_hours AS rate_8h FROM instrument i
  CROSS JOIN LATERAL (SELECT instrument_id, rate, interval_hours FROM ${from('funding_rate', 'f')} WHERE f.asset_id = i.asset_id AND f.instrument_id = i.id
                      AND f.at <= $2 AND f.at > $2::timestamptz - interval '${staleAfter}' ORDER BY f.at DESC LIMIT 1) f
  WHERE i.asset_id = $1),
liquidations AS (
  ${
    knownAt
      ? // The rollup cannot say when each event was learned: a point-in-time read sums raw events.
        `SELECT side, notional_usd, 1 AS event_count FROM liquidation WHERE asset_id = $1 AND recorded_at <= ${k}
           AND occurred_at >= $2::timestamptz - interval '24 hours' AND occurred_at < $2 AND $3::timestamptz IS NOT NULL AND $4::timestamptz IS NOT NULL
           AND $5::timestamptz IS NOT NULL AND $6::timestamptz IS NOT NULL`
      : `SELECT side, notional_usd, event_count FROM liquidation_hourly WHERE asset_id = $1 AND hour >= $3 AND hour < $4
  UNION ALL
  SELECT side, notional_usd, 1 FROM liquidation WHERE asset_id = $1
    AND ((occurred_at >= $2::timestamptz - interval '24 hours' AND occurred_at < $5) OR (occurred_at >= $6 AND occurred_at < $2))`
  }),
-- The latest day of each daily dataset published by at (shared/publication.ts): no value of a
-- day is read before it could have been known.
published AS (
  SELECT ${latestPublishedDaySql('etf_flow', '$2')} AS etf_through, ${latestPublishedDaySql('cohort_supply', '$2')} AS cohort_through,
         ${latestPublishedDaySql('exchange_flow', '$2')} AS exchange_through),
cohort_change AS (
  SELECT c.slug,
         (SELECT supply FROM ${from('cohort_supply', 's')} WHERE s.cohort_id = c.id AND s.day <= (SELECT cohort_through FROM published) ORDER BY s.day DESC LIMIT 1)
       - (SELECT supply FROM ${from('cohort_supply', 's')} WHERE s.cohort_id = c.id AND s.day <= (SELECT cohort_through FROM published) - 30 ORDER BY s.day DESC LIMIT 1) AS change
  FROM holder_cohort c WHERE c.asset_id = $1 AND c.slug IN ('LTH', 'WHALES')),
hourly_depth AS (${
    knownAt
      ? // The rollup keeps one recorded_at per hour, not per snapshot: a point-in-time read averages raw rows.
        `
  SELECT hour, sum(depth) AS depth FROM (
    SELECT date_trunc('hour', at, 'UTC') AS hour, instrument_id, avg(bid_usd_2pct) + avg(ask_usd_2pct) AS depth
    FROM ${from('order_book_depth')} WHERE asset_id = $1 AND at > $2::timestamptz - interval '30 days 1 hour' AND at <= $2
    GROUP BY 1, 2) per_instrument
  GROUP BY hour HAVING bool_and(depth IS NOT NULL)`
      : // Each instrument's hourly average from its rollup row (sums / snapshots): 720 × instruments
        // rows in key order, where the raw table made Postgres fetch and sort every snapshot. A band
        // is averaged over its known snapshots; an hour with an instrument's band unknown (the book
        // fetched did not reach it) is left out of the median rather than counted thin.
        `
  SELECT hour, sum(bid_usd_2pct / nullif(bid_2pct_snapshots, 0) + ask_usd_2pct / nullif(ask_2pct_snapshots, 0)) AS depth FROM order_book_depth_hourly
  WHERE asset_id = $1 AND hour >= $2::timestamptz - interval '30 days 1 hour' AND hour < date_trunc('hour', $2::timestamptz, 'UTC')
  GROUP BY hour HAVING bool_and(bid_2pct_snapshots > 0 AND ask_2pct_snapshots > 0)`
  }),
depth_now AS (
  -- Unknown (null) when an instrument's latest book did not reach ±2 %: never the others' sum.
  SELECT CASE WHEN bool_and(d.depth IS NOT NULL) THEN sum(d.depth) END AS depth FROM instrument i
  CROSS JOIN LATERAL (SELECT bid_usd_2pct + ask_usd_2pct AS depth FROM ${from('order_book_depth', 'd')} WHERE d.asset_id = i.asset_id AND d.instrument_id = i.id
                      AND d.at <= $2 AND d.at > $2::timestamptz - interval '1 hour' ORDER BY d.at DESC LIMIT 1) d
  WHERE i.asset_id = $1)
SELECT
  (SELECT price FROM price) AS price,
  (SELECT close FROM price_24h) AS price_24h_ago,
  greatest((SELECT high FROM closes), (SELECT price FROM price)) AS high_close,
  (SELECT closes FROM closes) AS daily_closes,
  (SELECT sum(open_interest_usd) FROM current_oi) AS open_interest_usd,
  (SELECT sum(open_interest_usd) FROM oi_day_before) AS open_interest_usd_24h_ago,
  (SELECT slugs FROM oi_missing) AS open_interest_missing_venues,
  -- Circulating supply as of at: long- plus short-term holder supply (their definitions split
  -- circulating supply between them) of the latest day published by at on which both are known,
  -- within 30 days, never the registry's undated figure (today's) (docs/analytics.md).
  (SELECT sum(s.supply) FROM ${from('cohort_supply', 's')} JOIN holder_cohort c ON c.id = s.cohort_id
     WHERE c.asset_id = $1 AND c.slug IN ('LTH', 'STH') AND s.day <= (SELECT cohort_through FROM published) AND s.day > (SELECT cohort_through FROM published) - 30
     GROUP BY s.day HAVING count(DISTINCT c.slug) = 2 ORDER BY s.day DESC LIMIT 1) AS circulating_supply,
  (SELECT sum(f.rate_8h * o.open_interest_usd) / nullif(sum(o.open_interest_usd), 0)
     FROM current_funding f JOIN current_oi o USING (instrument_id)) AS oi_weighted_funding,
  (SELECT coalesce(sum(notional_usd) FILTER (WHERE side = 'LONG'), 0) FROM liquidations)::float8 AS long_usd,
  (SELECT coalesce(sum(notional_usd) FILTER (WHERE side = 'SHORT'), 0) FROM liquidations)::float8 AS short_usd,
  (SELECT coalesce(sum(event_count), 0) FROM liquidations)::int AS event_count,
  ${assetLiquidationCompletenessSql('$1', 'NULL')} AS completeness,
  (SELECT sum(f.net_flow_usd) FROM ${from('etf_flow', 'f')} JOIN etf e ON e.id = f.etf_id
     WHERE f.asset_id = $1 AND e.region = 'US' AND f.day > (SELECT etf_through FROM published) - 7 AND f.day <= (SELECT etf_through FROM published)) AS etf_net_flow_7d,
  (SELECT change FROM cohort_change WHERE slug = 'LTH') AS lth_change_30d,
  (SELECT change FROM cohort_change WHERE slug = 'WHALES') AS whale_change_30d,
  (SELECT sum(inflow - outflow) FROM ${from('exchange_flow')} WHERE asset_id = $1 AND day > (SELECT exchange_through FROM published) - 7 AND day <= (SELECT exchange_through FROM published)) AS exchange_netflow_7d,
  (SELECT depth FROM depth_now) AS depth_now,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY depth) FROM hourly_depth
     WHERE hour < date_trunc('hour', $2::timestamptz, 'UTC') AND hour >= $2::timestamptz - interval '30 days 1 hour') AS depth_median_30d`;
}

const snapshotSqlCurrent = snapshotSql(false);
const snapshotSqlKnownAt = snapshotSql(true);

/** `knownAt`: answer only from what Cascade had recorded by then (a backtest's view). */
export async function findSnapshot(db: Db, assetId: number, at: Date, knownAt?: Date | null): Promise<SnapshotRow> {
  const windowStart = new Date(at.getTime() - 86_400_000);
  const split = splitAtHours(windowStart, at);
  const params: unknown[] = [assetId, at, split.hoursFrom, split.hoursTo, split.headTo, split.tailFrom];
  const [row] = await db.query<SnapshotRow>(knownAt ? snapshotSqlKnownAt : snapshotSqlCurrent, knownAt ? [...params, knownAt] : params);
  return row;
}
