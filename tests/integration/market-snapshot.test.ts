import { upsertObservations } from '../../src/db/bulk';
import { cohortSupplyTable } from '../../src/domains/cohorts/cohort-supply.table';
import { depthTable } from '../../src/domains/depth/depth.table';
import { etfFlowTable } from '../../src/domains/etfs/etf-flow.table';
import { exchangeFlowTable } from '../../src/domains/exchange-flows/exchange-flow.table';
import { fundingTable } from '../../src/domains/funding/funding.table';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { candleTable } from '../../src/domains/prices/candle.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** Each snapshot figure against a value worked out by hand on a small fixed dataset. */
describe('market snapshot figures, hand-checked', () => {
  let database: TestDatabase;
  let server: TestServer;
  const at = '2025-10-20T12:00:00Z';
  const day = (d: number) => `2025-10-${String(d).padStart(2, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name, circulating_supply) VALUES ('BTC', 'Bitcoin', 5000);
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 8, 'LIVE'), (2, 1, 'BTC', 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'LIVE');
      INSERT INTO etf (ticker, name, issuer, asset_id, region) VALUES ('IBIT', 'iShares', 'BlackRock', 1, 'US'), ('3042', 'ChinaAMC', 'ChinaAMC', 1, 'HK');
      INSERT INTO holder_cohort (asset_id, slug, name, definition) VALUES (1, 'LTH', 'Long-term holders', 'unmoved 155 days'), (1, 'WHALES', 'Whales', '1,000+ BTC'),
        (1, 'STH', 'Short-term holders', 'circulating minus LTH')`);
    const live = { origin: 'LIVE' };
    // Daily closes: 200 on 10-01 … peak 300 on 10-10, then 250 on 10-19. Minute candles at 12:00 on 10-19 and 11:59 on 10-20.
    await upsertObservations(database.db, candleTable, [
      ...Array.from({ length: 19 }, (_, i) => ({ asset_id: 1, resolution: 'D1', start: new Date(`${day(i + 1)}T00:00:00Z`), open: 0, high: 0, low: 0, close: i + 1 === 10 ? 300 : i + 1 === 19 ? 250 : 200 + i, volume_usd: 0, source: 't', ...live })),
      { asset_id: 1, resolution: 'M1', start: new Date('2025-10-19T11:59:00Z'), open: 240, high: 240, low: 240, close: 240, volume_usd: 0, source: 't', ...live },
      { asset_id: 1, resolution: 'M1', start: new Date('2025-10-20T11:58:00Z'), open: 225, high: 225, low: 225, close: 225, volume_usd: 0, source: 't', ...live },
    ]);
    // OI: okx 6000 then 9000 (latest), hyperliquid 3000; one reading after `at` must be ignored.
    await upsertObservations(database.db, openInterestTable, [
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-19T11:00:00Z'), open_interest_usd: 6000, open_interest_contracts: null, ...live },
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T11:00:00Z'), open_interest_usd: 9000, open_interest_contracts: null, ...live },
      { asset_id: 1, instrument_id: 2, at: new Date('2025-10-20T11:30:00Z'), open_interest_usd: 3000, open_interest_contracts: null, ...live },
      { asset_id: 1, instrument_id: 2, at: new Date('2025-10-20T13:00:00Z'), open_interest_usd: 99999, open_interest_contracts: null, ...live },
    ]);
    // Funding: okx 0.0002 per 8 h; hyperliquid 0.00005 per 1 h = 0.0004 per 8 h. Weighted by 9000 and 3000.
    await upsertObservations(database.db, fundingTable, [
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T08:00:00Z'), rate: 0.0002, interval_hours: 8, ...live },
      { asset_id: 1, instrument_id: 2, at: new Date('2025-10-20T11:00:00Z'), rate: 0.00005, interval_hours: 1, ...live },
    ]);
    // US ETF flows: days 10-13 … 10-20. At 10-20 12:00 the latest published day is 10-18 (a day counts from
    // D + 1 18:00 UTC), so (10-11, 10-18] counts: 10-13 … 10-18 = 6 days of +10; 10-19, 10-20 and the HK fund never.
    await upsertObservations(database.db, etfFlowTable, [
      ...[13, 14, 15, 16, 17, 18, 19, 20].map((d) => ({ asset_id: 1, etf_id: 1, day: day(d), net_flow_usd: 10, holdings: null, ...live })),
      { asset_id: 1, etf_id: 2, day: day(20), net_flow_usd: 1000, holdings: null, ...live },
    ]);
    // Cohorts (latest published day 10-19, D + 1 03:00 UTC): LTH 100 on 09-19 → 90 on 10-19; whales
    // 50 → 65. The 10-20 values, published on 10-21, are not read.
    await upsertObservations(database.db, cohortSupplyTable, [
      { asset_id: 1, cohort_id: 1, day: '2025-09-19', supply: 100, ...live },
      { asset_id: 1, cohort_id: 1, day: day(19), supply: 90, ...live },
      { asset_id: 1, cohort_id: 1, day: day(20), supply: 0, ...live },
      { asset_id: 1, cohort_id: 2, day: '2025-09-19', supply: 50, ...live },
      { asset_id: 1, cohort_id: 2, day: day(19), supply: 65, ...live },
      { asset_id: 1, cohort_id: 2, day: day(20), supply: 0, ...live },
      // STH: circulating supply as of 10-19 is LTH 90 + STH 910 = 1000 (the registry's 5000 is today's
      // figure and must not be read); 10-20's 9910 is not yet published.
      { asset_id: 1, cohort_id: 3, day: day(19), supply: 910, ...live },
      { asset_id: 1, cohort_id: 3, day: day(20), supply: 9910, ...live },
    ]);
    // Exchange flows (latest published day 10-19): (10-12, 10-19]: inflow 5/day, outflow 3/day over
    // 10-13 … 10-19 → +14; 10-20 excluded.
    await upsertObservations(database.db, exchangeFlowTable, [13, 14, 15, 16, 17, 18, 19, 20].map((d) => ({ asset_id: 1, day: day(d), inflow: 5, outflow: 3, ...live })));
    // Depth: hourly aggregate 100 for the prior 30 days' hours on 10-18; now 10.
    await upsertObservations(database.db, depthTable, [
      ...[1, 2, 3].map((h) => ({ asset_id: 1, instrument_id: 1, at: new Date(`2025-10-18T0${h}:00:00Z`), mid_price: 1, bid_usd_1pct: 0, ask_usd_1pct: 0, bid_usd_2pct: 60, ask_usd_2pct: 40, ...live })),
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T11:45:00Z'), mid_price: 1, bid_usd_1pct: 0, ask_usd_1pct: 0, bid_usd_2pct: 6, ask_usd_2pct: 4, ...live },
    ]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('computes every figure as its description states', async () => {
    const response = await server.query(`{ marketSnapshot(asset: "BTC", at: "${at}") {
      priceUsd change24h drawdownFromHigh openInterestUsd openInterestWeightedFunding leverageRatio
      etfNetFlow7dUsd lthSupplyChange30d whaleSupplyChange30d exchangeNetflow7d depthRatio } }`);
    expect(response.errors).toBeUndefined();
    const s = response.data!.marketSnapshot;
    expect(s.priceUsd).toBe(225);
    expect(s.change24h).toBeCloseTo(225 / 240 - 1, 12);
    expect(s.drawdownFromHigh).toBeCloseTo(1 - 225 / 300, 12);
    expect(s.openInterestUsd).toBe(12000);
    expect(s.openInterestWeightedFunding).toBeCloseTo((0.0002 * 9000 + 0.0004 * 3000) / 12000, 12);
    expect(s.leverageRatio).toBeCloseTo(12000 / (225 * 1000), 12);
    expect(s.etfNetFlow7dUsd).toBe(60);
    expect(s.lthSupplyChange30d).toBe(-10);
    expect(s.whaleSupplyChange30d).toBe(15);
    expect(s.exchangeNetflow7d).toBe(14);
    expect(s.depthRatio).toBeCloseTo(10 / 100, 12);
  });
});
