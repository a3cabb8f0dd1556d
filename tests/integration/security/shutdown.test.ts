import http from 'node:http';
import { ChildProcess } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { seedRegistry } from '../liquidations.fixture';
import { eventually, startApiProcess } from './support';

interface Outcome {
  startedAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  answered?: boolean;
}

/** A slow-ish read: 10,000 one-minute buckets, several series, through a pool of three. */
const heavy = JSON.stringify({
  query: '{ timeline(asset: "BTC", from: "2025-10-01T00:00:00Z", to: "2025-10-07T22:40:00Z", interval: M1) { start close openInterestUsd fundingRate8h liquidationsLongUsd } }',
});

/** One request on its own connection (no keep-alive), so "not accepted" shows as a refused connection. */
function request(port: number): Promise<Outcome> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        let answered = false;
        try {
          answered = Array.isArray(JSON.parse(text).data?.timeline);
        } catch {
          answered = false;
        }
        resolve({ startedAt, endedAt: Date.now(), status: res.statusCode, answered });
      });
      res.on('error', (error) => resolve({ startedAt, endedAt: Date.now(), status: res.statusCode, error: error.message }));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ startedAt, endedAt: Date.now(), error: error.code ?? error.message }));
    outgoing.end(heavy);
  });
}

/**
 * SIGTERM to a real API process under load: it stops accepting, finishes every request it was
 * already working on, closes WebSockets with 1001 'server shutting down', and exits in 10 s.
 */
describe('graceful shutdown', () => {
  let database: TestDatabase;
  let api: { child: ChildProcess; url: string };

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await seedRegistry(database.db);
    api = await startApiProcess(database.url, { CASCADE_POOL_SIZE: '3', CASCADE_POOL_CONNECT_TIMEOUT_MS: '60000', CASCADE_ANONYMOUS_POINTS_PER_MINUTE: '1000000000', CASCADE_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await database.drop();
  });

  it('loses no request it accepted and exits within 10 s', async () => {
    const port = Number(new URL(api.url).port);
    let closed: { code: number; reason: string } | undefined;
    const client = createClient({ url: api.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0, on: { closed: (event) => (closed = event as { code: number; reason: string }) } });
    client.subscribe({ query: 'subscription { liquidationOccurred { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await eventually(async () => (await database.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`)).length > 0);

    const outcomes: Outcome[] = [];
    let refused = false;
    const worker = async () => {
      while (!refused) {
        const outcome = await request(port);
        outcomes.push(outcome);
        if (outcome.error === 'ECONNREFUSED') refused = true;
      }
    };
    // Six callers on a pool of three: requests queue, so several are mid-flight at the signal.
    const workers = Array.from({ length: 6 }, worker);
    await eventually(() => outcomes.filter((o) => o.answered).length >= 6, 30_000);

    const exited = new Promise<{ code: number | null; at: number }>((resolve) => api.child.once('exit', (code) => resolve({ code, at: Date.now() })));
    const sigtermAt = Date.now();
    api.child.kill('SIGTERM');
    const exit = await exited;
    refused = true;
    await Promise.all(workers);
    await client.dispose();

    expect(exit.code).toBe(0);
    expect(exit.at - sigtermAt).toBeLessThan(10_000);
    // In flight at the signal (sent well before it, answered after it): every one answered in full.
    const inFlight = outcomes.filter((o) => o.startedAt < sigtermAt - 50 && o.endedAt >= sigtermAt);
    expect(inFlight.length).toBeGreaterThanOrEqual(3);
    expect(inFlight.filter((o) => !(o.status === 200 && o.answered))).toEqual([]);
    // Anything else was either answered in full or never accepted (a refused connection); no 5xx.
    const other = outcomes.filter((o) => !(o.status === 200 && o.answered));
    expect(other.filter((o) => o.startedAt < sigtermAt - 50)).toEqual([]);
    expect(other.filter((o) => o.status !== undefined)).toEqual([]);
    expect(closed).toMatchObject({ code: 1001, reason: 'server shutting down' });
    console.log(`shutdown: ${inFlight.length} requests in flight finished, exit after ${exit.at - sigtermAt} ms, not accepted: ${JSON.stringify(other.map((o) => o.error))}`);
  }, 90_000);

  it('exits at once on SIGTERM when nothing is in flight, even after serving (no wait for the drain grace)', async () => {
    // The same anonymous budget as the first test's process: budgets are shared across processes
    // (the caller's spend this minute is read from the database), and that test spent far more
    // than the default anonymous allowance from this address.
    const idle = await startApiProcess(database.url, { CASCADE_ANONYMOUS_POINTS_PER_MINUTE: '1000000000', CASCADE_LOG_LEVEL: 'silent' });
    const reply = await fetch(idle.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ venues { slug } }' }) });
    expect(reply.status).toBe(200);
    await reply.text();
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => idle.child.once('exit', (code) => resolve({ code, at: Date.now() })));
    const sigtermAt = Date.now();
    idle.child.kill('SIGTERM');
    const exit = await exited;
    expect(exit.code).toBe(0);
    // The drain grace is 8 s and the forced exit 10 s: an idle server must not sit them out.
    expect(exit.at - sigtermAt).toBeLessThan(5000);
  }, 60_000);
});
