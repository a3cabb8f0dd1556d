import { onStatement } from '../../src/db/sql';
import { upsertObservations } from '../../src/db/bulk';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * H1 and coarser open interest and depth answer from hourly rollups; the answer must equal the
 * one computed from raw rows (the point-in-time path reads raw rows, so it is the reference).
 */
describe('hourly rollups of open interest and depth', () => {
  let database: TestDatabase;
  let server: TestServer;
  const future = '2100-01-01T00:00:00Z';

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it.each(['H1', 'H4', 'D1', 'W1'])('%s answers from the rollup equal the raw answers, a partial last hour included', async (interval) => {
    const range = `asset: "BTC", interval: ${interval}, from: "2025-10-06T00:00:00Z", to: "2025-10-13T13:37:00Z"`;
    let statements: string[] = [];
    const stop = onStatement((sql) => statements.push(sql));
    const rolled = await server.query(`{ oi: openInterestHistory(${range}) { start openInterestUsd } depth: marketDepthHistory(${range}) { start bidUsd askUsd } }`);
    stop();
    expect(statements.some((sql) => sql.includes('open_interest_hourly'))).toBe(true);
    expect(statements.some((sql) => sql.includes('order_book_depth_hourly'))).toBe(true);
    statements = [];
    const raw = await server.query(`{ oi: openInterestHistory(${range}, knownAt: "${future}") { start openInterestUsd } depth: marketDepthHistory(${range}, knownAt: "${future}") { start bidUsd askUsd } }`);
    expect(rolled.errors).toBeUndefined();
    expect(raw.errors).toBeUndefined();
    expect(rolled.data!.oi.length).toBeGreaterThan(0);
    rolled.data!.oi.forEach((bucket: any, i: number) => {
      expect(bucket.start).toBe(raw.data!.oi[i].start);
      expect(bucket.openInterestUsd).toBeCloseTo(raw.data!.oi[i].openInterestUsd, 0);
    });
    rolled.data!.depth.forEach((bucket: any, i: number) => {
      expect(bucket.bidUsd).toBeCloseTo(raw.data!.depth[i].bidUsd, 0);
      expect(bucket.askUsd).toBeCloseTo(raw.data!.depth[i].askUsd, 0);
    });
  });

  it('stays exact when the reading that decides a bucket is revised', async () => {
    const range = `asset: "BTC", interval: D1, from: "2025-10-08T00:00:00Z", to: "2025-10-09T00:00:00Z"`;
    const before = (await server.query(`{ openInterestHistory(${range}) { openInterestUsd } }`)).data!.openInterestHistory[0].openInterestUsd;
    const [row] = await database.db.query<{ instrument_id: number; at: Date; open_interest_usd: number }>(
      `SELECT instrument_id, at, open_interest_usd FROM open_interest WHERE asset_id = 1 AND at >= '2025-10-08' AND at < '2025-10-09' ORDER BY at DESC, instrument_id LIMIT 1`,
    );
    await upsertObservations(database.db, openInterestTable, [{ asset_id: 1, instrument_id: row.instrument_id, at: row.at, open_interest_usd: row.open_interest_usd + 1e9, open_interest_contracts: null, origin: 'LIVE' }]);
    const rolled = await server.query(`{ openInterestHistory(${range}) { openInterestUsd } }`);
    const raw = await server.query(`{ openInterestHistory(${range}, knownAt: "${future}") { openInterestUsd } }`);
    expect(rolled.data!.openInterestHistory[0].openInterestUsd).toBeCloseTo(raw.data!.openInterestHistory[0].openInterestUsd, 0);
    expect(rolled.data!.openInterestHistory[0].openInterestUsd).toBeCloseTo(before + 1e9, 0);
  });
});
