import { runDataset } from '../../src/ingest/runner';
import { startStreams } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, venueEnv, VenueServer } from '../support/venue-server';
import { serveHydromancerStream, tokenOf } from './venue-streams';
import { serveHyperliquid } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

const apiKey = 'hm-test-key-0001';
const window = { from: new Date('2024-06-09T00:00:00Z'), to: new Date(testNowMs) };

describe('Hyperliquid liquidations through Hydromancer (keyed)', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const pushes = fixture<unknown[]>('hydromancer', 'liquidation-fills');
  /** Hyperliquid's REST and Hydromancer's WebSocket on the same loopback server. */
  const options = (key: string | null) => {
    const base = loopbackOptions(venue, 'hydromancer');
    return { ...base, env: { ...base.env, ...venueEnv(venue, 'hyperliquid'), ...(key ? { CASCADE_HYDROMANCER_API_KEY: key } : {}) }, requireAll: true };
  };
  const count = async () => (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM liquidation')).at(0)!.n;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveHyperliquid(venue);
    serveHydromancerStream(venue, apiKey);
    await runDataset(database.db, 'hyperliquid', 'instruments', window, options(null));
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('collects nothing without CASCADE_HYDROMANCER_API_KEY: no connection, and Hyperliquid liquidations stay not collected', async () => {
    const stop = await startStreams(database.db, ['hydromancer'], options(null));
    await stop();
    expect(venue.sockets).toHaveLength(0);
    expect(await database.db.query(`SELECT liquidation_completeness FROM venue WHERE slug = 'hyperliquid'`)).toEqual([{ liquidation_completeness: 'NOT_COLLECTED' }]);
  });

  it('stores one event per liquidated position (fills grouped by user, coin and time; side from the position) and skips fills replayed after a reconnect', async () => {
    const stop = await startStreams(database.db, ['hydromancer'], options(apiKey));
    try {
      await eventually(() => venue.openSockets().length === 1 && venue.openSockets()[0].received.length === 1);
      const [first] = venue.openSockets();
      expect(tokenOf(first)).toBe(apiKey);
      expect(first.received).toEqual([{ type: 'subscribe', subscription: { type: 'liquidationFills' } }]);

      venue.push(pushes[0]);
      venue.push(pushes[1]);
      await eventually(async () => (await count()) === 3);

      venue.dropConnections();
      await eventually(() => venue.sockets.length === 2 && venue.openSockets().length === 1 && venue.openSockets()[0].received.length === 1);
      venue.push(pushes[2]); // push 2 again: (time, txIndex) not after the last fill seen
      venue.push(pushes[3]);
      await eventually(async () => (await count()) === 4);
    } finally {
      await stop();
    }
    const rows = await database.db.query<any>(`
      SELECT i.symbol, v.slug AS venue, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.price_kind, l.origin
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id JOIN venue v ON v.id = l.venue_id ORDER BY l.occurred_at, i.symbol`);
    const expected = [
      // The user's own two sells closing a long (its counterparties' buys are the same trades: not counted again).
      { symbol: 'BTC', side: 'LONG', price: (0.3 * 66000 + 0.2 * 65990) / 0.5, coins: 0.5, usd: 0.3 * 66000 + 0.2 * 65990, at: 1718009400100 },
      // Only the counterparty's sell is in the push: the liquidated user bought, closing a short.
      { symbol: 'SOL', side: 'SHORT', price: 150.2, coins: 100, usd: 15020, at: 1718009400100 },
      // Taken over by the backstop vault: the user's own buy closes its short.
      { symbol: 'ETH', side: 'SHORT', price: 3650, coins: 4, usd: 14600, at: 1718009460200 },
      { symbol: 'BTC', side: 'SHORT', price: 67010, coins: 0.1, usd: 6701, at: 1718009520300 },
    ];
    expect(rows.map((r) => ({ symbol: r.symbol, venue: r.venue, side: r.side, at: r.occurred_at.getTime(), kind: r.price_kind, origin: r.origin }))).toEqual(
      expected.map((e) => ({ symbol: e.symbol, venue: 'hyperliquid', side: e.side, at: e.at, kind: 'FILL', origin: 'LIVE' })),
    );
    rows.forEach((row, i) => {
      expect(row.price).toBeCloseTo(expected[i].price, 9);
      expect(row.quantity).toBeCloseTo(expected[i].coins, 12);
      expect(row.notional_usd).toBeCloseTo(expected[i].usd, 8);
    });
    const reported = await database.db.query(
      `SELECT coalesce(sum(rows_written), 0)::int AS total, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM ingestion_run WHERE source = 'hydromancer' AND dataset = 'liquidations'`,
    );
    expect(reported).toEqual([{ total: 4, failed: 0 }]);
  });

  it('with a key the provider refuses, stores nothing and says so in the log, without the key', async () => {
    const before = await count();
    const socketsBefore = venue.sockets.length;
    const warnings: Array<{ fields: object; message?: string }> = [];
    const log = { info: () => undefined, error: () => undefined, warn: (fields: object, message?: string) => void warnings.push({ fields, message }) };
    const stop = await startStreams(database.db, ['hydromancer'], { ...options('not-the-key'), log });
    try {
      // Refused, the collector tries again with backoff; each attempt is closed by the provider.
      await eventually(() => venue.sockets.length >= socketsBefore + 2 && warnings.length >= 2);
      expect(venue.sockets.slice(socketsBefore).every((s) => !s.routed && tokenOf(s) === 'not-the-key')).toBe(true);
    } finally {
      await stop();
    }
    expect(await count()).toBe(before);
    expect(warnings[0]).toEqual({ fields: { source: 'hydromancer', err: 'Invalid or missing API key' }, message: 'liquidation stream request refused' });
    expect(JSON.stringify(warnings)).not.toContain('not-the-key');
  });
});
