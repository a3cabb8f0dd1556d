import { startStreams } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, VenueServer, VenueSocket } from '../support/venue-server';
import { serveDeribitStream } from './venue-streams';
import { serveDeribit } from './venue-routes';
import { loopbackOptions } from './venues';

/** What the client sent on a connection, by JSON-RPC method. */
const sent = (connection: VenueSocket, method: string) => connection.received.filter((m: any) => m?.method === method) as any[];

describe('Deribit liquidations from the public trade stream', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const notifications = fixture<unknown[]>('deribit', 'trades.future.notifications');
  // The collector's own probe (public/test every intervalMs) is slowed down, so every
  // public/test the venue sees answers one of its test_requests.
  const options = () => ({ ...loopbackOptions(venue, 'deribit'), settings: { ...loopbackOptions(venue, 'deribit').settings, heartbeat: { intervalMs: 60_000, deadAfterMs: 120_000 } } });
  const count = async () => (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM liquidation'))[0].n;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveDeribit(venue);
    serveDeribitStream(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('stores one event per liquidated position (T the taker, M the maker, MT both) on inverse and linear futures, none for ordinary trades, across a dropped connection', async () => {
    const stop = await startStreams(database.db, ['deribit'], { ...options(), requireAll: true });
    try {
      await eventually(() => venue.openSockets().length === 1 && sent(venue.openSockets()[0], 'public/subscribe').length === 1);
      const [first] = venue.openSockets();
      expect(sent(first, 'public/set_heartbeat').map((m) => m.params)).toEqual([{ interval: 30 }]);
      expect(sent(first, 'public/subscribe').map((m) => m.params)).toEqual([{ channels: ['trades.future.BTC.100ms', 'trades.future.ETH.100ms', 'trades.future.USDC.100ms', 'deribit_price_index.btc_usd'] }]);

      venue.push(fixture('deribit', 'heartbeat.test-request'));
      await eventually(() => sent(first, 'public/test').length === 1);

      venue.push(notifications[0]);
      venue.push(notifications[1]);
      await eventually(async () => (await count()) === 4);

      venue.dropConnections();
      await eventually(() => venue.sockets.length === 2 && venue.openSockets().length === 1 && sent(venue.openSockets()[0], 'public/subscribe').length === 1);
      // A new connection has neither heartbeat nor channels: both are asked for again.
      expect(sent(venue.openSockets()[0], 'public/set_heartbeat')).toHaveLength(1);
      venue.push(notifications[1]); // re-sent after the reconnect: its events are stored once
      venue.push(notifications[2]);
      venue.push(notifications[3]);
      await eventually(async () => (await count()) === 8);
    } finally {
      await stop();
    }
    const rows = await database.db.query<any>(`
      SELECT i.symbol, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.event_key, l.price_kind, l.origin
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id ORDER BY l.occurred_at, l.event_key`);
    const expected = [
      // A taker SELL flagged T: the taker closed a long.
      { symbol: 'BTC-PERPETUAL', side: 'LONG', price: 66800.5, usd: 12000, coins: 12000 / 66800.5, at: 1718009100120, key: 'BTC-PERPETUAL:301880021:T' },
      // A taker BUY flagged M: the maker sold, closing a long.
      { symbol: 'BTC-PERPETUAL', side: 'LONG', price: 67000, usd: 5000, coins: 5000 / 67000, at: 1718009160500, key: 'BTC-PERPETUAL:301880030:M' },
      // MT: both sides liquidated, one long (the selling taker) and one short (the buying maker).
      { symbol: 'BTC-28JUN24', side: 'SHORT', price: 67100, usd: 2000, coins: 2000 / 67100, at: 1718009160900, key: 'BTC-28JUN24:301880031:M' },
      { symbol: 'BTC-28JUN24', side: 'LONG', price: 67100, usd: 2000, coins: 2000 / 67100, at: 1718009160900, key: 'BTC-28JUN24:301880031:T' },
      // Linear USDC: the amount is already coins.
      { symbol: 'BTC_USDC-PERPETUAL', side: 'SHORT', price: 67050, usd: 0.25 * 67050, coins: 0.25, at: 1718009220300, key: 'BTC_USDC-PERPETUAL:USDC-2436810:T' },
      { symbol: 'SOL_USDC-PERPETUAL', side: 'LONG', price: 150.5, usd: 40 * 150.5, coins: 40, at: 1718009220400, key: 'SOL_USDC-PERPETUAL:USDC-2436811:M' },
      { symbol: 'SOL_USDC-PERPETUAL', side: 'SHORT', price: 150.5, usd: 40 * 150.5, coins: 40, at: 1718009220400, key: 'SOL_USDC-PERPETUAL:USDC-2436811:T' },
      // A taker SELL flagged M: the maker bought, closing a short (ETH-PERPETUAL: 1 USD contracts).
      { symbol: 'ETH-PERPETUAL', side: 'SHORT', price: 3600, usd: 3600, coins: 1, at: 1718009280000, key: 'ETH-PERPETUAL:ETH-219990001:M' },
    ];
    expect(rows.map((r) => ({ symbol: r.symbol, side: r.side, price: r.price, at: r.occurred_at.getTime(), key: r.event_key, kind: r.price_kind, origin: r.origin }))).toEqual(
      expected.map((e) => ({ symbol: e.symbol, side: e.side, price: e.price, at: e.at, key: e.key, kind: 'FILL', origin: 'LIVE' })),
    );
    rows.forEach((row, i) => {
      expect(row.quantity).toBeCloseTo(expected[i].coins, 12);
      expect(row.notional_usd).toBeCloseTo(expected[i].usd, 8);
    });
    const hourly = await database.db.query('SELECT side, sum(event_count)::int AS events FROM liquidation_hourly GROUP BY side ORDER BY side');
    expect(hourly).toEqual([{ side: 'LONG', events: 4 }, { side: 'SHORT', events: 4 }]);
    const reported = await database.db.query(
      `SELECT coalesce(sum(rows_written), 0)::int AS total, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM ingestion_run WHERE source = 'deribit' AND dataset = 'liquidations'`,
    );
    expect(reported).toEqual([{ total: 8, failed: 0 }]);
  });

  it('answers every test_request with public/test, so Deribit keeps the connection', async () => {
    const stop = await startStreams(database.db, ['deribit'], { ...options(), requireAll: true });
    try {
      await eventually(() => venue.openSockets().length === 1 && sent(venue.openSockets()[0], 'public/subscribe').length === 1);
      const [connection] = venue.openSockets();
      for (let i = 0; i < 3; i++) venue.push(fixture('deribit', 'heartbeat.test-request'));
      await eventually(() => sent(connection, 'public/test').length === 3);
      expect(sent(connection, 'public/test').map((m) => ({ jsonrpc: m.jsonrpc, method: m.method, id: typeof m.id }))).toEqual(
        Array(3).fill({ jsonrpc: '2.0', method: 'public/test', id: 'number' }),
      );
    } finally {
      await stop();
    }
  });

  it('logs a refused subscription instead of sitting silently on the connection', async () => {
    const answering = venue.onClientMessage;
    // As Deribit answers an anonymous `raw` subscription: a JSON-RPC error with its code.
    venue.onClientMessage = (connection, message: any) =>
      message?.method === 'public/subscribe'
        ? connection.socket.send(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { message: 'unauthorized', code: 13778 }, testnet: false }))
        : answering?.(connection, message);
    const warnings: Array<{ fields: object; message?: string }> = [];
    const log = { info: () => undefined, error: () => undefined, warn: (fields: object, message?: string) => void warnings.push({ fields, message }) };
    const stop = await startStreams(database.db, ['deribit'], { ...options(), log, requireAll: true });
    try {
      await eventually(() => warnings.length > 0);
    } finally {
      await stop();
      venue.onClientMessage = answering;
    }
    expect(warnings[0]).toEqual({ fields: { source: 'deribit', err: '13778 unauthorized' }, message: 'liquidation stream request refused' });
  });

  it('marks Deribit liquidations complete: every trade carries the flag', async () => {
    expect(await database.db.query(`SELECT liquidation_completeness FROM venue WHERE slug = 'deribit'`)).toEqual([{ liquidation_completeness: 'COMPLETE' }]);
  });
});
