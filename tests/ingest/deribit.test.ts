import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { indexName } from '../../src/ingest/sources/deribit/map';
import { serveDeribit } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

const window = { from: new Date('2024-06-09T00:00:00Z'), to: new Date(testNowMs) };

describe('Deribit connector', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'deribit');
  const query = (sql: string) => database.db.query(sql);
  const bySymbol = (rows: any[]): Record<string, any> => Object.fromEntries(rows.map((r) => [r.symbol, r]));

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveDeribit(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('lists inverse perpetuals and futures (contract size in USD) and linear USDC perpetuals (in coins)', async () => {
    await runDataset(database.db, 'deribit', 'instruments', window, options());
    const rows = await query('SELECT symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, funding_interval_hours FROM instrument');
    expect(bySymbol(rows)).toEqual({
      'BTC-PERPETUAL': { symbol: 'BTC-PERPETUAL', contract_type: 'PERPETUAL', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 10, expires_at: null, funding_interval_hours: 1 },
      'BTC-28JUN24': { symbol: 'BTC-28JUN24', contract_type: 'FUTURE', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 10, expires_at: new Date('2024-06-28T08:00:00Z'), funding_interval_hours: null },
      'ETH-PERPETUAL': { symbol: 'ETH-PERPETUAL', contract_type: 'PERPETUAL', margin_type: 'INVERSE', quote_currency: 'USD', contract_size: 1, expires_at: null, funding_interval_hours: 1 },
      'BTC_USDC-PERPETUAL': { symbol: 'BTC_USDC-PERPETUAL', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDC', contract_size: 0.001, expires_at: null, funding_interval_hours: 1 },
      'SOL_USDC-PERPETUAL': { symbol: 'SOL_USDC-PERPETUAL', contract_type: 'PERPETUAL', margin_type: 'LINEAR', quote_currency: 'USDC', contract_size: 0.1, expires_at: null, funding_interval_hours: 1 },
    });
    expect(venue.requestsTo('/api/v2/public/get_instruments').map((r) => [r.query.get('currency'), r.query.get('kind'), r.query.get('expired')])).toEqual([
      ['BTC', 'future', 'false'],
      ['ETH', 'future', 'false'],
      ['USDC', 'future', 'false'],
    ]);
  });

  it('takes inverse open interest as USD and values linear USDC open interest as coins × mark; a missing mark skips the row', async () => {
    const result = await runDataset(database.db, 'deribit', 'open-interest', window, options());
    const rows = bySymbol(await query('SELECT i.symbol, o.at, o.open_interest_usd, o.open_interest_contracts FROM open_interest o JOIN instrument i ON i.id = o.instrument_id'));
    expect(Object.keys(rows).sort()).toEqual(['BTC-28JUN24', 'BTC-PERPETUAL', 'BTC_USDC-PERPETUAL', 'ETH-PERPETUAL']);
    expect(rows['BTC-PERPETUAL']).toEqual({ symbol: 'BTC-PERPETUAL', at: new Date(1718009998123), open_interest_usd: 1023456780, open_interest_contracts: 102345678 });
    expect(rows['BTC-28JUN24']).toMatchObject({ open_interest_usd: 250000000, open_interest_contracts: 25000000 });
    expect(rows['ETH-PERPETUAL']).toMatchObject({ open_interest_usd: 500000000, open_interest_contracts: 500000000 });
    expect(rows['BTC_USDC-PERPETUAL'].open_interest_usd).toBeCloseTo(123.456 * 67009, 6);
    expect(rows['BTC_USDC-PERPETUAL'].open_interest_contracts).toBeCloseTo(123456, 6);
    expect(result.notes).toEqual(['no mark price for SOL_USDC-PERPETUAL: open interest skipped']);
  });

  it('stores hourly interest_1h of perpetuals only, with interval_hours 1', async () => {
    await runDataset(database.db, 'deribit', 'funding', window, options());
    const history = fixture<Array<{ timestamp: number; interest_1h: number }>>('deribit', 'funding-rate-history.BTC-PERPETUAL');
    const rows = await query(`SELECT i.symbol, f.at, f.rate, f.interval_hours FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id ORDER BY f.at`);
    expect(rows).toEqual(history.filter((r) => r.timestamp < testNowMs).map((r) => ({ symbol: 'BTC-PERPETUAL', at: new Date(r.timestamp), rate: r.interest_1h, interval_hours: 1 })));
    expect(rows).toHaveLength(33);
    const asked = venue.requestsTo('/api/v2/public/get_funding_rate_history').map((r) => r.query.get('instrument_name'));
    expect(asked.sort()).toEqual(['BTC-PERPETUAL', 'BTC_USDC-PERPETUAL', 'ETH-PERPETUAL', 'SOL_USDC-PERPETUAL']);
  });

  it('stores mark prices from the book summaries, each with its index from get_index_price (btc_usd for inverse, btc_usdc for linear)', async () => {
    await runDataset(database.db, 'deribit', 'mark-price', window, options());
    const rows = await query('SELECT i.symbol, m.mark_price, m.index_price FROM mark_price m JOIN instrument i ON i.id = m.instrument_id');
    expect(bySymbol(rows)).toEqual({
      'BTC-28JUN24': { symbol: 'BTC-28JUN24', mark_price: 67850.5, index_price: 67001.37 },
      'BTC-PERPETUAL': { symbol: 'BTC-PERPETUAL', mark_price: 67008.12, index_price: 67001.37 },
      'BTC_USDC-PERPETUAL': { symbol: 'BTC_USDC-PERPETUAL', mark_price: 67009, index_price: 67002.15 },
      'ETH-PERPETUAL': { symbol: 'ETH-PERPETUAL', mark_price: 3650.05, index_price: 3649.62 },
    });
    // One call per index, named as get_instruments names each instrument's price_index.
    const listed = ['BTC', 'ETH', 'USDC'].flatMap((currency) => fixture<any[]>('deribit', `instruments.${currency}`));
    for (const item of listed) expect([item.instrument_name, indexName(item.instrument_name)]).toEqual([item.instrument_name, item.price_index]);
    expect(venue.requestsTo('/api/v2/public/get_index_price').map((r) => r.query.get('index_name')).sort()).toEqual(['btc_usd', 'btc_usdc', 'eth_usd']);
  });

  it('reads inverse book amounts as USD (coins = USD ÷ price) and linear ones as coins; best_ask_price 0 is a missing side', async () => {
    const result = await runDataset(database.db, 'deribit', 'depth', window, options());
    const rows = bySymbol(await query('SELECT i.symbol, d.* FROM order_book_depth d JOIN instrument i ON i.id = d.instrument_id'));
    expect(Object.keys(rows).sort()).toEqual(['BTC-PERPETUAL', 'BTC_USDC-PERPETUAL']);
    const inverse = rows['BTC-PERPETUAL'];
    expect(inverse.mid_price).toBeCloseTo(67008.25, 6);
    expect(inverse.bid_usd_1pct).toBeCloseTo(125000 + 300000, 4);
    expect(inverse.bid_usd_2pct).toBeCloseTo(125000 + 300000, 4);
    expect(inverse.ask_usd_1pct).toBeCloseTo(40000 + 200000, 4);
    const linear = rows['BTC_USDC-PERPETUAL'];
    expect([linear.bid_usd_1pct, linear.ask_usd_1pct]).toEqual([2.5 * 67000, 67020]);
    expect(result.notes.sort()).toEqual(['BTC-28JUN24', 'ETH-PERPETUAL', 'SOL_USDC-PERPETUAL'].map((s) => `empty book side for ${s}: no depth row`));
  });

  it('fails on an `error` member with its code and message, and retries too_many_requests', async () => {
    venue.route('/api/v2/public/get_book_summary_by_currency', { jsonrpc: '2.0', error: { code: 11050, message: 'bad_request' } });
    try {
      await expect(runDataset(database.db, 'deribit', 'mark-price', window, options())).rejects.toThrow(/deribit: error 11050 "bad_request" from GET/);
    } finally {
      serveDeribit(venue);
    }
    venue.fault('/api/v2/public/get_book_summary_by_currency', { kind: 'status', status: 200, body: JSON.stringify({ jsonrpc: '2.0', error: { code: 10028, message: 'too_many_requests' } }) });
    const result = await runDataset(database.db, 'deribit', 'mark-price', window, options());
    expect(result.notes.join()).toMatch(/error 10028 "too_many_requests"/);
  });
});
