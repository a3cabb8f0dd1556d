import { Db } from '../../db/sql';
import { Dataset, DatasetName, TimeWindow } from '../source';
import { oldestUnrepairedSilence } from '../stream-silence';

/**
 * How far back a scheduled run repairs at most. Runs older than the raw run log's 48 hours are
 * rolled up without their windows, but a worker fleet that was down rolled nothing up either;
 * beyond a week `cascade backfill` is the tool, and each venue's history limit clamps further.
 */
export const maxRepairMs = 7 * 24 * 3_600_000;

/** The end of the latest window a run of the dataset covered successfully (null: it never ran). */
async function lastCoveredTo(db: Db, source: string, dataset: string): Promise<Date | null> {
  const [row] = await db.query<{ covered_to: Date | null }>(
    `SELECT max(window_to) AS covered_to FROM ingestion_run WHERE source = $1 AND dataset = $2 AND status = 'SUCCEEDED'`,
    [source, dataset],
  );
  return row?.covered_to ?? null;
}

export interface ScheduledWindow extends TimeWindow {
  /** Why the window reaches past the look-back (null: it does not). */
  repairing: string | null;
}

/**
 * A scheduled run's window: its look-back up to now, reaching back further over a gap — since
 * the last window a run covered (the worker was down, the venue banned it, runs failed), or since
 * the oldest unrepaired silence of the dataset's stream — when the dataset serves history. A
 * dataset that never ran starts at its look-back (history is the backfill's job).
 */
export async function scheduledWindow(db: Db, source: string, name: DatasetName, dataset: Dataset | undefined, nowMs: number, lookbackMs: number): Promise<ScheduledWindow> {
  const to = new Date(nowMs);
  const lookbackFrom = nowMs - lookbackMs;
  if (!dataset?.servesHistory) return { from: new Date(lookbackFrom), to, repairing: null };
  const [covered, silentSince] = await Promise.all([lastCoveredTo(db, source, name), dataset.stream ? oldestUnrepairedSilence(db, source, name) : null]);
  const gaps = [
    covered && covered.getTime() < lookbackFrom ? { at: covered.getTime(), why: `the last run covered up to ${covered.toISOString()}` } : null,
    silentSince && silentSince.getTime() < lookbackFrom ? { at: silentSince.getTime(), why: `the stream was silent from ${silentSince.toISOString()}` } : null,
  ].filter((gap): gap is { at: number; why: string } => gap !== null);
  if (gaps.length === 0) return { from: new Date(lookbackFrom), to, repairing: null };
  const earliest = gaps.reduce((a, b) => (a.at <= b.at ? a : b));
  const from = Math.max(earliest.at, nowMs - maxRepairMs);
  const capped = from > earliest.at ? ` (capped at ${maxRepairMs / 86_400_000} days)` : '';
  return { from: new Date(from), to, repairing: `repairing a gap: ${earliest.why}${capped}` };
}
