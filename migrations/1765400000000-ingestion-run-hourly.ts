import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ingestion_run gains a row per stream per minute, and every /metrics scrape counts it. Raw runs
 * are kept 48 hours (so `rowsLast24h` stays exact); older ones are folded into one row per
 * source, dataset, hour and outcome here (src/ingest/run-log.ts rollUpRuns), which keeps the run
 * counters, the last success and the last error after the raw rows are gone.
 *
 * `history_note` says that a run asked for history earlier than the venue serves (OKX funding:
 * three months; Binance openInterestHist: 30 days), so such a backfill is never an empty success.
 */
export class IngestionRunHourly1765400000000 implements MigrationInterface {
  name = 'IngestionRunHourly1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ingestion_run ADD COLUMN history_note text;
      CREATE INDEX ingestion_run_finished_idx ON ingestion_run (finished_at);
      CREATE TABLE ingestion_run_hourly (
        source text NOT NULL,
        dataset text NOT NULL,
        hour timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING','SUCCEEDED','FAILED')),
        runs int NOT NULL,
        rows_written bigint NOT NULL,
        last_finished_at timestamptz,
        last_error text,
        PRIMARY KEY (source, dataset, hour, status)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS ingestion_run_hourly;
      DROP INDEX IF EXISTS ingestion_run_finished_idx;
      ALTER TABLE ingestion_run DROP COLUMN IF EXISTS history_note`);
  }
}
