import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { methodologyVersion } from '../../src/domains/shared/methodology';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** docs/changes.md: every answer names the methodology its figures were computed under. */
describe('extensions.methodologyVersion on every answer', () => {
  let database: TestDatabase;
  let server: TestServer;
  const venues = '{ venues { slug } }';

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const post = async (body: unknown): Promise<any> => (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

  it('is a date, the newest "Methodology" heading of docs/changes.md (which lists what it changed)', () => {
    const headings = [...readFileSync(join(__dirname, '../../docs/changes.md'), 'utf8').matchAll(/^### Methodology (\d{4}-\d{2}-\d{2})$/gm)].map((m) => m[1]);
    expect(methodologyVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(headings.length).toBeGreaterThan(0);
    expect([...headings].sort().at(-1)).toBe(methodologyVersion);
  });

  it('is on a POST answer, on the same document answered again by the fast path, and on GET', async () => {
    const first = await post({ query: venues });
    const again = await post({ query: venues });
    const byGet = await (await fetch(`${server.url}?query=${encodeURIComponent(venues)}`, { headers: { 'apollo-require-preflight': 'true' } })).json();
    for (const answer of [first, again, byGet]) expect(answer).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
  });

  it('is on an answer with errors too (validation and a resolver error)', async () => {
    const invalid = await post({ query: '{ venues { nope } }' });
    const refused = await post({ query: '{ openInterestHistory(asset: "DOGE", interval: H1, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z") { start } }' });
    expect(invalid.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors[0].extensions.code).toBe('UNKNOWN_ASSET');
    for (const answer of [invalid, refused]) expect(answer.extensions).toEqual({ methodologyVersion });
  });

  it('is on every result pushed over WebSocket', async () => {
    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        client.subscribe({ query: venues }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    } finally {
      await client.dispose();
    }
  });
});
