import { upsertObservations } from '../../src/db/bulk';
import { fundingTable } from '../../src/domains/funding/funding.table';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 15, item 4: open-interest-weighted funding weights instruments, not payments. Each
 * instrument gets one time-weighted 8 h rate per bucket and one weight, its open interest.
 */
describe('open-interest-weighted funding', () => {
  describe('on generated data', () => {
    let database: TestDatabase;
    let server: TestServer;
    const day = '2025-10-12';
    const hour = (h: number) => new Date(Date.parse(`${day}T00:00:00Z`) + h * 3_600_000);

    beforeAll(async () => {
      database = await createTestDatabase('empty');
      await database.db.query(`
        INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
        INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
        INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
          VALUES (1, 1, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'LIVE'), (2, 1, 'BTC', 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'LIVE')`);
      // Binance: +1 bp per 8 h, three payments, $80 of open interest. Hyperliquid: −1 bp per 8 h
      // paid hourly (−0.125 bp an hour), 24 payments, $20. Weighted by payment, Hyperliquid would
      // carry 24 × 20 / (24 × 20 + 3 × 80) = 67 % of the weight with 20 % of the open interest.
      const funding = [
        ...[8, 16, 24].map((h) => ({ asset_id: 1, instrument_id: 1, at: hour(h), rate: 0.0001, interval_hours: 8, origin: 'LIVE' })),
        ...Array.from({ length: 24 }, (_, k) => ({ asset_id: 1, instrument_id: 2, at: hour(k + 1), rate: -0.0001 / 8, interval_hours: 1, origin: 'LIVE' })),
      ].filter((row) => row.at < hour(24));
      await upsertObservations(database.db, fundingTable, funding);
      await upsertObservations(database.db, openInterestTable, [
        ...Array.from({ length: 24 }, (_, h) => ({ asset_id: 1, instrument_id: 1, at: hour(h), open_interest_usd: 80, open_interest_contracts: null, origin: 'LIVE' })),
        ...Array.from({ length: 12 }, (_, h) => ({ asset_id: 1, instrument_id: 2, at: hour(h), open_interest_usd: 20, open_interest_contracts: null, origin: 'LIVE' })),
      ]);
      server = await startTestServer(database.db);
    });
    afterAll(async () => {
      await server.stop();
      await database.drop();
    });

    it('weights an hourly venue once by its open interest, not 24 times: (+1 × 80 − 1 × 20) / 100 = +0.6 bp per 8 h', async () => {
      const response = await server.query(`{
        fundingHistory(asset: "BTC", interval: D1, from: "${day}T00:00:00Z", to: "2025-10-13T00:00:00Z") { averageRate openInterestWeightedRate instrumentCount }
        timeline(asset: "BTC", interval: D1, from: "${day}T00:00:00Z", to: "2025-10-13T00:00:00Z") { fundingRate8h fundingWeighting }
      }`);
      expect(response.errors).toBeUndefined();
      const [bucket] = response.data!.fundingHistory;
      // Binance paid at 08:00 and 16:00 inside the day (the 24:00 payment is the next day's).
      expect(bucket.instrumentCount).toBe(2);
      expect(bucket.averageRate).toBeCloseTo(0, 12);
      expect(bucket.openInterestWeightedRate).toBeCloseTo(0.00006, 12);
      expect(response.data!.timeline[0]).toEqual({ fundingRate8h: bucket.openInterestWeightedRate, fundingWeighting: 'OPEN_INTEREST' });
    });

    it('names the plain mean when an instrument paying has no open interest known: the timeline says EQUAL', async () => {
      // Hyperliquid's open interest stops at 11:00: the 20:00–24:00 bucket has none within 3 hours.
      const response = await server.query(`{
        fundingHistory(asset: "BTC", interval: H4, from: "${day}T20:00:00Z", to: "2025-10-13T00:00:00Z") { averageRate openInterestWeightedRate instrumentCount }
        timeline(asset: "BTC", interval: H4, from: "${day}T20:00:00Z", to: "2025-10-13T00:00:00Z") { fundingRate8h fundingWeighting }
      }`);
      expect(response.errors).toBeUndefined();
      const [bucket] = response.data!.fundingHistory;
      expect(bucket).toMatchObject({ openInterestWeightedRate: null, instrumentCount: 1 });
      expect(bucket.averageRate).toBeCloseTo(-0.0001, 12);
      expect(response.data!.timeline[0]).toEqual({ fundingRate8h: bucket.averageRate, fundingWeighting: 'EQUAL' });
    });
  });

  describe('on the sample scenario', () => {
    let database: TestDatabase;
    let server: TestServer;
    beforeAll(async () => {
      database = await createTestDatabase('sample');
      server = await startTestServer(database.db);
    });
    afterAll(async () => {
      await server.stop();
      await database.drop();
    });

    it("gives 12 October's BTC funding as −0.217 bp per 8 h (it was +0.013 when every payment was weighted), equal to a sum written out per instrument", async () => {
      const response = await server.query(`{
        fundingHistory(asset: "BTC", interval: D1, from: "2025-10-12T00:00:00Z", to: "2025-10-13T00:00:00Z") { averageRate openInterestWeightedRate instrumentCount }
      }`);
      expect(response.errors).toBeUndefined();
      const [bucket] = response.data!.fundingHistory;
      const rows = await database.db.query<{ rate_8h: number; oi: number }>(
        `SELECT sum(f.rate * 8) / sum(f.interval_hours) AS rate_8h,
                (SELECT avg(o.open_interest_usd) FROM open_interest o WHERE o.instrument_id = f.instrument_id AND o.at >= '2025-10-12' AND o.at < '2025-10-13') AS oi
         FROM funding_rate f JOIN asset a ON a.id = f.asset_id WHERE a.symbol = 'BTC' AND f.at >= '2025-10-12' AND f.at < '2025-10-13'
         GROUP BY f.instrument_id`,
      );
      const weighted = rows.reduce((sum, r) => sum + r.rate_8h * r.oi, 0) / rows.reduce((sum, r) => sum + r.oi, 0);
      const plain = rows.reduce((sum, r) => sum + r.rate_8h, 0) / rows.length;
      expect(bucket.instrumentCount).toBe(rows.length);
      expect(bucket.openInterestWeightedRate).toBeCloseTo(weighted, 12);
      expect(bucket.averageRate).toBeCloseTo(plain, 12);
      expect(bucket.openInterestWeightedRate * 10_000).toBeCloseTo(-0.217, 3);
    });
  });
});
