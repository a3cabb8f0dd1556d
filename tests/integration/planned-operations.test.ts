import { onStatement } from '../../src/db/sql';
import { registryFor } from '../../src/domains/shared/registry';
import { liquidationBucketShape, liquidationEdgeShape } from '../../src/domains/liquidations/liquidation.shape';
import { instrumentShape } from '../../src/domains/venues/venue.shape';
import { everyPlannedField } from '../support/planned-shapes';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Hot reads are planned into one statement that builds their JSON in Postgres
 * (each domain's `*.plan.ts`). A directive on the root field keeps an operation off the planner, so each
 * document below is asked both ways: the answers must be the same values, field for field, in
 * the same key order. The field lists are the shapes' own (everyPlannedField), so a field added
 * to a shape is compared here without editing this file.
 */
describe('planned operations answer exactly as the resolvers do', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    // Text Postgres must escape as JSON.stringify does: quotes, backslash, control characters, non-ASCII.
    await database.db.query(`UPDATE venue SET name = $1 WHERE slug = (SELECT min(slug) FROM venue)`, ['Odd "venue" \\ back\tslash\u0001 é 🚀']);
    server = await startTestServer(database.db);
    // The registry's reload (every 30 s by default) is a statement of its own, which a slow
    // machine's run would catch mid-comparison: loaded once here, kept for the suite.
    registryFor(database.db).ttlMs = 3_600_000;
    await server.query('{ assets { symbol } }');
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, text: await response.text() };
  };
  /** The document as written (planned) and with `@include(if: true)` on its root fields (resolvers). */
  const bothWays = async (query: string, variables: Record<string, unknown> = {}, rootFields = ['liquidations', 'instruments', 'liquidationHistory']) => {
    let viaResolvers = query;
    for (const name of rootFields) viaResolvers = viaResolvers.replace(new RegExp(`(\\b${name}\\b(\\([^)]*\\))?)\\s*\\{`), '$1 @include(if: true) {');
    expect(viaResolvers).not.toBe(query);
    const texts: string[] = [];
    let stop = onStatement((text) => texts.push(text));
    const planned = await post(query, variables);
    stop();
    // The planned answer came from statements that build JSON; the other did not.
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((text) => !text.startsWith('/* planned ')).map((text) => text.slice(0, 300))).toEqual([]);
    texts.length = 0;
    stop = onStatement((text) => texts.push(text));
    const resolved = await post(viaResolvers, variables);
    stop();
    expect(texts.some((text) => text.startsWith('/* planned '))).toBe(false);
    expect(planned.status).toBe(200);
    expect(resolved.status).toBe(200);
    const plannedBody = JSON.parse(planned.text);
    const resolvedBody = JSON.parse(resolved.text);
    expect(plannedBody.errors).toBeUndefined();
    // Same values and the same key order (toStrictEqual ignores order, so compare the re-serialized text too).
    expect(plannedBody).toStrictEqual(resolvedBody);
    expect(JSON.stringify(plannedBody)).toBe(JSON.stringify(resolvedBody));
    return plannedBody.data;
  };

  // The edge's every field, down to the instrument's venue, asset and latest readings.
  const everyLiquidationField = everyPlannedField(liquidationEdgeShape, 4);

  it('pages liquidations with every field, aliases and __typename, following endCursor to the end of a filter', async () => {
    let after: string | null = null;
    let seen = 0;
    for (let page = 0; page < 40; page++) {
      const data = await bothWays(
        `query P($after: String) { __typename page: liquidations(first: 250, after: $after, filter: { asset: "ETH", side: SHORT, minNotionalUsd: 100000 }) {
           __typename all: edges { __typename ${everyLiquidationField} }
           pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename } } }`,
        { after },
      );
      const edges = data.page.all;
      seen += edges.length;
      for (const edge of edges) expect(edge.cursor).toBe(edge.node.cursor);
      if (edges.length) expect(data.page.pageInfo.endCursor).toBe(edges.at(-1).cursor);
      if (!data.page.pageInfo.hasNextPage) break;
      after = data.page.pageInfo.endCursor;
    }
    expect(seen).toBeGreaterThan(250);
  });

  it('answers empty pages, first: 0 and fragments the same way', async () => {
    await bothWays('{ liquidations(first: 5, filter: { asset: "BTC", from: "2001-01-01T00:00:00Z", to: "2001-01-02T00:00:00Z" }) { edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }');
    await bothWays('{ liquidations(first: 0) { edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }');
    await bothWays(
      'query { liquidations(first: 30, filter: { venues: ["okx", "bybit"] }) { ...Page } } fragment Page on LiquidationConnection { edges { node { ...Row } } pageInfo { endCursor } } fragment Row on Liquidation { id notionalUsd ... on Liquidation { occurredAt } }',
    );
  });

  it('lists instruments with venue, asset and latest readings, for each venue and with every filter', async () => {
    const fields = `__typename ${everyPlannedField(instrumentShape('i'))}`;
    const all = await bothWays(`{ instruments { ${fields} } }`);
    expect(all.instruments.some((i: any) => i.venue.name.startsWith('Odd "venue" \\'))).toBe(true);
    expect(all.instruments.length).toBeGreaterThan(5);
    expect(all.instruments.some((i: any) => i.latestFunding === null || i.latestOpenInterest === null) || all.instruments.every((i: any) => i.latestFunding)).toBe(true);
    for (const venue of new Set<string>(all.instruments.map((i: any) => i.venue.slug))) {
      await bothWays(`query V($venue: String!) { instruments(venue: $venue) { ${fields} } }`, { venue });
    }
    await bothWays('{ instruments(asset: "BTC", contractType: PERPETUAL) { symbol latestFunding { rate } } }');
    await bothWays('{ instruments(asset: "SOL") { symbol } liquidations(first: 3) { edges { cursor } } }');
  });

  it('answers liquidation histories (rollup and raw events, venue filters, point in time) the same way', async () => {
    const fields = `__typename ${everyPlannedField(liquidationBucketShape)}`;
    const h1 = await bothWays(`{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-11-10T00:00:00Z", to: "2025-12-10T00:00:00Z") { ${fields} } }`);
    expect(h1.liquidationHistory).toHaveLength(720);
    expect(h1.liquidationHistory.some((b: any) => b.longShare === null)).toBe(true);
    await bothWays(`{ h: liquidationHistory(asset: "ETH", interval: M5, from: "2025-10-10T12:00:00Z", to: "2025-10-11T00:00:00Z", venues: ["okx", "bybit"]) { ${fields} } }`);
    await bothWays(`{ liquidationHistory(asset: "BTC", interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-11-01T00:00:00Z", knownAt: "2025-10-15T00:00:00Z") { start count totalUsd } }`);
    await bothWays(`query W($from: DateTime!) { liquidationHistory(asset: "SOL", interval: W1, from: $from) { start longUsd } }`, { from: '2025-09-01T00:00:00Z' });
  });

  it('answers refused arguments with the resolvers\' errors', async () => {
    for (const query of [
      '{ liquidations(first: 501) { edges { cursor } } }',
      '{ liquidations(first: 5, after: "bm90LWEtY3Vyc29y") { edges { cursor } } }',
      '{ liquidations(filter: { asset: "NOPE" }) { edges { cursor } } }',
      '{ instruments(venue: "nowhere") { symbol } }',
      '{ liquidationHistory(asset: "BTC", interval: M1, from: "2020-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { start } }',
      '{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-10-02T00:00:00Z", to: "2025-10-01T00:00:00Z") { start } }',
    ]) {
      const planned = JSON.parse((await post(query)).text);
      const resolved = JSON.parse((await post(query.replace(/(liquidations|instruments|liquidationHistory)(\([^)]*\)+)/, '$1$2 @include(if: true)'))).text);
      expect(planned.errors?.[0]?.extensions?.code).toBeDefined();
      expect(planned).toStrictEqual(resolved);
    }
  });

  it('counts a plan declined for a field the shape does not know on /metrics, by field', async () => {
    /** The counter's value for `field`, or summed over every field. */
    const declined = async (field?: string) => {
      const body = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
      const lines = body.split('\n').filter((l) => l.startsWith(field ? `cascade_plans_declined_total{field="${field}"} ` : 'cascade_plans_declined_total{'));
      return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    };
    const before = await declined('LiquidationBucket.coverage');
    const texts: string[] = [];
    const stop = onStatement((text) => texts.push(text));
    // A document of its own (a new alias), so it is planned now rather than found prepared.
    const reply = JSON.parse((await post(`{ counted${Date.now()}: liquidationHistory(asset: "BTC", interval: D1, from: "2025-11-01T00:00:00Z", to: "2025-11-03T00:00:00Z") { start coverage { reportingVenues } } }`)).text);
    stop();
    expect(reply.errors).toBeUndefined();
    // `coverage` is resolver-only (liquidationBucketShape): the resolvers answered.
    expect(texts.some((text) => text.startsWith('/* planned '))).toBe(false);
    expect(await declined('LiquidationBucket.coverage')).toBe(before + 1);
    // A planned operation, and one kept off the planner by a directive (a caller's choice, not a field unknown), count nothing.
    const total = await declined();
    await post(`{ planned${Date.now()}: liquidationHistory(asset: "BTC", interval: D1, from: "2025-11-01T00:00:00Z", to: "2025-11-03T00:00:00Z") { start } }`);
    await post(`{ directed${Date.now()}: liquidationHistory(asset: "BTC", interval: D1, from: "2025-11-01T00:00:00Z", to: "2025-11-03T00:00:00Z") @include(if: true) { start } }`);
    expect(await declined()).toBe(total);
  });

  it('answers a planned page in one statement', async () => {
    let count = 0;
    const stop = onStatement((text) => {
      count += 1;
      expect(text.startsWith('/* planned liquidations */')).toBe(true);
    });
    const reply = await post('{ liquidations(first: 100, filter: { asset: "BTC", side: LONG }) { edges { cursor node { id occurredAt notionalUsd venue { slug } } } pageInfo { hasNextPage endCursor } } }');
    expect(JSON.parse(reply.text).data.liquidations.edges).toHaveLength(100);
    stop();
    expect(count).toBe(1);
  });
});
