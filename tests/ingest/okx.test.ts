import { runDataset } from '../../src/ingest/runner';
import { startStreams } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { okxPage, serveOkx, serveOkxPublicStream } from './venue-routes';
import { loopbackOptions, silentLog, testNowMs } from './venues';

const window = { from: new Date('2024-06-09T12:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };

describe('OKX swap connector', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'okx');
  const query = (sql: string) => database.db.query(sql);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveOkx(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('lists tracked swaps and dated futures: linear contracts are ctVal coins, inverse ones ctVal × ctMult USD, swap intervals from the funding-rate endpoint, futures expiring at expTime', async () => {
    await runDataset(database.db, 'okx', 'instruments', window, options());
    expect(await query('SELECT symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, active, funding_interval_hours FROM instrument ORDER BY symbol')).toEqual([
      // Dated futures (instType FUTURES): no funding, an expiry; XRP's is untracked.
      { symbol: 'BTC-USD-240614', contract_type: 'FUTURE', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 100, expires_at: new Date('2024-06-14T08:00:00Z'), active: true, funding_interval_hours: null },
      { symbol: 'BTC-USD-240628', contract_type: 'FUTURE', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 100, expires_at: new Date('2024-06-28T08:00:00Z'), active: true, funding_interval_hours: null },
      // Its interval today (nextFundingTime − fundingTime): 4 h, after 8 h ones (see the funding test).
      { symbol: 'BTC-USD-SWAP', contract_type: 'PERPETUAL', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 100, expires_at: null, active: true, funding_interval_hours: 4 },
      { symbol: 'BTC-USDT-240628', contract_type: 'FUTURE', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 0.01, expires_at: new Date('2024-06-28T08:00:00Z'), active: true, funding_interval_hours: null },
      { symbol: 'BTC-USDT-SWAP', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 0.01, expires_at: null, active: true, funding_interval_hours: 8 },
      // ctMult absent: 1.
      { symbol: 'ETH-USDT-SWAP', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDT', contract_size: 0.1, expires_at: null, active: true, funding_interval_hours: 4 },
    ]);
    // The funding interval is asked for swaps only.
    expect(venue.requestsTo('/api/v5/public/funding-rate').map((r) => r.query.get('instId')).sort()).toEqual(['BTC-USD-SWAP', 'BTC-USDT-SWAP', 'ETH-USDT-SWAP']);
    expect(await query('SELECT slug, kind FROM venue')).toEqual([{ slug: 'okx', kind: 'CEX' }]);
  });

  it('values open interest with oiUsd when sent, else contracts × USD size (inverse) or oiCcy coins × mark (linear, oiUsd "")', async () => {
    const result = await runDataset(database.db, 'okx', 'open-interest', window, options());
    expect(result.rowsWritten).toBe(3);
    expect(await query(`SELECT i.symbol, o.at, o.open_interest_usd, o.open_interest_contracts FROM open_interest o JOIN instrument i ON i.id = o.instrument_id ORDER BY i.symbol`)).toEqual([
      { symbol: 'BTC-USD-SWAP', at: new Date(1718009990000), open_interest_usd: 1_000_000 * 100, open_interest_contracts: 1_000_000 },
      { symbol: 'BTC-USDT-SWAP', at: new Date(1718009990000), open_interest_usd: 167531000, open_interest_contracts: 250000 },
      { symbol: 'ETH-USDT-SWAP', at: new Date(1718009990000), open_interest_usd: 30000 * 3650.5, open_interest_contracts: 300000 },
    ]);
    expect(venue.requestsTo('/api/v5/public/mark-price')).toHaveLength(1);
  });

  it('stamps each settled rate with the spacing of its own fundingTime (8 h rows stay 8 h after a move to 4 h), realizedRate before fundingRate, and the current rate at its settlement', async () => {
    const result = await runDataset(database.db, 'okx', 'funding', window, options());
    const rows = await query(`SELECT i.symbol, f.at, f.rate, f.interval_hours, f.origin FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id ORDER BY i.symbol, f.at`);
    expect(rows).toEqual([
      // Settled every 8 h until 16:00 on 9 June, every 4 h since: each row its own interval.
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-09T16:00:00Z'), rate: 0.0001, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-09T20:00:00Z'), rate: 0.00006, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-10T00:00:00Z'), rate: 0.00002, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-10T04:00:00Z'), rate: 0.00003, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-10T08:00:00Z'), rate: 0.00004, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'BTC-USD-SWAP', at: new Date('2024-06-10T12:00:00Z'), rate: 0.00005, interval_hours: 4, origin: 'LIVE' },
      { symbol: 'BTC-USDT-SWAP', at: new Date('2024-06-09T16:00:00Z'), rate: 0.00011, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTC-USDT-SWAP', at: new Date('2024-06-10T00:00:00Z'), rate: 0.000095, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTC-USDT-SWAP', at: new Date('2024-06-10T08:00:00Z'), rate: 0.000101, interval_hours: 8, origin: 'BACKFILL' },
      { symbol: 'BTC-USDT-SWAP', at: new Date('2024-06-10T16:00:00Z'), rate: 0.000082, interval_hours: 8, origin: 'LIVE' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-09T12:00:00Z'), rate: 0.00005, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-09T16:00:00Z'), rate: 0.00001, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-09T20:00:00Z'), rate: 0.00002, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-10T00:00:00Z'), rate: -0.00001, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-10T04:00:00Z'), rate: 0.00004, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-10T08:00:00Z'), rate: 0.00003, interval_hours: 4, origin: 'BACKFILL' },
      { symbol: 'ETH-USDT-SWAP', at: new Date('2024-06-10T12:00:00Z'), rate: -0.00002, interval_hours: 4, origin: 'LIVE' },
    ]);
    expect(result.rowsWritten).toBe(rows.length);
    expect(venue.requestsTo('/api/v5/public/funding-rate-history').map((r) => r.query.get('after'))).toEqual([String(window.to.getTime()), String(window.to.getTime()), String(window.to.getTime())]);
  });

  it('stores every hourly settlement of an 11-day window at 1 h: each slice holds fewer settlements than a 100-row page', async () => {
    const path = '/api/v5/public/funding-rate-history';
    const fromMs = Date.UTC(2024, 4, 1);
    const hours = 264;
    const hourly = Array.from({ length: hours }, (_, i) => ({
      instType: 'SWAP', instId: 'ETH-USDT-SWAP', fundingRate: String(((i % 7) - 3) / 100_000), realizedRate: '', fundingTime: String(fromMs + i * 3_600_000), method: 'current_period',
    }));
    venue.route(path, (r) => ({ code: '0', msg: '', data: r.query.get('instId') === 'ETH-USDT-SWAP' ? okxPage(hourly, r, (row) => Number(row.fundingTime), 100) : [] }));
    const asked = venue.requestsTo(path).length;
    try {
      await runDataset(database.db, 'okx', 'funding', { from: new Date(fromMs), to: new Date(fromMs + hours * 3_600_000) }, { ...options(), resume: false });
    } finally {
      serveOkx(venue);
    }
    const rows = await query(`SELECT f.at, f.rate, f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
      WHERE i.symbol = 'ETH-USDT-SWAP' AND f.at < '2024-06-01' ORDER BY f.at`);
    expect(rows).toEqual(hourly.map((row) => ({ at: new Date(Number(row.fundingTime)), rate: Number(row.fundingRate), interval_hours: 1 })));
    // 99-hour slices overlapping by 8 h: one page each, none of them cut short.
    const ethPages = venue.requestsTo(path).slice(asked).filter((r) => r.query.get('instId') === 'ETH-USDT-SWAP');
    expect(ethPages.map((r) => Number(r.query.get('after')))).toEqual([fromMs + 99 * 3_600_000, fromMs + 190 * 3_600_000, fromMs + hours * 3_600_000]);
  });

  it('stores mark prices of known swaps and dated futures, each with its family\'s index from index-tickers (USD index for inverse, USDT for linear)', async () => {
    const asked = venue.requestsTo('/api/v5/market/index-tickers').length;
    const result = await runDataset(database.db, 'okx', 'mark-price', window, options());
    expect(result.rowsWritten).toBe(6);
    expect(await query(`SELECT i.symbol, m.at, m.mark_price, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id ORDER BY i.symbol`)).toEqual([
      { symbol: 'BTC-USD-240614', at: new Date(1718009995000), mark_price: 67105.7, index_price: 67000.5 },
      { symbol: 'BTC-USD-240628', at: new Date(1718009995000), mark_price: 67380.2, index_price: 67000.5 },
      { symbol: 'BTC-USD-SWAP', at: new Date(1718009995000), mark_price: 67010.1, index_price: 67000.5 },
      { symbol: 'BTC-USDT-240628', at: new Date(1718009995000), mark_price: 67371.9, index_price: 66995.2 },
      { symbol: 'BTC-USDT-SWAP', at: new Date(1718009995000), mark_price: 67012.4, index_price: 66995.2 },
      { symbol: 'ETH-USDT-SWAP', at: new Date(1718009995000), mark_price: 3650.5, index_price: 3649.1 },
    ]);
    // One index-tickers call per quote currency of the tracked contracts, and the FUTURES marks asked apart.
    expect(venue.requestsTo('/api/v5/market/index-tickers').slice(asked).map((r) => r.query.get('quoteCcy')).sort()).toEqual(['USD', 'USDT']);
    expect(venue.requestsTo('/api/v5/public/mark-price').map((r) => r.query.get('instType'))).toContain('FUTURES');
  });

  it('keeps a mark whose family index is absent from index-tickers, with a null index and a note', async () => {
    venue.route('/api/v5/market/index-tickers', (r) => ({ code: '0', msg: '', data: r.query.get('quoteCcy') === 'USD' ? fixture<any>('okx', 'index-tickers.USD').data : [] }));
    try {
      const result = await runDataset(database.db, 'okx', 'mark-price', window, options());
      expect(result.notes).toEqual(['3 mark price(s) without their family\'s index in index-tickers: index_price null']);
      const rows = await query(`SELECT i.symbol, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id WHERE i.symbol LIKE '%USDT%' ORDER BY i.symbol`);
      expect(rows).toEqual([
        { symbol: 'BTC-USDT-240628', index_price: null },
        { symbol: 'BTC-USDT-SWAP', index_price: null },
        { symbol: 'ETH-USDT-SWAP', index_price: null },
      ]);
    } finally {
      serveOkx(venue);
      await runDataset(database.db, 'okx', 'mark-price', window, options());
    }
  });

  it('reads 4-element book levels in contracts: linear × 0.01 coin, inverse × 100 USD', async () => {
    const result = await runDataset(database.db, 'okx', 'depth', window, options());
    const rows = await query(`SELECT i.symbol, d.at, d.mid_price, d.bid_usd_1pct, d.ask_usd_1pct, d.bid_usd_2pct, d.ask_usd_2pct FROM order_book_depth d JOIN instrument i ON i.id = d.instrument_id ORDER BY i.symbol`);
    expect(rows).toHaveLength(2);
    const [inverse, linear] = rows;
    // Inverse: 50 contracts × 100 USD bid, 30 × 100 USD ask, whatever the price.
    expect(inverse).toMatchObject({ symbol: 'BTC-USD-SWAP', at: new Date(1718009999222), mid_price: 67010 });
    expect(inverse.bid_usd_1pct).toBeCloseTo(5000, 6);
    expect(inverse.ask_usd_2pct).toBeCloseTo(3000, 6);
    // Linear, hand-checked: 2.4 coins × 67010.1 + 1.5 × 66500 within 1 %; + 5 × 65800 within 2 %.
    expect(linear).toMatchObject({ symbol: 'BTC-USDT-SWAP', at: new Date(1718009999111) });
    expect(linear.mid_price).toBeCloseTo(67010.15, 6);
    expect(linear.bid_usd_1pct).toBeCloseTo(160824.24 + 99750, 4);
    expect(linear.bid_usd_2pct).toBeCloseTo(160824.24 + 99750 + 329000, 4);
    expect(linear.ask_usd_1pct).toBeCloseTo(79072.036 + 135000, 4);
    expect(linear.ask_usd_2pct).toBeCloseTo(79072.036 + 135000 + 68200, 4);
    expect(result.notes).toEqual(['empty book side for ETH-USDT-SWAP: no depth row']);
  });

  it('pages liquidations back from the window end with a 1 ms overlap: posSide is the position, sz × ctVal coins at the bankruptcy price', async () => {
    const liquidationWindow = { from: new Date('2024-06-10T08:45:00Z'), to: window.to };
    const result = await runDataset(database.db, 'okx', 'liquidations', liquidationWindow, options());
    const rows = await query(`SELECT i.symbol, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.price_kind, l.origin
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id ORDER BY l.occurred_at, l.price`);
    expect(rows.map(({ quantity, notional_usd, ...rest }) => ({ ...rest, quantity: Number(quantity.toFixed(10)), notional_usd: Number(notional_usd.toFixed(6)) }))).toEqual([
      { symbol: 'BTC-USDT-SWAP', side: 'LONG', price: 66950, quantity: 0.03, notional_usd: 2008.5, occurred_at: new Date(1718009400000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      { symbol: 'BTC-USD-SWAP', side: 'SHORT', price: 67100, quantity: Number((2000 / 67100).toFixed(10)), notional_usd: 2000, occurred_at: new Date(1718009500000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      { symbol: 'BTC-USDT-SWAP', side: 'LONG', price: 66900, quantity: 0.05, notional_usd: 3345, occurred_at: new Date(1718009700000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      { symbol: 'BTC-USDT-SWAP', side: 'SHORT', price: 67300, quantity: 0.1, notional_usd: 6730, occurred_at: new Date(1718009700000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      { symbol: 'BTC-USDT-SWAP', side: 'LONG', price: 66801.3, quantity: 0.42, notional_usd: 28056.546, occurred_at: new Date(1718009990000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
    ]);
    expect(result.rowsWritten).toBe(5);
    const cursors = venue.requestsTo('/api/v5/public/liquidation-orders').filter((r) => r.query.get('instFamily') === 'BTC-USDT').map((r) => r.query.get('after'));
    // Window end, then oldest + 1 ms (re-reading that millisecond), then past a full page of it.
    expect(cursors).toEqual([String(window.to.getTime()), '1718009700001', '1718009700000']);

    const again = await runDataset(database.db, 'okx', 'liquidations', liquidationWindow, options());
    expect(again.rowsWritten).toBe(0);
  });

  it('treats a non-"0" code as an error carrying its msg, and retries OKX\'s "too many requests" (50011)', async () => {
    venue.route('/api/v5/public/mark-price', { code: '51000', msg: 'Parameter instType error', data: [] });
    try {
      await expect(runDataset(database.db, 'okx', 'mark-price', window, options())).rejects.toThrow(/okx: code 51000 "Parameter instType error" from GET .*\/api\/v5\/public\/mark-price/);
    } finally {
      serveOkx(venue);
    }
    venue.fault('/api/v5/public/mark-price', { kind: 'status', status: 200, body: JSON.stringify(fixture('okx', 'error.rate-limit')) });
    const result = await runDataset(database.db, 'okx', 'mark-price', window, options());
    expect(result.notes.join()).toMatch(/code 50011 "Too Many Requests"/);
  });
});

describe('OKX liquidation-orders channel', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const warnings: string[] = [];
  const options = () => ({
    ...loopbackOptions(venue, 'okx'),
    datasets: ['liquidations' as const],
    log: { ...silentLog, warn: (fields: object, message?: string) => void warnings.push(`${message}: ${JSON.stringify(fields)}`) },
  });

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveOkx(venue);
    serveOkxPublicStream(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('stores each pushed liquidation by position side (sell on a long or net position = long liquidated), sz × ctVal at bkPx, and resubscribes after a drop', async () => {
    const pushes = fixture<unknown[]>('okx', 'liquidation-orders.channel');
    const stop = await startStreams(database.db, ['okx'], options());
    const subscriptions = (index: number) => venue.sockets[index]?.received.filter((m: any) => m?.op === 'subscribe');
    const stored = async () => (await database.db.query('SELECT 1 FROM liquidation')).length;
    try {
      await eventually(() => subscriptions(0)?.length === 2);
      expect(venue.sockets[0].path).toBe('/ws/v5/public');
      // The liquidations, then the canary: one swap's mark price on the same connection.
      expect(subscriptions(0)).toEqual([
        { op: 'subscribe', args: [{ channel: 'liquidation-orders', instType: 'SWAP' }] },
        { op: 'subscribe', args: [{ channel: 'mark-price', instId: 'BTC-USD-SWAP' }] },
      ]);
      venue.push(pushes[0]);
      venue.push(pushes[1]);
      venue.push(pushes[2]);
      await eventually(async () => (await stored()) === 3);

      venue.dropConnections();
      await eventually(() => subscriptions(1)?.length === 2);
      venue.push(pushes[2]); // re-sent after the reconnect
      venue.push(pushes[3]);
      await eventually(async () => (await stored()) === 4);
      // OKX's heartbeat is the text "ping", answered by the text "pong" (not JSON, not a problem).
      await eventually(() => venue.sockets[1].received.includes('ping'));
    } finally {
      await stop();
    }
    expect(warnings).toEqual([]);
    const rows = await database.db.query(`SELECT i.symbol, l.side, l.price, l.quantity, l.notional_usd, l.occurred_at, l.price_kind, l.origin
      FROM liquidation l JOIN instrument i ON i.id = l.instrument_id ORDER BY l.occurred_at`);
    expect(rows.map(({ quantity, notional_usd, ...rest }) => ({ ...rest, quantity: Number(quantity.toFixed(10)), notional_usd: Number(notional_usd.toFixed(6)) }))).toEqual([
      // 42 contracts × 0.01 BTC at 66801.3; XRP-USDT-SWAP (untracked) in the same push is dropped.
      { symbol: 'BTC-USDT-SWAP', side: 'LONG', price: 66801.3, quantity: 0.42, notional_usd: 28056.546, occurred_at: new Date(1718009990000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      // Inverse: 20 contracts × 100 USD, coins = USD ÷ bkPx.
      { symbol: 'BTC-USD-SWAP', side: 'SHORT', price: 67100, quantity: Number((2000 / 67100).toFixed(10)), notional_usd: 2000, occurred_at: new Date(1718009995000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      // posSide net, side buy: a short was liquidated; 30 × 0.1 ETH.
      { symbol: 'ETH-USDT-SWAP', side: 'SHORT', price: 3700.5, quantity: 3, notional_usd: 11101.5, occurred_at: new Date(1718009996000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
      // posSide net, side sell: a long was liquidated; 5 × 0.01 BTC.
      { symbol: 'BTC-USDT-SWAP', side: 'LONG', price: 66700, quantity: 0.05, notional_usd: 3335, occurred_at: new Date(1718009997000), price_kind: 'BANKRUPTCY', origin: 'LIVE' },
    ]);
    expect(await database.db.query(`SELECT slug, liquidation_completeness FROM venue`)).toEqual([{ slug: 'okx', liquidation_completeness: 'LOWER_BOUND' }]);
  });

  it('reads an event once when the REST fill-in returns what the channel already delivered', async () => {
    const before = (await database.db.query('SELECT event_key FROM liquidation')).length;
    const result = await runDataset(database.db, 'okx', 'liquidations', { from: new Date('2024-06-10T08:45:00Z'), to: new Date(testNowMs) }, loopbackOptions(venue, 'okx'));
    // Five REST events in the window; BTC-USDT-SWAP 42 @ 66801.3 at 1718009990000 was pushed already.
    expect(result.rowsWritten).toBe(4);
    expect((await database.db.query('SELECT 1 FROM liquidation')).length).toBe(before + 4);
  });
});
