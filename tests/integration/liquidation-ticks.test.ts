import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fastClock } from '../support/fast-clock';
import { startTestServer, TestServer } from '../support/server';
import { waitFor } from './liquidations.fixture';

describe('liquidationTicks', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db, { clock: fastClock(Date.parse('2025-10-10T20:59:30Z')) });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('emits each minute as it closes, with the figures liquidationHistory gives for it', async () => {
    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const ticks: any[] = [];
    const stop = client.subscribe<{ liquidationTicks: any }>(
      { query: `subscription { liquidationTicks(asset: "BTC", interval: M1) { start longUsd shortUsd count longShare } }` },
      { next: (r) => r.data && ticks.push(r.data.liquidationTicks), error: () => undefined, complete: () => undefined },
    );
    try {
      await waitFor(() => ticks.length >= 3, 'three ticks');
    } finally {
      stop();
      await client.dispose();
    }
    expect(ticks.slice(0, 3).map((t) => t.start)).toEqual(['2025-10-10T20:59:00.000Z', '2025-10-10T21:00:00.000Z', '2025-10-10T21:01:00.000Z']);
    const history = await server.query(`{ liquidationHistory(asset: "BTC", interval: M1, from: "2025-10-10T20:59:00Z", to: "2025-10-10T21:02:00Z") { start longUsd shortUsd count longShare } }`);
    history.data!.liquidationHistory.forEach((bucket: any, i: number) => {
      expect(ticks[i].start).toBe(bucket.start);
      expect(ticks[i].count).toBe(bucket.count);
      // Float sums over a different range may differ in the last bit.
      expect(ticks[i].longUsd).toBeCloseTo(bucket.longUsd, 2);
      expect(ticks[i].shortUsd).toBeCloseTo(bucket.shortUsd, 2);
    });
    expect(ticks[1].longUsd).toBeGreaterThan(0);
  });
});
