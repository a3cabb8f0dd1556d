import { Db } from '../db/sql';
import { publishedAtSql } from '../domains/shared/publication';

/**
 * When a live Cascade would have learned each sample row, so `knownAt` on the demo answers as a
 * backtest would have then (instead of every row looking learned at load time): market data a
 * couple of seconds after it happened (a candle once closed, a poll right after its reading, a
 * stream event at once); daily datasets shortly after their publication time
 * (shared/publication.ts) — ETF flows at the farside run 15 minutes after it, on-chain values
 * 20–30 minutes after it. The model's publication times are never earlier than these.
 */
const statements = [
  // Candles, per-source candles and the USDT rate: once their minute (day) has closed.
  ...['candle', 'source_candle', 'stablecoin_rate'].map((table) => `UPDATE ${table} SET recorded_at = start + CASE resolution WHEN 'M1' THEN interval '1 minute' ELSE interval '1 day' END + interval '2 seconds' WHERE origin = 'SAMPLE'`),
  ...['open_interest', 'funding_rate', 'mark_price', 'order_book_depth', 'positioning_ratio'].map((table) => `UPDATE ${table} SET recorded_at = at + interval '2 seconds' WHERE origin = 'SAMPLE'`),
  // Taker volume: a 5-minute period is published once it has closed, read by the next 5-minute run.
  `UPDATE taker_volume SET recorded_at = at + interval '7 minutes' WHERE origin = 'SAMPLE'`,
  `UPDATE liquidation SET recorded_at = occurred_at + interval '1 second' WHERE origin = 'SAMPLE'`,
  `UPDATE etf_flow SET recorded_at = ${publishedAtSql('etf_flow', 'day')} + interval '15 minutes' WHERE origin = 'SAMPLE'`,
  `UPDATE cohort_supply SET recorded_at = ${publishedAtSql('cohort_supply', 'day')} + interval '20 minutes' WHERE origin = 'SAMPLE'`,
  `UPDATE exchange_flow SET recorded_at = ${publishedAtSql('exchange_flow', 'day')} + interval '30 minutes' WHERE origin = 'SAMPLE'`,
  // The hourly rollups keep the recorded_at of the rows they fold.
  `UPDATE open_interest_hourly SET recorded_at = last_at + interval '2 seconds'`,
  `UPDATE order_book_depth_hourly h SET recorded_at = d.recorded_at
   FROM (SELECT asset_id, instrument_id, date_trunc('hour', at, 'UTC') AS hour, max(recorded_at) AS recorded_at FROM order_book_depth GROUP BY 1, 2, 3) d
   WHERE h.asset_id = d.asset_id AND h.instrument_id = d.instrument_id AND h.hour = d.hour`,
];

export async function recordSampleLearnedTimes(db: Db): Promise<void> {
  await Promise.all(statements.map((sql) => db.query(sql)));
}
