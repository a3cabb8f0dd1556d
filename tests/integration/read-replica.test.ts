import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '../../src/core/logger';
import { RunningServer, startServer } from '../../src/app/server';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

/**
 * With a read pool (DATABASE_READ_URL) queries go to it, while the live feed LISTENs on the
 * primary: a standby never receives NOTIFY. Here the "replica" is a second database with the
 * same registry, so which one answered is visible.
 */
describe('reads from a replica, live events from the primary', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let server: RunningServer;
  let ids: FixtureIds;
  let writer: Db;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase('empty'), createTestDatabase('empty')]);
    ids = await seedRegistry(primary.db);
    await seedRegistry(replica.db);
    await replica.db.query(`UPDATE venue SET name = 'Read replica' WHERE slug = 'okx'`);
    writer = connect(primary.url, { max: 2 });
    server = await startServer({ db: replica.db, primaryDb: primary.db, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
  });
  afterAll(async () => {
    await server.stop();
    await writer.pool.end();
    await Promise.all([primary.drop(), replica.drop()]);
  });

  it('answers queries from the read pool and subscriptions from the primary', async () => {
    const url = `http://127.0.0.1:${server.port}/graphql`;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ venue(slug: "okx") { name } }' }) });
    expect(((await response.json()) as any).data.venue.name).toBe('Read replica');

    const client = createClient({ url: url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: string[] = [];
    const stop = client.subscribe<{ liquidationOccurred: { id: string } }>(
      { query: 'subscription { liquidationOccurred { id } }' },
      { next: (r) => r.data && received.push(r.data.liquidationOccurred.id), error: () => undefined, complete: () => undefined },
    );
    try {
      await waitFor(
        async () => (await primary.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`)).length === 1,
        'the feed to listen on the primary',
      );
      const [row] = await insertLiquidations(writer, [toRow(ids, { asset: 'BTC', venue: 'okx', side: 'SHORT', notionalUsd: 50, at: new Date('2025-10-10T21:00:00Z'), key: 'replica' }, 0)]);
      await waitFor(() => received.length === 1, 'the event');
      expect(received).toEqual([String(row.id)]);
    } finally {
      stop();
      await client.dispose();
    }
  });
});
