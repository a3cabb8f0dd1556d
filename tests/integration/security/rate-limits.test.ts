import { ChildProcess } from 'node:child_process';
import { createApiKey } from '../../../src/domains/keys/key.service';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { eventually, postTo, SecuredServer, startApiProcess, startSecuredServer, stopApiProcess } from './support';

/** 10 (root field) + the venue list of 50 = 60 objects: 6 points. */
const venues = '{ venues { slug } }';
/** A page sized by a variable: 10 + 1 + first × 1.25 (edges) + first × 1.5 (nodes) objects. */
const page = 'query Page($first: Int) { liquidations(first: $first) { edges { node { id } } } }';
const pageCost = (first: number) => Math.ceil((10 + 1 + first * 1.25 + first * 1.5) / 10);

/** Inside one minute for the whole test: budgets never roll over under it. */
const pinnedMinute = () => Date.parse('2025-10-10T21:00:20Z');

describe('cost-weighted budgets', () => {
  let database: TestDatabase;
  let server: SecuredServer;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    key = (await createApiKey(database.db, { name: 'small', scopes: ['read'], ratePointsPerMinute: 30 })).key;
    server = await startSecuredServer(database.db, { rateLimits: true, anonymousPointsPerMinute: 20, now: pinnedMinute, trustProxy: 'loopback' }, { maxQueryCost: 100 });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('charges what the operation costs with its variables, and says so in RateLimit-* headers', async () => {
    const caller = { 'x-forwarded-for': '198.51.100.7' };
    const small = await server.post(page, { variables: { first: 2 }, headers: caller });
    expect(small.status).toBe(200);
    expect(pageCost(2)).toBe(2);
    expect([small.headers.get('ratelimit-limit'), small.headers.get('ratelimit-remaining'), small.headers.get('ratelimit-reset')]).toEqual(['20', '18', '40']);
    const larger = await server.post(page, { variables: { first: 40 }, headers: caller });
    expect(pageCost(40)).toBe(13);
    expect(larger.headers.get('ratelimit-remaining')).toBe('5');
  });

  it('answers an operation over the budget with 429, Retry-After and the cost and budget left', async () => {
    for (const remaining of ['24', '18', '12', '6']) expect((await server.post(venues, { key })).headers.get('ratelimit-remaining')).toBe(remaining);
    const refused = await server.post(page, { key, variables: { first: 40 } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.headers.get('ratelimit-remaining')).toBe('6');
    expect(refused.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', cost: 13, remaining: 6, budgetPerMinute: 30, retryAfterSeconds: 40 });
    // A refused operation costs nothing: what was left still buys a cheaper one.
    expect((await server.post(venues, { key })).headers.get('ratelimit-remaining')).toBe('0');
    // Spent: refused before its body is even parsed.
    const again = await server.post('{ __typename }', { key });
    expect([again.status, again.body.errors[0].extensions.code, again.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', '40']);
  });

  it('refuses an operation dearer than the bound, or than the whole budget, as QUERY_TOO_COMPLEX', async () => {
    const bound = await server.post(page, { variables: { first: 500 }, headers: { 'x-forwarded-for': '198.51.100.8' } });
    expect(bound.status).toBe(400);
    expect(bound.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: pageCost(500), maxCost: 100 });
    const whole = await server.post(page, { variables: { first: 80 }, headers: { 'x-forwarded-for': '198.51.100.8' } });
    expect(whole.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: pageCost(80), budgetPerMinute: 20 });
  });

  it('keeps one budget per client address, named by X-Forwarded-For only through trusted proxies', async () => {
    const spend = (address: string) => server.post(venues, { headers: { 'x-forwarded-for': address } });
    for (const remaining of ['14', '8', '2']) expect((await spend('203.0.113.1')).headers.get('ratelimit-remaining')).toBe(remaining);
    expect((await spend('203.0.113.1')).status).toBe(429);
    expect((await spend('203.0.113.2')).headers.get('ratelimit-remaining')).toBe('14');
    // IPv6 callers share a budget per /64.
    expect((await spend('2001:db8:1:2::a')).headers.get('ratelimit-remaining')).toBe('14');
    expect((await spend('2001:db8:1:2:ffff::b')).headers.get('ratelimit-remaining')).toBe('8');
    // Without CASCADE_TRUST_PROXY the header is the caller's own claim and changes nothing.
    const untrusting = await startSecuredServer(database.db, { rateLimits: true, anonymousPointsPerMinute: 20, now: pinnedMinute });
    try {
      expect((await untrusting.post(venues, { headers: { 'x-forwarded-for': '203.0.113.9' } })).headers.get('ratelimit-remaining')).toBe('14');
      expect((await untrusting.post(venues, { headers: { 'x-forwarded-for': '203.0.113.10' } })).headers.get('ratelimit-remaining')).toBe('8');
    } finally {
      await untrusting.stop();
    }
  });

  it('makes an address pay for every unknown key it tries', async () => {
    const guess = (n: number) => server.post(venues, { key: `csk_${String(n).padStart(8, '0')}_${'x'.repeat(43)}`, headers: { 'x-forwarded-for': '192.0.2.50' } });
    expect((await guess(1)).status).toBe(401);
    expect((await guess(2)).status).toBe(401);
    // 20 points, 10 per failed key: the third guess is refused before any lookup.
    const third = await guess(3);
    expect([third.status, third.body.errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
  });
});

/** Waits (polling) until the current minute has at least `ms` left, so a scenario fits in one window. */
async function freshWindow(ms: number): Promise<void> {
  await eventually(() => 60_000 - (Date.now() % 60_000) >= ms, 61_000, 100);
}

describe('budgets shared by two API processes on one database', () => {
  let database: TestDatabase;
  let local: SecuredServer;
  let remote: { child: ChildProcess; url: string };
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    key = (await createApiKey(database.db, { name: 'shared', scopes: ['read'], ratePointsPerMinute: 100 })).key;
    local = await startSecuredServer(database.db, { rateLimits: true, rateSyncMs: 100 });
    // A real second OS process: nothing in memory is shared, only the database.
    remote = await startApiProcess(database.url, { CASCADE_RATE_SYNC_MS: '100', CASCADE_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    if (remote) await stopApiProcess(remote.child);
    await local.stop();
    await database.drop();
  });

  it("counts one process's spend against the other's callers within a reconciliation", async () => {
    await freshWindow(25_000);
    for (let i = 0; i < 10; i += 1) expect((await local.post(venues, { key })).status).toBe(200);
    let polls = 0;
    // The remote process learns of the 60 points at its next reconciliation (100 ms here).
    await eventually(async () => {
      polls += 1;
      const reply = await postTo(remote.url, '{ __typename }', { key });
      return Number(reply.headers.get('ratelimit-remaining')) <= 40;
    }, 5000, 50);
    const dear = await postTo(remote.url, page, { key, variables: { first: 150 } });
    expect(pageCost(150)).toBe(43);
    expect([dear.status, dear.body.errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
    // Both processes' spend ends up in one row: 60 here, one point per poll there.
    const usage = await eventually(async () => {
      const rows = await database.db.query<{ points: number }>(`SELECT points FROM rate_limit_usage WHERE bucket_key = 'key:' || (SELECT id FROM api_key WHERE name = 'shared')`);
      return rows.length === 1 && rows[0].points === 60 + polls ? rows : undefined;
    });
    expect(usage).toEqual([{ points: 60 + polls }]);
  });
});

describe('two API processes on one database: the budget plus the stated overshoot, never more', () => {
  const syncMs = 100;
  let database: TestDatabase;
  let first: SecuredServer;
  let second: SecuredServer;

  const keyWithBudget = async (name: string, points: number) => {
    const { key, record } = await createApiKey(database.db, { name, scopes: ['read'], ratePointsPerMinute: points });
    return { key, id: record.id };
  };
  const sharedTotal = async (id: number) =>
    Number((await database.db.query<{ points: string }>(`SELECT points FROM rate_limit_usage WHERE bucket_key = $1`, [`key:${id}`]))[0]?.points ?? 0);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    // Two servers with nothing in memory shared, one clock pinned inside one minute.
    first = await startSecuredServer(database.db, { rateLimits: true, rateSyncMs: syncMs, now: pinnedMinute });
    second = await startSecuredServer(database.db, { rateLimits: true, rateSyncMs: syncMs, now: pinnedMinute });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await database.drop();
  });

  it('a process seeing a caller for the first time this minute starts from what the other spent', async () => {
    const { key, id } = await keyWithBudget('late-second-process', 100);
    for (let i = 0; i < 16; i += 1) expect((await first.post(venues, { key })).status).toBe(200);
    await eventually(async () => (await sharedTotal(id)) === 96);
    // Nothing of the first process's spend is unsent: the bound is zero, 4 points are left.
    const dear = await second.post(venues, { key });
    expect([dear.status, dear.body.errors[0].extensions.code, dear.headers.get('ratelimit-remaining')]).toEqual([429, 'RATE_LIMITED', '4']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await second.post('{ __typename }', { key })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    await eventually(async () => (await sharedTotal(id)) === 100);
  });

  it('two processes spending at once overshoot by at most what the other admitted in two reconciliation periods', async () => {
    const budget = 100;
    const { key, id } = await keyWithBudget('both-at-once', budget);
    const admittedAt: number[][] = [[], []];
    const until = Date.now() + 1500;
    await Promise.all(
      [first, second].map(async (server, index) => {
        while (Date.now() < until) {
          const reply = await server.post('{ __typename }', { key });
          if (reply.status === 200) admittedAt[index].push(Date.now());
          else expect(reply.status).toBe(429);
        }
      }),
    );
    const admitted = admittedAt[0].length + admittedAt[1].length;
    // docs/security.md: a process's view of the other is at most one reconciliation old, so the
    // overshoot is at most what the other admitted in two periods (plus a round trip, and a
    // timer's lateness on a loaded machine).
    const span = 2 * syncMs + 100;
    const mostInSpan = (times: number[]) => Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + span).length));
    const bound = Math.max(mostInSpan(admittedAt[0]), mostInSpan(admittedAt[1]));
    expect(admitted).toBeGreaterThanOrEqual(budget);
    expect(admitted).toBeLessThanOrEqual(budget + bound);
    // Every admitted point is in the shared row: each process's spend reached the other.
    await eventually(async () => (await sharedTotal(id)) === admitted);
  });
});
