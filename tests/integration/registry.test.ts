import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('assets, venues and instruments', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin'), ('ETH', 'Ether');
      INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
      SELECT v.id, a.id, a.symbol || 'USDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'IMPORT' FROM venue v, asset a WHERE v.slug = 'binance';
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
      SELECT v.id, a.id, a.symbol, 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'IMPORT' FROM venue v, asset a WHERE v.slug = 'hyperliquid' AND a.symbol = 'BTC';`);
    server = await startTestServer(database.db);
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('lists venues by kind and resolves each instrument to its venue and asset', async () => {
    const response = await server.query(`{
      venues(kind: DEX) { slug kind instruments { symbol asset { symbol } venue { slug } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.venues).toEqual([
      { slug: 'hyperliquid', kind: 'DEX', instruments: [{ symbol: 'BTC', asset: { symbol: 'BTC' }, venue: { slug: 'hyperliquid' } }] },
    ]);
  });

  it('filters instruments by asset and venue, case-insensitively', async () => {
    const response = await server.query(`{ instruments(asset: "eth", venue: "BINANCE") { symbol fundingIntervalHours } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.instruments).toEqual([{ symbol: 'ETHUSDT', fundingIntervalHours: 8 }]);
  });

  it('names the argument when a venue is unknown', async () => {
    const response = await server.query(`{ asset(symbol: "BTC") { instruments(venue: "nowhere") { symbol } } }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_VENUE', argument: 'venue' });
    expect(response.errors?.[0].message).toContain('nowhere');
  });
});
