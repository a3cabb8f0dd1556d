import { Db } from '../../db/sql';
import { assetLiquidationCompletenessSql, Completeness } from '../shared/completeness';
import { knownAtSource } from '../../db/known-at';
import { splitAtHours } from '../liquidations/liquidation.rollup';
import { lastPriceAtSql } from '../prices/candle.service';
import { latestPublishedDaySql } from '../shared/publication';
import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import {
  cohortChange30dSql,
  currentFundingSql,
  currentOpenInterestSql,
  depthMedian30dSql,
  depthNowSql,
  etfNetFlow7dSql,
  exchangeNetflow7dSql,
  hourlyDepthSql,
  MomentSql,
  openInterestMissingSql,
  openInterestWeightedFundingSql,
} from './market-figures.sql';

export { staleAfter } from './market-figures.sql';

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
  // The figures a rule can also read, at $2 (market-figures.sql.ts).
  const m: MomentSql = { from, asset: '$1', at: '$2' };
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
  ${currentOpenInterestSql(m)}),
oi_missing AS (
  ${openInterestMissingSql(m, 'current_oi')}),
oi_day_before AS (
  SELECT oi.open_interest_usd FROM instrument i
  CROSS JOIN LATERAL (SELECT open_interest_usd FROM ${from('open_interest', 'o')} WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id
                      AND o.at <= $2::timestamptz - interval '24 hours' AND o.at >= $2::timestamptz - interval '24 hours' - interval '${openInterestStaleAfter}'
                      ORDER BY o.at DESC LIMIT 1) oi
  WHERE i.asset_id = $1),
current_funding AS (
  ${currentFundingSql(m)}),
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
  SELECT c.slug, ${cohortChange30dSql(m, 'c.id', '(SELECT cohort_through FROM published)')} AS change
  FROM holder_cohort c WHERE c.asset_id = $1 AND c.slug IN ('LTH', 'WHALES')),
hourly_depth AS (${hourlyDepthSql(m, knownAt)}),
depth_now AS (
  ${depthNowSql(m)})
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
  (${openInterestWeightedFundingSql('current_funding', 'current_oi')}) AS oi_weighted_funding,
  (SELECT coalesce(sum(notional_usd) FILTER (WHERE side = 'LONG'), 0) FROM liquidations)::float8 AS long_usd,
  (SELECT coalesce(sum(notional_usd) FILTER (WHERE side = 'SHORT'), 0) FROM liquidations)::float8 AS short_usd,
  (SELECT coalesce(sum(event_count), 0) FROM liquidations)::int AS event_count,
  ${assetLiquidationCompletenessSql('$1', 'NULL')} AS completeness,
  (${etfNetFlow7dSql(m, '(SELECT etf_through FROM published)')}) AS etf_net_flow_7d,
  (SELECT change FROM cohort_change WHERE slug = 'LTH') AS lth_change_30d,
  (SELECT change FROM cohort_change WHERE slug = 'WHALES') AS whale_change_30d,
  (${exchangeNetflow7dSql(m, '(SELECT exchange_through FROM published)')}) AS exchange_netflow_7d,
  (SELECT depth FROM depth_now) AS depth_now,
  (${depthMedian30dSql(m, 'hourly_depth')}) AS depth_median_30d`;
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
