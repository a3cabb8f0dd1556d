import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { LiquidationFeed } from '../../src/domains/liquidations/liquidation.feed';
import { LiquidationType } from '../../src/domains/liquidations/liquidation.types';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { EventSpec, FixtureIds, generateEvents, seedRegistry, toRow, waitFor } from './liquidations.fixture';

/** The feed below the GraphQL layer: big batches, slow consumers, lost connections. */
describe('the live liquidation feed', () => {
  let database: TestDatabase;
  let writer: Db;
  let ids: FixtureIds;
  let batchNumber = 0;
  const feeds: LiquidationFeed[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    writer = connect(database.url, { max: 2 });
  });

  afterAll(async () => {
    for (const feed of feeds) await feed.close();
    await writer.pool.end();
    await database.drop();
  });

  function newFeed(options: ConstructorParameters<typeof LiquidationFeed>[1] = {}): LiquidationFeed {
    const feed = new LiquidationFeed(database.db, options);
    feeds.push(feed);
    return feed;
  }

  function write(countOrEvents: number | EventSpec[]) {
    const batch = (batchNumber += 1);
    const events = typeof countOrEvents === 'number' ? generateEvents(countOrEvents, new Date('2025-10-01T00:00:00Z'), 86400_000, batch) : countOrEvents;
    return insertLiquidations(writer, events.map((e, i) => toRow(ids, { ...e, key: `b${batch}-${i}` }, i)));
  }

  /** Pulls `count` rows, failing if they do not all come before the deadline. */
  async function take(stream: AsyncIterator<LiquidationType>, count: number, timeoutMs = 10_000): Promise<LiquidationType[]> {
    const rows: LiquidationType[] = [];
    const deadline = Date.now() + timeoutMs;
    while (rows.length < count) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${rows.length} of ${count} rows arrived`)), deadline - Date.now())));
      try {
        const next = await Promise.race([stream.next(), expired]);
        if (next.done) throw new Error('the stream ended early');
        rows.push(next.value);
      } finally {
        clearTimeout(timer);
      }
    }
    return rows;
  }

  const listenerPids = async () =>
    (
      await database.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`,
      )
    ).map((r) => r.pid);

  it('delivers a batch too large for one NOTIFY payload whole and in order', async () => {
    // 16-digit ids: 700 of them are ~13 kB of JSON, far past the 8000-byte NOTIFY limit.
    await database.db.query(`SELECT setval('liquidation_id_seq', 4000000000000000)`);
    const feed = newFeed();
    const stream = await feed.subscribe(() => true);
    const inserted = await write(700);
    expect(String(inserted[0].id)).toHaveLength(16);
    expect(inserted).toHaveLength(700);
    const rows = await take(stream, 700);
    const expected = [...inserted].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime() || a.id - b.id).map((r) => String(r.id));
    expect(rows.map((r) => r.id)).toEqual(expected);
    await stream.return!();
    expect(feed.subscriberCount).toBe(0);
  });

  it('drops a subscriber that falls too far behind with a coded error, and keeps serving the others', async () => {
    const feed = newFeed({ maxPending: 3 });
    const slow = await feed.subscribe(() => true);
    const selective = await feed.subscribe((row) => row.venueId === ids.venue.okx);
    const venues = ['binance', 'okx', 'bybit', 'okx', 'binance'] as const;
    const inserted = await write(venues.map((venue, i) => ({ asset: 'BTC', venue, side: 'LONG', notionalUsd: 1000 + i, at: new Date(Date.UTC(2025, 9, 2, 0, i)) })));
    await waitFor(() => feed.subscriberCount === 1, 'the slow subscriber to be dropped');
    await expect(slow.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_OVERFLOW' } });
    await expect(slow.next()).resolves.toEqual({ value: undefined, done: true });
    const okx = inserted.filter((r) => r.venue_id === ids.venue.okx);
    expect(okx).toHaveLength(2);
    expect((await take(selective, okx.length)).map((r) => r.id).sort()).toEqual(okx.map((r) => String(r.id)).sort());
    await selective.return!();
  });

  it('re-opens its LISTEN connection after the database drops it, and delivers again', async () => {
    const feed = newFeed({ reconnectDelayMs: 10 });
    const stream = await feed.subscribe(() => true);
    const [first] = await listenerPids();
    await database.db.query('SELECT pg_terminate_backend($1)', [first]);
    const [second] = await waitFor(async () => {
      const pids = await listenerPids();
      return feed.listening && pids.length === 1 && pids[0] !== first && pids;
    }, 'a new LISTEN connection');
    expect(second).not.toBe(first);
    const inserted = await write(2);
    expect((await take(stream, 2)).map((r) => r.id).sort()).toEqual(inserted.map((r) => String(r.id)).sort());
    await stream.return!();
    await waitFor(async () => (await listenerPids()).length === 0, 'the connection to close after the last subscriber');
  });

  it('ends a waiting subscriber at once when it unsubscribes', async () => {
    const feed = newFeed();
    const stream = await feed.subscribe(() => true);
    const pending = stream.next();
    await stream.return!();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(feed.subscriberCount).toBe(0);
  });
});
