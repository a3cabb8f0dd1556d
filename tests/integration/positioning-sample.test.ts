import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** The sample scenario's positioning story through the API, as example 09 asks it. */
describe('positioning on the sample scenario (example 09)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let data: any;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
    const response = await server.query(readFileSync(path.join(projectRoot, 'examples', '09-positioning-before-the-cascade.graphql'), 'utf8'));
    expect(response.errors).toBeUndefined();
    data = response.data;
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const day = (series: any, iso: string) => series.buckets.find((b: any) => b.start === iso);

  it("Binance's top traders are most stretched on 10 October and flushed the day after; Bybit publishes no top-trader ratio", () => {
    const binance = data.topTraderPositions.find((s: any) => s.venue === 'binance');
    const okx = data.topTraderPositions.find((s: any) => s.venue === 'okx');
    const bybit = data.topTraderPositions.find((s: any) => s.venue === 'bybit');
    expect(binance.instrument).toBe('BTCUSDT');
    // D1 buckets show the last hourly reading of the day: 10 Oct's is after the cascade hour, 9 Oct's before it.
    expect(day(binance, '2025-10-09T00:00:00.000Z').longShortRatio).toBeGreaterThan(2);
    expect(day(binance, '2025-10-10T00:00:00.000Z').longShortRatio).toBeLessThan(1.2);
    expect(day(okx, '2025-10-09T00:00:00.000Z').longShortRatio).toBeLessThan(day(binance, '2025-10-09T00:00:00.000Z').longShortRatio);
    expect(bybit).toMatchObject({ instrument: null, collected: false });
  });

  it('all accounts jump the other way in the cascade hours, hour by hour on Binance and Bybit', () => {
    const binance = data.cascadeHours.find((s: any) => s.venue === 'binance');
    const at = (iso: string) => day(binance, iso).longShortRatio;
    expect(at('2025-10-10T23:00:00.000Z')).toBeGreaterThan(1.5 * at('2025-10-10T20:00:00.000Z'));
    expect(data.cascadeHours.map((s: any) => s.venue)).toEqual(['binance', 'bybit']);
  });

  it('"Binance top-trader long ratio below 1.5" is met on 21 November', () => {
    const rule = data.realigned.conditions.at(-1);
    expect(rule).toMatchObject({ name: 'Binance top-trader long ratio below 1.5', met: true, status: 'MET' });
    expect(rule.value).toBeLessThan(1.5);
    expect(data.realigned.rulesMet).toBe(true);
  });
});
