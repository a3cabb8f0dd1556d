import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * The sample scenario's basis story (src/sample/market.ts): perpetuals over their index while
 * funding was crowded into 10 October and under it after the crash; the Deribit December
 * future's annualised carry paid up from ~6 % to ~12 %/yr into the peak, crushed to ~2 % in the
 * cascade and back only to ~5 % by late October.
 */
describe('the sample scenario: perpetual premium and futures basis', () => {
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

  const mean = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v as number), 0) / values.length;

  it('premium: about +2 bp in the hours before the cascade, about −2 bp in the hours after it, every perpetual venue reporting', async () => {
    const { data, errors } = await server.query(`{
      before: perpetualPremiumHistory(asset: "BTC", interval: H1, from: "2025-10-10T12:00:00Z", to: "2025-10-10T20:00:00Z") { premiumBps openInterestWeightedPremiumBps instrumentCount coverage { missingVenues } }
      after: perpetualPremiumHistory(asset: "BTC", interval: H1, from: "2025-10-11T00:00:00Z", to: "2025-10-11T08:00:00Z") { premiumBps venues { venue { slug } } } }`);
    expect(errors).toBeUndefined();
    const { before, after } = data!;
    expect(before.every((b: any) => b.coverage.missingVenues.length === 0 && b.premiumBps === b.openInterestWeightedPremiumBps)).toBe(true);
    expect(before[0].instrumentCount).toBe(6);
    expect(mean(before.map((b: any) => b.premiumBps))).toBeGreaterThan(1);
    expect(mean(after.map((b: any) => b.premiumBps))).toBeLessThan(-1);
    expect(after[0].venues.map((v: any) => v.venue.slug)).toEqual(['binance', 'bybit', 'deribit', 'hyperliquid', 'okx']);
  });

  it('basis: the December future\'s annualised basis ~6 % in September, ~12 % on 10 October, ~2 % after the cascade, ~5 % by late October', async () => {
    const at = async (from: string, to: string) => {
      const { data, errors } = await server.query(`{ futuresBasisHistory(asset: "BTC", interval: H1, from: "${from}", to: "${to}") {
        contracts { venue { slug } symbol points { annualizedBasis daysToExpiry basisBps } } nearest { annualizedBasis venues { symbol } } coverage { missingVenues } } }`);
      expect(errors).toBeUndefined();
      return data!.futuresBasisHistory;
    };
    const september = await at('2025-09-10T12:00:00Z', '2025-09-10T13:00:00Z');
    expect(september.contracts.map((c: any) => [c.venue.slug, c.symbol])).toEqual([['deribit', 'BTC-26DEC25']]);
    expect(september.nearest[0].annualizedBasis).toBeGreaterThan(0.05);
    expect(september.nearest[0].annualizedBasis).toBeLessThan(0.065);
    const peak = await at('2025-10-10T18:00:00Z', '2025-10-10T19:00:00Z');
    expect(peak.nearest[0].annualizedBasis).toBeGreaterThan(0.11);
    expect(peak.nearest[0].venues).toEqual([{ symbol: 'BTC-26DEC25' }]);
    const crushed = await at('2025-10-11T06:00:00Z', '2025-10-11T07:00:00Z');
    expect(crushed.nearest[0].annualizedBasis).toBeLessThan(0.03);
    const late = await at('2025-10-27T06:00:00Z', '2025-10-27T07:00:00Z');
    expect(late.nearest[0].annualizedBasis).toBeGreaterThan(0.04);
    expect(late.nearest[0].annualizedBasis).toBeLessThan(0.06);
    // The raw basis shrinks with the days left even at the same carry: bp = carry × days / 365 × 10 000.
    const point = late.contracts[0].points[0];
    expect(point.basisBps).toBeCloseTo((point.annualizedBasis * point.daysToExpiry * 10_000) / 365, 6);
    expect(late.coverage.missingVenues).toEqual([]);
  });
});
