import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

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
    expect(await json(response)).toEqual({ data: { venues: [{ slug: 'binance' }] } });
  });

  it('answers GET with the operation in the query string and a CSRF preflight header', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ venues { slug } }')}`;
    const response = await fetch(url, { headers: { accept: 'application/json', 'graphql-preflight': '1' } });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ data: { venues: [{ slug: 'binance' }] } });
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

  it('reports liveness and readiness', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, migrationsCurrent: true });
  });
});
