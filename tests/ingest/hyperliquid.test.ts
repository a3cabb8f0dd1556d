import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { serveHyperliquid } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

const window = { from: new Date('2024-06-09T00:00:00Z'), to: new Date(testNowMs) };
const hour = 3_600_000;

describe('Hyperliquid connector', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'hyperliquid');
  const query = (sql: string) => database.db.query(sql);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveHyperliquid(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('lists tracked perps from metaAndAssetCtxs, skipping delisted coins: 1 coin per contract, USDC, hourly funding', async () => {
    await runDataset(database.db, 'hyperliquid', 'instruments', window, options());
    expect(await query('SELECT symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours FROM instrument ORDER BY symbol')).toEqual([
      { symbol: 'BTC', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDC', contract_size: 1, funding_interval_hours: 1 },
      { symbol: 'ETH', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDC', contract_size: 1, funding_interval_hours: 1 },
      { symbol: 'SOL', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDC', contract_size: 1, funding_interval_hours: 1 },
    ]);
    expect(await query('SELECT slug, kind FROM venue')).toEqual([{ slug: 'hyperliquid', kind: 'DEX' }]);
    expect(venue.requestsTo('/info')[0]).toMatchObject({ method: 'POST', body: { type: 'metaAndAssetCtxs' } });
  });

  it('values open interest as coins × mark, each context matched to its universe entry by index (a delisted coin in between)', async () => {
    await runDataset(database.db, 'hyperliquid', 'open-interest', window, options());
    const rows = await query('SELECT i.symbol, o.at, o.open_interest_usd, o.open_interest_contracts FROM open_interest o JOIN instrument i ON i.id = o.instrument_id ORDER BY i.symbol');
    expect(rows).toEqual([
      { symbol: 'BTC', at: new Date(testNowMs), open_interest_usd: 18234.51234 * 67012, open_interest_contracts: 18234.51234 },
      { symbol: 'ETH', at: new Date(testNowMs), open_interest_usd: 150000.5 * 3650.2, open_interest_contracts: 150000.5 },
      // SOL is the 4th universe entry, after delisted LUNA: its context is the 4th one.
      { symbol: 'SOL', at: new Date(testNowMs), open_interest_usd: 900000 * 155.5, open_interest_contracts: 900000 },
    ]);
  });

  it('stores hourly funding rounded to the hour, paging from last.time + 1 whatever the page cap, and the accruing rate at the next hour', async () => {
    const history = fixture<Array<{ fundingRate: string; time: number }>>('hyperliquid', 'funding-history.BTC');
    const pages: number[] = [];
    venue.route('/info', (r) => {
      const body = r.body as { type: string; coin: string; startTime: number; endTime: number };
      if (body.type !== 'fundingHistory' || body.coin !== 'BTC') return [];
      pages.push(body.startTime);
      // A venue capping at 10 rows: the connector must still read every row.
      return history.filter((row) => row.time >= body.startTime && row.time <= body.endTime).slice(0, 10);
    });
    try {
      await runDataset(database.db, 'hyperliquid', 'funding', { from: window.from, to: new Date(testNowMs - hour) }, options());
    } finally {
      serveHyperliquid(venue);
    }
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[1]).toBe(history.find((row) => row.time >= window.from.getTime() + 9 * hour)!.time + 1);

    await runDataset(database.db, 'hyperliquid', 'funding', window, options());
    const rows = await query(`SELECT i.symbol, f.at, f.rate, f.interval_hours, f.origin FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id ORDER BY i.symbol, f.at`);
    const expected = history
      .filter((row) => row.time >= window.from.getTime() && row.time < testNowMs)
      .map((row) => ({ symbol: 'BTC', at: new Date(Math.round(row.time / hour) * hour), rate: Number(row.fundingRate), interval_hours: 1, origin: 'BACKFILL' }));
    expect(expected).toHaveLength(33);
    const current = (symbol: string, rate: number) => ({ symbol, at: new Date(testNowMs + hour), rate, interval_hours: 1, origin: 'LIVE' });
    expect(rows).toEqual([...expected, current('BTC', 0.0000125), current('ETH', -0.000005), current('SOL', 0.00002)]);
  });

  it('stores the mark price with the oracle price as index', async () => {
    await runDataset(database.db, 'hyperliquid', 'mark-price', window, options());
    expect(await query('SELECT i.symbol, m.mark_price, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id ORDER BY i.symbol')).toEqual([
      { symbol: 'BTC', mark_price: 67012, index_price: 67001 },
      { symbol: 'ETH', mark_price: 3650.2, index_price: 3649.8 },
      { symbol: 'SOL', mark_price: 155.5, index_price: 155.4 },
    ]);
  });

  it('reads l2Book levels[0] as bids and levels[1] as asks in coins, and notes unknown coins and empty sides', async () => {
    const result = await runDataset(database.db, 'hyperliquid', 'depth', window, options());
    const [row] = await query('SELECT * FROM order_book_depth');
    expect(row.at).toEqual(new Date(1718009999456));
    expect(row.mid_price).toBeCloseTo(67011.5, 6);
    // Hand-checked: 67011 × 1.2345 + 66500 × 2 (65000 is beyond 2 %); asks 67012 × 0.5 + 67600 × 3.
    expect(row.bid_usd_1pct).toBeCloseTo(82725.0795 + 133000, 4);
    expect(row.bid_usd_2pct).toBeCloseTo(82725.0795 + 133000, 4);
    expect(row.ask_usd_1pct).toBeCloseTo(33506 + 202800, 4);
    expect(result.notes).toEqual(['empty book side for ETH: no depth row', 'empty book side for SOL: no depth row']);
  });

  it('refuses a metaAndAssetCtxs answer whose contexts do not line up with the universe', async () => {
    const [meta, ctxs] = fixture('hyperliquid', 'meta-and-asset-ctxs');
    venue.route('/info', [meta, ctxs.slice(1)]);
    try {
      await expect(runDataset(database.db, 'hyperliquid', 'mark-price', window, options())).rejects.toThrow(/5 universe entries but 4 asset contexts/);
    } finally {
      serveHyperliquid(venue);
    }
  });
});
