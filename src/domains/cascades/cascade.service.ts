import { Db } from '../../db/sql';
import { CascadeRule } from './cascade.rule';

export interface EpisodeRow {
  start: Date;
  end: Date;
  hot_minutes: number;
  total_usd: number;
  long_usd: number;
  peak_usd_per_minute: number;
  venue_ids: number[];
  price_change: number | null;
  open_interest_before: number | null;
  open_interest_after: number | null;
  depth_min: number | null;
  depth_median_before: number | null;
}

/**
 * Episodes of one asset in [from, to), in one statement (the rule: cascade.rule.ts): per-minute
 * sums with a trailing baseline of capped minutes, gaps-and-islands over the hot minutes, the
 * episode tests, then each episode's price, open-interest and depth context.
 */
export function findCascadeEpisodes(db: Db, assetId: number, from: Date, to: Date, rule: CascadeRule): Promise<EpisodeRow[]> {
  return db.query<EpisodeRow>(
    `WITH minutes AS (
       SELECT generate_series(date_trunc('minute', $2::timestamptz - make_interval(mins => $4::int + $10::int)), $3::timestamptz - interval '1 minute', interval '1 minute') AS minute
     ),
     per_minute AS (
       SELECT date_trunc('minute', occurred_at) AS minute, sum(notional_usd) AS usd
       FROM liquidation WHERE asset_id = $1 AND occurred_at >= $2::timestamptz - make_interval(mins => $4::int + $10::int) AND occurred_at < $3
       GROUP BY 1
     ),
     running AS (
       -- A running total of each minute's USD capped at the hot floor, differenced at two lags: a
       -- moving mean in one pass (a float sum over a sliding frame would be recomputed per row).
       SELECT m.minute, coalesce(p.usd, 0) AS usd, sum(least(coalesce(p.usd, 0), $6)) OVER (ORDER BY m.minute) AS capped_total
       FROM minutes m LEFT JOIN per_minute p USING (minute)
     ),
     scored AS (
       SELECT minute, usd,
              (coalesce(lag(capped_total, $10::int + 1) OVER w, 0) - coalesce(lag(capped_total, $11::int + 1) OVER w, 0)) / $4::int AS baseline
       FROM running WINDOW w AS (ORDER BY minute)
     ),
     hot AS (
       SELECT minute, usd FROM scored
       WHERE minute >= $2 AND usd >= $6 AND usd >= $5 * baseline
     ),
     flagged AS (
       SELECT minute, usd,
              CASE WHEN minute - lag(minute) OVER (ORDER BY minute) <= make_interval(mins => $7) THEN 0 ELSE 1 END AS starts_episode
       FROM hot
     ),
     islands AS (
       SELECT minute, usd, sum(starts_episode) OVER (ORDER BY minute) AS episode FROM flagged
     ),
     runs AS (
       SELECT episode, min(minute) AS start, max(minute) + interval '1 minute' AS "end", count(*) AS hot_minutes, max(usd) AS peak
       FROM islands GROUP BY episode
     ),
     episodes AS (
       SELECT r.start, r."end", r.peak, r.hot_minutes,
              (SELECT coalesce(sum(notional_usd), 0) FROM liquidation l WHERE l.asset_id = $1 AND l.occurred_at >= r.start AND l.occurred_at < r."end") AS total_usd,
              (SELECT coalesce(sum(notional_usd) FILTER (WHERE side = 'LONG'), 0) FROM liquidation l WHERE l.asset_id = $1 AND l.occurred_at >= r.start AND l.occurred_at < r."end") AS long_usd,
              (SELECT array_agg(DISTINCT venue_id ORDER BY venue_id) FROM liquidation l WHERE l.asset_id = $1 AND l.occurred_at >= r.start AND l.occurred_at < r."end") AS venue_ids
       FROM runs r
     )
     SELECT e.start, e."end", e.hot_minutes::int, e.total_usd, e.long_usd, e.peak AS peak_usd_per_minute, e.venue_ids,
            (SELECT close FROM candle WHERE asset_id = $1 AND resolution = 'M1' AND start < e."end" AND close IS NOT NULL ORDER BY start DESC LIMIT 1)
              / nullif((SELECT open FROM candle WHERE asset_id = $1 AND resolution = 'M1' AND start >= e.start AND open IS NOT NULL ORDER BY start LIMIT 1), 0) - 1 AS price_change,
            (SELECT sum(v) FROM (SELECT (SELECT open_interest_usd FROM open_interest o WHERE o.asset_id = $1 AND o.instrument_id = i.id AND o.at <= e.start ORDER BY o.at DESC LIMIT 1) AS v
                                 FROM instrument i WHERE i.asset_id = $1) before) AS open_interest_before,
            (SELECT sum(v) FROM (SELECT (SELECT open_interest_usd FROM open_interest o WHERE o.asset_id = $1 AND o.instrument_id = i.id AND o.at >= e."end" ORDER BY o.at LIMIT 1) AS v
                                 FROM instrument i WHERE i.asset_id = $1) after) AS open_interest_after,
            (SELECT min(depth) FROM (SELECT sum(bid_usd_2pct + ask_usd_2pct) AS depth FROM order_book_depth
                                     WHERE asset_id = $1 AND at >= date_trunc('hour', e.start, 'UTC') AND at < e."end" GROUP BY at) during) AS depth_min,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY depth) FROM (SELECT sum(bid_usd_2pct + ask_usd_2pct) AS depth FROM order_book_depth
                                     WHERE asset_id = $1 AND at >= e.start - interval '24 hours' AND at < e.start GROUP BY at) prior) AS depth_median_before
     FROM episodes e
     WHERE e.total_usd >= $13
        OR (e.hot_minutes >= $8 AND e.total_usd >= $9 AND e.total_usd >= $12::float8 * extract(epoch FROM e."end" - e.start) / 60)
     ORDER BY e.start`,
    [
      assetId, from, to, rule.baselineMinutes, rule.baselineMultiple, rule.minUsdPerMinute, rule.mergeGapMinutes, rule.minHotMinutes, rule.minTotalUsd,
      rule.baselineLagMinutes, rule.baselineMinutes + rule.baselineLagMinutes, rule.minUsdPerRunMinute, rule.standaloneTotalUsd,
    ],
  );
}
