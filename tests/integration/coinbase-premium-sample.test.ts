import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * The sample scenario's Coinbase premium story (src/sample/spot-premium.ts): US buyers paying up
 * before the October record, selling hardest into the 10 October cascade, a discount through the
 * November slide; USDT over par, most at the cascade, so the at-par figure reads lower.
 */
describe('the sample scenario: Coinbase premium', () => {
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

  const premium = async (args: string) => {
    const response = await server.query(`{ coinbasePremium(asset: "BTC", ${args}) { start closesAt premiumBps premiumAtParBps usdtDeviationBps coverage { missingSources } } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.coinbasePremium as Array<{ start: string; closesAt: string | null; premiumBps: number | null; premiumAtParBps: number | null; usdtDeviationBps: number | null; coverage: { missingSources: string[] } }>;
  };

  it('10 October: the premium falls to about −45 bp in the cascade hour; USDT 15 bp over par makes the at-par figure about 15 bp lower still', async () => {
    const hours = await premium('interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z"');
    expect(hours).toHaveLength(24);
    expect(hours.every((h) => h.coverage.missingSources.length === 0)).toBe(true);
    const peak = hours.find((h) => h.start === '2025-10-10T21:00:00.000Z')!;
    expect(peak.closesAt).toBe('2025-10-10T21:59:00.000Z');
    expect(peak.premiumBps!).toBeGreaterThan(-55);
    expect(peak.premiumBps!).toBeLessThan(-20);
    expect(Math.min(...hours.map((h) => h.premiumBps!))).toBeLessThan(-35);
    expect(peak.usdtDeviationBps!).toBeGreaterThan(5);
    expect(peak.premiumAtParBps! - peak.premiumBps!).toBeCloseTo(peak.usdtDeviationBps!, 0);
    // The morning before the cascade: still a premium.
    expect(hours[8].premiumBps!).toBeGreaterThan(0);
  });

  it('by day: a premium through September, a discount through November', async () => {
    const days = await premium('interval: D1, from: "2025-09-01T00:00:00Z", to: "2025-11-22T00:00:00Z"');
    expect(days).toHaveLength(82);
    const mean = (from: string, to: string) => {
      const picked = days.filter((d) => d.start >= from && d.start < to).map((d) => d.premiumBps!);
      return picked.reduce((a, b) => a + b, 0) / picked.length;
    };
    expect(mean('2025-09-01', '2025-10-01')).toBeGreaterThan(5);
    expect(mean('2025-11-01', '2025-11-22')).toBeLessThan(-8);
  });
});
