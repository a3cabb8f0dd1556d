import { upsertObservations } from '../../src/db/bulk';
import { markPriceTable } from '../../src/domains/prices/mark-price.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 15, item 6: a venue is measured against the median of the other venues, never a median
 * that includes itself (with two venues that median was their midpoint, halving every gap).
 */
describe('venue dislocation against the other venues', () => {
  let database: TestDatabase;
  let server: TestServer;
  const hour = (h: number) => new Date(Date.UTC(2025, 9, 10, h, 30));

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('deribit', 'Deribit', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin) VALUES
        (1, 1, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'LIVE'), (2, 1, 'BTC-PERPETUAL', 'PERPETUAL', 'INVERSE', 'USD', 10, 8, 'LIVE'),
        (3, 1, 'BTC', 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'LIVE')`);
    // Hour 0: binance 100 (USDT), deribit 110 (USD). Hour 1: binance 100, deribit 100, hyperliquid 110 (USDC). Hour 2: binance alone.
    const mark = (instrument: number, h: number, price: number) => ({ asset_id: 1, instrument_id: instrument, at: hour(h), mark_price: price, index_price: price, origin: 'LIVE' });
    await upsertObservations(database.db, markPriceTable, [mark(1, 0, 100), mark(2, 0, 110), mark(1, 1, 100), mark(2, 1, 100), mark(3, 1, 110), mark(1, 2, 100)]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it("measures each venue against the other venues' median: two venues each against the other, and a lone venue not at all", async () => {
    const response = await server.query(`{ venuePriceDislocation(asset: "BTC", interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T03:00:00Z") {
      start venue { slug } markPriceUsd medianMarkPriceUsd dislocationBps } }`);
    expect(response.errors).toBeUndefined();
    const rows = response.data!.venuePriceDislocation.map((r: any) => ({ hour: r.start.slice(11, 13), venue: r.venue.slug, median: r.medianMarkPriceUsd, bps: Number(r.dislocationBps.toFixed(2)) }));
    expect(rows).toEqual([
      // Two venues: 100 against 110 and 110 against 100 (a shared median of 105 said ∓476 bp each).
      { hour: '00', venue: 'binance', median: 110, bps: -909.09 },
      { hour: '00', venue: 'deribit', median: 100, bps: 1000 },
      // Three venues: hyperliquid against the other two's 100; binance against deribit and hyperliquid's 105.
      { hour: '01', venue: 'binance', median: 105, bps: -476.19 },
      { hour: '01', venue: 'deribit', median: 105, bps: -476.19 },
      { hour: '01', venue: 'hyperliquid', median: 100, bps: 1000 },
    ]);
  });
});
