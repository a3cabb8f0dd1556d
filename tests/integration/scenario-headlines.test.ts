import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * The sample scenario's headline figures, read back through the public API exactly as an
 * analyst in the IDE would ask for them.
 */
describe('the sample scenario through the API', () => {
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

  async function ask<Data = any>(query: string): Promise<Data> {
    const response = await server.query<Data>(query);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  it('BTC closes at its high near $126K on 6 October and below $99K on 21 November, RSI under 30 on 20 and 21 November', async () => {
    const data = await ask(`{ asset(symbol: "BTC") { candles(interval: D1, from: "2025-09-01T00:00:00Z", to: "2025-11-22T00:00:00Z") { start close } } }`);
    const candles: Array<{ start: string; close: number }> = data.asset.candles;
    const peak = candles.reduce((best, c) => (c.close > best.close ? c : best));
    expect(peak.start).toBe('2025-10-06T00:00:00.000Z');
    expect(peak.close).toBeGreaterThan(124_000);
    expect(peak.close).toBeLessThan(128_000);
    expect(candles.find((c) => c.start === '2025-11-21T00:00:00.000Z')!.close).toBeLessThan(99_000);
    for (const day of ['2025-11-20', '2025-11-21']) {
      const snapshot = await ask(`{ marketSnapshot(asset: "BTC", at: "${day}T23:59:59Z") { rsi14 } }`);
      expect(snapshot.marketSnapshot.rsi14).toBeLessThan(30);
    }
  });

  it('10 October liquidates $19B across the assets, 80 % longs, peaking 21:00–22:00 UTC', async () => {
    const day = `from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z"`;
    const data = await ask(`{ liquidationTotalsByVenue(${day}) { venue { slug } longUsd totalUsd } }`);
    const total = data.liquidationTotalsByVenue.reduce((sum: number, v: any) => sum + v.totalUsd, 0);
    const longs = data.liquidationTotalsByVenue.reduce((sum: number, v: any) => sum + v.longUsd, 0);
    expect(total).toBeGreaterThan(19e9 * 0.98);
    expect(total).toBeLessThan(19e9 * 1.02);
    expect(longs / total).toBeGreaterThan(0.78);
    expect(longs / total).toBeLessThan(0.82);
    for (const asset of ['BTC', 'ETH', 'SOL']) {
      const history = await ask(`{ liquidationHistory(asset: "${asset}", interval: H1, ${day}) { start totalUsd longShare } }`);
      const buckets: Array<{ start: string; totalUsd: number; longShare: number | null }> = history.liquidationHistory;
      expect(buckets).toHaveLength(24);
      const peak = buckets.reduce((best, b) => (b.totalUsd > best.totalUsd ? b : best));
      expect(peak.start).toBe('2025-10-10T21:00:00.000Z');
      const daily = await ask(`{ liquidationHistory(asset: "${asset}", interval: D1, ${day}) { longShare } }`);
      expect(daily.liquidationHistory[0].longShare).toBeGreaterThan(0.75);
      expect(daily.liquidationHistory[0].longShare).toBeLessThan(0.85);
    }
  });

  it('4 November liquidates $2.1B, most of it within one hour, and ordinary days far less', async () => {
    const totals = async (from: string, to: string) =>
      (await ask(`{ liquidationTotalsByVenue(from: "${from}", to: "${to}") { totalUsd } }`)).liquidationTotalsByVenue.reduce((s: number, v: any) => s + v.totalUsd, 0);
    const nov4 = await totals('2025-11-04T00:00:00Z', '2025-11-05T00:00:00Z');
    expect(nov4).toBeGreaterThan(2.1e9 * 0.95);
    expect(nov4).toBeLessThan(2.1e9 * 1.05);
    const hours = await Promise.all(
      ['BTC', 'ETH', 'SOL'].map(async (asset) =>
        (await ask(`{ liquidationHistory(asset: "${asset}", interval: H1, from: "2025-11-04T00:00:00Z", to: "2025-11-05T00:00:00Z") { totalUsd } }`)).liquidationHistory.map(
          (b: any) => b.totalUsd,
        ),
      ),
    );
    const perHour = hours[0].map((_: number, i: number) => hours[0][i] + hours[1][i] + hours[2][i]);
    expect(Math.max(...perHour) / nov4).toBeGreaterThan(0.5);
    expect(await totals('2025-09-16T00:00:00Z', '2025-09-17T00:00:00Z')).toBeLessThan(1e9);
  });

  it('aggregate BTC open interest starts near $60B, drops at least 20 % across 10–11 October and stays above $30B', async () => {
    const data = await ask(`{ openInterestHistory(asset: "BTC", interval: D1, from: "2025-09-01T00:00:00Z", to: "2025-11-22T00:00:00Z") { start openInterestUsd } }`);
    const byDay = new Map<string, number>(data.openInterestHistory.map((b: any) => [b.start.slice(0, 10), b.openInterestUsd]));
    expect(byDay.get('2025-09-01')).toBeGreaterThan(50e9);
    expect(byDay.get('2025-09-01')).toBeLessThan(70e9);
    expect(byDay.get('2025-10-11')! / byDay.get('2025-10-09')!).toBeLessThan(0.8);
    expect(byDay.get('2025-11-21')).toBeGreaterThan(30e9);
    const signals = await ask(`{ recoverySignals(asset: "BTC", at: "2025-11-21T23:59:59Z") { conditions { name met } } }`);
    const met = Object.fromEntries(signals.recoverySignals.conditions.map((c: any) => [c.name, c.met]));
    expect(Object.values(met)).toEqual(expect.arrayContaining([false, false, true]));
  });

  it('US ETF flows never reach +$5B in a week and are negative over November; Hong Kong funds exist', async () => {
    const weeks = await ask(`{ etfFlowHistory(asset: "BTC", region: "US", interval: W1, from: "2025-06-02T00:00:00Z", to: "2025-11-24T00:00:00Z") { netFlowUsd } }`);
    expect(Math.max(...weeks.etfFlowHistory.map((w: any) => w.netFlowUsd))).toBeLessThan(5e9);
    const days = await ask(`{ etfFlowHistory(asset: "BTC", region: "US", interval: D1, from: "2025-11-01T00:00:00Z", to: "2025-11-22T00:00:00Z") { netFlowUsd } }`);
    expect(days.etfFlowHistory.reduce((s: number, d: any) => s + d.netFlowUsd, 0)).toBeLessThan(0);
    const us = await ask(`{ etfs(asset: "BTC", region: "US") { ticker } }`);
    expect(us.etfs.map((e: any) => e.ticker)).toEqual(expect.arrayContaining(['IBIT', 'FBTC', 'GBTC', 'ARKB', 'BITB']));
    const hk = await ask(`{ etfs(asset: "BTC", region: "HK") { issuer } }`);
    expect(hk.etfs.length).toBeGreaterThanOrEqual(3);
  });

  it('long-term holders distribute over the 30 days to 21 November while whales reach a four-month high', async () => {
    const snapshot = await ask(`{ marketSnapshot(asset: "BTC", at: "2025-11-21T23:59:59Z") { lthSupplyChange30d whaleSupplyChange30d } }`);
    expect(snapshot.marketSnapshot.lthSupplyChange30d).toBeLessThan(0);
    const whales = await ask(`{ cohortSupplyHistory(asset: "BTC", cohort: "WHALES", interval: D1, from: "2025-07-21T00:00:00Z", to: "2025-11-22T00:00:00Z") { start supply } }`);
    const points: Array<{ start: string; supply: number }> = whales.cohortSupplyHistory;
    const top = points.reduce((best, p) => (p.supply > best.supply ? p : best));
    expect(top.start >= '2025-11-01').toBe(true);
    const flows = await ask(`{ exchangeFlowHistory(asset: "BTC", interval: D1, from: "2025-10-09T00:00:00Z", to: "2025-10-12T00:00:00Z") { netflow lastRecordedAt } }`);
    expect(flows.exchangeFlowHistory.every((d: any) => d.lastRecordedAt !== null)).toBe(true);
    expect(flows.exchangeFlowHistory.reduce((s: number, d: any) => s + d.netflow, 0)).toBeGreaterThan(0);
  });

  it('states leverage and the open interest shed on 10–11 October', async () => {
    // Supply as of 10 October 12:00 is the latest published day's (9 October, out at 10 October 03:00 UTC)
    // long- plus short-term holder supply, not the registry's undated figure.
    const data = await ask(`{ before: marketSnapshot(asset: "BTC", at: "2025-10-10T12:00:00Z") { openInterestUsd priceUsd leverageRatio }
                             after: marketSnapshot(asset: "BTC", at: "2025-10-11T12:00:00Z") { openInterestUsd openInterestChange24hUsd }
                             lth: cohortSupplyHistory(asset: "BTC", cohort: "LTH", interval: D1, from: "2025-10-09T00:00:00Z", to: "2025-10-10T00:00:00Z") { supply }
                             sth: cohortSupplyHistory(asset: "BTC", cohort: "STH", interval: D1, from: "2025-10-09T00:00:00Z", to: "2025-10-10T00:00:00Z") { supply } }`);
    const { before, after } = data;
    const supply = data.lth[0].supply + data.sth[0].supply;
    expect(supply).not.toBe(19_950_000);
    expect(before.leverageRatio).toBeCloseTo(before.openInterestUsd / (before.priceUsd * supply), 10);
    expect(before.leverageRatio).toBeGreaterThan(0.01);
    expect(before.leverageRatio).toBeLessThan(0.1);
    expect(after.openInterestChange24hUsd).toBeCloseTo(after.openInterestUsd - before.openInterestUsd, -6);
    expect(after.openInterestChange24hUsd).toBeLessThan(0);
  });

  it('BTC ±2 % depth falls to about 5 % of its 30-day median in the cascade hour', async () => {
    const snapshot = await ask(`{ marketSnapshot(asset: "BTC", at: "2025-10-10T21:59:00Z") { depthRatio liquidations24h { longShare } } }`);
    expect(snapshot.marketSnapshot.depthRatio).toBeGreaterThan(0.02);
    expect(snapshot.marketSnapshot.depthRatio).toBeLessThan(0.1);
    expect(snapshot.marketSnapshot.liquidations24h.longShare).toBeGreaterThan(0.75);
    expect(snapshot.marketSnapshot.liquidations24h.longShare).toBeLessThan(0.85);
  });
});
