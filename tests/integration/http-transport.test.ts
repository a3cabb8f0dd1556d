import { methodologyVersion } from '../../src/domains/shared/methodology';
import http from 'node:http';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';

/** Response bodies are JSON objects whose shape each test checks. */
const json = async (response: Response): Promise<any> => response.json();

describe('GraphQL over HTTP', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX')`);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(server.url, { method: 'POST', headers, body });

  it('answers POST with application/graphql-response+json when the client accepts it', async () => {
    const response = await post(JSON.stringify({ query: '{ venues { slug } }' }), {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await json(response)).toEqual({ data: { venues: [{ slug: 'binance' }] }, extensions: { methodologyVersion } });
  });

  it('answers GET with the operation in the query string and a CSRF preflight header', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ venues { slug } }')}`;
    const response = await fetch(url, { headers: { accept: 'application/json', 'graphql-preflight': '1' } });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ data: { venues: [{ slug: 'binance' }] }, extensions: { methodologyVersion } });
    expect((await fetch(url, { headers: { accept: 'application/json' } })).status).toBe(400);
  });

  it('refuses malformed JSON with 400 and a coded error', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain('not valid JSON');
  });

  it('refuses a body with no query with 400', async () => {
    const response = await post(JSON.stringify({ variables: {} }));
    expect(response.status).toBe(400);
  });

  it('refuses a simple-request media type (CSRF prevention) with 400', async () => {
    const response = await post('query={venues{slug}}', { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
  });

  it('refuses a body that is not UTF-8 with 400', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(response.status).toBe(400);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ venues { slug } } # ${'x'.repeat(1_100_000)}` }));
    expect(response.status).toBe(413);
  });

  it('answers an oversized chunked upload (no content-length) with a readable 413, not a connection reset', async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: Number(port), path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: res.headers }));
      });
      request.on('error', reject);
      expect(request.getHeader('content-length')).toBeUndefined();
      // 1.5 MB in 64 KiB chunks: the server finds it too long mid-stream, after the first megabyte.
      request.write(`{"query":"{ venues { slug } }","pad":"`);
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 24; i++) request.write(chunk);
      request.end('"}');
    });
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.body.errors[0].message).toMatch(/exceeds 1000000 bytes/);
  });

  it('gives a syntax error a 400 and the GRAPHQL_PARSE_FAILED code', async () => {
    const response = await post(JSON.stringify({ query: '{ venues { slug ' }));
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('gives an unknown field a 400 and the GRAPHQL_VALIDATION_FAILED code', async () => {
    const response = await post(JSON.stringify({ query: '{ venues { nope } }' }));
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('bounds query depth and aliases with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ venues { instruments { venue { instruments { venue { instruments { venue { instruments { venue { instruments { venue { slug } } } } } } } } } } } }`;
    const deepBody = await json(await post(JSON.stringify({ query: deep })));
    expect(deepBody.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: venues { slug }`).join(' ')} }`;
    const aliasBody = await json(await post(JSON.stringify({ query: aliases })));
    expect(aliasBody.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const tokens = `{ ${Array.from({ length: 3000 }, () => 'venues { slug }').join(' ')} }`;
    const tokenBody = await json(await post(JSON.stringify({ query: tokens })));
    expect(tokenBody.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('serves the IDE to a browser at the same path', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect([200, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('exposes Prometheus metrics: operations, latency, errors by code, pool use', async () => {
    await post(JSON.stringify({ query: 'query Venues { venues { slug } }' }));
    await post(JSON.stringify({ query: '{ instruments(asset: "NOPE") { id } }' }));
    const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/cascade_graphql_requests_total\{operation="Venues"\} [1-9]/);
    expect(text).toMatch(/cascade_graphql_duration_seconds_bucket\{le="[^"]+",operation="Venues"\}/);
    expect(text).toMatch(/cascade_graphql_errors_total\{code="UNKNOWN_ASSET"\} 1/);
    expect(text).toMatch(/cascade_db_pool_connections\{state="total"\}/);
  });

  it('exposes the job runs of every worker and the lag of each live stream, read from the database', async () => {
    await database.db.query(`INSERT INTO ingestion_run (source, dataset, status, finished_at) VALUES
      ('binance', 'funding', 'SUCCEEDED', now()), ('binance', 'funding', 'SUCCEEDED', now()), ('okx', 'open-interest', 'FAILED', now())`);
    const [ids] = await database.db.query<{ asset_id: number; venue_id: number; instrument_id: number }>(`
      WITH a AS (INSERT INTO asset (symbol, name) VALUES ('LAG', 'Lag coin') RETURNING id),
           v AS (INSERT INTO venue (slug, name, kind) VALUES ('lagvenue', 'Lag venue', 'CEX') RETURNING id)
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
      SELECT v.id, a.id, 'LAGUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'IMPORT' FROM a, v
      RETURNING asset_id, venue_id, id AS instrument_id`);
    // An event that happened 3 s before it was stored: the stream runs 3 s behind.
    const [row] = await insertLiquidations(database.db, [
      { ...ids, side: 'LONG', price: 10, quantity: 100, notional_usd: 1000, occurred_at: new Date(Date.now() - 3000), event_key: 'lag', price_kind: 'FILL', origin: 'LIVE' },
    ]);
    expect(row).toBeDefined();
    const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    expect(text).toContain('cascade_ingest_job_runs{source="binance",dataset="funding",status="SUCCEEDED"} 2');
    expect(text).toContain('cascade_ingest_job_runs{source="okx",dataset="open-interest",status="FAILED"} 1');
    const lag = Number(/cascade_ingest_stream_lag_seconds\{venue="lagvenue"\} ([0-9.]+)/.exec(text)?.[1]);
    expect(lag).toBeGreaterThanOrEqual(2.9);
    expect(lag).toBeLessThan(60);
  });

  it('reports liveness and readiness', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, migrationsCurrent: true });
  });
});
