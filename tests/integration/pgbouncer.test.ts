import { ChildProcess, spawn } from 'node:child_process';
import { Client as GraphqlWsClient, createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { connect, createPool } from '../../src/db/data-source';
import { createDb } from '../../src/db/sql';
import { builtEntry } from '../support/built';
import { pushLiquidationsUntil, startLoopbackVenues } from '../support/loopback-venues';
import { pg15Missing, Pg15Pair, pgbouncerMissing, startPgbouncer, startPrimaryAndStandby } from '../support/pg15-cluster';
import { eventually, postTo, startApiProcess, stopApiProcess } from './security/support';

/**
 * Cascade behind PgBouncer 1.18 (Debian's) in transaction mode, in front of a PostgreSQL 15
 * primary and its streaming standby: two API processes and a worker from the build with
 * CASCADE_DB_POOLER=transaction, their pools through PgBouncer, and what needs a session of its
 * own (migrations, LISTEN, advisory locks, pg-boss) on DATABASE_DIRECT_URL. PgBouncer keeps two
 * server connections per database and role, so every process's statements share them.
 */
const missing = pg15Missing() ?? pgbouncerMissing();
const suite = missing ? describe.skip : describe;
if (missing) {
  describe('Cascade behind PgBouncer in transaction mode', () => {
    it.skip(`skipped: ${missing}`, () => undefined);
  });
}

const statementTimeout = '15s';

suite('Cascade behind PgBouncer 1.18 in transaction mode (two APIs, a worker, primary and standby)', () => {
  let pair: Pg15Pair;
  let bouncer: Awaited<ReturnType<typeof startPgbouncer>>;
  let venues: Awaited<ReturnType<typeof startLoopbackVenues>>;
  const apis: Array<{ child: ChildProcess; url: string; output: () => string }> = [];
  let worker: { child: ChildProcess; output: () => string };
  const clients: GraphqlWsClient[] = [];
  const urls = () => ({
    pooled: bouncer.url('cascade', 'cascade'),
    pooledRead: bouncer.url('cascade_reader', 'cascade_read'),
    direct: `postgres://cascade@127.0.0.1:${pair.primary.port}/cascade`,
  });
  const pooledEnv = () => ({ DATABASE_URL: urls().pooled, DATABASE_READ_URL: urls().pooledRead, DATABASE_DIRECT_URL: urls().direct, CASCADE_DB_POOLER: 'transaction' });
  /** The PgBouncer console's SHOW CLIENTS: who is connected through the pooler. */
  const pooledClients = async () => {
    const admin = new Client({ connectionString: bouncer.url('postgres', 'pgbouncer') });
    await admin.connect();
    try {
      return (await admin.query<{ application_name: string; user: string; database: string }>('SHOW CLIENTS')).rows;
    } finally {
      await admin.end();
    }
  };

  beforeAll(async () => {
    pair = await startPrimaryAndStandby();
    // The owner role writes and migrates; the reader reads the standby. Behind the pooler their
    // settings come from the roles, not from the connection (PgBouncer 1.18 refuses them there).
    await pair.query(
      pair.primary,
      `CREATE ROLE cascade LOGIN; ALTER DATABASE cascade OWNER TO cascade;
       CREATE ROLE cascade_reader LOGIN IN ROLE pg_read_all_data;
       ALTER ROLE cascade SET statement_timeout = '${statementTimeout}';
       ALTER ROLE cascade_reader SET statement_timeout = '${statementTimeout}';
       ALTER ROLE cascade_reader SET plan_cache_mode = force_generic_plan`,
      [],
      'postgres',
    );
    bouncer = await startPgbouncer(pair.dir, {
      databases: {
        cascade: `host=127.0.0.1 port=${pair.primary.port} dbname=cascade`,
        cascade_read: `host=127.0.0.1 port=${pair.standby.port} dbname=cascade`,
      },
      users: ['cascade', 'cascade_reader', 'postgres'],
      poolSize: 2,
    });
    builtEntry('src/main.js');
    venues = await startLoopbackVenues();
    // No per-minute budgets: the last test times a few hundred requests (a private benchmark).
    const common = { CASCADE_REGISTRY_TTL_MS: '0', CASCADE_POOL_SIZE: '4', CASCADE_RATE_LIMITS: '0' };
    apis.push(...(await Promise.all([startApiProcess(urls().pooled, { ...common, ...pooledEnv() }), startApiProcess(urls().pooled, { ...common, ...pooledEnv() })])));
    worker = await new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...common, ...pooledEnv(), ...venues.env, CASCADE_LOG_LEVEL: 'info', CASCADE_SCHEDULE_CHECK_SECONDS: '1' };
      delete env.CASCADE_GLASSNODE_API_KEY;
      const child = spawn(process.execPath, [builtEntry('src/worker.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"msg":"ingestion worker started"')) resolve({ child, output: () => output });
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
    });
    await pair.caughtUp();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all([...apis.map((api) => stopApiProcess(api.child)), worker && stopApiProcess(worker.child)]);
    await venues?.stop();
    await bouncer?.stop();
    await pair?.destroy();
  }, 60_000);

  it("refuses Cascade's default connections, which is why the pooler setting exists", async () => {
    // Without CASCADE_DB_POOLER the read pool sends plan_cache_mode as `options`, and every
    // pool its statement_timeout, at connect: PgBouncer 1.18 closes such connections.
    const reads = connect(urls().pooledRead, { genericPlans: true, max: 1 });
    const writes = connect(urls().pooled, { max: 1 });
    const planMode = new Client({ connectionString: urls().pooledRead, options: '-c plan_cache_mode=force_generic_plan' });
    try {
      await expect(reads.query('SELECT 1')).rejects.toThrow(/unsupported startup parameter: (options|statement_timeout)/);
      await expect(writes.query('SELECT 1')).rejects.toThrow(/unsupported startup parameter: statement_timeout/);
      await expect(planMode.connect()).rejects.toThrow(/unsupported startup parameter: options/);
    } finally {
      await Promise.all([reads.pool.end(), writes.pool.end(), planMode.end().catch(() => undefined)]);
    }
    // And statements named on one server connection are unknown on the next (or already exist).
    const named = createDb(createPool(urls().pooledRead, { pooler: 'transaction', max: 6 }), { prepare: true }).prepared!();
    const failures: string[] = [];
    try {
      for (let round = 0; round < 30 && failures.length === 0; round += 1) {
        await Promise.all(
          Array.from({ length: 6 }, (_, i) => named.query('SELECT count(*) FROM venue WHERE id > $1', [i]).catch((error: Error) => void failures.push(error.message))),
        );
      }
    } finally {
      await named.pool.end();
    }
    expect(failures.join('\n')).toMatch(/prepared statement "cascade_\w+" (does not exist|already exists)/);
  }, 60_000);

  it('gives the roles their settings through the pooler (ALTER ROLE … SET)', async () => {
    const reader = new Client({ connectionString: urls().pooledRead });
    await reader.connect();
    try {
      const { rows } = await reader.query(`SELECT current_setting('plan_cache_mode') AS plan, current_setting('statement_timeout') AS timeout, pg_is_in_recovery() AS standby`);
      expect(rows).toEqual([{ plan: 'force_generic_plan', timeout: statementTimeout, standby: true }]);
    } finally {
      await reader.end();
    }
  });

  it('keeps LISTEN, the advisory locks, migrations and pg-boss on direct connections', async () => {
    // A subscription on each API opens that process's LISTEN connection.
    for (const api of apis) {
      const client = createClient({ url: api.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      client.subscribe({ query: 'subscription { liquidationOccurred { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    }
    const sessions = async () =>
      pair.query<{ app: string; query: string; locks: number }>(
        pair.primary,
        `SELECT a.application_name AS app, a.query, (SELECT count(*)::int FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted) AS locks
         FROM pg_stat_activity a WHERE a.datname = 'cascade' AND a.application_name LIKE 'cascade%'`,
      );
    await eventually(async () => (await sessions()).filter((s) => s.app === 'cascade-liquidation-feed' && s.query.startsWith('LISTEN')).length === 2, 15_000, 50);
    // The worker leads the venue streams under session advisory locks.
    await eventually(async () => (await sessions()).filter((s) => s.app.startsWith('cascade-stream-') && s.locks === 1).length >= 4, 30_000, 100);
    // A read on each API, so their read pools hold connections through the pooler.
    for (const api of apis) expect((await postTo(api.url, '{ venues { slug } }')).status).toBe(200);
    const pooled = await pooledClients();
    const throughPooler = new Set(pooled.map((c) => c.application_name));
    expect([...throughPooler]).toEqual(expect.arrayContaining(['cascade-api-read', 'cascade-worker']));
    for (const app of throughPooler) expect(app).not.toMatch(/^cascade-(liquidation-feed|stream-|migration-lock|pgboss)/);
    // pg-boss works on the primary itself.
    expect((await sessions()).some((s) => s.app === 'cascade-pgboss')).toBe(true);
    // Migrations were applied once, by one process, on the primary.
    expect(worker.output() + apis.map((api) => api.output()).join('')).not.toMatch(/duplicate key|failed to start/);
    const [{ migrated }] = await pair.query<{ migrated: number }>(pair.primary, 'SELECT count(DISTINCT name)::int - count(*)::int AS migrated FROM cascade_migrations');
    expect(migrated).toBe(0);
  }, 60_000);

  it('serves requests on both APIs through the pooler with reads on the standby, and live events the worker ingests', async () => {
    const queries = ['{ venues { slug name } }', '{ liquidations(first: 20) { edges { node { id } } } }', '{ assets { symbol } }'];
    const statuses = new Map<string, number>();
    for (let i = 0; i < 90; i += 1) {
      const reply = await postTo(apis[i % 2].url, queries[i % queries.length]);
      const key = `${reply.status} ${reply.body?.errors ? JSON.stringify(reply.body.errors) : 'ok'}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ '200 ok': 90 });
    for (const api of apis) {
      const scraped = await (await fetch(api.url.replace('/graphql', '/metrics'))).text();
      expect(scraped).toMatch(/cascade_db_reads_total\{target="standby"\} [1-9]/);
      expect(scraped).toMatch(/cascade_db_reads_total\{target="primary"\} 0/);
      const ready = await (await fetch(api.url.replace('/graphql', '/readyz'))).json();
      expect(ready).toMatchObject({ ready: true, replication: { readsFrom: 'standby', standbyReachable: true } });
    }

    // The worker's Binance stream writes through the pooler; the NOTIFY reaches both APIs' direct LISTEN.
    const received: string[][] = [[], []];
    apis.forEach((api, i) => {
      const client = createClient({ url: api.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      client.subscribe<{ liquidationOccurred: { id: string } }>(
        { query: 'subscription { liquidationOccurred { id } }' },
        { next: (r) => void (r.data && received[i].push(r.data.liquidationOccurred.id)), error: () => undefined, complete: () => undefined },
      );
    });
    const binance = venues.venues.binance;
    await eventually(() => binance.openSockets().length > 0, 30_000, 50);
    await pushLiquidationsUntil(binance, () => received.every((ids) => ids.length > 0), undefined, 40_000);
    const [{ stored }] = await pair.query<{ stored: number }>(pair.primary, 'SELECT count(*)::int AS stored FROM liquidation');
    expect(stored).toBeGreaterThan(0);
  }, 90_000);

  it('costs a measured overhead per request and per statement (logged for docs/scaling.md)', async () => {
    // The same API build straight on the primary and the standby, for comparison.
    const direct = await startApiProcess(urls().direct, { CASCADE_REGISTRY_TTL_MS: '0', CASCADE_POOL_SIZE: '4', CASCADE_RATE_LIMITS: '0', DATABASE_READ_URL: `postgres://cascade_reader@127.0.0.1:${pair.standby.port}/cascade` });
    apis.push(direct);
    const query = '{ liquidations(first: 20) { edges { node { id } } } venues { slug } }';
    const timings: Record<'pooled' | 'direct', number[]> = { pooled: [], direct: [] };
    const time = async (kind: 'pooled' | 'direct', url: string) => {
      const started = process.hrtime.bigint();
      const reply = await postTo(url, query);
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      expect([reply.status, reply.body.errors]).toEqual([200, undefined]);
    };
    for (let i = 0; i < 50; i += 1) await Promise.all([time('pooled', apis[0].url), time('direct', direct.url)]);
    timings.pooled.length = timings.direct.length = 0;
    // Interleaved, one at a time, so both see the same machine.
    for (let i = 0; i < 400; i += 1) {
      await time('pooled', apis[0].url);
      await time('direct', direct.url);
    }
    // One statement as the read pool sends it, through the pooler (unnamed) and directly (named).
    const statementTimes = async (db: ReturnType<typeof connect>, rounds: number) => {
      const times: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const started = process.hrtime.bigint();
        await db.query('SELECT id, name FROM venue WHERE slug = $1', ['okx']);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return times;
    };
    const pooledDb = connect(urls().pooledRead, { pooler: 'transaction', max: 1 });
    const directDb = connect(`postgres://cascade_reader@127.0.0.1:${pair.standby.port}/cascade`, { max: 1, genericPlans: true }).prepared!();
    let statements: Record<string, number[]>;
    try {
      await statementTimes(pooledDb, 200);
      await statementTimes(directDb, 200);
      statements = { pooled: await statementTimes(pooledDb, 2000), direct: await statementTimes(directDb, 2000) };
    } finally {
      await Promise.all([pooledDb.pool.end(), directDb.pool.end()]);
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return { n: values.length, meanMs: +(values.reduce((a, b) => a + b, 0) / values.length).toFixed(3), p50Ms: +at(0.5).toFixed(3), p95Ms: +at(0.95).toFixed(3) };
    };
    const report = {
      request: { pooled: summary(timings.pooled), direct: summary(timings.direct) },
      statement: { pooled: summary(statements.pooled), direct: summary(statements.direct) },
    };
    console.log(`pooler overhead: ${JSON.stringify(report)}`);
    expect(report.request.pooled.n).toBe(400);
  }, 120_000);
});
