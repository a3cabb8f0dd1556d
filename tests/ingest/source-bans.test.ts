import { WeightBudget } from '../../src/ingest/budget';
import { HttpError, JsonHttpClient } from '../../src/ingest/http';
import { activePauses, SharedPause } from '../../src/ingest/pause';
import { bybitBan } from '../../src/ingest/sources/bybit';
import { createTestDatabase, TestDatabase } from '../support/database';
import { reply, startVenueServer, VenueServer } from '../support/venue-server';

/**
 * A venue's "stop calling" holds for the whole source in every worker: two clients stand for two
 * worker processes (each its own budget, one database), as the scheduler gives each process.
 */
describe('bans and back-offs pause the whole source, across workers', () => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });
  beforeEach(async () => {
    venue.clearFaults();
    await database.db.query('TRUNCATE source_pause');
  });

  const worker = (source: string, policy?: ConstructorParameters<typeof JsonHttpClient>[0]['policy']) => {
    const budget = new WeightBudget({ weight: 100, intervalMs: 60_000 });
    const client = new JsonHttpClient({
      source,
      baseUrl: venue.url,
      retries: 2,
      backoff: { baseMs: 10, maxMs: 20 },
      maxRetryAfterMs: 120_000,
      budget,
      policy,
      sharedPause: new SharedPause(database.db, source),
    });
    return { client, budget };
  };

  it('a 418 with Retry-After: 600 fails the call, and no worker calls the venue again until then', async () => {
    venue.route('/fapi/v1/depth', { bids: [], asks: [] });
    venue.fault('/fapi/v1/depth', { kind: 'status', status: 418, body: '{"code":-1003,"msg":"Way too many requests; IP banned"}', headers: { 'retry-after': '600' } });
    const first = worker('binance');
    const started = Date.now();
    await expect(first.client.get('/fapi/v1/depth')).rejects.toThrow(/HTTP 418/);
    const pause = (await activePauses(database.db)).get('binance');
    expect(pause!.untilMs).toBeGreaterThanOrEqual(started + 600_000 - 1_000);
    expect(pause!.reason).toMatch(/HTTP 418/);
    const calls = venue.requestsTo('/fapi/v1/depth').length;
    // Another worker, which never saw the 418: it refuses to call, naming the pause.
    const second = worker('binance');
    const error = (await second.client.get('/fapi/v1/depth').catch((e) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toMatch(/^binance: paused until \d{4}-\d\d-\d\dT.*\(binance: HTTP 418/);
    expect(venue.requestsTo('/fapi/v1/depth').length).toBe(calls);
  });

  it('a 429 on the last attempt still pauses the source before the call fails', async () => {
    venue.route('/data', { ok: true });
    venue.fault('/data', { kind: 'rate-limit', retryAfter: '300' }, 1);
    const only = new JsonHttpClient({ source: 'okx', baseUrl: venue.url, retries: 0, budget: new WeightBudget({ weight: 10, intervalMs: 1000 }), sharedPause: new SharedPause(database.db, 'okx') });
    await expect(only.get('/data')).rejects.toThrow(/HTTP 429/);
    expect((await activePauses(database.db)).has('okx')).toBe(true);
  });

  it("Bybit's 403 'access too frequent' is a ten-minute ban for every worker, not an error to retry", async () => {
    venue.route('/v5/market/tickers', { retCode: 0, result: { list: [] } });
    venue.fault('/v5/market/tickers', { kind: 'status', status: 403, body: 'access too frequent. Please wait at least 10 minutes.' });
    const first = worker('bybit', { ban: bybitBan });
    const started = Date.now();
    await expect(first.client.get('/v5/market/tickers')).rejects.toThrow(/HTTP 403 \(banned: access too frequent/);
    expect(venue.requestsTo('/v5/market/tickers')).toHaveLength(1); // not retried
    const pause = (await activePauses(database.db)).get('bybit')!;
    expect(pause.untilMs - started).toBeGreaterThanOrEqual(10 * 60_000 - 1_000);
    await expect(worker('bybit', { ban: bybitBan }).client.get('/v5/market/tickers')).rejects.toThrow(/paused until/);
    expect(venue.requestsTo('/v5/market/tickers')).toHaveLength(1);
    // An ordinary 403 (a geo block) is not read as a ban.
    expect(bybitBan(403, '<html>The request could not be satisfied</html>')).toBeNull();
  });

  it("keeps the local budget no fuller than Binance's X-MBX-USED-WEIGHT-1m says is left for the IP", async () => {
    venue.route('/fapi/v1/premiumIndex', reply(200, [], { 'x-mbx-used-weight-1m': '1800' }));
    const { client, budget } = worker('binance', { usedWeightHeader: 'x-mbx-used-weight-1m', venueWeightLimit: 2400 });
    await client.get('/fapi/v1/premiumIndex');
    // 1800 of 2400 spent by the IP: a quarter of this 100-weight budget remains.
    expect(budget.available()).toBeLessThanOrEqual(25.1);
  });

  it('a pause only lengthens: a shorter Retry-After later never shortens a ban', async () => {
    const pause = new SharedPause(database.db, 'binance');
    const now = Date.now();
    await pause.record(now + 3_600_000, 'HTTP 418 (banned)');
    await pause.record(now + 60_000, 'HTTP 429');
    const current = (await activePauses(database.db)).get('binance')!;
    expect(Math.abs(current.untilMs - (now + 3_600_000))).toBeLessThan(5);
    expect(current.reason).toBe('HTTP 418 (banned)');
  });
});
