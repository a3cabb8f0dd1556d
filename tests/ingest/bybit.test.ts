import { runDataset } from '../../src/ingest/runner';
import { mapCurrentFunding } from '../../src/ingest/sources/bybit/map';
import { startStreams } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { loopbackOptions, serveBybit, testNowMs, ethFundingAsServed, ethFundingByOwnInterval } from './venues';

const window = { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };

describe('Bybit linear connector', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'bybit');
  const bySymbol = (sql: string) => database.db.query(sql);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBybit(venue);
    // Answer like Bybit's public stream: acknowledge subscriptions and application pings.
    venue.onClientMessage = (connection, message) => {
      if (message?.op === 'subscribe') connection.socket.send(JSON.stringify({ success: true, ret_msg: '', op: 'subscribe', conn_id: 'c1' }));
      if (message?.op === 'ping') connection.socket.send(JSON.stringify({ success: true, ret_msg: 'pong', op: 'ping', conn_id: 'c1' }));
    };
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('follows the instruments cursor and keeps tracked assets, funding interval from minutes', async () => {
    await runDataset(database.db, 'bybit', 'instruments', window, options());
    expect(venue.requestsTo('/v5/market/instruments-info').map((r) => r.query.get('cursor'))).toEqual([null, 'first%3D1000%26last%3D2']);
    const rows = await bySymbol(`SELECT i.symbol, a.symbol AS asset, i.contract_type, i.quote_currency, i.expires_at, i.funding_interval_hours
      FROM instrument i JOIN asset a ON a.id = i.asset_id ORDER BY i.symbol`);
    expect(rows).toEqual([
      { symbol: 'BTC-28JUN24', asset: 'BTC', contract_type: 'FUTURE', quote_currency: 'USDC', expires_at: new Date('2024-06-28T08:00:00Z'), funding_interval_hours: null },
      { symbol: 'BTCUSDT', asset: 'BTC', contract_type: 'PERPETUAL', quote_currency: 'USDT', expires_at: null, funding_interval_hours: 8 },
      { symbol: 'ETHUSDT', asset: 'ETH', contract_type: 'PERPETUAL', quote_currency: 'USDT', expires_at: null, funding_interval_hours: 4 },
    ]);
    expect(await database.db.query('SELECT slug, liquidation_completeness FROM venue')).toEqual([{ slug: 'bybit', liquidation_completeness: 'COMPLETE' }]);
  });

  const openInterestRows = async (symbol: string) =>
    bySymbol(`SELECT o.at, o.open_interest_usd, o.open_interest_contracts, o.origin
      FROM open_interest o JOIN instrument i ON i.id = o.instrument_id WHERE i.symbol = '${symbol}' ORDER BY o.at`);

  it('stores one side of open interest: singleOpenInterest where Bybit sends it, valued at the mark price', async () => {
    const result = await runDataset(database.db, 'bybit', 'open-interest', window, options());
    expect(result.rowsWritten).toBe(8);
    // History rows carry singleOpenInterest (one side; openInterest is both sides summed): the
    // 08:00 row's single side is 52311.405, not half of 104622.809.
    expect(await openInterestRows('BTCUSDT')).toEqual([
      { at: new Date('2024-06-10T08:00:00Z'), open_interest_usd: 52311.405 * 67000, open_interest_contracts: 52311.405, origin: 'BACKFILL' },
      { at: new Date('2024-06-10T08:05:00Z'), open_interest_usd: 52350.5 * 67010, open_interest_contracts: 52350.5, origin: 'BACKFILL' },
      { at: new Date('2024-06-10T08:10:00Z'), open_interest_usd: 52400 * 67020, open_interest_contracts: 52400, origin: 'BACKFILL' },
      // Tickers send both sides only: half of openInterest.
      { at: new Date(1718009999000), open_interest_usd: (104622.809 / 2) * 67003.1, open_interest_contracts: 104622.809 / 2, origin: 'LIVE' },
    ]);
    expect(venue.requestsTo('/v5/market/open-interest')[0].query.get('intervalTime')).toBe('5min');
  });

  it('stores half of openInterest (both sides summed) where singleOpenInterest is absent, in history and tickers alike', async () => {
    await runDataset(database.db, 'bybit', 'open-interest', window, options());
    expect(await openInterestRows('ETHUSDT')).toEqual([
      { at: new Date('2024-06-10T08:00:00Z'), open_interest_usd: 1000000 * 3650, open_interest_contracts: 1000000, origin: 'BACKFILL' },
      { at: new Date('2024-06-10T08:05:00Z'), open_interest_usd: 1000200 * 3651, open_interest_contracts: 1000200, origin: 'BACKFILL' },
      { at: new Date(1718009999000), open_interest_usd: 1000000 * 3650, open_interest_contracts: 1000000, origin: 'LIVE' },
    ]);
    expect(await openInterestRows('BTC-28JUN24')).toEqual([
      { at: new Date(1718009999000), open_interest_usd: 812.5 * 68105, open_interest_contracts: 812.5, origin: 'LIVE' },
    ]);
  });

  const fundingRows = () =>
    bySymbol(`SELECT i.symbol, f.at, f.rate, f.interval_hours, f.origin FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
      WHERE f.at >= '2024-06-09T00:00:00Z' ORDER BY i.symbol, f.at`);

  it('stamps each settled rate with the spacing of its settlement from the one before: ETHUSDT moved from 8 h to 4 h', async () => {
    const result = await runDataset(database.db, 'bybit', 'funding', { from: new Date('2024-06-09T00:00:00Z'), to: window.to }, options());
    expect(result.rowsWritten).toBe(10);
    expect(venue.requestsTo('/v5/market/funding/history').every((r) => r.query.get('startTime') && r.query.get('endTime'))).toBe(true);
    expect(await fundingRows()).toEqual([
      // The first row of a history has no settlement before it: the next one's spacing.
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T00:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T08:00:00Z'), rate: -0.00002, interval_hours: 8, origin: 'BACKFILL' },
      // The accruing rate takes the interval the symbol has now (fundingInterval).
      { symbol: 'BTCUSDT', at: new Date('2024-06-10T16:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'LIVE' },
      // instruments-info says 240 minutes today; the older settlements were 8 h apart.
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T00:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T08:00:00Z'), rate: 0.00008, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-09T16:00:00Z'), rate: 0.00012, interval_hours: 8, origin: 'BACKFILL' },
      // Charged at 00:00 for the 8 hours since 16:00: still an 8 h rate.
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T00:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T04:00:00Z'), rate: 0.00004, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T08:00:00Z'), rate: 0.00005, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETHUSDT', at: new Date('2024-06-10T12:00:00Z'), rate: 0.00005, interval_hours: 4, origin: 'LIVE' },
    ]);
  });

  it('normalises and annualises each ETHUSDT rate by the interval it settled at, not by today\'s 4 h', async () => {
    expect(await ethFundingAsServed(database.db)).toEqual(ethFundingByOwnInterval);
  });

  it('gives a lone settlement in a page the spacing from the instrument\'s previous stored settlement, as incremental runs read', async () => {
    // ETHUSDT settles every 4 h now; the 00:00 settlement was the last 8 h one (since 16:00).
    await database.db.query(`DELETE FROM funding_rate WHERE at = '2024-06-10T00:00:00Z' AND instrument_id = (SELECT id FROM instrument WHERE symbol = 'ETHUSDT')`);
    await runDataset(database.db, 'bybit', 'funding', { from: new Date('2024-06-10T00:00:00Z'), to: new Date('2024-06-10T01:00:00Z') }, options());
    const [row] = await bySymbol(`SELECT f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id WHERE i.symbol = 'ETHUSDT' AND f.at = '2024-06-10T00:00:00Z'`);
    expect(row.interval_hours).toBe(8);
  });

  it('reads hourly settlements over a long window without skipping a row: slices hold fewer than a page', async () => {
    const from = Date.UTC(2024, 2, 1);
    const hours = 24 * 30;
    const settlements = Array.from({ length: hours }, (_, i) => ({ symbol: 'BTCUSDT', fundingRate: (0.00001 * ((i % 7) - 3)).toFixed(6), fundingRateTimestamp: String(from + (i + 1) * 3_600_000) }));
    const served: number[] = [];
    venue.route('/v5/market/funding/history', (r) => {
      const [start, end, limit] = ['startTime', 'endTime', 'limit'].map((name) => Number(r.query.get(name)));
      const list = r.query.get('symbol') !== 'BTCUSDT' ? [] : settlements
        .filter((s) => Number(s.fundingRateTimestamp) >= start && Number(s.fundingRateTimestamp) <= end)
        .sort((a, b) => Number(b.fundingRateTimestamp) - Number(a.fundingRateTimestamp))
        .slice(0, limit);
      served.push(list.length);
      return { retCode: 0, retMsg: 'OK', result: { category: 'linear', list }, retExtInfo: {}, time: testNowMs };
    });
    try {
      await runDataset(database.db, 'bybit', 'funding', { from: new Date(from), to: new Date(from + (hours + 1) * 3_600_000) }, options());
    } finally {
      serveBybit(venue);
    }
    const rows = await bySymbol(`SELECT f.at, f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
      WHERE i.symbol = 'BTCUSDT' AND f.at < '2024-06-01T00:00:00Z' ORDER BY f.at`);
    expect(rows.map((row) => row.at.getTime())).toEqual(settlements.map((s) => Number(s.fundingRateTimestamp)));
    expect(rows.every((row) => row.interval_hours === 1)).toBe(true);
    expect(Math.max(...served)).toBeLessThan(200);
  });

  it('maps "" to null, never 0', () => {
    const instrument = { id: 1, venueId: 1, assetId: 1, symbol: 'BTC-28JUN24', contractType: 'FUTURE' as const, marginType: 'LINEAR' as const, contractSize: 1, fundingIntervalHours: null, expiresAt: null, active: true };
    const ticker = fixture('bybit', 'tickers').result.list.find((t: { symbol: string }) => t.symbol === 'BTC-28JUN24');
    expect(mapCurrentFunding(ticker, instrument)).toBeNull();
  });

  it('stores mark prices with a null index price where tickers omit it', async () => {
    await runDataset(database.db, 'bybit', 'mark-price', window, options());
    const rows = await bySymbol('SELECT i.symbol, m.at, m.mark_price, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id ORDER BY i.symbol');
    expect(rows).toEqual([
      { symbol: 'BTC-28JUN24', at: new Date(1718009999000), mark_price: 68105, index_price: 66998.7 },
      { symbol: 'BTCUSDT', at: new Date(1718009999000), mark_price: 67003.1, index_price: null },
      { symbol: 'ETHUSDT', at: new Date(1718009999000), mark_price: 3650, index_price: 3649.8 },
    ]);
  });

  it('computes depth bands from the order book in coins', async () => {
    const result = await runDataset(database.db, 'bybit', 'depth', window, options());
    const rows = await bySymbol('SELECT at, mid_price, bid_usd_1pct, ask_usd_2pct FROM order_book_depth');
    expect(rows).toHaveLength(1);
    expect(rows[0].at).toEqual(new Date(1718009999123));
    expect(rows[0].bid_usd_1pct).toBeCloseTo(233300, 6);
    expect(rows[0].ask_usd_2pct).toBeCloseTo(270500.1, 6);
    expect(result.notes).toHaveLength(2);
  });

  it('streams allLiquidation by position side (Buy = long liquidated) at bankruptcy price and resubscribes after a drop', async () => {
    const messages = fixture<unknown[]>('bybit', 'all-liquidation');
    const stop = await startStreams(database.db, ['bybit'], options());
    const subscribedTopics = (index: number) => venue.sockets[index]?.received.filter((m: any) => m?.op === 'subscribe').flatMap((m: any) => m.args);
    try {
      await eventually(() => subscribedTopics(0)?.length === 4);
      expect(venue.sockets[0].path).toBe('/v5/public/linear');
      // The liquidation topics, then the canary: BTCUSDT's ticker on the same connection.
      expect(subscribedTopics(0)).toEqual(['allLiquidation.BTC-28JUN24', 'allLiquidation.BTCUSDT', 'allLiquidation.ETHUSDT', 'tickers.BTCUSDT']);
      venue.push(messages[0]);
      venue.push(messages[1]);
      await eventually(async () => (await database.db.query('SELECT 1 FROM liquidation')).length === 2);

      venue.dropConnections();
      await eventually(() => subscribedTopics(1)?.length === 4);
      venue.push(messages[1]); // re-sent
      venue.push(messages[2]);
      await eventually(async () => (await database.db.query('SELECT 1 FROM liquidation')).length === 3);
      // The application-level heartbeat is Bybit's {"op":"ping"}.
      await eventually(() => venue.sockets[1].received.some((m: any) => m?.op === 'ping'));
    } finally {
      await stop();
    }
    const rows = await bySymbol(`SELECT i.symbol, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.price_kind
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id ORDER BY l.occurred_at`);
    expect(rows).toEqual([
      { symbol: 'BTCUSDT', side: 'LONG', price: 66880.1, quantity: 0.25, notional_usd: 0.25 * 66880.1, occurred_at: new Date(1718000000321), price_kind: 'BANKRUPTCY' },
      // The second ETH item has v = "": not a liquidation of size 0, just skipped.
      { symbol: 'ETHUSDT', side: 'SHORT', price: 3700, quantity: 3, notional_usd: 11100, occurred_at: new Date(1718000000800), price_kind: 'BANKRUPTCY' },
      { symbol: 'BTCUSDT', side: 'SHORT', price: 67200, quantity: 0.1, notional_usd: 0.1 * 67200, occurred_at: new Date(1718000001400), price_kind: 'BANKRUPTCY' },
    ]);
  });
});
