import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('venue price dislocation', () => {
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

  it('shows Hyperliquid trading hundreds of basis points under the other venues during the cascade, and nobody far off on a quiet day', async () => {
    const response = await server.query(`{
      cascade: venuePriceDislocation(asset: "BTC", interval: M1, from: "2025-10-10T20:00:00Z", to: "2025-10-10T23:00:00Z", minAbsBps: 100) { venue { slug } dislocationBps }
      quiet: venuePriceDislocation(asset: "BTC", interval: H1, from: "2025-09-16T00:00:00Z", to: "2025-09-17T00:00:00Z", minAbsBps: 100) { venue { slug } }
      all: venuePriceDislocation(asset: "BTC", interval: H1, from: "2025-09-16T00:00:00Z", to: "2025-09-16T02:00:00Z") { start venue { slug } markPriceUsd medianMarkPriceUsd dislocationBps }
    }`);
    expect(response.errors).toBeUndefined();
    const cascade: any[] = response.data!.cascade;
    expect(cascade.length).toBeGreaterThan(0);
    expect(new Set(cascade.map((r) => r.venue.slug))).toEqual(new Set(['hyperliquid']));
    expect(Math.min(...cascade.map((r) => r.dislocationBps))).toBeLessThan(-200);
    expect(response.data!.quiet).toEqual([]);
    for (const row of response.data!.all) {
      expect(row.dislocationBps).toBeCloseTo((row.markPriceUsd / row.medianMarkPriceUsd - 1) * 10_000, 6);
    }
    expect(response.data!.all.length).toBe(2 * 5);
  });
});
