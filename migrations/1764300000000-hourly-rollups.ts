import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly rollups of the minute-grained observations, so series of an hour or coarser read one
 * row per instrument and hour. Funding needs none: venues settle it every 1–8 hours, so its raw
 * table is already that coarse. Kept in step by the writer (src/db/bulk.ts `rollup`).
 */
export class HourlyRollups1764300000000 implements MigrationInterface {
  name = 'HourlyRollups1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_interest_hourly (
        asset_id int NOT NULL,
        instrument_id int NOT NULL,
        hour timestamptz NOT NULL,
        -- The hour's last reading: the last value in any coarser bucket is its last hour's.
        last_at timestamptz NOT NULL,
        open_interest_usd double precision NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (asset_id, hour, instrument_id)
      );
      CREATE TABLE order_book_depth_hourly (
        asset_id int NOT NULL,
        instrument_id int NOT NULL,
        hour timestamptz NOT NULL,
        -- Sums and a count, so a coarser bucket's average is exact: Σ sums / Σ snapshots.
        snapshots int NOT NULL,
        bid_usd_1pct double precision NOT NULL, ask_usd_1pct double precision NOT NULL,
        bid_usd_2pct double precision NOT NULL, ask_usd_2pct double precision NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (asset_id, hour, instrument_id)
      );
      INSERT INTO open_interest_hourly
        SELECT DISTINCT ON (asset_id, instrument_id, date_trunc('hour', at, 'UTC'))
               asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at, open_interest_usd, recorded_at
        FROM open_interest ORDER BY asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at DESC;
      INSERT INTO order_book_depth_hourly
        SELECT asset_id, instrument_id, date_trunc('hour', at, 'UTC'), count(*), sum(bid_usd_1pct), sum(ask_usd_1pct), sum(bid_usd_2pct), sum(ask_usd_2pct), max(recorded_at)
        FROM order_book_depth GROUP BY 1, 2, 3;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_book_depth_hourly; DROP TABLE open_interest_hourly;`);
  }
}
