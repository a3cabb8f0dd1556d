import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { parseTrustedDocuments } from '../../../src/app/trusted-documents';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { SecuredServer, startSecuredServer } from './support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const venues = '{ venues { slug } }';
const liveLiquidations = 'subscription { liquidationOccurred { id } }';

/** What a graphql-ws subscribe answers first: its data, or the errors of an `error` message. */
function subscribeOnce(url: string, payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> }): Promise<{ data?: unknown; errors?: any[] }> {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  return new Promise<{ data?: unknown; errors?: any[] }>((resolve) => {
    const unsubscribe = client.subscribe(payload, {
      next: (result) => {
        unsubscribe();
        resolve(result as { data?: unknown; errors?: any[] });
      },
      error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
      complete: () => resolve({}),
    });
  }).finally(() => client.dispose());
}

/** The first message a graphql-ws server answers to a `subscribe` written out as text (JSON no client could stringify). */
function subscribeRaw(url: string, subscribeText: string): Promise<{ type: string; payload?: any }> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  return new Promise<{ type: string; payload?: any }>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') socket.send(subscribeText);
      else resolve(message);
    });
    socket.on('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
  }).finally(() => socket.close());
}

/** 30 aliases of an hourly timeline 9,960 buckets long. */
const thirtyTimelines = (interval: string) =>
  Array.from({ length: 30 }, (_, i) => `t${i}: timeline(asset: "BTC", from: "2025-01-01T00:00:00Z", to: "2026-02-20T00:00:00Z", interval: ${interval}) { start }`).join(' ');

