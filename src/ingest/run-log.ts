import { Db } from '../db/sql';

/**
 * ingestion_run bookkeeping for the runner. Minimal SQL until the ingestion domain's
 * startRun/finishRun/failRun (src/domains/ingestion/ingestion-run.service.ts) lands; then
 * these three delegate to it.
 */
export async function startRun(db: Db, source: string, dataset: string, window: { from: Date; to: Date }): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO ingestion_run (source, dataset, window_from, window_to) VALUES ($1, $2, $3, $4) RETURNING id`,
    [source, dataset, window.from, window.to],
  );
  return row.id;
}

/** `notes` are problems the run recovered from (retries, skipped rows); kept in `error`. */
export async function finishRun(db: Db, runId: number, rowsWritten: number, notes: string[]): Promise<void> {
  await db.query(
    `UPDATE ingestion_run SET status = 'SUCCEEDED', finished_at = now(), rows_written = $2, error = $3 WHERE id = $1`,
    [runId, rowsWritten, notes.length ? `recovered: ${notes.join('\n')}` : null],
  );
}

export async function failRun(db: Db, runId: number, error: string, rowsWritten: number, notes: string[]): Promise<void> {
  await db.query(
    `UPDATE ingestion_run SET status = 'FAILED', finished_at = now(), rows_written = $2, error = $3 WHERE id = $1`,
    [runId, rowsWritten, [error, ...notes.map((n) => `recovered: ${n}`)].join('\n')],
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
