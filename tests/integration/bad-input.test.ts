import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** Every kind of bad input gets a coded error naming the argument, never a 500 or a stack. */
describe('bad input', () => {
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

  const cases: Array<[string, string, string, string | undefined]> = [
    ['an unknown asset', `{ openInterestHistory(asset: "DOGE", interval: H1, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z") { start } }`, 'UNKNOWN_ASSET', 'asset'],
    ['an unknown venue', `{ fundingHistory(asset: "BTC", venues: ["mtgox"], interval: H1, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z") { start } }`, 'UNKNOWN_VENUE', 'venues'],
    ['an unknown cohort', `{ cohortSupplyHistory(asset: "BTC", cohort: "DOLPHINS", interval: D1, from: "2025-10-01T00:00:00Z") { start } }`, 'UNKNOWN_COHORT', 'cohort'],
    ['`from` after `to`', `{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-10-02T00:00:00Z", to: "2025-10-01T00:00:00Z") { start } }`, 'INVALID_TIME_RANGE', 'from'],
    ['more than 10,000 buckets', `{ marketDepthHistory(asset: "BTC", interval: M1, from: "2025-09-01T00:00:00Z", to: "2025-11-01T00:00:00Z") { start } }`, 'TOO_MANY_BUCKETS', 'interval'],
    ['an hourly interval on daily ETF flows', `{ etfFlowHistory(asset: "BTC", interval: H1, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z") { start } }`, 'INVALID_INTERVAL', 'interval'],
    ['an hourly interval on daily exchange flows', `{ exchangeFlowHistory(asset: "BTC", interval: H4, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z") { start } }`, 'INVALID_INTERVAL', 'interval'],
    ['a malformed cursor', `{ liquidations(after: "not-a-cursor") { edges { cursor } } }`, 'INVALID_CURSOR', 'after'],
    ['a negative page size', `{ liquidations(first: -1) { edges { cursor } } }`, 'INVALID_PAGE_SIZE', 'first'],
    ['a page over 500', `{ liquidations(first: 501) { edges { cursor } } }`, 'INVALID_PAGE_SIZE', 'first'],
    ['a depth band that is not stored', `{ marketDepthHistory(asset: "BTC", interval: H1, from: "2025-10-01T00:00:00Z", to: "2025-10-02T00:00:00Z", band: 0.05) { start } }`, 'INVALID_BAND', 'band'],
    ['an RSI threshold outside 0–100', `{ recoverySignals(asset: "BTC", thresholds: { rsiOversold: 120 }) { allMet } }`, 'BAD_USER_INPUT', 'thresholds.rsiOversold'],
    ['ETF flow dates out of order', `{ etfs(region: "US") { flows(from: "2025-11-08", to: "2025-11-01") { date } } }`, 'INVALID_TIME_RANGE', 'from'],
    ['a time that is not one', `{ liquidationHistory(asset: "BTC", interval: H1, from: "yesterday") { start } }`, 'GRAPHQL_VALIDATION_FAILED', undefined],
  ];

  it.each(cases)('%s is a coded error naming the argument', async (_name, query, code, argument) => {
    const response = await server.query(query);
    expect(response.status).toBeLessThan(500);
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error.extensions?.code).toBe(code);
    if (argument) {
      expect(error.extensions?.argument).toBe(argument);
      expect(error.message).toContain(argument.split('.').pop());
    }
    expect(JSON.stringify(response)).not.toMatch(/stack|at \w+ \(|SELECT |node_modules/);
  });

  it('answers the valid parts of a request even when one field is bad', async () => {
    const response = await server.query(`{ venues { slug } bad: asset(symbol: "BTC") { instruments(venue: "nope") { symbol } } }`);
    expect(response.data?.venues.length).toBeGreaterThan(0);
    expect(response.data?.bad).toBeNull();
    expect(response.errors?.[0].path).toEqual(['bad', 'instruments']);
  });
});
