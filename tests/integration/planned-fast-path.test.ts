import { PreparedOperations } from '../../src/app/prepared-operations';
import { createTestDatabase, TestDatabase } from '../support/database';
import { postTo, SecuredServer, startSecuredServer } from './security/support';

/**
 * A query Apollo has answered once is answered again without Apollo's pipeline
 * (src/app/fast-path.ts). What a caller sees must not depend on which path answered:
 * the same bytes, the same headers, the same charge, the same errors.
 */
describe('the fast path for known queries', () => {
  let database: TestDatabase;
  let server: SecuredServer;
  let lookups: jest.SpyInstance;
  /** Whether the last request was answered by the fast path (its lookup found the document). */
  const wentFast = () => lookups.mock.results.at(-1)?.value !== undefined;

  const page = 'query Page($first: Int, $after: String) { liquidations(first: $first, after: $after, filter: { asset: "BTC" }) { edges { cursor node { id notionalUsd venue { slug } } } pageInfo { hasNextPage endCursor } } }';

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startSecuredServer(database.db, { rateLimits: true, anonymousPointsPerMinute: 100_000, now: () => Date.parse('2025-10-10T21:00:20Z'), trustProxy: 'loopback' }, { maxQueryCost: 200 });
    lookups = jest.spyOn(PreparedOperations.prototype, 'answered');
  });
  afterAll(async () => {
    lookups.mockRestore();
    await server.stop();
    await database.drop();
  });

  const raw = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  it('answers a repeated document with the same bytes and headers as Apollo did, charging the same', async () => {
    const caller = { 'x-forwarded-for': '198.51.100.20' };
    const first = await raw({ query: page, variables: { first: 20 } }, caller);
    expect(wentFast()).toBe(false);
    const second = await raw({ query: page, variables: { first: 20 } }, caller);
    expect(wentFast()).toBe(true);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(JSON.parse(second.text).data.liquidations.edges).toHaveLength(20);
    expect([...second.headers.keys()].sort()).toEqual([...first.headers.keys()].sort());
    for (const header of ['content-type', 'content-length', 'ratelimit-limit', 'ratelimit-policy']) expect(second.headers.get(header)).toBe(first.headers.get(header));
    const spentByApollo = 100_000 - Number(first.headers.get('ratelimit-remaining'));
    const spentFast = Number(first.headers.get('ratelimit-remaining')) - Number(second.headers.get('ratelimit-remaining'));
    expect(spentByApollo).toBeGreaterThan(1);
    expect(spentFast).toBe(spentByApollo);
  });

  it('runs the plan with each request\'s own variables, paging to the same rows Apollo pages to', async () => {
    const caller = { 'x-forwarded-for': '198.51.100.21' };
    const firstPage = JSON.parse((await raw({ query: page, variables: { first: 7 } }, caller)).text).data.liquidations;
    expect(wentFast()).toBe(true);
    const next = JSON.parse((await raw({ query: page, variables: { first: 7, after: firstPage.pageInfo.endCursor } }, caller)).text).data.liquidations;
    expect(wentFast()).toBe(true);
    // The same page asked of the resolvers (a directive keeps a document off the planner).
    const viaResolvers = await postTo(server.url, page.replace('filter: { asset: "BTC" })', 'filter: { asset: "BTC" }) @include(if: true)'), {
      variables: { first: 7, after: firstPage.pageInfo.endCursor },
      headers: caller,
    });
    expect(viaResolvers.body.data.liquidations).toEqual(next);
    expect(next.edges[0].cursor).not.toBe(firstPage.edges[0].cursor);
  });

  it('answers refusals and errors itself with the bytes, status and charge Apollo answers them with; leaves other media types to Apollo', async () => {
    const caller = { 'x-forwarded-for': '198.51.100.22' };
    // The same document under another name of the same length: never answered, so Apollo's.
    const cold = page.replace('query Page(', 'query Pagf(');
    const spent = (reply: { headers: Headers }, before: number) => before - Number(reply.headers.get('ratelimit-remaining'));
    let remaining = Number((await raw({ query: page, variables: { first: 5 } }, caller)).headers.get('ratelimit-remaining'));
    const cases: Array<{ variables: Record<string, unknown>; status: number; code: string }> = [
      // A refused argument: the plan throws, the resolvers answer the coded error with its path.
      { variables: { first: 5, after: 'bm90LWEtY3Vyc29y' }, status: 200, code: 'INVALID_CURSOR' },
      // Variables that do not coerce.
      { variables: { first: 'ten' }, status: 400, code: 'BAD_USER_INPUT' },
      // Over the cost bound, from the gate.
      { variables: { first: 500 }, status: 400, code: 'QUERY_TOO_COMPLEX' },
    ];
    for (const { variables, status, code } of cases) {
      const fast = await raw({ query: page, variables }, caller);
      expect(wentFast()).toBe(true);
      const fastSpent = spent(fast, remaining);
      remaining = Number(fast.headers.get('ratelimit-remaining'));
      const apollo = await raw({ query: cold, variables }, caller);
      expect(wentFast()).toBe(false);
      const apolloSpent = spent(apollo, remaining);
      remaining = Number(apollo.headers.get('ratelimit-remaining'));
      expect([fast.status, JSON.parse(fast.text).errors[0].extensions.code]).toEqual([status, code]);
      expect(fast.status).toBe(apollo.status);
      expect(fast.text).toBe(apollo.text);
      expect(fast.headers.get('content-type')).toBe(apollo.headers.get('content-type'));
      expect(fastSpent).toBe(apolloSpent);
    }
    // Another media type is negotiated by Apollo.
    const graphqlResponse = await raw({ query: page, variables: { first: 1 } }, { ...caller, accept: 'application/graphql-response+json' });
    expect(wentFast()).toBe(false);
    expect(graphqlResponse.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(JSON.parse(graphqlResponse.text).data.liquidations.edges).toHaveLength(1);
  });

  it('serves queries without a plan (compiled, through the resolvers) the same way, errors included', async () => {
    const venues = '{ venues { slug name kind } }';
    const first = await raw({ query: venues });
    const second = await raw({ query: venues });
    expect(wentFast()).toBe(true);
    expect(second.text).toBe(first.text);
    const snapshot = 'query S($asset: String!) { marketSnapshot(asset: $asset, at: "2025-10-10T21:00:00Z") { priceUsd liquidations24h { longUsd } } }';
    const btc = await raw({ query: snapshot, variables: { asset: 'BTC' } });
    const again = await raw({ query: snapshot, variables: { asset: 'BTC' } });
    expect(wentFast()).toBe(true);
    expect(again.text).toBe(btc.text);
    expect(JSON.parse(again.text).data.marketSnapshot.priceUsd).toBeGreaterThan(0);
    // A known text whose run errs is answered by the fast path: the resolver's coded error, as cold.
    const unknown = await raw({ query: snapshot, variables: { asset: 'NOPE' } });
    expect(wentFast()).toBe(true);
    const cold = await raw({ query: snapshot.replace('query S', 'query T'), variables: { asset: 'NOPE' } });
    expect(unknown.status).toBe(cold.status);
    expect(unknown.text).toBe(cold.text);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBeDefined();
  });

  it('serves the instruments list the same way', async () => {
    const query = 'query I($venue: String!) { instruments(venue: $venue) { symbol venue { slug name } latestFunding { at rate } } }';
    const first = await raw({ query, variables: { venue: 'okx' } });
    const second = await raw({ query, variables: { venue: 'okx' } });
    expect(wentFast()).toBe(true);
    expect(second.text).toBe(first.text);
    const unknown = await raw({ query, variables: { venue: 'nowhere' } });
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBeDefined();
  });
});
