import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('CORS (CASCADE_CORS_ORIGINS)', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase('empty');
    server = await startTestServer(database.db, { corsOrigins: ['https://dash.example'] });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('answers a preflight from an allowed origin, with the headers a GraphQL client sends', async () => {
    const response = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('marks responses to an allowed origin, and nothing for another', async () => {
    const post = (origin: string) =>
      fetch(server.url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ venues { slug } }' }) });
    expect((await post('https://dash.example')).headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect((await post('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says Vary: Origin on every answer, to an allowed origin, another one or none', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(server.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ venues { slug } }' }) });
    for (const headers of [{ origin: 'https://dash.example' }, { origin: 'https://evil.example' }, {}] as Array<Record<string, string>>) {
      const response = await post(headers);
      expect([response.status, response.headers.get('vary')?.toLowerCase().split(/\s*,\s*/)]).toEqual([200, expect.arrayContaining(['origin'])]);
    }
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('vary')?.toLowerCase()).toContain('origin');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
