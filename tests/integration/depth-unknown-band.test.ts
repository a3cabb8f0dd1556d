import { upsertObservations } from '../../src/db/bulk';
import { DepthRow, depthTable } from '../../src/domains/depth/depth.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * A ±2 % band the fetched book did not reach is unknown (issue 12, item 5): every reader of
 * depth — the depth series, the timeline's depthUsd2pct and the snapshot's depthRatio — serves
 * null for it, never the sum of what else is known.
 */
describe('an unknown depth band in every reader', () => {
  let database: TestDatabase;
  let server: TestServer;
  const hour = 3_600_000;
  const now = Date.parse('2025-11-20T12:00:00Z');
  const row = (instrument: number, at: number, bid: number | null, ask: number | null): DepthRow & Record<string, unknown> => ({
    asset_id: 1, instrument_id: instrument, at: new Date(at), mid_price: 100,
    bid_usd_1pct: bid === null ? null : bid / 2, ask_usd_1pct: ask === null ? null : ask / 2, bid_usd_2pct: bid, ask_usd_2pct: ask,
    depth_gap: bid === null || ask === null ? "bids fetched to 0.4 % below mid (20 levels, the request's limit of 20, full precision): the ±2 % band is unknown" : null,
    origin: 'LIVE',
  });

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 8, 'LIVE'), (2, 1, 'BTC', 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'LIVE')`);
    // 30 days of hourly books on both venues: OKX 60 + 40, Hyperliquid 30 + 20 (aggregate 150).
    const hours = Array.from({ length: 30 * 24 }, (_, i) => now - (i + 2) * hour);
    await upsertObservations(database.db, depthTable, [...hours.map((at) => row(1, at, 60, 40)), ...hours.map((at) => row(2, at, 30, 20))]);
    // The current hour: OKX known, Hyperliquid's bids unknown (its book stopped short of 2 %).
    await upsertObservations(database.db, depthTable, [row(1, now - 60_000, 66, 44), row(2, now - 60_000, null, 22)]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const range = `interval: H1, from: "${new Date(now - 2 * hour).toISOString()}", to: "${new Date(now).toISOString()}"`;

  it('marketDepthHistory nulls the side an instrument could not measure, keeps the other, and names the instrument', async () => {
    const response = await server.query(`{ marketDepthHistory(asset: "BTC", ${range}) { start bidUsd askUsd coverage { unknownVenues { venue instrument reason } } } }`);
    expect(response.errors).toBeUndefined();
    const reason = "bids fetched to 0.4 % below mid (20 levels, the request's limit of 20, full precision): the ±2 % band is unknown";
    expect(response.data!.marketDepthHistory).toEqual([
      { start: new Date(now - 2 * hour).toISOString(), bidUsd: 90, askUsd: 60, coverage: { unknownVenues: [] } },
      { start: new Date(now - hour).toISOString(), bidUsd: null, askUsd: 66, coverage: { unknownVenues: [{ venue: 'hyperliquid', instrument: 'BTC', reason }] } },
    ]);
  });

  it('timeline depthUsd2pct is null in the bucket, not OKX alone nor the asks alone', async () => {
    const response = await server.query(`{ timeline(asset: "BTC", ${range}) { start depthUsd2pct } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.timeline.map((b: { depthUsd2pct: number | null }) => b.depthUsd2pct)).toEqual([150, null]);
  });

  it('marketSnapshot depthRatio is null while the current books do not all reach ±2 %', async () => {
    const response = await server.query(`{ marketSnapshot(asset: "BTC", at: "${new Date(now).toISOString()}") { depthRatio } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.marketSnapshot.depthRatio).toBeNull();
    // Once Hyperliquid's book reaches the band again, the ratio is back: (66 + 44 + 33 + 22) / 150.
    await upsertObservations(database.db, depthTable, [row(2, now - 30_000, 33, 22)]);
    const again = await server.query(`{ marketSnapshot(asset: "BTC", at: "${new Date(now).toISOString()}") { depthRatio } }`);
    expect(again.data!.marketSnapshot.depthRatio).toBeCloseTo(165 / 150, 12);
  });
});
