import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

/**
 * Two API servers on one database, each with its own pool and LISTEN connection (as two
 * processes would have), and a worker writing through a third pool: a liquidation written by
 * the worker reaches subscribers on both servers.
 */
describe('subscriptions across two API servers', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const pools: Db[] = [];
  let ids: FixtureIds;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    for (let i = 0; i < 3; i += 1) pools.push(connect(database.url, { max: 3 }));
    servers.push(await startTestServer(pools[0]), await startTestServer(pools[1]));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const pool of pools) await pool.pool.end();
    await database.drop();
  });

  it('delivers a worker-written liquidation to clients of both servers', async () => {
    const received: string[][] = [[], []];
    const clients = servers.map((server) => createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 }));
    const stops = clients.map((client, i) =>
      client.subscribe<{ liquidationOccurred: { id: string } }>(
        { query: `subscription { liquidationOccurred(filter: { asset: "BTC" }) { id } }` },
        { next: (r) => r.data && received[i].push(r.data.liquidationOccurred.id), error: () => undefined, complete: () => undefined },
      ),
    );
    try {
      const listeners = async () =>
        (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`))[0].n;
      await waitFor(async () => (await listeners()) === 2, 'one LISTEN connection per server');
      const [written] = await insertLiquidations(pools[2], [
        toRow(ids, { asset: 'BTC', venue: 'okx', side: 'LONG', notionalUsd: 5000, at: new Date('2025-10-10T21:00:00Z'), key: 'two-servers' }, 0),
      ]);
      await waitFor(() => received[0].length === 1 && received[1].length === 1, 'both servers to deliver');
      expect(received).toEqual([[String(written.id)], [String(written.id)]]);
    } finally {
      stops.forEach((stop) => stop());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});
