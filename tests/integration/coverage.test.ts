import { upsertObservations } from '../../src/db/bulk';
import { depthTable } from '../../src/domains/depth/depth.table';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** A venue outage must read as an outage, not as a smaller market. */
describe('coverage on series buckets', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('okx', 'OKX', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        SELECT id, 1, 'BTC-' || slug, 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'LIVE' FROM venue`);
    const at = (h: number) => new Date(Date.UTC(2025, 9, 10, h, 30));
    // Hour 0: all three venues report; hour 4: okx is silent; from hour 5 nobody. A reading is
    // carried 3 hours, so okx is missing at the end of hour 4 (4.5 h old) and everyone by hour 8.
    const oi = [1, 2, 3].flatMap((instrument) => [0, 4].filter((h) => !(h === 4 && instrument === 2)).map((h) => ({ asset_id: 1, instrument_id: instrument, at: at(h), open_interest_usd: 100 * instrument, open_interest_contracts: null, origin: 'LIVE' })));
    await upsertObservations(database.db, openInterestTable, oi);
    await upsertObservations(database.db, depthTable, [{ asset_id: 1, instrument_id: 3, at: at(0), mid_price: 1, bid_usd_1pct: 1, ask_usd_1pct: 1, bid_usd_2pct: 2, ask_usd_2pct: 2, origin: 'LIVE' }]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('names the venues each bucket stands on, the ones missing, and when it was last learned', async () => {
    const range = `asset: "BTC", interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T09:00:00Z"`;
    const response = await server.query(`{
      openInterestHistory(${range}) { openInterestUsd coverage { reportingVenues missingVenues lastRecordedAt } }
      marketDepthHistory(${range}) { bidUsd coverage { reportingVenues missingVenues } }
      fundingHistory(${range}) { coverage { missingVenues } }
    }`);
    expect(response.errors).toBeUndefined();
    const buckets = response.data!.openInterestHistory;
    const [full, partial, empty] = [buckets[0], buckets[4], buckets[8]];
    expect(full).toMatchObject({ openInterestUsd: 600, coverage: { reportingVenues: ['binance', 'okx', 'hyperliquid'], missingVenues: [] } });
    expect(partial).toMatchObject({ openInterestUsd: 400, coverage: { reportingVenues: ['binance', 'hyperliquid'], missingVenues: ['okx'] } });
    expect(empty).toMatchObject({ openInterestUsd: null, coverage: { reportingVenues: [], missingVenues: ['binance', 'okx', 'hyperliquid'], lastRecordedAt: null } });
    expect(Date.parse(full.coverage.lastRecordedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(response.data!.marketDepthHistory[0].coverage).toEqual({ reportingVenues: ['hyperliquid'], missingVenues: ['binance', 'okx'] });
    expect(response.data!.fundingHistory[0].coverage.missingVenues).toEqual(['binance', 'okx', 'hyperliquid']);
  });

  it('names the venues behind each liquidation bucket', async () => {
    await database.db.query(`
      INSERT INTO liquidation (asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key, origin)
        VALUES (1, 3, 3, 'LONG', 100, 1, 100, '2025-10-10T00:10:00Z', 'cov', 'LIVE');
      INSERT INTO liquidation_hourly (asset_id, venue_id, side, hour, notional_usd, quantity, event_count) VALUES (1, 3, 'LONG', '2025-10-10T00:00:00Z', 100, 1, 1)`);
    const response = await server.query(`{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T02:00:00Z") { totalUsd coverage { reportingVenues missingVenues } } }`);
    expect(response.data!.liquidationHistory).toEqual([
      { totalUsd: 100, coverage: { reportingVenues: ['hyperliquid'], missingVenues: ['binance', 'okx'] } },
      { totalUsd: 0, coverage: { reportingVenues: [], missingVenues: ['binance', 'okx', 'hyperliquid'] } },
    ]);
  });

  it('names the funds behind each ETF flow bucket, and the listed funds not yet reported', async () => {
    await database.db.query(`
      INSERT INTO etf (ticker, name, issuer, asset_id, region, listed_on) VALUES
        ('IBIT', 'iShares Bitcoin Trust', 'BlackRock', 1, 'US', '2024-01-11'), ('FBTC', 'Fidelity Wise Origin', 'Fidelity', 1, 'US', '2024-01-11'),
        ('NEWB', 'A fund listed later', 'Example', 1, 'US', '2025-10-20');
      INSERT INTO etf_flow (asset_id, etf_id, day, net_flow_usd, origin) SELECT 1, id, '2025-10-13', 5e6, 'IMPORT' FROM etf WHERE ticker = 'IBIT'`);
    const response = await server.query(`{ etfFlowHistory(asset: "BTC", interval: W1, from: "2025-10-13T00:00:00Z", to: "2025-10-27T00:00:00Z") { netFlowUsd coverage { reportingFunds missingFunds } } }`);
    expect(response.data!.etfFlowHistory).toEqual([
      { netFlowUsd: 5e6, coverage: { reportingFunds: ['IBIT'], missingFunds: ['FBTC'] } },
      { netFlowUsd: 0, coverage: { reportingFunds: [], missingFunds: ['FBTC', 'IBIT', 'NEWB'] } },
    ]);
  });

  it('expects only the venues asked for', async () => {
    const response = await server.query(`{ openInterestHistory(asset: "BTC", venues: ["okx"], interval: H1, from: "2025-10-10T04:00:00Z", to: "2025-10-10T05:00:00Z") { coverage { reportingVenues missingVenues } } }`);
    expect(response.data!.openInterestHistory[0].coverage).toEqual({ reportingVenues: [], missingVenues: ['okx'] });
  });
});
