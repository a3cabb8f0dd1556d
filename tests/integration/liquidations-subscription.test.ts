import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { liquidationFeedFor } from '../../src/domains/liquidations/liquidation.feed';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { EventSpec, FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

const subscription = `subscription ($filter: LiquidationFilter) {
  liquidationOccurred(filter: $filter) { id side notionalUsd occurredAt venue { slug } instrument { symbol } asset { symbol } }
}`;

interface Received {
  id: string;
  side: string;
  notionalUsd: number;
  occurredAt: string;
  venue: { slug: string };
  instrument: { symbol: string };
  asset: { symbol: string };
}

describe('liquidationOccurred over graphql-ws', () => {
  let database: TestDatabase;
  let server: TestServer;
  let writer: Db;
  let client: Client;
  let ids: FixtureIds;
  let keyCount = 0;

  /** Subscribes and records whatever arrives: data, errors, completion. */
  function subscribe(filter: Record<string, unknown> | null) {
    const record = { received: [] as Received[], errors: [] as Array<{ message: string; extensions?: Record<string, unknown> }>, completed: false };
    const unsubscribe = client.subscribe<{ liquidationOccurred: Received }>(
      { query: subscription, variables: { filter } },
      {
        next: (result) => {
          if (result.errors) record.errors.push(...(result.errors as typeof record.errors));
          if (result.data) record.received.push(result.data.liquidationOccurred);
        },
        error: (error) => record.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }])),
        complete: () => (record.completed = true),
      },
    );
    return { record, unsubscribe };
  }

  /** Inserts through a second pool: the API process learns of the rows only through NOTIFY. */
  const write = (events: EventSpec[]) => insertLiquidations(writer, events.map((e) => toRow(ids, { ...e, key: `k${keyCount++}` }, 0)));

  const listenerCount = async () =>
    (
      await database.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND datname = current_database()`,
      )
    )[0].count;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    server = await startTestServer(database.db);
    writer = connect(database.url, { max: 2 });
    client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
  });

  afterAll(async () => {
    await client.dispose();
    await server.stop();
    await writer.pool.end();
    await database.drop();
  });

  it('each subscriber receives exactly the events its filter matches, in time order, from one LISTEN connection', async () => {
    const feed = liquidationFeedFor(database.db);
    const bybitLongs = subscribe({ asset: 'BTC', venues: ['bybit'], side: 'LONG', minNotionalUsd: 1000 });
    const binance = subscribe({ venues: ['binance'], from: '2025-09-01T00:00:00Z', to: '2025-09-02T00:00:00Z' });
    await waitFor(() => feed.subscriberCount === 2 && feed.listening, 'both subscriptions to be listening');
    expect(await listenerCount()).toBe(1);

    const at = (minute: number) => new Date(Date.UTC(2025, 8, 1, 12, minute));
    const batch: EventSpec[] = [
      { asset: 'BTC', venue: 'bybit', side: 'LONG', notionalUsd: 2500, at: at(3) },
      { asset: 'BTC', venue: 'bybit', side: 'LONG', notionalUsd: 1000, at: at(1) },
      { asset: 'ETH', venue: 'bybit', side: 'LONG', notionalUsd: 5000, at: at(2) },
      { asset: 'BTC', venue: 'binance', side: 'LONG', notionalUsd: 7000, at: at(4) },
      { asset: 'BTC', venue: 'bybit', side: 'SHORT', notionalUsd: 5000, at: at(5) },
      { asset: 'BTC', venue: 'bybit', side: 'LONG', notionalUsd: 999.5, at: at(6) },
      { asset: 'ETH', venue: 'binance', side: 'SHORT', notionalUsd: 800, at: at(7) },
      { asset: 'ETH', venue: 'binance', side: 'SHORT', notionalUsd: 900, at: new Date('2025-09-02T00:00:00Z') },
    ];
    const rows = batch.map((event, i) => toRow(ids, { ...event, key: `batch-${i}` }, i));
    const inserted = await insertLiquidations(writer, rows);
    // The same rows again are duplicates: nothing is inserted, so nothing is announced.
    expect(await insertLiquidations(writer, rows)).toHaveLength(0);
    // A last matching event for each, written later: once it arrives, everything before it has.
    await write([
      { asset: 'BTC', venue: 'bybit', side: 'LONG', notionalUsd: 4000, at: at(30) },
      { asset: 'BTC', venue: 'binance', side: 'SHORT', notionalUsd: 600, at: at(31) },
    ]);
    await waitFor(() => bybitLongs.record.received.length >= 3 && binance.record.received.length >= 3, 'the events to arrive');

    expect(bybitLongs.record.received.map((r) => r.notionalUsd)).toEqual([1000, 2500, 4000]);
    expect(binance.record.received.map((r) => r.notionalUsd)).toEqual([7000, 800, 600]);
    expect(bybitLongs.record.received[0]).toEqual({
      id: String(inserted[1].id),
      side: 'LONG',
      notionalUsd: 1000,
      occurredAt: '2025-09-01T12:01:00.000Z',
      venue: { slug: 'bybit' },
      instrument: { symbol: 'BTCUSDT' },
      asset: { symbol: 'BTC' },
    });
    expect([...bybitLongs.record.errors, ...binance.record.errors]).toEqual([]);

    bybitLongs.unsubscribe();
    binance.unsubscribe();
    await waitFor(() => feed.subscriberCount === 0, 'the subscriptions to end');
    await waitFor(async () => (await listenerCount()) === 0, 'the LISTEN connection to close');
  });

  it.each([
    ['an unknown asset', { asset: 'DOGE' }, 'UNKNOWN_ASSET', 'filter.asset'],
    ['an unknown venue', { venues: ['nowhere'] }, 'UNKNOWN_VENUE', 'filter.venues'],
    ['a negative minimum size', { minNotionalUsd: -5 }, 'BAD_USER_INPUT', 'filter.minNotionalUsd'],
    ['from not before to', { from: '2025-09-02T00:00:00Z', to: '2025-09-01T00:00:00Z' }, 'INVALID_TIME_RANGE', 'filter.from'],
  ])('refuses %s when subscribing, naming the argument', async (_name, filter, code, argument) => {
    const refused = subscribe(filter);
    await waitFor(() => refused.record.completed || refused.record.errors.length > 0, 'the refusal');
    expect(refused.record.errors[0]?.extensions).toMatchObject({ code, argument });
    expect(refused.record.received).toEqual([]);
    expect(liquidationFeedFor(database.db).subscriberCount).toBe(0);
  });
});
