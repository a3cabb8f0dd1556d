import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Operations run through graphql-jit (src/app/jit-executor.ts); the answers a caller gets for
 * its own mistakes must stay what graphql-js gives behind Apollo: 400 with a coded error.
 */
describe('the compiled executor keeps graphql-js answers for request errors', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const post = async (body: unknown) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('answers an unknown operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const reply = await post({ query: '{ venues { slug } }', operationName: 'Nope' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({ message: 'Unknown operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
  });

  it('answers variables that do not coerce with 400 BAD_USER_INPUT naming the variable', async () => {
    const reply = await post({ query: 'query P($first: Int) { liquidations(first: $first) { edges { cursor } } }', variables: { first: '50' } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(reply.body.errors[0].message).toContain('$first');
  });

  it('runs a named operation of several, with variables, and the same document again from the cache', async () => {
    const query = 'query A { venues { slug } } query B($n: Int) { liquidations(first: $n) { edges { cursor } } }';
    for (let i = 0; i < 2; i++) {
      const reply = await post({ query, operationName: 'B', variables: { n: 3 } });
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data.liquidations.edges).toHaveLength(3);
    }
  });

  it('reports a resolver error with its code, path and location', async () => {
    const reply = await post({ query: '{ liquidations(first: 501) { edges { cursor } } }' });
    expect(reply.body.errors[0]).toMatchObject({ path: ['liquidations'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INVALID_PAGE_SIZE' } });
  });
});
