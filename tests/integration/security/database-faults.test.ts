import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect, runMigrations } from '../../../src/db/data-source';
import { ownCluster } from '../../support/own-cluster';
import { Db } from '../../../src/db/sql';
import { insertLiquidations } from '../../../src/domains/liquidations/liquidation.writer';
import { FixtureIds, seedRegistry, toRow } from '../liquidations.fixture';
import { eventually, postTo, SecuredServer, startSecuredServer } from './support';

interface Outcome {
  at: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter: string | null;
}

const page = '{ liquidations(first: 5) { edges { node { id } } } }';


/** Six callers in a loop until told to stop; every answer is kept. */
function startLoad(url: string) {
  const outcomes: Outcome[] = [];
  let running = true;
  const worker = async () => {
    while (running) {
      const started = Date.now();
      try {
        const reply = await postTo(url, page);
        outcomes.push({ at: started, ms: Date.now() - started, status: reply.status, code: reply.body?.errors?.[0]?.extensions?.code, retryAfter: reply.headers.get('retry-after') });
      } catch (error) {
        outcomes.push({ at: started, ms: Date.now() - started, status: 0, code: (error as Error).message, retryAfter: null });
      }
    }
  };
  const workers = Array.from({ length: 6 }, worker);
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/**
 * Postgres stopped and started again under load, on the test's own embedded cluster (never the
 * shared one): requests fail fast with a coded 503, readiness turns false, and the same
 * Cascade server — no restart — serves again within seconds, its live feed listening again.
 */
describe('a database that goes away and comes back', () => {
  const dataDir = path.join(os.tmpdir(), `cascade-fault-pg-${randomBytes(4).toString('hex')}`);
  let cluster: Awaited<ReturnType<typeof ownCluster>>;
  let db: Db;
  let server: SecuredServer;
  let ids: FixtureIds;

  beforeAll(async () => {
    cluster = await ownCluster(dataDir);
    await runMigrations(cluster.url);
    db = connect(cluster.url, { max: 4, connectionTimeoutMs: 1000 });
    ids = await seedRegistry(db);
    server = await startSecuredServer(db, { rateLimits: true, anonymousPointsPerMinute: 1_000_000_000, rateSyncMs: 100 });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.pool.end().catch(() => undefined);
    await cluster?.exit();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 SERVICE_UNAVAILABLE while it is away and recovers by itself within 10 s', async () => {
    const readyz = () => fetch(server.url.replace('/graphql', '/readyz')).then((r) => r.status);
    const received: string[] = [];
    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const unsubscribe = client.subscribe<{ liquidationOccurred: { id: string } }>(
      { query: 'subscription { liquidationOccurred { id } }' },
      { next: (r) => r.data && received.push(r.data.liquidationOccurred.id), error: () => undefined, complete: () => undefined },
    );
    const feedListening = async () =>
      (await db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed'`).catch(() => [])).length > 0;
    await eventually(feedListening);

    const load = startLoad(server.url);
    let recoveredMs = 0;
    try {
      await eventually(() => load.outcomes.filter((o) => o.status === 200).length >= 20);
      const stoppedAt = Date.now();
      await cluster.stop();
      await eventually(async () => (await readyz()) === 503 && load.outcomes.filter((o) => o.at > stoppedAt && o.status === 503).length >= 20, 15_000).catch((error) => {
        const seen = load.outcomes.filter((o) => o.at > stoppedAt).map((o) => `${o.status} ${o.code} ${o.ms}ms`);
        throw new Error(`${(error as Error).message}; answers since the stop: ${[...new Set(seen)].slice(0, 20).join(', ')}`);
      });

      await cluster.start();
      const upAt = Date.now();
      await eventually(() => load.outcomes.some((o) => o.at >= upAt && o.status === 200), 10_000);
      await eventually(async () => (await readyz()) === 200, 10_000);
      recoveredMs = Date.now() - upAt;
      expect(recoveredMs).toBeLessThan(10_000);

      // The live feed re-opened its LISTEN connection by itself: a new row reaches the subscriber.
      await eventually(feedListening, 10_000);
      const writer = connect(cluster.url, { max: 1 });
      try {
        const [row] = await insertLiquidations(writer, [toRow(ids, { asset: 'BTC', venue: 'okx', side: 'LONG', notionalUsd: 500, at: new Date('2025-10-10T21:00:00Z'), key: 'after-outage' }, 0)]);
        await eventually(() => received.includes(String(row.id)), 10_000);
      } finally {
        await writer.pool.end();
      }
    } finally {
      await load.stop();
      unsubscribe();
      await client.dispose();
    }

    const unavailable = load.outcomes.filter((o) => o.status !== 200);
    // Nothing but 200 or a coded 503 with Retry-After; no 500, no dropped connection.
    expect(unavailable.filter((o) => !(o.status === 503 && o.code === 'SERVICE_UNAVAILABLE' && o.retryAfter === '2'))).toEqual([]);
    expect(unavailable.length).toBeGreaterThanOrEqual(20);
    // Fast failure: a caller waits about the pool's connection timeout (1 s here), never the
    // statement timeout (15 s); the margin is for a loaded 2-core machine, not for the server.
    const slowest = Math.max(...unavailable.map((o) => o.ms));
    expect(slowest).toBeLessThan(7500);
    console.log(`outage: ${unavailable.length} coded 503s, slowest ${slowest} ms; recovered ${recoveredMs} ms after Postgres was back`);
  }, 90_000);
});
