import { ChildProcess, spawn } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { builtEntry } from '../support/built';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

/** A second API as a real OS process (`node dist/src/main.js --api-only`) on the same database. */
function startApiProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [builtEntry('src/main.js'), '--api-only'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    });
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}: ${output}`)));
  });
}

describe('subscriptions across two API processes', () => {
  let database: TestDatabase;
  let local: TestServer;
  let remote: { child: ChildProcess; url: string };
  let ids: FixtureIds;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    local = await startTestServer(database.db);
    remote = await startApiProcess(database.url);
  });
  afterAll(async () => {
    remote?.child.kill('SIGTERM');
    if (remote) await new Promise((resolve) => remote.child.once('exit', resolve));
    await local.stop();
    await database.drop();
  });

  it('delivers a liquidation written on one side to subscribers of both processes', async () => {
    const received: string[][] = [[], []];
    const clients = [local.url, remote.url].map((url) => createClient({ url: url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 }));
    const stops = clients.map((client, i) =>
      client.subscribe<{ liquidationOccurred: { id: string } }>(
        { query: 'subscription { liquidationOccurred(filter: { venues: ["okx"] }) { id } }' },
        { next: (r) => r.data && received[i].push(r.data.liquidationOccurred.id), error: () => undefined, complete: () => undefined },
      ),
    );
    try {
      await waitFor(
        async () => (await database.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`)).length === 2,
        'both processes to listen',
      );
      const [row] = await insertLiquidations(database.db, [toRow(ids, { asset: 'BTC', venue: 'okx', side: 'LONG', notionalUsd: 20, at: new Date('2025-10-10T21:05:00Z'), key: 'processes' }, 0)]);
      await waitFor(() => received[0].length === 1 && received[1].length === 1, 'both processes to deliver');
      expect(received).toEqual([[String(row.id)], [String(row.id)]]);
    } finally {
      stops.forEach((stop) => stop());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});
