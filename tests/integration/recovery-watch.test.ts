import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fastClock } from '../support/fast-clock';
import { startTestServer, TestServer } from '../support/server';
import { waitFor } from './liquidations.fixture';

describe('recoveryConditionChanged', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db, { clock: fastClock(Date.parse('2025-10-20T23:59:00Z')) });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('sends the state at once, then only when a condition flips: RSI turns oversold in the November slide', async () => {
    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const pushes: any[] = [];
    const stop = client.subscribe<{ recoveryConditionChanged: any }>(
      { query: `subscription { recoveryConditionChanged(asset: "BTC", checkEveryMinutes: 1440) { asOf allMet conditions { name met value } } }` },
      { next: (r) => r.data && pushes.push(r.data.recoveryConditionChanged), error: () => undefined, complete: () => undefined },
    );
    try {
      await waitFor(() => pushes.length >= 2, 'the initial state and one flip');
    } finally {
      stop();
      await client.dispose();
    }
    const rsi = (p: any) => p.conditions.find((c: any) => c.name === 'rsiOversold');
    expect(pushes[0].asOf).toBe('2025-10-20T23:59:00.000Z');
    expect(rsi(pushes[0]).met).toBe(false);
    expect(rsi(pushes[1]).met).toBe(true);
    expect(pushes[1].asOf > pushes[0].asOf && pushes[1].asOf <= '2025-11-21T23:59:00.000Z').toBe(true);
    // Nothing else flipped: open interest and ETF inflows stay unmet.
    expect(pushes[1].conditions.filter((c: any) => c.name !== 'rsiOversold').map((c: any) => c.met)).toEqual([false, false]);
  });
});
