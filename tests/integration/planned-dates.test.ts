import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 15, item 6: one spelling of a DateTime whichever path answers. Date#toISOString writes
 * the year before year 1 as 0000 (ISO 8601's astronomical year); Postgres's to_char wrote 0001
 * for it, so a planned W1 history starting in the first week of year 1 disagreed with the resolver.
 */
describe('DateTime spelling of planned answers', () => {
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

  it('writes a bucket in the year before year 1 as 0000-…, planned as resolved', async () => {
    const range = 'asset: "BTC", interval: W1, from: "0001-01-01T00:00:00Z", to: "0001-01-15T00:00:00Z"';
    const planned = await server.query(`{ liquidationHistory(${range}) { start totalUsd } }`);
    const resolved = await server.query(`{ liquidationHistory(${range}) @include(if: true) { start totalUsd } }`);
    expect(planned.errors).toBeUndefined();
    expect(resolved.errors).toBeUndefined();
    expect(planned.data).toEqual(resolved.data);
    // From 25 December of 1 BC: its W1 bucket starts in that year.
    const early = '0000-12-25T00:00:00Z';
    const plannedEarly = await server.query(`{ liquidationHistory(asset: "BTC", interval: W1, from: "${early}", to: "0001-01-08T00:00:00Z") { start } }`);
    const resolvedEarly = await server.query(`{ liquidationHistory(asset: "BTC", interval: W1, from: "${early}", to: "0001-01-08T00:00:00Z") @include(if: true) { start } }`);
    expect(plannedEarly.errors).toBeUndefined();
    expect(plannedEarly.data).toEqual(resolvedEarly.data);
    expect(plannedEarly.data!.liquidationHistory[0].start.startsWith('0000-')).toBe(true);
  });
});
