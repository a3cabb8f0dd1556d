import { Db } from '../../db/sql';
import { activePauses } from '../pause';
import { historyAvailableFrom, missingEnvironment } from '../source';
import { openStreamSilences } from '../stream-silence';
import { sourceRegistry, SourceRegistry } from '../sources';

/** What a source and dataset are doing now, most telling first (see docs/ingestion.md). */
export type IngestionState = 'OK' | 'FAILING' | 'PAUSED' | 'SILENT' | 'NOT_CONFIGURED';

export interface IngestionStatusRow {
  source: string;
  dataset: string;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
  rows_last_24h: number;
  /** The latest raw run's note that it asked for history earlier than the venue serves. */
  history_note: string | null;
  state: IngestionState;
  paused_until: Date | null;
  history_available_from: Date | null;
  /** When the open silence of the stream began (its canary was last heard), null when none is open. */
  silent_since: Date | null;
}

/** How long a succeeded run counts as proof that some worker holds a keyed source's key. */
const configuredProofMs = 48 * 3_600_000;

/**
 * One row per source and dataset ever run, in one statement (ingestionStatus and the CLI): raw
 * runs (the last 48 hours, see rollUpRuns) and the hourly rollup of older ones, so the last
 * success and the last error outlive the raw rows; rows in the last 24 hours come from raw runs
 * alone, exactly.
 */
const statusSql = `
  SELECT source, dataset,
         max(at) FILTER (WHERE status = 'SUCCEEDED') AS last_success_at,
         max(at) FILTER (WHERE status = 'FAILED') AS last_error_at,
         (array_agg(error ORDER BY at DESC) FILTER (WHERE status = 'FAILED'))[1] AS last_error,
         coalesce(sum(rows_written) FILTER (WHERE raw AND at > now() - interval '24 hours'), 0)::int AS rows_last_24h,
         (array_agg(history_note ORDER BY at DESC) FILTER (WHERE history_note IS NOT NULL))[1] AS history_note,
         bool_or(raw AND status = 'SUCCEEDED' AND at > now() - $1 * interval '1 millisecond') AS recently_succeeded
  FROM (
    SELECT source, dataset, status, finished_at AS at, error, rows_written, history_note, true AS raw FROM ingestion_run
    UNION ALL
    SELECT source, dataset, status, last_finished_at, last_error, rows_written, NULL, false FROM ingestion_run_hourly
  ) runs
  GROUP BY source, dataset ORDER BY source, dataset`;

export interface StatusOptions {
  /** The environment keyed sources are checked against (this process's: see docs/ingestion.md). */
  env?: NodeJS.ProcessEnv;
  sources?: SourceRegistry;
  nowMs?: number;
}

/**
 * Each row's state, in this order:
 * - NOT_CONFIGURED: the source needs a key (Source.requiredEnv) this process lacks, and no run of
 *   it succeeded in the last 48 hours. The API may run apart from the workers; a worker holding
 *   the key proves itself by succeeding, and then the state follows its runs.
 * - PAUSED: a venue's ban or back-off is in force (source_pause), until `paused_until`.
 * - SILENT: the stream's canary stopped and has not come back (an open stream_silence row). Not
 *   derived from rows written: those are not messages received, and a calm market writes no
 *   liquidations.
 * - FAILING: the latest finished run failed (no success since the last failure).
 * - OK otherwise.
 * A stream silent before its first period report still gets a row.
 */
export async function findIngestionStatus(db: Db, options: StatusOptions = {}): Promise<IngestionStatusRow[]> {
  const sources = options.sources ?? sourceRegistry;
  const env = options.env ?? process.env;
  const nowMs = options.nowMs ?? Date.now();
  const [runs, pauses, silences] = await Promise.all([
    db.query<Omit<IngestionStatusRow, 'state' | 'paused_until' | 'history_available_from' | 'silent_since'> & { recently_succeeded: boolean }>(statusSql, [configuredProofMs]),
    activePauses(db),
    openStreamSilences(db),
  ]);
  const unreported = [...silences.values()]
    .filter((s) => !runs.some((r) => r.source === s.source && r.dataset === s.dataset))
    .map((s) => ({ source: s.source, dataset: s.dataset, last_success_at: null, last_error_at: null, last_error: null, rows_last_24h: 0, history_note: null, recently_succeeded: false }));
  const rows = [...runs, ...unreported].sort((a, b) => a.source.localeCompare(b.source) || a.dataset.localeCompare(b.dataset));
  return rows.map(({ recently_succeeded, ...row }) => {
    const source = sources.all().find((s) => s.slug === row.source);
    const pause = pauses.get(row.source);
    const silence = silences.get(`${row.source}/${row.dataset}`);
    const failing = row.last_error_at !== null && (row.last_success_at === null || row.last_error_at > row.last_success_at);
    const state: IngestionState =
      source && missingEnvironment(source, env).length > 0 && !recently_succeeded ? 'NOT_CONFIGURED' : pause ? 'PAUSED' : silence ? 'SILENT' : failing ? 'FAILING' : 'OK';
    const dataset = source?.datasets[row.dataset as keyof typeof source.datasets];
    return {
      ...row,
      state,
      paused_until: pause ? new Date(pause.untilMs) : null,
      history_available_from: historyAvailableFrom(dataset, nowMs),
      silent_since: silence?.startedAt ?? null,
    };
  });
}
