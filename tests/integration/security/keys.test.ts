import { methodologyVersion } from '../../../src/domains/shared/methodology';
import { createHash } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { cascade, eventually, SecuredServer, startSecuredServer } from './support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Creates a key through the CLI and returns it (the only time it is printed). */
async function createKey(database: TestDatabase, name: string, scopes: string, rate?: number): Promise<string> {
  const result = await cascade(database.url, 'keys', 'create', '--name', name, '--scopes', scopes, ...(rate ? ['--rate', String(rate)] : []));
  expect(result.code).toBe(0);
  // The key line itself: console.log is captured process-wide while the CLI runs, so another
  // line (anything else logging meanwhile) must not become part of the key.
  const keys = result.out.match(/\bcsk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g) ?? [];
  expect(keys).toHaveLength(1);
  return keys[0]!;
}

/** Subscribes over graphql-ws and resolves with the first message or error, or the close code. */
function subscribeOnce(url: string, query: string, connectionParams?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: any; errors?: any[]; closed?: number }> {
  return new Promise((resolve) => {
    class HeaderSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const client = createClient({
      url: url.replace('http:', 'ws:'),
      webSocketImpl: HeaderSocket,
      retryAttempts: 0,
      connectionParams,
      on: { closed: (event) => resolve({ closed: (event as { code: number }).code }) },
    });
    client.subscribe(
      { query },
      {
        next: (value) => {
          resolve({ data: value.data, errors: value.errors as any[] | undefined });
          void client.dispose();
        },
        error: (error) => {
          resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code });
          void client.dispose();
        },
        complete: () => undefined,
      },
    );
  });
}

