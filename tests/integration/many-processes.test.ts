import { ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { builtEntry } from '../support/built';
import { createTestDatabase, TestDatabase } from '../support/database';
import { pushLiquidationsUntil, venueRoutes } from '../support/loopback-venues';
import { fixture, startVenueServer, venueEnv, VenueServer } from '../support/venue-server';
import { eventually, postTo, Reply, stopApiProcess } from './security/support';

/**
 * Cascade as it runs on several machines: two API processes and two ingestion workers, all real
 * OS processes from the compiled build, sharing nothing but one database. Each worker reaches
 * the venues through loopback servers of its own, so which worker did what is visible from
 * the venue side. One scenario shows that live events reach every client whichever API it is
 * connected to, that each scheduled job runs once however many workers poll, and that an API
 * key's budget is one budget across API processes.
 */

/** Sources with a WebSocket feed: their streams run in exactly one worker. */
const streamSources = ['binance', 'bybit', 'deribit', 'okx'];

interface WorkerProcess {
  child: ChildProcess;
  /** This worker's loopback venues, by source slug. */
  venues: Record<string, VenueServer>;
  output: () => string;
}

interface Api {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** POSTs to one API process; if it cannot be reached, says whether (and why) it exited. */
async function post(api: Api, query: string, options: Parameters<typeof postTo>[2] = {}): Promise<Reply> {
  try {
    return await postTo(api.url, query, options);
  } catch (error) {
    throw new Error(`${String(error)} (${api.url}, exit ${api.child.exitCode ?? api.child.signalCode ?? 'none'}): ${api.output().slice(-3000)}`);
  }
}

/** Every child spawned, registered at once so afterAll stops it whatever happened. */
const children: ChildProcess[] = [];

/** `node dist/<entry>` as a real OS process, resolved once its output matches `ready`. */
function spawnCascade(entry: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; output: () => string; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [builtEntry(entry), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, output: () => output, match });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${output}`)));
  });
}

/** `node dist/src/main.js --api-only` on `databaseUrl`: an API process with its URL. */
async function startApi(databaseUrl: string): Promise<Api> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'warn', CASCADE_POOL_SIZE: '4', CASCADE_RATE_SYNC_MS: '50' };
  const { child, match, output } = await spawnCascade('src/main.js', ['--api-only'], env, /at (http:\/\/\S+\/graphql)/);
  return { child, url: match[1].replace('localhost', '127.0.0.1'), output };
}

/** `node dist/src/worker.js` on `databaseUrl`, calling `venues` for every source. */
async function startWorker(databaseUrl: string, venues: Record<string, VenueServer>): Promise<WorkerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CASCADE_LOG_LEVEL: 'info',
    CASCADE_POOL_SIZE: '4',
    // Due schedules are noticed within a second of their minute (pg-boss looks every 30 s).
    CASCADE_SCHEDULE_CHECK_SECONDS: '1',
  };
  // Glassnode is keyed: without its key it is not scheduled (as in a deployment without one).
  delete env.CASCADE_GLASSNODE_API_KEY;
  for (const [slug, server] of Object.entries(venues)) Object.assign(env, venueEnv(server, slug));
  const { child, output } = await spawnCascade('src/worker.js', [], env, /"msg":"ingestion worker started"/);
  return { child, venues, output };
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves with the exit code. */
async function stopProcess(child: ChildProcess, graceMs = 12_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await stopApiProcess(child);
  } finally {
    clearTimeout(killer);
  }
}

interface Delivered {
  id: string;
  venue: { slug: string };
}

/** Waits (polling) until the current minute has at least `ms` left, so budgets do not roll over. */
async function freshWindow(ms: number): Promise<void> {
  await eventually(() => 60_000 - (Date.now() % 60_000) >= ms, 61_000, 100);
}

describe('two API processes and two workers on one database', () => {
  let database: TestDatabase;
  const apis: Api[] = [];
  const workers: WorkerProcess[] = [];
  const venueServers: VenueServer[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    // Build (if stale) before spawning, so the four processes do not each wait on tsc.
    builtEntry('src/main.js');
    const venueSets: Array<Record<string, VenueServer>> = [];
    for (let i = 0; i < 2; i += 1) {
      const set: Record<string, VenueServer> = {};
      for (const [slug, serve] of Object.entries(venueRoutes)) {
        set[slug] = await startVenueServer();
        serve(set[slug]);
        venueServers.push(set[slug]);
      }
      venueSets.push(set);
    }
    // All four start together, as a deployment's replicas do.
    const [a, b, ...started] = await Promise.all([startApi(database.url), startApi(database.url), ...venueSets.map((set) => startWorker(database.url, set))]);
    apis.push(a, b);
    workers.push(...started);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(children.map((child) => stopProcess(child)));
    await Promise.all(venueServers.map((server) => server.stop()));
    await database?.drop();
  }, 60_000);

  /** The one worker's venue of `slug` that holds a live WebSocket connection. */
  const streamingVenue = (slug: string) => workers.map((w) => w.venues[slug]).filter((venue) => venue.openSockets().length > 0);

  it('delivers every liquidation a worker ingests to every client of both API processes, once', async () => {
    // Each source's stream runs in one worker only: one connection to one worker's venue.
    const subscribed = (venue: VenueServer | undefined) => venue?.sockets[0]?.received.some((m: any) => m?.op === 'subscribe') ?? false;
    await eventually(() => streamingVenue('binance').length === 1 && streamingVenue('bybit').length === 1 && subscribed(streamingVenue('bybit')[0]), 60_000, 50).catch(
      (error) => {
        throw new Error(`${String(error)}: streams not running; worker logs: ${workers.map((w) => w.output().slice(-3000)).join('\n---\n')}`);
      },
    );
    const [binance] = streamingVenue('binance');
    const [bybit] = streamingVenue('bybit');

    const received: Delivered[][] = [];
    const failures: unknown[] = [];
    for (let i = 0; i < 6; i += 1) {
      const api = apis[i % 2];
      const client = createClient({ url: api.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      const mine: Delivered[] = [];
      received.push(mine);
      client.subscribe<{ liquidationOccurred: Delivered }>(
        { query: 'subscription { liquidationOccurred { id venue { slug } } }' },
        {
          next: (r) => void (r.errors ? failures.push(r.errors) : r.data && mine.push(r.data.liquidationOccurred)),
          error: (error) => void failures.push(error),
          complete: () => void failures.push('completed'),
        },
      );
    }

    // A subscription gives no acknowledgement, so the worker's stream is fed fresh liquidations
    // until every client has had one: from then on each client misses nothing.
    const warmUps = { pushed: 0 };
    await pushLiquidationsUntil(binance, () => received.every((mine) => mine.length > 0), warmUps).catch(async (error) => {
      const stored = await database.db.query(`SELECT count(*)::int AS n FROM liquidation`);
      throw new Error(`${String(error)}: ${warmUps.pushed} pushed, ${JSON.stringify(stored)} stored, received ${received.map((m) => m.length)}, failures ${JSON.stringify(failures)}`);
    });

    // The venues' own replays: three tracked Binance force orders (DOGE is not tracked), three Bybit events.
    for (const message of fixture<unknown[]>('binance', 'force-order')) binance.push(message);
    for (const message of fixture<unknown[]>('bybit', 'all-liquidation')) bybit.push(message);
    const replayed = async () =>
      (await database.db.query<{ id: string }>(`SELECT l.id::text AS id FROM liquidation l JOIN venue v ON v.id = l.venue_id
         WHERE (v.slug = 'binance' AND l.occurred_at < '2024-06-11T00:00:00Z') OR v.slug = 'bybit' ORDER BY l.id`)).map((r) => Number(r.id));
    await eventually(async () => (await replayed()).length === 6, 20_000, 50);
    const replayIds = await replayed();

    // Each client ends up with every stored event from its first one on (the replays included).
    const sortedIds = (mine: Delivered[]) => mine.map((event) => Number(event.id)).sort((x, y) => x - y);
    let stored: Array<{ id: number; venue: string; at: Date; key: string }> = [];
    try {
      await eventually(async () => {
        stored = await database.db.query(`SELECT l.id::int AS id, v.slug AS venue, l.occurred_at AS at, l.event_key AS key
          FROM liquidation l JOIN venue v ON v.id = l.venue_id ORDER BY l.id`);
        return received.every((mine) => {
          const got = new Set(sortedIds(mine));
          const first = Math.min(...got);
          return replayIds.every((id) => got.has(id)) && stored.every((row) => row.id < first || got.has(row.id));
        });
      }, 20_000, 50);
    } catch (error) {
      throw new Error(`${String(error)}; stored ${JSON.stringify(stored)}; received ${JSON.stringify(received.map(sortedIds))}; failures ${JSON.stringify(failures)}`);
    }
    const storedIds = stored.map((row) => row.id);
    const last = Math.max(...storedIds);
    for (const mine of received) {
      const got = sortedIds(mine);
      // None twice, and up to the last stored event seen, exactly the stored ones: none missing, none invented.
      expect(new Set(got).size).toBe(got.length);
      expect(got.filter((id) => id <= last)).toEqual(storedIds.filter((id) => id >= got[0]));
      expect(mine.filter((event) => replayIds.includes(Number(event.id))).map((event) => event.venue.slug).sort()).toEqual(['binance', 'binance', 'binance', 'bybit', 'bybit', 'bybit']);
    }
    expect(failures).toEqual([]);
    // The API processes each hold one LISTEN connection; only the worker writes.
    const listeners = await database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`,
    );
    expect(listeners).toEqual([{ n: 2 }]);
  }, 150_000);

  it("refuses an API key's requests once both processes' spend together reaches its budget", async () => {
    const budget = 30;
    const { stdout } = await promisify(execFile)(process.execPath, [builtEntry('src/cli.js'), 'keys', 'create', '--name', 'shared', '--scopes', 'read', '--rate', String(budget)], {
      env: { ...process.env, DATABASE_URL: database.url, CASCADE_LOG_LEVEL: 'silent' },
    });
    const key = stdout.trim();
    expect(key).toMatch(/^csk_/);
    /** 60 objects: 6 points (tests/integration/security/rate-limits.test.ts). */
    const venues = '{ venues { slug } }';
    const cost = 6;
    /**
     * Costs exactly the whole budget (10 + 1 + 104 × 2.75 objects = 30 points), so a process that
     * knows of any spend refuses it — for nothing — and its RateLimit-Remaining shows what that
     * process believes is left.
     */
    const probe = (api: Api) => post(api, 'query Probe($first: Int) { liquidations(first: $first) { edges { node { id } } } }', { key, variables: { first: 104 } });
    const remaining = (reply: Reply) => Number(reply.headers.get('ratelimit-remaining'));
    const usage = async () =>
      (await database.db.query<{ points: number }>(`SELECT points::int AS points FROM rate_limit_usage WHERE bucket_key = 'key:' || (SELECT id FROM api_key WHERE name = 'shared')`))[0]?.points ?? 0;

    // A whole scenario in one budget window, with room to spare on a loaded machine.
    await freshWindow(45_000);
    const minute = Math.floor(Date.now() / 60_000);
    let spent = 0;
    const admitted = [0, 0];
    const served = new Set<number>();
    // Alternate A, B, A, …: after each request both processes are let to reconcile (sync every
    // 50 ms), so each admission below is decided on the combined spend.
    for (let i = 0; spent + cost <= budget; i += 1) {
      const target = i % 2;
      const reply = await post(apis[target], venues, { key });
      expect([reply.status, reply.body.errors]).toEqual([200, undefined]);
      spent += cost;
      admitted[target] += 1;
      served.add(target);
      await eventually(async () => (await usage()) === spent, 10_000, 20).catch((error) => {
        throw new Error(`${String(error)}: the database holds ${spent} points only once both processes have sent their spend`);
      });
      for (const known of served) {
        let last: Reply | undefined;
        const seen = await eventually(async () => {
          last = await probe(apis[known]);
          return last.status === 429 && remaining(last) === budget - spent ? last : undefined;
        }, 10_000, 25).catch((error) => {
          throw new Error(`${String(error)}: API ${known} after ${spent} points answered ${last?.status}, remaining ${last && remaining(last)}, ${JSON.stringify(last?.body)}`);
        });
        expect(seen.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      }
    }
    // 30 points bought five requests in all, three on one process and two on the other: each
    // process alone would have sold five.
    expect([spent, admitted]).toEqual([30, [3, 2]]);
    for (const api of [apis[1], apis[0]]) {
      const refused = await post(api, venues, { key });
      expect([refused.status, refused.body.errors[0].extensions.code, refused.headers.get('ratelimit-remaining')]).toEqual([429, 'RATE_LIMITED', '0']);
    }
    expect(await usage()).toBe(budget);
    expect(Math.floor(Date.now() / 60_000)).toBe(minute);
  }, 120_000);

  it('runs each scheduled job once per slot across both workers, with each stream in one worker', async () => {
    const schedules = await database.db.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule ORDER BY name');
    const everyMinute = schedules.filter((s) => s.cron === '* * * * *').map((s) => s.name);
    // Glassnode has no key here, so it has no queue; every other source's datasets do.
    expect(schedules.some((s) => s.name.startsWith('ingest.glassnode.'))).toBe(false);
    expect(everyMinute.length).toBeGreaterThanOrEqual(10);

    const jobsSql = `SELECT name, state, retry_count, singleton_key, singleton_on FROM pgboss.job
      UNION ALL SELECT name, state, retry_count, singleton_key, singleton_on FROM pgboss.archive`;
    const completedByQueue = async () =>
      new Map((await database.db.query<{ name: string; n: number }>(`SELECT name, count(*)::int AS n FROM (${jobsSql}) j WHERE state = 'completed' GROUP BY name`)).map((r) => [r.name, r.n]));
    // Two schedule ticks: the minute the workers started in and the next one.
    try {
      await eventually(async () => {
        const completed = await completedByQueue();
        return everyMinute.every((name) => (completed.get(name) ?? 0) >= 2);
      }, 150_000, 500);
    } catch (error) {
      const failures = await database.db.query(`SELECT source, dataset, error FROM ingestion_run WHERE status <> 'SUCCEEDED'`);
      throw new Error(`${String(error)}; completed jobs by queue: ${JSON.stringify([...(await completedByQueue())])}; failed runs: ${JSON.stringify(failures)}`);
    }

    // Both workers are alive, and each stream is held by exactly one of them: one advisory
    // lock per stream source, and only one worker ever connected to that venue.
    expect(workers.map((w) => [w.child.exitCode, w.child.signalCode])).toEqual([[null, null], [null, null]]);
    const locks = await database.db.query<{ application_name: string }>(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.application_name LIKE 'cascade-stream-%' ORDER BY 1`,
    );
    expect(locks.map((l) => l.application_name)).toEqual(streamSources.map((slug) => `cascade-stream-${slug}`));
    for (const slug of streamSources) {
      expect(workers.filter((w) => w.venues[slug].sockets.length > 0)).toHaveLength(1);
      expect(workers.map((w) => w.venues[slug].openSockets().length).sort()).toEqual([0, 1]);
    }
    // Scheduled pulls reached the loopback venues (sources without streams are called by
    // scheduled jobs only). Which worker takes a job depends on which polls first, so one
    // worker may well take a whole tick.
    const pulls = workers.map((w) => Object.entries(w.venues).filter(([slug]) => !streamSources.includes(slug)).reduce((n, [, venue]) => n + venue.requests.length, 0));
    expect(pulls[0] + pulls[1]).toBeGreaterThan(0);

    // Stop both (graceful: a running job finishes), so the tables below no longer move.
    expect(await Promise.all(workers.map((w) => stopProcess(w.child)))).toEqual([0, 0]);

    const jobs = await database.db.query<{ name: string; state: string; retry_count: number; singleton_key: string | null; singleton_on: Date | null }>(jobsSql);
    // Scheduled runs only: a stream's period reports (recordStreamPeriod) share the table, stamped
    // started_at = window_from and finished_at = window_to; OKX liquidations have both a stream
    // and a scheduled REST fill-in.
    const runs = await database.db.query<{ source: string; dataset: string; status: string }>(
      'SELECT source, dataset, status FROM ingestion_run WHERE NOT (started_at = window_from AND finished_at = window_to)',
    );
    const table = schedules.map(({ name }) => {
      // pg-boss turns a due schedule into one "send-it" job per queue and minute (the slot),
      // and that job into the queue's job.
      const slots = jobs.filter((j) => j.name === '__pgboss__send-it' && j.singleton_key === name && j.state === 'completed');
      const queued = jobs.filter((j) => j.name === name);
      const [, source, dataset] = name.split('.');
      const ran = runs.filter((r) => r.source === source && r.dataset === dataset);
      return {
        queue: name,
        slots: slots.length,
        distinctSlots: new Set(slots.map((s) => s.singleton_on!.getTime())).size,
        jobs: queued.length,
        // A job still waiting when the workers stopped never ran; every other one ran once.
        completed: queued.filter((j) => j.state === 'completed').length,
        waiting: queued.filter((j) => j.state === 'created').length,
        retried: queued.filter((j) => j.retry_count > 0).length,
        runs: ran.length,
        failedRuns: ran.filter((r) => r.status !== 'SUCCEEDED').length,
      };
    });
    expect(table).toEqual(
      table.map((row) => ({
        ...row,
        distinctSlots: row.slots,
        jobs: row.slots,
        completed: row.jobs - row.waiting,
        waiting: Math.min(row.waiting, 1),
        retried: 0,
        runs: row.completed,
        failedRuns: 0,
      })),
    );
    for (const name of everyMinute) expect(table.find((row) => row.queue === name)!.completed).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
