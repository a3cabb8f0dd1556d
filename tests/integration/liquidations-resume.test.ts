import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { EventSpec, FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

const subscription = `subscription ($filter: LiquidationFilter, $after: String) {
  liquidationOccurred(filter: $filter, after: $after) { id cursor notionalUsd }
}`;

describe('liquidationOccurred resumes after a cursor', () => {
  let database: TestDatabase;
  let server: TestServer;
  let ids: FixtureIds;
  let key = 0;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const write = (events: EventSpec[]) => insertLiquidations(database.db, events.map((e) => toRow(ids, { ...e, key: `r${key++}` }, 0)));
  const event = (notionalUsd: number, minute: number): EventSpec => ({ asset: 'BTC', venue: 'okx', side: 'LONG', notionalUsd, at: new Date(Date.UTC(2025, 9, 10, 21, minute)) });

  it('replays what a client missed, oldest first, then continues live without a gap or a repeat', async () => {
    await write([event(1000, 0), event(2000, 1), event(3000, 2)]);
    const page = await server.query(`{ liquidations(first: 3) { edges { cursor node { notionalUsd cursor } } } }`);
    const edges = page.data!.liquidations.edges;
    // The oldest event's cursor, as the client last saw it; node cursors equal edge cursors.
    expect(edges.map((e: any) => e.node.cursor)).toEqual(edges.map((e: any) => e.cursor));
    const resumeFrom = edges[2].cursor;

    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: number[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe<{ liquidationOccurred: { notionalUsd: number } }>(
      { query: subscription, variables: { filter: { asset: 'BTC' }, after: resumeFrom } },
      { next: (r) => (r.data ? received.push(r.data.liquidationOccurred.notionalUsd) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => undefined },
    );
    try {
      await waitFor(() => received.length === 2, 'the replay');
      expect(received).toEqual([2000, 3000]);
      await write([event(4000, 3)]);
      await waitFor(() => received.length === 3, 'the live event');
      expect(received).toEqual([2000, 3000, 4000]);
      expect(errors).toEqual([]);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('refuses a cursor it did not issue, naming `after`', async () => {
    const client = createClient({ url: server.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const errors: any[] = [];
    client.subscribe(
      { query: subscription, variables: { after: 'bogus' } },
      { next: (r) => errors.push(...(r.errors ?? [])), error: (e) => errors.push(...(Array.isArray(e) ? e : [e])), complete: () => undefined },
    );
    try {
      await waitFor(() => errors.length > 0, 'the error');
      expect(errors[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', argument: 'after' });
    } finally {
      await client.dispose();
    }
  });
});
