import { Pool } from 'pg';
import { createMetrics } from '../../src/app/metrics';
import { findIngestionStatus } from '../../src/ingest/status/ingestion-status.service';
import { maintainRunLog, rollUpRuns } from '../../src/ingest/run-log';
import { createTestDatabase, TestDatabase } from '../support/database';

/** cascade_ingest_job_runs as a scrape reads it: "source/dataset/status" → runs. */
async function jobRuns(metrics: ReturnType<typeof createMetrics>): Promise<Record<string, number>> {
  const { body } = await metrics.text();
  const runs: Record<string, number> = {};
  for (const [, source, dataset, status, value] of body.matchAll(/^cascade_ingest_job_runs\{source="([^"]+)",dataset="([^"]+)",status="([^"]+)"\} (\S+)$/gm)) {
    runs[`${source}/${dataset}/${status}`] = Number(value);
  }
  return runs;
}

describe('ingestion_run: raw runs kept 48 hours, older ones rolled up hourly', () => {
  let database: TestDatabase;
  let pool: Pool;
  let metrics: ReturnType<typeof createMetrics>;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    pool = new Pool({ connectionString: database.url, max: 2 });
    metrics = createMetrics(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  /** A stream's reports, three at a time 72 (twice), 50, 47 and 1 hours ago (within one clock hour each), and two failures. */
  const seed = () =>
    database.db.query(`
      INSERT INTO ingestion_run (source, dataset, started_at, finished_at, status, rows_written, error)
      SELECT 'okx', 'liquidations', t - interval '1 minute', t, 'SUCCEEDED', 2, NULL
      FROM (SELECT date_trunc('hour', now()) - make_interval(hours => h) + interval '10 minutes' + make_interval(secs => m) AS t
            FROM unnest(ARRAY[72, 72, 50, 47, 1]) AS h, generate_series(0, 2) AS m) reports
      UNION ALL
      SELECT 'okx', 'liquidations', now() - interval '60 hours', now() - interval '60 hours', 'FAILED', 1, 'socket hang up'
      UNION ALL
      SELECT 'binance', 'funding', now() - interval '100 hours', now() - interval '100 hours', 'FAILED', 0, 'HTTP 500 from /fapi/v1/fundingRate'`);

  it('folds runs older than 48 h into hourly rows, keeps the rest raw, and the run counters and status do not change', async () => {
    await seed();
    const before = await jobRuns(metrics);
    const statusBefore = await findIngestionStatus(database.db);
    expect(before).toEqual({ 'okx/liquidations/SUCCEEDED': 15, 'okx/liquidations/FAILED': 1, 'binance/funding/FAILED': 1 });

    // 72 h (twice) and 50 h: 9 minute reports, the 60 h failure and the 100 h one.
    expect(await rollUpRuns(database.db)).toBe(11);

    const raw = await database.db.query(`SELECT source, dataset, status, count(*)::int AS runs FROM ingestion_run GROUP BY 1, 2, 3`);
    expect(raw).toEqual([{ source: 'okx', dataset: 'liquidations', status: 'SUCCEEDED', runs: 6 }]);
    const hourly = await database.db.query(`SELECT source, dataset, status, runs, rows_written::int AS rows, last_error FROM ingestion_run_hourly ORDER BY hour, status`);
    expect(hourly).toEqual([
      { source: 'binance', dataset: 'funding', status: 'FAILED', runs: 1, rows: 0, last_error: 'HTTP 500 from /fapi/v1/fundingRate' },
      { source: 'okx', dataset: 'liquidations', status: 'SUCCEEDED', runs: 6, rows: 12, last_error: null },
      { source: 'okx', dataset: 'liquidations', status: 'FAILED', runs: 1, rows: 1, last_error: 'socket hang up' },
      { source: 'okx', dataset: 'liquidations', status: 'SUCCEEDED', runs: 3, rows: 6, last_error: null },
    ]);

    expect(await jobRuns(metrics)).toEqual(before);
    // Last success, last error (also one only the rollup remembers) and rows in 24 h all as before.
    expect(await findIngestionStatus(database.db)).toEqual(statusBefore);
    expect(statusBefore.find((r) => r.source === 'binance')).toMatchObject({ state: 'FAILING', last_error: 'HTTP 500 from /fapi/v1/fundingRate', rows_last_24h: 0 });
    expect(statusBefore.find((r) => r.source === 'okx')).toMatchObject({ state: 'OK', rows_last_24h: 6 });
  });

  it('adds a later rollup of the same hour to its row, so the counters only grow', async () => {
    const before = await jobRuns(metrics);
    const [{ hour }] = await database.db.query<{ hour: Date }>(`SELECT hour FROM ingestion_run_hourly WHERE source = 'okx' AND status = 'SUCCEEDED' ORDER BY hour LIMIT 1`);
    // A run reported late into an hour already rolled up, and two new ones.
    await database.db.query(
      `INSERT INTO ingestion_run (source, dataset, started_at, finished_at, status, rows_written) VALUES
         ('okx', 'liquidations', $1, $1::timestamptz + interval '30 minutes', 'SUCCEEDED', 5),
         ('okx', 'liquidations', now(), now(), 'SUCCEEDED', 1), ('okx', 'liquidations', now(), now(), 'FAILED', 0)`,
      [hour],
    );
    const grown = await jobRuns(metrics);
    expect(grown).toEqual({ ...before, 'okx/liquidations/SUCCEEDED': before['okx/liquidations/SUCCEEDED'] + 2, 'okx/liquidations/FAILED': 2 });
    expect(await rollUpRuns(database.db)).toBe(1);
    expect(await jobRuns(metrics)).toEqual(grown);
    const [row] = await database.db.query(`SELECT runs, rows_written::int AS rows FROM ingestion_run_hourly WHERE source = 'okx' AND status = 'SUCCEEDED' AND hour = $1`, [hour]);
    expect(row).toEqual({ runs: 7, rows: 17 });
  });

  it('is safe when several workers roll up at once: each run counted once', async () => {
    await database.db.query(`
      INSERT INTO ingestion_run (source, dataset, started_at, finished_at, status, rows_written)
      SELECT 'bybit', 'liquidations', now() - interval '3 days', now() - interval '3 days' + make_interval(secs => s), 'SUCCEEDED', 1 FROM generate_series(1, 500) s`);
    const folded = await Promise.all([rollUpRuns(database.db), rollUpRuns(database.db), rollUpRuns(database.db)]);
    expect(folded.reduce((a, b) => a + b, 0)).toBe(500);
    expect(await database.db.query(`SELECT sum(runs)::int AS runs, sum(rows_written)::int AS rows FROM ingestion_run_hourly WHERE source = 'bybit'`)).toEqual([{ runs: 500, rows: 500 }]);
    expect((await jobRuns(metrics))['bybit/liquidations/SUCCEEDED']).toBe(500);
  });

  it("is run by the worker's housekeeping at start", async () => {
    await database.db.query(`INSERT INTO ingestion_run (source, dataset, started_at, finished_at, status) VALUES ('deribit', 'depth', now() - interval '49 hours', now() - interval '49 hours', 'SUCCEEDED')`);
    const housekeeping = maintainRunLog(database.db, { warn: () => undefined });
    await housekeeping.stop();
    expect(await database.db.query(`SELECT count(*)::int AS n FROM ingestion_run WHERE source = 'deribit'`)).toEqual([{ n: 0 }]);
    expect(await database.db.query(`SELECT runs FROM ingestion_run_hourly WHERE source = 'deribit'`)).toEqual([{ runs: 1 }]);
  });
});