describe('the checks every operation passes on entry, over HTTP and WebSocket alike', () => {
  let database: TestDatabase;
  let server: SecuredServer;
  let trusted: SecuredServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    server = await startSecuredServer(database.db, {}, { maxQueryCost: 100 });
    trusted = await startSecuredServer(database.db, {}, { trustedDocuments: parseTrustedDocuments(JSON.stringify({ [sha256(venues)]: venues, [sha256(liveLiquidations)]: liveLiquidations })) });
  });
  afterAll(async () => {
    await Promise.all([server.stop(), trusted.stop()]);
    await database.drop();
  });

  it('costs an operation with its variables’ defaults as if they were written out', async () => {
    const written = await server.post(`{ ${thirtyTimelines('H1')} }`);
    const defaulted = await server.post(`query ($i: Interval = H1) { ${thirtyTimelines('$i')} }`);
    expect(written.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 29_910, maxCost: 100 });
    expect([defaulted.status, defaulted.body.errors[0].extensions]).toEqual([400, written.body.errors[0].extensions]);

    const page = await server.post('{ liquidations(first: 500) { edges { node { id } } } }');
    const pageDefaulted = await server.post('query ($n: Int = 500) { liquidations(first: $n) { edges { node { id } } } }');
    expect(page.body.errors[0].extensions.cost).toBe(Math.ceil((10 + 1 + 500 * 1.25 + 500 * 1.5) / 10));
    expect(pageDefaulted.body.errors[0].extensions).toEqual(page.body.errors[0].extensions);
  });

  it('runs only manifest documents over WebSocket in trusted-documents mode', async () => {
    const untrusted = await subscribeOnce(trusted.url, { query: 'subscription { liquidationOccurred { id side } }' });
    expect(untrusted.errors?.[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
    const byHashOnly = await subscribeOnce(trusted.url, { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: sha256(venues) } } });
    expect([byHashOnly.data, byHashOnly.errors]).toEqual([{ venues: [{ slug: 'okx' }] }, undefined]);
  });

  it('refuses a document over 64 KiB before parsing it: 413 over HTTP, an error message over WebSocket', async () => {
    const padded = `${venues}\n${'# padding\n'.repeat(7_000)}`;
    const overHttp = await server.post(padded);
    expect([overHttp.status, overHttp.body.errors[0].extensions.code]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
    const overWs = await subscribeOnce(server.url, { query: padded });
    expect(overWs.errors?.[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
    // Under the limit, comments and all, it runs.
    const under = await server.post(`${venues}\n${'# padding\n'.repeat(6_000)}`);
    expect([under.status, under.body.data]).toEqual([200, { venues: [{ slug: 'okx' }] }]);
  });

  it('keeps 300 distinct comment-padded documents within the prepared-operation cache’s byte bound (plus 16 MB), after a forced GC', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const cacheBytes = 2 * 1024 * 1024;
    const bounded = await startSecuredServer(database.db, {}, { preparedCache: { maxBytes: cacheBytes } });
    try {
      const padded = (i: number) => `# document ${i}\n${'# padding padding padding padding padding padding padding padding\n'.repeat(900)}{ viewer { anonymous } }`;
      expect(Buffer.byteLength(padded(0))).toBeGreaterThan(58_000);
      await bounded.post(padded(-1));
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 300; i++) {
        // Twice: the repeat is answered by the fast path from the same prepared operation.
        for (let time = 0; time < 2; time++) {
          const reply = await bounded.post(padded(i));
          expect([reply.status, reply.body.data]).toEqual([200, { viewer: { anonymous: true } }]);
        }
      }
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      // 300 × 58 KB = 17 MB of text was sent; kept, it alone would be over the bound.
      expect(grown).toBeLessThan(cacheBytes + 16 * 1024 * 1024);
    } finally {
      await bounded.stop();
    }
  });

  // Each is sent twice: a repeated document may take the fast path (fast-path.ts), which must answer alike.
  const sendTwice = async (query: string, variables?: Record<string, unknown>) => [await server.post(query, { variables }), await server.post(query, { variables })];

  it('coerces an operation’s defaults before graphql-jit runs it', async () => {
    for (const reply of await sendTwice('query ($from: DateTime = "2025-01-01T00:00:00Z") { liquidationTotalsByVenue(from: $from, to: "2025-01-02T00:00:00Z") { count } }')) {
      expect([reply.status, reply.body.errors]).toEqual([200, undefined]);
    }
  });

  it('refuses a subscription sent over HTTP with 400 BAD_REQUEST', async () => {
    for (const reply of await sendTwice(liveLiquidations)) {
      expect([reply.status, reply.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
      expect(reply.body.errors[0].message).toMatch(/WebSocket/);
    }
  });

  it('refuses an object as a DateTime variable with BAD_USER_INPUT', async () => {
    for (const reply of await sendTwice('query ($from: DateTime!) { liquidationTotalsByVenue(from: $from) { count } }', { from: { toString: 1 } })) {
      expect([reply.status, reply.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    }
  });

  it('refuses the same variables over WebSocket as over HTTP, with the same codes', async () => {
    const query = JSON.stringify('subscription ($f: LiquidationFilter) { liquidationOccurred(filter: $f) { id } }');
    const tooDeep = await subscribeRaw(server.url, `{"id":"1","type":"subscribe","payload":{"query":${query},"variables":{"f":${'['.repeat(150_000)}${']'.repeat(150_000)}}}}`);
    expect([tooDeep.type, tooDeep.payload[0].extensions.code]).toEqual(['error', 'BAD_REQUEST']);
    const notADate = await subscribeOnce(server.url, { query: 'query ($from: DateTime!) { liquidationTotalsByVenue(from: $from) { count } }', variables: { from: { toString: 1 } } });
    expect(notADate.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses variables nested deeper than the bound before anything walks them', async () => {
    const deep = `{"query":"query ($f: LiquidationFilter) { liquidations(filter: $f) { edges { node { id } } } }","variables":{"f":${'['.repeat(150_000)}${']'.repeat(150_000)}}}`;
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      const body = (await response.json()) as any;
      expect([response.status >= 400 && response.status < 500, body.errors[0].extensions.code]).toEqual([true, 'BAD_REQUEST']);
    }
  });
});
