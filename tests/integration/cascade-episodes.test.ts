import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('cascade episodes', () => {
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

  const episodes = async (asset: string, from: string, to: string) => {
    const response = await server.query(`{ cascadeEpisodes(asset: "${asset}", from: "${from}", to: "${to}") {
      start end totalUsd longShare peakUsdPerMinute priceChange openInterestShedUsd depthDrawdown venues { slug }
      liquidations(first: 3) { edges { node { occurredAt notionalUsd } } pageInfo { hasNextPage } } } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.cascadeEpisodes as any[];
  };

  it.each(['BTC', 'ETH', 'SOL'])('finds exactly the 10 October and 4 November cascades of %s, and nothing on quiet days', async (asset) => {
    const found = await episodes(asset, '2025-09-02T00:00:00Z', '2025-11-22T00:00:00Z');
    expect(found.map((e) => e.start.slice(0, 10))).toEqual(['2025-10-10', '2025-11-04']);
    const [october, november] = found;
    // BTC's first hot minute is 20:00; ETH's and SOL's come in the elevated hour before (19:25, 19:53).
    expect(october.start >= '2025-10-10T19:00' && october.start < '2025-10-10T22:00').toBe(true);
    expect(november.start >= '2025-11-04T12:00' && november.start < '2025-11-04T15:00').toBe(true);
  });

  it('measures the 10 October BTC cascade: long-heavy, price down, open interest shed, books thinned', async () => {
    const [october] = await episodes('BTC', '2025-10-10T00:00:00Z', '2025-10-11T00:00:00Z');
    expect(october.totalUsd).toBeGreaterThan(1e9);
    expect(october.longShare).toBeGreaterThan(0.7);
    expect(october.peakUsdPerMinute).toBeGreaterThan(10e6);
    expect(october.priceChange).toBeLessThan(0);
    expect(october.openInterestShedUsd).toBeGreaterThan(0);
    expect(october.depthDrawdown).toBeGreaterThan(0.5);
    expect(october.venues.map((v: any) => v.slug)).toEqual(expect.arrayContaining(['binance', 'bybit', 'hyperliquid']));
    expect(october.liquidations.edges).toHaveLength(3);
    const first = october.liquidations.edges[0].node.occurredAt;
    expect(first >= october.start && first < october.end).toBe(true);
  });

  it('refuses a window over 120 days, naming the argument', async () => {
    const response = await server.query(`{ cascadeEpisodes(asset: "BTC", from: "2025-01-01T00:00:00Z", to: "2025-11-01T00:00:00Z") { start } }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_BUCKETS', argument: 'from' });
  });
});
