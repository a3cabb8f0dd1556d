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
});
