import { upsertObservations } from '../../src/db/bulk';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { candleTable } from '../../src/domains/prices/candle.table';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** A backtest asks what was known then: later writes and revisions must not leak into it. */
describe('point-in-time snapshots (knownAt)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let firstLearned: string;

  const now = async () => (await database.db.query<{ t: Date }>('SELECT clock_timestamp() AS t'))[0].t.toISOString();
  const at = '2025-10-10T22:00:00Z';

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 8, 'LIVE')`);
    const oi = (usd: number) => [{ asset_id: 1, instrument_id: 1, at: new Date('2025-10-10T21:00:00Z'), open_interest_usd: usd, open_interest_contracts: null, origin: 'LIVE' }];
    const candle = { asset_id: 1, resolution: 'M1', start: new Date('2025-10-10T21:58:00Z'), open: 100, high: 100, low: 100, close: 100, volume_usd: 1, source: 'test', origin: 'LIVE' };
    await upsertObservations(database.db, openInterestTable, oi(1000));
    await upsertObservations(database.db, candleTable, [candle]);
    firstLearned = await now();
    // Later: the venue revises open interest, a late liquidation arrives, the price is corrected.
    await upsertObservations(database.db, openInterestTable, oi(1500));
    await upsertObservations(database.db, candleTable, [{ ...candle, close: 90 }]);
    await insertLiquidations(database.db, [
      { asset_id: 1, venue_id: 1, instrument_id: 1, side: 'LONG', price: 100, quantity: 1, notional_usd: 100, occurred_at: new Date('2025-10-10T21:30:00Z'), event_key: 'late', price_kind: 'BANKRUPTCY', origin: 'LIVE' },
    ]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('answers with the values known at knownAt, and with the revised ones without it', async () => {
    const response = await server.query(`{
      then: marketSnapshot(asset: "BTC", at: "${at}", knownAt: "${firstLearned}") { priceUsd openInterestUsd liquidations24h { totalUsd count } }
      now: marketSnapshot(asset: "BTC", at: "${at}") { priceUsd openInterestUsd liquidations24h { totalUsd count } }
      before: marketSnapshot(asset: "BTC", at: "${at}", knownAt: "2000-01-01T00:00:00Z") { priceUsd openInterestUsd }
      signals: recoverySignals(asset: "BTC", at: "${at}", knownAt: "${firstLearned}") { conditions { name value } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.then).toEqual({ priceUsd: 100, openInterestUsd: 1000, liquidations24h: { totalUsd: 0, count: 0 } });
    expect(response.data!.now).toEqual({ priceUsd: 90, openInterestUsd: 1500, liquidations24h: { totalUsd: 100, count: 1 } });
    expect(response.data!.before).toEqual({ priceUsd: null, openInterestUsd: null });
    expect(response.data!.signals.conditions.find((c: any) => c.name === 'openInterestBelow').value).toBe(1000);
  });

  it('gives series the same view: the revised open interest is absent before it was learned', async () => {
    const range = `asset: "BTC", interval: H1, from: "2025-10-10T21:00:00Z", to: "2025-10-10T22:00:00Z"`;
    const response = await server.query(`{
      then: openInterestHistory(${range}, knownAt: "${firstLearned}") { openInterestUsd }
      now: openInterestHistory(${range}) { openInterestUsd }
      none: openInterestHistory(${range}, knownAt: "2000-01-01T00:00:00Z") { openInterestUsd coverage { missingVenues } }
      depth: marketDepthHistory(${range}, knownAt: "${firstLearned}") { bidUsd }
      funding: fundingHistory(${range}, knownAt: "${firstLearned}") { averageRate }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.then).toEqual([{ openInterestUsd: 1000 }]);
    expect(response.data!.now).toEqual([{ openInterestUsd: 1500 }]);
    expect(response.data!.none).toEqual([{ openInterestUsd: null, coverage: { missingVenues: ['okx'] } }]);
  });

  it('keeps late liquidations and corrected prices out of every series before they were learned', async () => {
    const range = `asset: "BTC", interval: H1, from: "2025-10-10T21:00:00Z", to: "2025-10-10T22:00:00Z"`;
    const response = await server.query(`{
      then: liquidationHistory(${range}, knownAt: "${firstLearned}") { totalUsd count }
      now: liquidationHistory(${range}) { totalUsd count }
      timelineThen: timeline(${range}, knownAt: "${firstLearned}") { close openInterestUsd liquidationsLongUsd }
      timelineNow: timeline(${range}) { close openInterestUsd liquidationsLongUsd }
      history: recoverySignalHistory(${range}, knownAt: "${firstLearned}") { conditions { name value } }
      etf: etfFlowHistory(asset: "BTC", interval: D1, from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z", knownAt: "${firstLearned}") { netFlowUsd }
      candlesThen: asset(symbol: "BTC") { candles(interval: H1, from: "2025-10-10T21:00:00Z", to: "2025-10-10T22:00:00Z", knownAt: "${firstLearned}") { close } }
      flows: exchangeFlowHistory(asset: "BTC", interval: D1, from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z", knownAt: "${firstLearned}") { netflow }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.then).toEqual([{ totalUsd: 0, count: 0 }]);
    expect(response.data!.now).toEqual([{ totalUsd: 100, count: 1 }]);
    expect(response.data!.timelineThen).toEqual([{ close: 100, openInterestUsd: 1000, liquidationsLongUsd: 0 }]);
    expect(response.data!.timelineNow).toEqual([{ close: 90, openInterestUsd: 1500, liquidationsLongUsd: 100 }]);
    expect(response.data!.candlesThen.candles).toEqual([{ close: 100 }]);
    expect(response.data!.history[0].conditions.find((c: any) => c.name === 'openInterestBelow').value).toBe(1000);
  });
});
