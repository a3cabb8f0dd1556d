import { Db } from '../db/sql';

/**
 * ingestion_run bookkeeping for the runner: a run is started, then finished with its row count
 * or failed with its error (`ingestionStatus` reads them back, src/ingest/status/).
 */
export async function startRun(db: Db, source: string, dataset: string, window: { from: Date; to: Date }): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO ingestion_run (source, dataset, window_from, window_to) VALUES ($1, $2, $3, $4) RETURNING id`,
    [source, dataset, window.from, window.to],
  );
  return row.id;
}

/**
 * `notes` are problems the run recovered from (retries, skipped rows); kept in `error`.
 * `historyNote` says the run asked for history the venue no longer serves (kept in `history_note`).
 */
export async function finishRun(db: Db, runId: number, rowsWritten: number, notes: string[], historyNote: string | null = null): Promise<void> {
  await db.query(
    `UPDATE ingestion_run SET status = 'SUCCEEDED', finished_at = now(), rows_written = $2, error = $3, history_note = $4 WHERE id = $1`,
    [runId, rowsWritten, notes.length ? `recovered: ${notes.join('\n')}` : null, historyNote],
  );
}

export async function failRun(db: Db, runId: number, error: string, rowsWritten: number, notes: string[], historyNote: string | null = null): Promise<void> {
  await db.query(
    `UPDATE ingestion_run SET status = 'FAILED', finished_at = now(), rows_written = $2, error = $3, history_note = $4 WHERE id = $1`,
    [runId, rowsWritten, [error, ...notes.map((n) => `recovered: ${n}`)].join('\n'), historyNote],
  );
}

/**
 * A stream's report for one period (a minute): what it wrote, or the error it met. Streams run
 * for days, so they report periodically instead of as one run, and `ingestionStatus` shows a
 * live feed as fresh, a silent-but-connected one with 0 rows, and a failing one as failing.
 */
export async function recordStreamPeriod(
  db: Db,
  report: { source: string; dataset: string; from: Date; to: Date; rowsWritten: number; error?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO ingestion_run (source, dataset, window_from, window_to, started_at, finished_at, status, rows_written, error)
     VALUES ($1, $2, $3, $4, $3, $4, $5, $6, $7)`,
    [report.source, report.dataset, report.from, report.to, report.error ? 'FAILED' : 'SUCCEEDED', report.rowsWritten, report.error ?? null],
  );
}

/** Raw runs are kept this long (more than 24 h, so `rowsLast24h` is always counted from raw rows). */
export const rawRunRetentionMs = 48 * 3_600_000;

/**
 * Folds finished runs older than `keepMs` into ingestion_run_hourly (one row per source, dataset,
 * hour and outcome: runs, rows written, the last finish and the last error) and deletes them, in
 * one statement: a reader (a /metrics scrape, ingestionStatus) sees each run either raw or rolled
 * up, never both or neither, so the run counters never go down. Concurrent workers may both call
 * it: a row is deleted, and so counted, once. Returns the raw rows folded.
 */
export async function rollUpRuns(db: Db, keepMs = rawRunRetentionMs): Promise<number> {
  const [row] = await db.query<{ folded: number }>(
    `WITH moved AS (
       DELETE FROM ingestion_run WHERE finished_at < now() - $1 * interval '1 millisecond'
       RETURNING source, dataset, status, finished_at, rows_written, error
     ), hourly AS (
       INSERT INTO ingestion_run_hourly (source, dataset, hour, status, runs, rows_written, last_finished_at, last_error)
       SELECT source, dataset, date_trunc('hour', finished_at), status, count(*), sum(rows_written), max(finished_at),
              (array_agg(error ORDER BY finished_at DESC) FILTER (WHERE status = 'FAILED'))[1]
       FROM moved GROUP BY 1, 2, 3, 4
       ON CONFLICT (source, dataset, hour, status) DO UPDATE SET
         runs = ingestion_run_hourly.runs + EXCLUDED.runs,
         rows_written = ingestion_run_hourly.rows_written + EXCLUDED.rows_written,
         last_error = CASE WHEN EXCLUDED.last_finished_at >= ingestion_run_hourly.last_finished_at THEN coalesce(EXCLUDED.last_error, ingestion_run_hourly.last_error) ELSE ingestion_run_hourly.last_error END,
         last_finished_at = greatest(ingestion_run_hourly.last_finished_at, EXCLUDED.last_finished_at)
       RETURNING 1
     )
     SELECT count(*)::int AS folded FROM moved`,
    [keepMs],
  );
  return row.folded;
}

/**
 * The worker's housekeeping of the run log: rollUpRuns at start and then every `everyMs` (ten
 * minutes), so ingestion_run holds about two days of runs whatever the uptime. Every worker runs
 * it; the statement is safe to run concurrently. A failure (the database away) is logged and
 * retried at the next tick.
 */
export function maintainRunLog(db: Db, log: { warn(fields: object, message?: string): void }, everyMs = 600_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = rollUpRuns(db).catch((error) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'ingestion_run rollup failed; retried at the next tick'));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
