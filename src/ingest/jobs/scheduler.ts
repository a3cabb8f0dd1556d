import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { Db } from '../../db/sql';
import { recordLiquidationCompleteness } from '../catalog';
import { runDataset, IngestOptions } from '../runner';
import { DatasetName, historyAvailableFrom, missingEnvironment } from '../source';
import { sourceRegistry, SourceRegistry } from '../sources';
import { markSilencesRepaired } from '../stream-silence';
import { scheduledWindow } from './gap';
import { datasetSchedules, deadLetterQueue, queueName } from './schedule';

export interface IngestJobData {
  source: string;
  dataset: DatasetName;
  /** Explicit window (ISO); a scheduled job has none and reaches back by its look-back. */
  from?: string;
  to?: string;
}

export interface SchedulerOptions {
  databaseUrl: string;
  db: Db;
  sources?: SourceRegistry;
  /** Only these source slugs (default: all). */
  only?: string[];
  /** false: work jobs but leave cron to other workers (tests). */
  schedule?: boolean;
  ingest?: IngestOptions;
  /** Retries of a failed run before it goes to the dead-letter queue. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  pollingIntervalSeconds?: number;
  /** Seconds between looks at the cron schedules (pg-boss's default: 30). */
  scheduleCheckSeconds?: number;
  onJob?: (event: { queue: string; state: 'started' | 'succeeded' | 'failed'; error?: string }) => void;
}

export interface Scheduler {
  boss: PgBoss;
  queues: string[];
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

/**
 * pg-boss on Cascade's own database (schema `pgboss`): one queue per source dataset, each a
 * `stately` queue — at most one job queued and one running, across every worker process — with
 * exponential backoff and jitter on failure (pg-boss adds the jitter) and a dead-letter queue.
 * Cron schedules are kept by pg-boss, which fires each once however many workers run.
 */
export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const registry = options.sources ?? options.ingest?.sources ?? sourceRegistry;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: 'pgboss',
    // Its own name, so an operator (and the pooler test) can tell its direct sessions apart.
    application_name: 'cascade-pgboss',
    max: 4,
    schedule: options.schedule ?? true,
    // How soon a due schedule is noticed (the monitor) and turned into its job (the send-it
    // queue's polling, 5 s by default); the once-a-minute guarantee is pg-boss's either way.
    ...(options.scheduleCheckSeconds
      ? { cronMonitorIntervalSeconds: options.scheduleCheckSeconds, cronWorkerIntervalSeconds: Math.min(5, options.scheduleCheckSeconds) }
      : {}),
  });
  boss.on('error', (error) => options.ingest?.log?.error({ err: error.message }, 'pg-boss error'));
  const queues: string[] = [];
  await oneWorkerAtATime(options.databaseUrl, async () => {
    // start() creates pg-boss's own cron queue: inside the lock as well.
    await boss.start();
    await boss.createQueue(deadLetterQueue, { name: deadLetterQueue, policy: 'standard', retentionDays: 30 });

    const env = options.ingest?.env ?? process.env;
    // What this worker collects decides each venue's liquidation completeness (a keyed provider
    // runs only with its key); a worker limited to some sources does not speak for the others.
    if (!options.only) {
      const venues = registry.all().flatMap((source) => (source.venue ? [source.venue] : []));
      await recordLiquidationCompleteness(options.db, venues, env);
    }
    for (const source of registry.all()) {
      if (options.only && !options.only.includes(source.slug)) continue;
      const missing = missingEnvironment(source, env);
      if (missing.length > 0) {
        // A keyed provider without its key would only fill the dead-letter queue.
        options.ingest?.log?.info({ source: source.slug, missing }, 'source not scheduled: set its environment to enable it');
        continue;
      }
      for (const [dataset, job] of Object.entries(source.datasets)) {
        if (!job?.run) continue;
        const name = queueName(source.slug, dataset as DatasetName);
        const queue = {
          name,
          policy: 'stately' as const,
          retryLimit: options.retryLimit ?? 5,
          retryDelay: options.retryDelaySeconds ?? 15,
          retryBackoff: true,
          expireInSeconds: 15 * 60,
          deadLetter: deadLetterQueue,
        };
        if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
        else await boss.createQueue(name, queue);
        if (options.schedule ?? true) {
          const data: IngestJobData = { source: source.slug, dataset: dataset as DatasetName };
          await boss.schedule(name, datasetSchedules[dataset as DatasetName].cron, data, { tz: 'UTC' });
        }
        await boss.work<IngestJobData>(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
          options.onJob?.({ queue: name, state: 'started' });
          try {
            await runJob(options.db, job.data, options.ingest);
            options.onJob?.({ queue: name, state: 'succeeded' });
          } catch (error) {
            options.onJob?.({ queue: name, state: 'failed', error: error instanceof Error ? error.message : String(error) });
            throw error;
          }
        });
        queues.push(name);
      }
    }
  });
  return {
    boss,
    queues,
    // Graceful: running jobs finish (or, past the timeout, go back to the queue by expiry).
    stop: ({ graceful = true, timeoutMs = 8000 } = {}) => boss.stop({ graceful, timeout: timeoutMs, wait: true }),
  };
}

/**
 * Runs `setUp` holding a session advisory lock on a connection of its own, so workers that start
 * together create their queues one after the other: two sessions in pg-boss's create_queue at
 * once can deadlock (each has inserted a queue row and waits for the other's to add its new
 * partition's foreign key to the queue table).
 */
async function oneWorkerAtATime(databaseUrl: string, setUp: () => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'cascade-worker' });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('cascade:pgboss:queue-setup'))`);
    await setUp();
  } finally {
    // Closing the session releases the lock.
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs one job: its explicit window, or the dataset's look-back up to now — reaching back over a
 * gap (an outage, a ban, a stream's silence) where the dataset serves history (see gap.ts). A
 * successful run marks the stream silences it refilled as repaired.
 */
export async function runJob(db: Db, data: IngestJobData, ingest: IngestOptions = {}): Promise<void> {
  const nowMs = ingest.clock?.now() ?? Date.now();
  const lookbackMs = datasetSchedules[data.dataset].lookbackMs;
  if (data.from || data.to) {
    const to = data.to ? new Date(data.to) : new Date(nowMs);
    const from = data.from ? new Date(data.from) : new Date(to.getTime() - lookbackMs);
    await runDataset(db, data.source, data.dataset, { from, to }, ingest);
    return;
  }
  const dataset = (ingest.sources ?? sourceRegistry).get(data.source).datasets[data.dataset];
  const { repairing, ...window } = await scheduledWindow(db, data.source, data.dataset, dataset, nowMs, lookbackMs);
  if (repairing) ingest.log?.info({ source: data.source, dataset: data.dataset, from: window.from.toISOString() }, repairing);
  await runDataset(db, data.source, data.dataset, window, ingest);
  // Only what the venue still served counts as refilled: a silence older than its history stays missing.
  const servedFrom = historyAvailableFrom(dataset, nowMs);
  if (dataset?.stream) await markSilencesRepaired(db, data.source, data.dataset, { from: servedFrom && servedFrom > window.from ? servedFrom : window.from, to: window.to });
}
