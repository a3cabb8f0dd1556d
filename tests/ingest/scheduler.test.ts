import { runJob, Scheduler, startScheduler } from '../../src/ingest/jobs/scheduler';
import { deadLetterQueue, queueName } from '../../src/ingest/jobs/schedule';
import { leadStreams } from '../../src/ingest/jobs/stream-leader';
import { IngestContext, Source, TimeWindow } from '../../src/ingest/source';
import { SourceRegistry } from '../../src/ingest/sources';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually } from '../support/venue-server';
import { silentLog } from './venues';

/** The probe sources make no HTTP calls, but every source needs a base URL. */
const probeEnv = { CASCADE_PROBE_REST_URL: 'http://127.0.0.1:9', CASCADE_PROBE_WS_URL: 'ws://127.0.0.1:9', CASCADE_FAILING_REST_URL: 'http://127.0.0.1:9' };

/** A source whose `funding` run records how many runs overlap, and can be told to fail. */
function probeSource(slug = 'probe') {
  const state = { active: 0, maxActive: 0, runs: 0, failing: false, release: () => undefined as void, streams: 0 };
  let gate: Promise<void> = Promise.resolve();
  const source: Source = {
    slug,
    name: 'Probe',
    datasets: {
      funding: {
        async run(_ctx: IngestContext, _window: TimeWindow) {
          state.active += 1;
          state.maxActive = Math.max(state.maxActive, state.active);
          state.runs += 1;
          try {
            await gate;
            if (state.failing) throw new Error('probe venue answered 503');
            return 0;
          } finally {
            state.active -= 1;
          }
        },
      },
      liquidations: {
        async stream() {
          state.streams += 1;
          return { stop: async () => void (state.streams -= 1) };
        },
      },
    },
  };
  const hold = () => {
    gate = new Promise<void>((resolve) => (state.release = resolve));
  };
  return { source, state, hold };
}

