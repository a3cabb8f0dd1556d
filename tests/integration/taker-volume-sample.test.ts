import { SAMPLE_TAKER_RATIO_AFTER, SAMPLE_TAKER_RATIO_CASCADE_HOUR } from '../../src/sample/taker-volume';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** The sample's aggressor-flow story as the API serves it (src/sample/taker-volume.ts). */
describe('sample scenario: aggressor flow', () => {
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

  it('in the 10 October 21:00 hour takers sell about twice what they buy, on Binance and OKX; the other venues are NOT_COLLECTED', async () => {
    const { data, errors } = await server.query(`{ takerVolumeHistory(asset: "BTC", interval: H1, from: "2025-10-10T20:00:00Z", to: "2025-10-10T22:00:00Z") {
      start buyUsd sellUsd buySellRatio completeness venues { venue { slug } buySellRatio completeness periodsReported } coverage { reportingVenues notCollectedVenues missingVenues } } }`);
    expect(errors).toBeUndefined();
    const [before, cascade] = data!.takerVolumeHistory;
    expect(cascade.buySellRatio).toBeGreaterThan(SAMPLE_TAKER_RATIO_CASCADE_HOUR * 0.95);
    expect(cascade.buySellRatio).toBeLessThan(SAMPLE_TAKER_RATIO_CASCADE_HOUR * 1.05);
    // Eight times the hour before's volume, give or take the noise.
    expect((cascade.buyUsd + cascade.sellUsd) / (before.buyUsd + before.sellUsd)).toBeGreaterThan(6);
    expect({ ...cascade.coverage, notCollectedVenues: [...cascade.coverage.notCollectedVenues].sort() }).toEqual({ reportingVenues: ['binance', 'okx'], notCollectedVenues: ['bybit', 'deribit', 'hyperliquid'], missingVenues: [] });
    expect(cascade.completeness).toBe('LOWER_BOUND');
    expect(cascade.venues.map((v: any) => [v.venue.slug, v.completeness, v.periodsReported])).toEqual([
      ['binance', 'COMPLETE', 12], ['bybit', 'NOT_COLLECTED', 0], ['deribit', 'NOT_COLLECTED', 0], ['hyperliquid', 'NOT_COLLECTED', 0], ['okx', 'COMPLETE', 12],
    ]);
  });

  it('before the peak takers are net buyers, after the cascade mildly net sellers (daily ratios)', async () => {
    const { data } = await server.query(`{ a: timeline(asset: "BTC", interval: W1, from: "2025-09-08T00:00:00Z", to: "2025-09-15T00:00:00Z") { takerBuySellRatio }
      b: timeline(asset: "BTC", interval: W1, from: "2025-11-10T00:00:00Z", to: "2025-11-17T00:00:00Z") { takerBuySellRatio } }`);
    expect(data!.a[0].takerBuySellRatio).toBeGreaterThan(1.03);
    expect(data!.b[0].takerBuySellRatio).toBeGreaterThan(SAMPLE_TAKER_RATIO_AFTER - 0.02);
    expect(data!.b[0].takerBuySellRatio).toBeLessThan(1);
  });
});
