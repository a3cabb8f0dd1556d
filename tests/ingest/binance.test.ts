import { runDataset } from '../../src/ingest/runner';
import { startStreams } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { loopbackOptions, serveBinance, ethFundingAsServed, ethFundingByOwnInterval } from './venues';

const window = { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };

describe('Binance USD-M connector', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'binance');

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  const instrumentId = async (symbol: string) => (await database.db.query<{ id: number }>('SELECT id FROM instrument WHERE symbol = $1', [symbol]))[0].id;

  it('discovers tracked-asset listings only, with funding intervals from fundingInfo (default 8 h)', async () => {
    await runDataset(database.db, 'binance', 'instruments', window, options());
    const rows = await database.db.query(`
      SELECT i.symbol, a.symbol AS asset, i.contract_type, i.margin_type, i.quote_currency, i.contract_size,
             i.expires_at, i.active, i.funding_interval_hours, i.origin
      FROM instrument i JOIN asset a ON a.id = i.asset_id ORDER BY i.symbol`);
    expect(rows).toEqual([
      { symbol: 'BTCUSDT', asset: 'BTC', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 1, expires_at: null, active: true, funding_interval_hours: 8, origin: 'LIVE' },
      { symbol: 'BTCUSDT_240628', asset: 'BTC', contract_type: 'FUTURE', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 1, expires_at: new Date('2024-06-28T08:00:00Z'), active: true, funding_interval_hours: null, origin: 'LIVE' },
      { symbol: 'ETHUSDT', asset: 'ETH', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 1, expires_at: null, active: true, funding_interval_hours: 4, origin: 'LIVE' },
    ]);
    expect((await database.db.query('SELECT symbol FROM asset ORDER BY symbol')).map((r) => r.symbol)).toEqual(['BTC', 'ETH', 'SOL']);
    expect(await database.db.query('SELECT slug, kind, liquidation_completeness FROM venue')).toEqual([{ slug: 'binance', kind: 'CEX', liquidation_completeness: 'LOWER_BOUND' }]);
  });

  it('stores open-interest history from the quote value and current OI as coins × mark price', async () => {
    const result = await runDataset(database.db, 'binance', 'open-interest', window, options());
    expect(result.rowsWritten).toBe(7);
    const btc = await instrumentId('BTCUSDT');
    const rows = await database.db.query('SELECT at, open_interest_usd, open_interest_contracts, origin FROM open_interest WHERE instrument_id = $1 ORDER BY at', [btc]);
    expect(rows).toEqual([
      { at: new Date('2024-06-10T08:00:00Z'), open_interest_usd: 5463012345.12, open_interest_contracts: 81010.25, origin: 'BACKFILL' },
      // This row's timestamp came as a string: accepted like the numeric ones.
      { at: new Date('2024-06-10T08:05:00Z'), open_interest_usd: 5470100000.5, open_interest_contracts: 81100.5, origin: 'BACKFILL' },
      { at: new Date('2024-06-10T08:10:00Z'), open_interest_usd: 5479000000, open_interest_contracts: 81200, origin: 'BACKFILL' },
      { at: new Date(1718009990123), open_interest_usd: 81234.567 * 67012.4, open_interest_contracts: 81234.567, origin: 'LIVE' },
    ]);
    const [quarterly] = await database.db.query('SELECT open_interest_usd FROM open_interest WHERE instrument_id = $1', [await instrumentId('BTCUSDT_240628')]);
    expect(quarterly.open_interest_usd).toBeCloseTo(1200.5 * 68100, 6);
    expect(venue.requestsTo('/futures/data/openInterestHist').map((r) => r.query.get('period'))).toContain('5m');
  });

  it('stores settled funding rounded to the hour, each row with the spacing of its settlement: ETHUSDT moved from 8 h to 4 h', async () => {
    const result = await runDataset(database.db, 'binance', 'funding', { from: new Date('2024-06-09T00:00:00Z'), to: window.to }, options());
    expect(result.rowsWritten).toBe(11);
    const rows = await database.db.query(`
      SELECT i.symbol, f.at, f.rate, f.interval_hours, f.origin FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
      WHERE f.at >= '2024-06-09T00:00:00Z' ORDER BY i.symbol, f.at`);
    expect(rows).toEqual([
      // The first row of a history has no settlement before it: the next one's spacing.
      { symbol: 'BTCUSDT', at: new Date('2024-06-09T16:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T00:00:00Z'), rate: 0.000085, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T08:00:00Z'), rate: -0.000012, interval_hours: 8, origin: 'BACKFILL' },
      // The accruing rate takes the interval the symbol has now (fundingInfo, else 8 h).
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T16:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'LIVE' },
      // fundingInfo says 4 h today; the older settlements were 8 h apart.
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T00:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T08:00:00Z'), rate: 0.00008, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T16:00:00Z'), rate: 0.00012, interval_hours: 8, origin: 'BACKFILL' },
      // Charged at 00:00 for the 8 hours since 16:00: still an 8 h rate.
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T00:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T04:00:00Z'), rate: 0.00004, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T08:00:00Z'), rate: 0.00005, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T12:00:00Z'), rate: -0.000025, interval_hours: 4, origin: 'LIVE' },
    ]);
  });

  it('normalises and annualises each ETHUSDT rate by the interval it settled at, not by today\'s 4 h', async () => {
    expect(await ethFundingAsServed(database.db)).toEqual(ethFundingByOwnInterval);
  });

  it('gives a lone settlement in a page the spacing from the instrument\'s previous stored settlement, as incremental runs read', async () => {
    // ETHUSDT settles every 4 h now; the 00:00 settlement was the last 8 h one (since 16:00).
    await database.db.query(`DELETE FROM funding_rate WHERE at = '2024-06-10T00:00:00Z' AND instrument_id = (SELECT id FROM instrument WHERE symbol = 'ETHUSDT')`);
    await runDataset(database.db, 'binance', 'funding', { from: new Date('2024-06-10T00:00:00Z'), to: new Date('2024-06-10T01:00:00Z') }, options());
    const [row] = await database.db.query(`SELECT f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id WHERE i.symbol = 'ETHUSDT' AND f.at = '2024-06-10T00:00:00Z'`);
    expect(row.interval_hours).toBe(8);
  });

  it('reads hourly settlements over a long window without skipping a row: slices hold fewer than a page', async () => {
    const from = Date.UTC(2024, 2, 1);
    const hours = 24 * 60;
    // fundingTime a few ms past the hour, as Binance sends it.
    const settlements = Array.from({ length: hours }, (_, i) => ({ symbol: 'BTCUSDT', fundingRate: (0.00001 * ((i % 7) - 3)).toFixed(8), fundingTime: from + (i + 1) * 3_600_000 + (i % 5), markPrice: '67000.00000000' }));
    const served: number[] = [];
    venue.route('/fapi/v1/fundingRate', (r) => {
      const [start, end, limit] = ['startTime', 'endTime', 'limit'].map((name) => Number(r.query.get(name)));
      // Like the venue: ascending, the FIRST `limit` rows of the range.
      const rows = r.query.get('symbol') !== 'BTCUSDT' ? [] : settlements.filter((s) => s.fundingTime >= start && s.fundingTime <= end).slice(0, limit);
      served.push(rows.length);
      return rows;
    });
    try {
      await runDataset(database.db, 'binance', 'funding', { from: new Date(from), to: new Date(from + (hours + 1) * 3_600_000) }, options());
    } finally {
      serveBinance(venue);
    }
    const rows = await database.db.query(`SELECT f.at, f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
      WHERE i.symbol = 'BTCUSDT' AND f.at < '2024-06-01T00:00:00Z' ORDER BY f.at`);
    expect(rows.map((row) => row.at.getTime())).toEqual(settlements.map((_, i) => from + (i + 1) * 3_600_000));
    expect(rows.every((row) => row.interval_hours === 1)).toBe(true);
    expect(Math.max(...served)).toBeLessThan(1000);
  });

  it('stores mark and index prices from premiumIndex', async () => {
    await runDataset(database.db, 'binance', 'mark-price', window, options());
    const rows = await database.db.query('SELECT i.symbol, m.at, m.mark_price, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id ORDER BY i.symbol');
    expect(rows).toEqual([
      { symbol: 'BTCUSDT', at: new Date(1718009998000), mark_price: 67012.4, index_price: 66998.71234567 },
      { symbol: 'BTCUSDT_240628', at: new Date(1718009998000), mark_price: 68100, index_price: 66998.71234567 },
      { symbol: 'ETHUSDT', at: new Date(1718009998000), mark_price: 3650.25, index_price: 3649.9 },
    ]);
  });

  it('computes bid and ask USD within 1 % and 2 % of mid, and notes books with an empty side', async () => {
    const result = await runDataset(database.db, 'binance', 'depth', window, options());
    const rows = await database.db.query('SELECT instrument_id, at, mid_price, bid_usd_1pct, ask_usd_1pct, bid_usd_2pct, ask_usd_2pct FROM order_book_depth');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.instrument_id).toBe(await instrumentId('BTCUSDT'));
    expect(row.at).toEqual(new Date(1718009999449));
    expect(row.mid_price).toBeCloseTo(67000.05, 6);
    // Hand-checked: 67000 × 1.5 + 66400 × 2; + 65800 × 3 within 2 %; 65000 is beyond 2 %.
    expect(row.bid_usd_1pct).toBeCloseTo(233300, 6);
    expect(row.bid_usd_2pct).toBeCloseTo(430700, 6);
    expect(row.ask_usd_1pct).toBeCloseTo(67000.1 + 135200, 6);
    expect(row.ask_usd_2pct).toBeCloseTo(67000.1 + 135200 + 68300, 6);
    expect(result.notes.filter((n) => n.includes('empty book side'))).toHaveLength(2);
    expect(venue.requestsTo('/fapi/v1/depth')[0].query.get('limit')).toBe('1000');
  });

  it('streams force orders as liquidations (SELL = long liquidated) and loses nothing across a dropped connection', async () => {
    const messages = fixture<unknown[]>('binance', 'force-order');
    const stop = await startStreams(database.db, ['binance'], options());
    try {
      await eventually(() => venue.openSockets().length === 1);
      expect(venue.openSockets()[0].path).toBe('/market/ws/!forceOrder@arr');
      venue.push(messages[0]);
      venue.push(messages[1]);
      venue.push(messages[2]); // DOGE is not tracked: dropped
      await eventually(async () => (await database.db.query('SELECT 1 FROM liquidation')).length === 2);

      venue.dropConnections();
      await eventually(() => venue.sockets.length === 2 && venue.openSockets().length === 1);
      venue.push(messages[1]); // re-sent after the reconnect
      venue.push(messages[3]);
      await eventually(async () => (await database.db.query('SELECT 1 FROM liquidation')).length === 3);
    } finally {
      await stop();
    }
    const rows = await database.db.query(`
      SELECT i.symbol, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.price_kind, l.origin
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id ORDER BY l.occurred_at`);
    expect(rows).toEqual([
      { symbol: 'BTCUSDT', side: 'LONG', price: 66912.4, quantity: 0.25, notional_usd: 16728.1, occurred_at: new Date(1718000001229), price_kind: 'FILL', origin: 'LIVE' },
      { symbol: 'ETHUSDT', side: 'SHORT', price: 3690.5, quantity: 2, notional_usd: 7381, occurred_at: new Date(1718000002230), price_kind: 'FILL', origin: 'LIVE' },
      { symbol: 'BTCUSDT', side: 'SHORT', price: 67080, quantity: 0.1, notional_usd: 6708, occurred_at: new Date(1718000004230), price_kind: 'FILL', origin: 'LIVE' },
    ]);
    const hourly = await database.db.query('SELECT side, sum(event_count)::int AS events FROM liquidation_hourly GROUP BY side ORDER BY side');
    expect(hourly).toEqual([{ side: 'LONG', events: 1 }, { side: 'SHORT', events: 2 }]);
    // The stream reports what it wrote, so ingestionStatus shows the live feed.
    const reported = await database.db.query<{ total: number; failed: number }>(
      `SELECT coalesce(sum(rows_written), 0)::int AS total, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM ingestion_run WHERE source = 'binance' AND dataset = 'liquidations'`,
    );
    expect(reported).toEqual([{ total: 3, failed: 0 }]);
  });

  it('connects the liquidation stream on the /market route, since the unrouted legacy path delivers nothing', async () => {
    const stop = await startStreams(database.db, ['binance'], options());
    try {
      await eventually(() => venue.openSockets().length === 1);
      const [connection] = venue.openSockets();
      // The configured URL is the venue root; the connector adds the route.
      expect(options().env?.CASCADE_BINANCE_WS_URL).toBe(venue.wsUrl);
      expect(connection.path).toBe('/market/ws/!forceOrder@arr');
      expect(connection.routed).toBe(true);
    } finally {
      await stop();
    }
  });

  it('delivers nothing to a client still on the retired unrouted path (the loopback venue behaves as Binance does)', async () => {
    const { WebSocket } = await import('ws');
    const legacy = new WebSocket(`${venue.wsUrl}/ws/!forceOrder@arr`);
    const received: string[] = [];
    legacy.on('message', (data) => received.push(String(data)));
    await new Promise((resolve, reject) => legacy.once('open', resolve).once('error', reject));
    try {
      await eventually(() => venue.openSockets().some((s) => s.path === '/ws/!forceOrder@arr'));
      venue.push(fixture<unknown[]>('binance', 'force-order')[0]);
      // A routed client would have it within milliseconds; give the legacy one ample time.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual([]);
    } finally {
      legacy.terminate();
    }
  });
});