describe('API keys and scopes', () => {
  let database: TestDatabase;
  let open: SecuredServer;
  let locked: SecuredServer;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    keys.read = await createKey(database, 'reader', 'read', 900);
    keys.stream = await createKey(database, 'streamer', 'stream');
    keys.admin = await createKey(database, 'operator', 'read,admin');
    keys.doomed = await createKey(database, 'doomed', 'read');
    open = await startSecuredServer(database.db, { rateLimits: true, keyPointsPerMinute: 6000, anonymousPointsPerMinute: 6000, keyCacheTtlMs: 100 });
    locked = await startSecuredServer(database.db, { requireKeys: true, rateLimits: true, keyCacheTtlMs: 100 });
  });
  afterAll(async () => {
    await open.stop();
    await locked.stop();
    await database.drop();
  });

  it('prints a new key once and stores only its SHA-256 hash beside a visible prefix', async () => {
    expect(keys.read).toMatch(/^csk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.query<{ prefix: string; hash: string; scopes: string[]; rate_points_per_minute: number | null }>(
      `SELECT prefix, hash, scopes, rate_points_per_minute FROM api_key WHERE name = 'reader'`,
    );
    expect(rows).toEqual([{ prefix: keys.read.slice(4, 12), hash: sha256(keys.read), scopes: ['read'], rate_points_per_minute: 900 }]);
    const stored = JSON.stringify(await database.db.query('SELECT * FROM api_key'));
    for (const key of Object.values(keys)) expect(stored).not.toContain(key.slice(13));
    const listed = await cascade(database.url, 'keys', 'list');
    expect(listed.out).toContain(keys.read.slice(4, 12));
    expect(listed.out).not.toContain(keys.read.slice(13));
  });

  it('tells a caller its key prefix, scopes and budget through `viewer`, by Bearer or x-api-key', async () => {
    const query = '{ viewer { anonymous keyPrefix scopes budgetPerMinute remainingBudget requestCost } }';
    const bearer = await open.post(query, { key: keys.read });
    expect(bearer.status).toBe(200);
    expect(bearer.body.data.viewer).toEqual({ anonymous: false, keyPrefix: keys.read.slice(4, 12), scopes: ['READ'], budgetPerMinute: 900, remainingBudget: 898, requestCost: 2 });
    const header = await open.post(query, { headers: { 'x-api-key': keys.admin } });
    expect(header.body.data.viewer).toMatchObject({ keyPrefix: keys.admin.slice(4, 12), scopes: ['READ', 'ADMIN'], budgetPerMinute: 6000 });
    const anonymous = await open.post(query);
    expect(anonymous.body.data.viewer).toMatchObject({ anonymous: true, keyPrefix: null, scopes: ['READ', 'STREAM', 'ADMIN'], budgetPerMinute: 6000 });
  });

  it('refuses anonymous callers with 401 UNAUTHENTICATED where keys are required', async () => {
    const refused = await locked.post('{ venues { slug } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const allowed = await locked.post('{ venues { slug } }', { key: keys.read });
    expect(allowed.body).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
  });

  it('refuses a malformed, unknown or non-Bearer key with 401 even where keys are optional', async () => {
    const unknown = `csk_zzzzzzzz_${'A'.repeat(43)}`;
    const tampered = keys.read.slice(0, -1) + (keys.read.endsWith('A') ? 'B' : 'A');
    for (const headers of [{ authorization: 'Bearer nope' }, { authorization: `Bearer ${unknown}` }, { authorization: `Bearer ${tampered}` }, { authorization: `Basic ${keys.read}` }]) {
      const reply = await open.post('{ venues { slug } }', { headers });
      expect([reply.status, reply.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(reply.body.data).toBeUndefined();
    }
  });

  it('needs `read` for queries and `admin` for ingestionStatus, answering FORBIDDEN with 403', async () => {
    const noRead = await open.post('{ venues { slug } }', { key: keys.stream });
    // The message too, so a failure says which refusal it was.
    expect([noRead.status, noRead.body.errors[0].extensions, noRead.body.errors[0].message]).toEqual([403, { code: 'FORBIDDEN', requiredScope: 'read' }, expect.any(String)]);
    const noAdmin = await open.post('{ ingestionStatus { source } }', { key: keys.read });
    expect([noAdmin.status, noAdmin.body.errors[0].extensions]).toEqual([403, { code: 'FORBIDDEN', requiredScope: 'admin' }]);
    const admin = await open.post('{ ingestionStatus { source } }', { key: keys.admin });
    expect(admin.body).toEqual({ data: { ingestionStatus: [] }, extensions: { methodologyVersion } });
    // A caller may always ask who it is, whatever its scopes.
    expect((await open.post('{ viewer { scopes } }', { key: keys.stream })).body.data.viewer.scopes).toEqual(['STREAM']);
  });

  it('needs `stream` for subscriptions, with the key in connectionParams or the upgrade headers', async () => {
    const subscription = 'subscription { liquidationOccurred(filter: { venues: ["okx"] }) { id } }';
    const asReader = await subscribeOnce(locked.url, subscription, { authorization: `Bearer ${keys.read}` });
    expect(asReader.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'stream' });
    const viaHeader = await subscribeOnce(locked.url, 'subscription { liquidationOccurred { id } }', undefined, { 'x-api-key': keys.read });
    expect(viaHeader.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await subscribeOnce(locked.url, subscription);
    expect(anonymous.closed).toBe(4401);
    // A stream key is let through: the subscription starts and waits for events (no error, no
    // close). A close the server may send any caller when overloaded (4503: keys could not be
    // checked in time; 4408: connection_init late) is not the answer under test: tried again.
    const transient = /"code":(4503|4408|1011)\b/;
    let outcome: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const client = createClient({ url: locked.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${keys.stream}` } });
      outcome = [];
      const stop = client.subscribe(
        { query: subscription },
        {
          next: () => outcome.push('next'),
          // A close event keeps its code and reason in getters, which JSON.stringify does not see.
          error: (error) => {
            const e = error as { code?: number; reason?: string; message?: string };
            outcome.push(`error ${JSON.stringify(Array.isArray(error) ? error : { code: e.code, reason: e.reason, message: e.message })}`);
          },
          complete: () => outcome.push('complete'),
        },
      );
      // Either the feed starts listening or the subscription ends: whichever comes first is shown.
      await eventually(
        async () =>
          outcome.length > 0 ||
          (await database.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`)).length > 0,
        30_000,
      );
      stop();
      await client.dispose();
      if (!(outcome.length === 1 && transient.test(outcome[0]))) break;
    }
    expect(outcome).toEqual([]);
  });

  it('refuses a revoked key within the key cache TTL, without a restart', async () => {
    expect((await locked.post('{ venues { slug } }', { key: keys.doomed })).status).toBe(200);
    const id = (await database.db.query<{ id: number }>(`SELECT id FROM api_key WHERE name = 'doomed'`))[0].id;
    const revoked = await cascade(database.url, 'keys', 'revoke', String(id));
    expect(revoked.out).toContain(`revoked key ${id} "doomed"`);
    const started = Date.now();
    const reply = await eventually(async () => {
      const attempt = await locked.post('{ venues { slug } }', { key: keys.doomed });
      return attempt.status === 401 ? attempt : undefined;
    }, 5000);
    expect(reply.body.errors[0]).toMatchObject({ message: 'The API key was revoked.', extensions: { code: 'UNAUTHENTICATED' } });
    // TTL 100 ms here (10 s by default): the refresh, not a restart, brought the revocation in.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('serves /metrics only to an admin key where keys are required', async () => {
    const base = locked.url.replace('/graphql', '/metrics');
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { authorization: `Bearer ${keys.read}` } })).status).toBe(403);
    const text = await (await fetch(base, { headers: { authorization: `Bearer ${keys.admin}` } })).text();
    expect(text).toContain('cascade_graphql_errors_total{code="UNAUTHENTICATED"}');
  });
});
