import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 15, item 2: one missing reading must not move the aggregate, and a venue that is
 * really gone must make the judgement unknown, not "met". On the sample, deleting Binance's
 * 21 Nov 10:00 reading used to take that hour's BTC sum from $41.0B to $27.5B and report
 * "open interest below $30B" as met.
 */
describe('open interest across a missing reading', () => {
  let database: TestDatabase;
  let server: TestServer;
  const hour = '2025-11-21T10:00:00.000Z';

  /** Removes Binance BTCUSDT's readings in [from, to), raw and rolled up, as a feed that missed its polls. */
  const dropBinance = async (from: string, to: string) => {
    await database.db.query(
      `WITH i AS (SELECT i.id FROM instrument i JOIN venue v ON v.id = i.venue_id JOIN asset a ON a.id = i.asset_id WHERE v.slug = 'binance' AND a.symbol = 'BTC')
       , raw AS (DELETE FROM open_interest WHERE instrument_id IN (SELECT id FROM i) AND at >= $1 AND at < $2 RETURNING 1)
       DELETE FROM open_interest_hourly WHERE instrument_id IN (SELECT id FROM i) AND hour >= $1 AND hour < $2`,
      [from, to],
    );
  };
  /** The independent sum: each BTC instrument's newest reading before `end` and at most 3 hours old there. */
  const freshSum = async (end: string) => {
    const [row] = await database.db.query<{ usd: number; venues: string[] }>(
      `SELECT sum(o.open_interest_usd) AS usd, array_agg(DISTINCT v.slug ORDER BY v.slug) AS venues FROM instrument i
       JOIN venue v ON v.id = i.venue_id JOIN asset a ON a.id = i.asset_id
       CROSS JOIN LATERAL (SELECT open_interest_usd FROM open_interest o WHERE o.instrument_id = i.id AND o.at < $1
                           AND o.at >= $1::timestamptz - interval '3 hours' ORDER BY o.at DESC LIMIT 1) o
       WHERE a.symbol = 'BTC'`,
      [end],
    );
    return row;
  };
  const ask = async (from: string, to: string, at: string) => {
    const response = await server.query(`{
      h1: openInterestHistory(asset: "BTC", interval: H1, from: "${from}", to: "${to}") { start openInterestUsd coverage { reportingVenues missingVenues } }
      m5: openInterestHistory(asset: "BTC", interval: M5, from: "${from}", to: "${to}") { start openInterestUsd coverage { missingVenues } }
      history: recoverySignalHistory(asset: "BTC", interval: H1, from: "${from}", to: "${to}") { asOf conditions { name value met status reason } }
      now: recoverySignals(asset: "BTC", at: "${at}") { conditions { name value met status reason } }
    }`);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const openInterestCondition = (assessment: any) => assessment.conditions.find((c: any) => c.name === 'openInterestBelow');

  beforeEach(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterEach(async () => {
    await server.stop();
    await database.drop();
  });

  it("carries Binance's previous reading into the hour it missed: the 21 Nov 10:00 BTC sum stays at $41B and open interest below $30B stays unmet", async () => {
    await dropBinance('2025-11-21T10:00:00Z', '2025-11-21T11:00:00Z');
    const data = await ask('2025-11-21T10:00:00Z', '2025-11-21T11:00:00Z', '2025-11-21T10:59:00Z');
    const expected = await freshSum('2025-11-21T11:00:00Z');
    const [bucket] = data.h1;
    expect(bucket.start).toBe(hour);
    expect(bucket.openInterestUsd).toBeCloseTo(expected.usd, 0);
    expect(bucket.openInterestUsd / 1e9).toBeCloseTo(41.2, 1);
    expect(bucket.coverage.missingVenues).toEqual([]);
    expect([...bucket.coverage.reportingVenues].sort()).toEqual(['binance', 'bybit', 'deribit', 'hyperliquid', 'okx']);
    expect(openInterestCondition(data.history[0])).toMatchObject({ met: false, status: 'NOT_MET', reason: null });
    expect(openInterestCondition(data.history[0]).value).toBeCloseTo(expected.usd, 0);
    expect(openInterestCondition(data.now)).toMatchObject({ met: false, status: 'NOT_MET', reason: null });
  });

  it('carries an hourly reading through the finer buckets after it: every M5 bucket of the hour sums the same five venues', async () => {
    const data = await ask('2025-11-21T10:00:00Z', '2025-11-21T11:00:00Z', '2025-11-21T10:59:00Z');
    expect(data.m5).toHaveLength(12);
    const expected = await freshSum('2025-11-21T11:00:00Z');
    for (const bucket of data.m5) {
      expect(bucket.coverage.missingVenues).toEqual([]);
      expect(bucket.openInterestUsd).toBeCloseTo(expected.usd, 0);
    }
  });

  it('judges open interest UNKNOWN, value null and never met, when an expected venue has had no reading for over 3 hours', async () => {
    await dropBinance('2025-11-21T06:00:00Z', '2025-11-21T11:00:00Z');
    const data = await ask('2025-11-21T10:00:00Z', '2025-11-21T11:00:00Z', '2025-11-21T10:59:00Z');
    const [bucket] = data.h1;
    // Binance's newest reading is 05:00, six hours before the bucket's end: not carried.
    const partial = await freshSum('2025-11-21T11:00:00Z');
    expect(partial.venues).not.toContain('binance');
    expect(bucket.openInterestUsd).toBeCloseTo(partial.usd, 0);
    expect(bucket.openInterestUsd / 1e9).toBeCloseTo(27.5, 0);
    expect(bucket.coverage.missingVenues).toEqual(['binance']);
    for (const assessment of [data.history[0], data.now]) {
      const condition = openInterestCondition(assessment);
      expect(condition).toMatchObject({ value: null, met: false, status: 'UNKNOWN' });
      expect(condition.reason).toContain('binance');
    }
  });
});
