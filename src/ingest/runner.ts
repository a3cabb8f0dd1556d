import { createLogger } from '../core/logger';
import { upsertObservations } from '../db/bulk';
import { Db } from '../db/sql';
import { insertLiquidations } from '../domains/liquidations/liquidation.writer';
import { sharedBudget, WeightBudget } from './budget';
import { Clock, systemClock } from './clock';
import { sourceEndpoints } from './config';
import { HttpClientOptions, JsonHttpClient } from './http';
import { failRun, finishRun, startRun } from './run-log';
import { DatasetName, historyShortfall, IngestContext, IngestLog, Source, TimeWindow } from './source';
import { sourceRegistry, SourceRegistry } from './sources';
import { Watermarks } from './watermark';
import { SharedPause } from './pause';

/** Everything a caller (CLI, scheduler, test) may override; production passes nothing. */
export interface IngestOptions {
  env?: NodeJS.ProcessEnv;
  sources?: SourceRegistry;
  clock?: Clock;
  /** Timeouts, retries and backoff for the HTTP client (tests use short ones). */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'retries' | 'backoff' | 'maxRetryAfterMs' | 'random'>;
  /** Null disables rate limiting; default is the source's shared per-process budget. */
  budget?: WeightBudget | null;
  log?: IngestLog;
  resume?: boolean;
}

export interface RunResult {
  runId: number;
  rowsWritten: number;
  notes: string[];
  /** Set when the window starts before the venue's history: "asked from …; the venue serves only from …". */
  historyNote: string | null;
  /** The earliest time the venue served, when the window asked for earlier. */
  historyAvailableFrom: Date | null;
}

let defaultLog: IngestLog | undefined;
function ingestLog(options: IngestOptions): IngestLog {
  return options.log ?? (defaultLog ??= createLogger().child({ component: 'ingest' }));
}

/** The HTTP client a source's calls go through: its base URL, budget, secrets and policy. */
export function httpClientFor(source: Source, options: IngestOptions, onRetry?: HttpClientOptions['onRetry'], db?: Db): JsonHttpClient {
  const clock = options.clock ?? systemClock;
  const budget = options.budget !== undefined ? options.budget : source.rateLimit ? sharedBudget(source.slug, source.rateLimit, clock) : null;
  return new JsonHttpClient({
    source: source.slug,
    baseUrl: sourceEndpoints(source.slug, options.env).restUrl,
    budget,
    clock,
    secretParams: source.secretParams,
    onRetry,
    policy: source.httpPolicy,
    // A ban recorded by any worker holds for all of them (source_pause).
    sharedPause: db ? new SharedPause(db, source.slug) : null,
    ...options.http,
  });
}

/**
 * Runs one dataset of one source over a window: an ingestion_run row is opened, the source's
 * `run` writes through set-based upserts, and the row is closed with the count, the problems
 * recovered from, or the error. Failures are rethrown so the scheduler can retry the job.
 */
export async function runDataset(db: Db, sourceSlug: string, dataset: DatasetName, window: TimeWindow, options: IngestOptions = {}): Promise<RunResult> {
  if (!(window.from < window.to)) throw new Error(`empty window: from ${window.from.toISOString()} must be before to ${window.to.toISOString()}`);
  const source = (options.sources ?? sourceRegistry).get(sourceSlug);
  const job = source.datasets[dataset];
  if (!job?.run) throw new Error(`source "${sourceSlug}" has no REST dataset "${dataset}"`);
  const runId = await startRun(db, source.slug, dataset, window);
  const notes: string[] = [];
  let rowsWritten = 0;
  const log = ingestLog(options);
  const shortfall = historyShortfall(job, window, (options.clock ?? systemClock).now());
  const historyNote = shortfall?.note ?? null;
  if (historyNote) log.warn({ source: source.slug, dataset, runId }, historyNote);
  const note = (message: string) => {
    notes.push(message);
    log.warn({ source: source.slug, dataset, runId }, message);
  };
  const ctx: IngestContext = {
    db,
    source,
    dataset,
    endpoints: sourceEndpoints(source.slug, options.env),
    env: options.env ?? process.env,
    http: httpClientFor(source, options, (problem) => note(`${problem.message} (attempt ${problem.attempt}, retried after ${problem.waitMs} ms)`), db),
    clock: options.clock ?? systemClock,
    log,
    watermarks: new Watermarks(db, source.slug, dataset),
    resume: options.resume ?? true,
    note,
    async upsert(spec, rows) {
      const result = await upsertObservations(db, spec, rows as unknown as Array<Record<string, unknown>>);
      rowsWritten += result.inserted + result.revised;
      return result.inserted + result.revised;
    },
    async insertLiquidations(rows) {
      const inserted = await insertLiquidations(db, rows);
      rowsWritten += inserted.length;
      return inserted.length;
    },
  };
  try {
    await job.run(ctx, window);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failRun(db, runId, message, rowsWritten, notes, historyNote);
    log.error({ source: source.slug, dataset, runId, err: message }, 'ingestion run failed');
    throw error;
  }
  await finishRun(db, runId, rowsWritten, notes, historyNote);
  return { runId, rowsWritten, notes, historyNote, historyAvailableFrom: shortfall?.availableFrom ?? null };
}
