import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, runMigrations } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { runDataset } from '../../src/ingest/runner';
import { startStreams } from '../../src/ingest/streams';
import { ownCluster } from '../support/own-cluster';
import { eventually, fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { loopbackOptions, serveBinance } from './venues';

/**
 * The worker's side of a database restart, on the test's own embedded cluster: a live stream
 * keeps its venue connection while Postgres is away, holds the batch it could not write, and
 * writes it (and what follows) once Postgres is back — no restart, nothing lost.
 */
describe('a worker whose database goes away and comes back', () => {
  const dataDir = path.join(os.tmpdir(), `cascade-worker-pg-${randomBytes(4).toString('hex')}`);
  let cluster: Awaited<ReturnType<typeof ownCluster>>;
  let db: Db;
  let venue: VenueServer;

  beforeAll(async () => {
    cluster = await ownCluster(dataDir);
    await runMigrations(cluster.url);
    db = connect(cluster.url, { max: 3, connectionTimeoutMs: 1000 });
    venue = await startVenueServer();
    serveBinance(venue);
  }, 120_000);
  afterAll(async () => {
    await venue?.stop();
    await db?.pool.end().catch(() => undefined);
    await cluster?.exit();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps streaming through a Postgres restart and stores the events that arrived while it was down', async () => {
    const options = loopbackOptions(venue, 'binance');
    await runDataset(db, 'binance', 'instruments', { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') }, options);
    const messages = fixture<unknown[]>('binance', 'force-order');
    const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM liquidation'))[0].n;
    const stop = await startStreams(db, ['binance'], options);
    try {
      await eventually(() => venue.openSockets().length === 1);
      venue.push(messages[0]); // BTCUSDT
      venue.push(messages[1]); // ETHUSDT
      await eventually(async () => (await stored()) === 2);

      await cluster.stop();
      venue.push(messages[3]); // BTCUSDT, arriving while Postgres is down: its batch fails and waits
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(venue.openSockets()).toHaveLength(1);
      await cluster.start();

      await eventually(async () => (await stored().catch(() => 0)) === 3, 15_000);
      expect(venue.sockets).toHaveLength(1); // the venue connection lived through it
    } finally {
      await stop();
    }
    const hourly = await db.query<{ events: number }>('SELECT sum(event_count)::int AS events FROM liquidation_hourly');
    expect(hourly[0].events).toBe(3);
  }, 90_000);
});
