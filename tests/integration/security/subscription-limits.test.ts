import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { fastClock } from '../../support/fast-clock';
import { eventually, SecuredServer, startSecuredServer } from './support';

/** Inside one minute for the whole test: budgets never roll over under it. */
const pinnedMinute = () => Date.parse('2025-10-10T21:00:20Z');

/** Pushes the initial assessment at once, then checks once a day: a live subscription that says it was accepted. */
const watch = `subscription { recoveryConditionChanged(asset: "BTC", checkEveryMinutes: 1440) { asOf } }`;
/** 10 (root field) + 1 bucket: 2 points per tick. */
const ticks = `subscription { liquidationTicks(asset: "BTC", interval: M1) { start count } }`;
const ticksCost = 2;

interface Watched {
  data: any[];
  /** Resolves with the errors the subscription ended with, or [] when it completed. */
  ended: Promise<any[]>;
  stop: () => void;
}

function subscribe(client: Client, query: string): Watched {
  const data: any[] = [];
  let stop = () => undefined as void;
  const ended = new Promise<any[]>((resolve) => {
    stop = client.subscribe(
      { query },
      {
        next: (result) => (result.errors ? resolve(result.errors as any[]) : data.push(result.data)),
        error: (error) => resolve(Array.isArray(error) ? error : [{ message: String((error as { code?: number }).code ?? error) }]),
        complete: () => resolve([]),
      },
    );
  });
  return { data, ended, stop: () => stop() };
}

/** A graphql-ws client calling from `address` (the servers trust loopback proxies). */
function connectAs(server: SecuredServer, address: string): Client {
  return createClient({
    url: server.url.replace('http:', 'ws:'),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { 'x-forwarded-for': address } });
      }
    },
    retryAttempts: 0,
  });
}

describe('live subscriptions are capped per connection and per caller', () => {
  let database: TestDatabase;
  let server: SecuredServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startSecuredServer(database.db, { subscriptionCaps: { perConnection: 3, perCaller: 4 }, trustProxy: 'loopback' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.stop();
    await database.drop();
  });

  // Each test calls from its own address: another test's subscriptions are another caller's.
  const connect = (address: string) => {
    const client = connectAs(server, address);
    clients.push(client);
    return client;
  };
  const accepted = async (subscription: Watched) => eventually(() => subscription.data.length > 0, 10_000);

  it('refuses one subscription more than a connection may hold with TOO_MANY_SUBSCRIPTIONS, and takes it once one completes', async () => {
    const client = connect('198.51.100.30');
    const live = [subscribe(client, watch), subscribe(client, watch), subscribe(client, watch)];
    for (const subscription of live) await accepted(subscription);
    const refused = await subscribe(client, watch).ended;
    expect(refused).toHaveLength(1);
    expect(refused[0].extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 3, per: 'connection' });
    // Queries over the same socket are not subscriptions: they are not capped.
    const query = await new Promise<any>((resolve) => client.subscribe({ query: '{ __typename }' }, { next: resolve, error: resolve, complete: () => undefined }));
    expect(query.data).toEqual({ __typename: 'Query' });
    live[0].stop();
    await eventually(async () => {
      const again = subscribe(client, watch);
      const outcome = await Promise.race([again.ended, accepted(again).then(() => 'accepted')]);
      if (outcome !== 'accepted') return false;
      live[0] = again;
      return true;
    });
    for (const subscription of live) subscription.stop();
  });

  it("refuses one more than a caller may hold across its connections, and frees a closed socket's share", async () => {
    const first = connect('198.51.100.31');
    const second = connect('198.51.100.31');
    const onFirst = [subscribe(first, watch), subscribe(first, watch), subscribe(first, watch)];
    for (const subscription of onFirst) await accepted(subscription);
    await accepted(subscribe(second, watch));
    // Four live for this caller (one address, anonymous): the fifth is refused on any socket.
    const refused = await subscribe(second, watch).ended;
    expect(refused[0].extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 4, per: 'caller' });
    await first.dispose();
    await eventually(async () => {
      const again = subscribe(second, watch);
      return (await Promise.race([again.ended, accepted(again).then(() => 'accepted')])) === 'accepted';
    });
  });
});

describe('each tick and check of a subscription is charged', () => {
  let database: TestDatabase;
  let server: SecuredServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    // Ticks come as fast as the server can read them; the budget's minute never ends.
    server = await startSecuredServer(
      database.db,
      { rateLimits: true, anonymousPointsPerMinute: 10, now: pinnedMinute, trustProxy: 'loopback' },
      { clock: fastClock(Date.parse('2025-10-10T20:59:30Z')) },
    );
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('a subscription whose ticks exhaust the budget ends with RATE_LIMITED', async () => {
    const client = connectAs(server, '198.51.100.20');
    try {
      const subscription = subscribe(client, ticks);
      const errors = await subscription.ended;
      // Subscribing paid 2 points and the first tick; four more ticks spent the other 8.
      expect(subscription.data).toHaveLength(1 + (10 - ticksCost) / ticksCost);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toEqual({ code: 'RATE_LIMITED', cost: ticksCost, remaining: 0, budgetPerMinute: 10, retryAfterSeconds: 40 });
      // Spent for this minute: subscribing again is refused before anything runs.
      const again = await subscribe(client, ticks).ended;
      expect(again[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });

  it('a recovery watch pays for every check, pushed or not, and ends with RATE_LIMITED', async () => {
    const client = connectAs(server, '198.51.100.21');
    try {
      const subscription = subscribe(client, `subscription { recoveryConditionChanged(asset: "BTC", checkEveryMinutes: 1) { asOf allMet } }`);
      const errors = await subscription.ended;
      expect(errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', budgetPerMinute: 10 });
      const cost = errors[0].extensions.cost as number;
      // Checks that flip nothing push nothing, yet the budget ran out: they were charged.
      expect(subscription.data.length).toBeLessThan(Math.floor(10 / cost));
      expect(errors[0].extensions.remaining).toBeLessThan(cost);
    } finally {
      await client.dispose();
    }
  });
});
