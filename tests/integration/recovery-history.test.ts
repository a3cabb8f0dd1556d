import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('recovery signal history', () => {
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

  it('shows per day when each condition held, agreeing with the snapshot judgement at day end', async () => {
    const response = await server.query(`{
      recoverySignalHistory(asset: "BTC", interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-11-22T00:00:00Z") {
        asOf allMet conditions { name value threshold met } }
      end: recoverySignals(asset: "BTC", at: "2025-11-22T00:00:00Z") { conditions { name value met } }
    }`);
    expect(response.errors).toBeUndefined();
    const days: any[] = response.data!.recoverySignalHistory;
    expect(days).toHaveLength(52);
    const met = (day: any, name: string) => day.conditions.find((c: any) => c.name === name).met;
    const byDay = new Map(days.map((d) => [d.asOf.slice(0, 10), d]));
    // Oversold at the end of the slide, not at the peak.
    expect(met(byDay.get('2025-11-20'), 'rsiOversold')).toBe(true);
    expect(met(byDay.get('2025-11-21'), 'rsiOversold')).toBe(true);
    expect(met(byDay.get('2025-10-06'), 'rsiOversold')).toBe(false);
    // Open interest never fell under $30B and weekly ETF inflows never reached $5B.
    expect(days.every((d) => !met(d, 'openInterestBelow') && !met(d, 'weeklyEtfInflowAbove') && !d.allMet)).toBe(true);
    const last = byDay.get('2025-11-21');
    const snapshot = new Map(response.data!.end.conditions.map((c: any) => [c.name, c]));
    expect(last.conditions.find((c: any) => c.name === 'rsiOversold').value).toBeCloseTo((snapshot.get('rsiOversold') as any).value, 0);
  });

  it('lets thresholds move the regime: an $80B open-interest ceiling is met after the crash', async () => {
    const response = await server.query(`{
      recoverySignalHistory(asset: "BTC", interval: W1, from: "2025-09-01T00:00:00Z", to: "2025-11-24T00:00:00Z", thresholds: { maxOpenInterestUsd: 80000000000 }) {
        asOf conditions { name met } } }`);
    expect(response.errors).toBeUndefined();
    const weeks: any[] = response.data!.recoverySignalHistory;
    expect(weeks.some((w) => w.conditions.find((c: any) => c.name === 'openInterestBelow').met)).toBe(true);
  });
});