describe('the ingestion scheduler (pg-boss)', () => {
  let database: TestDatabase;
  const schedulers: Scheduler[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop({ graceful: false })));
    await database.drop();
  });

  const start = async (registry: SourceRegistry, extra: Partial<Parameters<typeof startScheduler>[0]> = {}) => {
    const scheduler = await startScheduler({
      databaseUrl: database.url,
      db: database.db,
      schedule: false,
      pollingIntervalSeconds: 0.5,
      ingest: { sources: registry, log: silentLog, env: probeEnv },
      ...extra,
    });
    schedulers.push(scheduler);
    return scheduler;
  };

  it('runs one job of a dataset at a time across two worker processes, and records each run', async () => {
    const probe = probeSource();
    const registry = new SourceRegistry([probe.source]);
    const first = await start(registry);
    await start(registry);
    const queue = queueName('probe', 'funding');
    probe.hold();
    expect(await first.boss.send(queue, { source: 'probe', dataset: 'funding' })).not.toBeNull();
    await eventually(() => probe.state.active === 1, 10_000);
    // One may wait while one runs; a third is refused, so a slow venue never piles up work.
    expect(await first.boss.send(queue, { source: 'probe', dataset: 'funding' })).not.toBeNull();
    expect(await first.boss.send(queue, { source: 'probe', dataset: 'funding' })).toBeNull();
    probe.state.release();
    await eventually(() => probe.state.runs === 2 && probe.state.active === 0, 10_000);
    probe.state.release();
    expect(probe.state.maxActive).toBe(1);
    const runs = await database.db.query<{ status: string }>(`SELECT status FROM ingestion_run WHERE source = 'probe'`);
    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('sets up pg-boss and the same queues when several workers start at the same moment', async () => {
    // Workers of one deployment start together, on a database pg-boss has not used yet. Two
    // sessions in pg-boss's create_queue at once can deadlock, so set-up is serialised.
    const fresh = await createTestDatabase('empty');
    const started: Scheduler[] = [];
    try {
      const datasets = Object.fromEntries(['instruments', 'open-interest', 'funding', 'mark-price', 'depth', 'candles'].map((name) => [name, { run: async () => 0 }]));
      const registry = new SourceRegistry([{ slug: 'racing', name: 'Racing', datasets }]);
      const env = { CASCADE_RACING_REST_URL: 'http://127.0.0.1:9' };
      // Scheduling on: start() then also creates pg-boss's own cron queue.
      const results = await Promise.allSettled([0, 1, 2].map(() => startScheduler({ databaseUrl: fresh.url, db: fresh.db, ingest: { sources: registry, log: silentLog, env } })));
      for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value.queues.length : String(r.reason)))).toEqual([6, 6, 6]);
      const queues = await fresh.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.queue WHERE name LIKE 'ingest.racing.%'`);
      expect(queues).toEqual([{ n: 6 }]);
    } finally {
      await Promise.all(started.map((s) => s.stop({ graceful: false })));
      await fresh.drop();
    }
  });

  it('retries a failing run and then leaves it in the dead-letter queue, each failure recorded', async () => {
    const probe = probeSource('failing');
    probe.state.failing = true;
    const scheduler = await start(new SourceRegistry([probe.source]), { retryLimit: 1, retryDelaySeconds: 1 });
    const queue = queueName('failing', 'funding');
    await scheduler.boss.send(queue, { source: 'failing', dataset: 'funding', from: '2025-10-10T00:00:00Z', to: '2025-10-10T01:00:00Z' });
    await eventually(async () => (await scheduler.boss.getQueueSize(deadLetterQueue)) > 0, 20_000, 100);
    expect(probe.state.runs).toBeGreaterThanOrEqual(2);
    const failures = await database.db.query<{ error: string; window_from: Date }>(
      `SELECT error, window_from FROM ingestion_run WHERE source = 'failing' AND status = 'FAILED'`,
    );
    expect(failures.length).toBe(probe.state.runs);
    expect(failures[0].error).toContain('503');
    expect(failures[0].window_from.toISOString()).toBe('2025-10-10T00:00:00.000Z');
  });

  it('does not schedule a keyed source whose key is unset, and does once it is set', async () => {
    const keyed: Source = { slug: 'keyed', name: 'Keyed', requiredEnv: ['CASCADE_KEYED_API_KEY'], datasets: { cohorts: { run: async () => 0 } } };
    const registry = new SourceRegistry([keyed]);
    const without = await start(registry);
    expect(without.queues).toEqual([]);
    const withKey = await start(registry, { ingest: { sources: registry, log: silentLog, env: { ...probeEnv, CASCADE_KEYED_API_KEY: 'k', CASCADE_KEYED_REST_URL: 'http://127.0.0.1:9' } } });
    expect(withKey.queues).toEqual([queueName('keyed', 'cohorts')]);
  });

  it('reaches back by the dataset look-back when a job names no window', async () => {
    const windows: TimeWindow[] = [];
    const source: Source = { slug: 'window', name: 'Window', datasets: { 'etf-flows': { run: async (_ctx, window) => (windows.push(window), 0) } } };
    const now = Date.UTC(2025, 10, 21, 12);
    await runJob(database.db, { source: 'window', dataset: 'etf-flows' }, {
      sources: new SourceRegistry([source]),
      log: silentLog,
      env: { CASCADE_WINDOW_REST_URL: 'http://127.0.0.1:9' },
      clock: { now: () => now, sleep: async () => undefined },
    });
    expect(windows).toEqual([{ from: new Date(now - 5 * 86_400_000), to: new Date(now) }]);
  });

  it('runs a source stream in only one of two workers, and hands it over when that one stops', async () => {
    const probe = probeSource();
    const options = { databaseUrl: database.url, db: database.db, slugs: ['probe'], log: silentLog, retryMs: 50, stream: { sources: new SourceRegistry([probe.source]), log: silentLog, env: probeEnv } };
    const a = leadStreams(options);
    const b = leadStreams(options);
    await eventually(() => a.leading().length + b.leading().length === 1);
    const [leader, follower] = a.leading().length ? [a, b] : [b, a];
    expect(probe.state.streams).toBe(1);
    await leader.stop();
    await eventually(() => follower.leading().includes('probe'));
    expect(probe.state.streams).toBe(1);
    await follower.stop();
  });
});

describe('stream leadership when a venue is unreachable', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => database.drop());

  it('gives the lock back when the collector cannot start, and takes it once the venue answers', async () => {
    let reachable = false;
    let started = 0;
    const source: Source = {
      slug: 'flaky',
      name: 'Flaky',
      datasets: {
        liquidations: {
          async stream() {
            if (!reachable) throw new Error('getaddrinfo ENOTFOUND flaky.example');
            started += 1;
            return { stop: async () => undefined };
          },
        },
      },
    };
    const leader = leadStreams({
      databaseUrl: database.url,
      db: database.db,
      slugs: ['flaky'],
      log: silentLog,
      retryMs: 30,
      stream: { sources: new SourceRegistry([source]), log: silentLog, env: { CASCADE_FLAKY_REST_URL: 'http://127.0.0.1:9' } },
    });
    try {
      await eventually(async () => (await database.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-stream-flaky'`)).length === 0);
      expect(leader.leading()).toEqual([]);
      reachable = true;
      await eventually(() => leader.leading().includes('flaky'));
      expect(started).toBe(1);
    } finally {
      await leader.stop();
    }
  });
});
