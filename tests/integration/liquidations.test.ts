import { onStatement } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { FixtureIds, generateEvents, seedRegistry, toRow } from './liquidations.fixture';

const pageQuery = `query Page($filter: LiquidationFilter, $first: Int, $after: String) {
  liquidations(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id side notionalUsd occurredAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string; side: string; notionalUsd: number; occurredAt: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('liquidations: pages, cursors and input errors', () => {
  let database: TestDatabase;
  let server: TestServer;
  let ids: FixtureIds;
  const start = new Date('2025-03-31T22:00:00Z');

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const response = await server.query<{ liquidations: Page }>(pageQuery, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.liquidations;
  }

  async function pageAll(filter: Record<string, unknown> | null, first: number): Promise<{ ids: string[]; pages: Page[] }> {
    const pages: Page[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const current = await page({ filter, first, after });
      pages.push(current);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    return { ids: pages.flatMap((p) => p.edges.map((e) => e.node.id)), pages };
  }

  /** The same rows ordered by SQL directly: what paging must reproduce. */
  async function expectedIds(where = 'true', params: unknown[] = []): Promise<string[]> {
    const rows = await database.db.query<{ id: string }>(`SELECT l.id::text AS id FROM liquidation l WHERE ${where} ORDER BY l.occurred_at DESC, l.id DESC`, params);
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    // Spans a month boundary (two partitions); every third event repeats its predecessor's time.
    const events = generateEvents(60, start, 4 * 3600_000);
    events.forEach((event, i) => i % 3 === 2 && (event.at = events[i - 1].at));
    await insertLiquidations(database.db, events.map((e, i) => toRow(ids, e, i)));
    // Two events 100 µs apart inside one millisecond: only a microsecond cursor tells them apart.
    await database.db.query(
      `INSERT INTO liquidation (asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key, origin)
       VALUES ($1, $2, $3, 'LONG', 100000, 0.01, 1000, '2025-03-31T00:30:00.000100Z', 'us-1', 'LIVE'),
              ($1, $2, $3, 'SHORT', 100000, 0.02, 2000, '2025-03-31T00:30:00.000200Z', 'us-2', 'LIVE')`,
      [ids.asset.BTC, ids.venue.bybit, ids.instrument['bybit:BTC']],
    );
    server = await startTestServer(database.db);
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('pages through every liquidation exactly once, newest first, microsecond ties included', async () => {
    const expected = await expectedIds();
    expect(expected).toHaveLength(62);
    const { ids: seen, pages } = await pageAll(null, 7);
    expect(seen).toEqual(expected);
    expect(pages).toHaveLength(9);
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    expect(pages.slice(1).every((p) => p.pageInfo.hasPreviousPage)).toBe(true);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    expect(pages[0].pageInfo.startCursor).toBe(pages[0].edges[0].cursor);
    expect(pages[0].pageInfo.endCursor).toBe(pages[0].edges[6].cursor);
  });

  it('two events 100 µs apart come on separate pages, each once', async () => {
    const filter = { from: '2025-03-31T00:30:00.000Z', to: '2025-03-31T00:30:00.001Z' };
    const first = await page({ filter, first: 1 });
    const second = await page({ filter, first: 1, after: first.pageInfo.endCursor });
    expect([first, second].map((p) => p.edges.map((e) => e.node.notionalUsd))).toEqual([[2000], [1000]]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
  });

  it('pages a filtered set (asset, venues, side, time window, minimum size) exactly as SQL selects it', async () => {
    const filter = { asset: 'btc', venues: ['bybit', 'BINANCE'], side: 'LONG', from: '2025-03-31T23:00:00Z', to: '2025-04-01T01:30:00Z', minNotionalUsd: 1000 };
    const expected = await expectedIds(
      `asset_id = $1 AND venue_id = ANY($2) AND side = 'LONG' AND occurred_at >= $3 AND occurred_at < $4 AND notional_usd >= 1000`,
      [ids.asset.BTC, [ids.venue.bybit, ids.venue.binance], filter.from, filter.to],
    );
    expect(expected.length).toBeGreaterThan(3);
    expect((await pageAll(filter, 2)).ids).toEqual(expected);
    const single = await page({ filter, first: 500 });
    expect(single.edges.map((e) => e.node.id)).toEqual(expected);
    expect(single.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('an empty page still tells whether rows exist', async () => {
    const empty = await page({ first: 0 });
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
    const none = await page({ filter: { asset: 'ETH', venues: ['okx'] } });
    expect(none.edges).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(false);
  });

  it('a page of 100 with venue, instrument and asset costs the same single statement as a page of 5', async () => {
    await insertLiquidations(
      database.db,
      generateEvents(120, new Date('2025-03-29T00:00:00Z'), 3600_000, 99).map((e, i) => toRow(ids, { ...e, key: `bulk-${i}` }, i)),
    );
    const query = `query ($first: Int) { liquidations(first: $first) { edges { node { id
      venue { slug liquidationsLowerBound } asset { symbol } instrument { symbol contractSize venue { slug } asset { symbol } } } } } }`;
    const statementsFor = async (first: number) => {
      await server.query('{ venues { slug } assets { symbol } }'); // the registry is warm, as in a running server
      const statements: string[] = [];
      const stop = onStatement((text) => statements.push(text));
      try {
        const response = await server.query<{ liquidations: { edges: Array<{ node: { instrument: { symbol: string } } }> } }>(query, { first });
        expect(response.errors).toBeUndefined();
        expect(response.data!.liquidations.edges).toHaveLength(first);
      } finally {
        stop();
      }
      return statements.length;
    };
    const forHundred = await statementsFor(100);
    const forFive = await statementsFor(5);
    expect(forHundred).toBe(forFive);
    expect(forHundred).toBe(1);
  });

  it('cursors stay valid and nothing repeats when newer events arrive between pages', async () => {
    const expected = await expectedIds();
    const first = await page({ first: 10 });
    await insertLiquidations(
      database.db,
      generateEvents(5, new Date('2025-04-02T00:00:00Z'), 3600_000, 3).map((e, i) => toRow(ids, { ...e, key: `late-${i}` }, i)),
    );
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    for (;;) {
      const next = await page({ first: 25, after });
      rest.push(...next.edges.map((e) => e.node.id));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect([...first.edges.map((e) => e.node.id), ...rest]).toEqual(expected);
    // The same cursor, asked again, names the same position.
    const again = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(again.edges.map((e) => e.node.id)).toEqual(expected.slice(10, 13));
  });

  it.each([
    ['first below zero', { first: -1 }, 'INVALID_PAGE_SIZE', 'first'],
    ['first above 500', { first: 501 }, 'INVALID_PAGE_SIZE', 'first'],
    ['a cursor that is not base64 of ours', { after: 'not-a-cursor' }, 'INVALID_CURSOR', 'after'],
    ['a forged cursor', { after: Buffer.from('l1:abc:1').toString('base64url') }, 'INVALID_CURSOR', 'after'],
    ['a cursor of another version', { after: Buffer.from('l2:1743379200000000:5').toString('base64url') }, 'INVALID_CURSOR', 'after'],
    ['an unknown asset', { filter: { asset: 'DOGE' } }, 'UNKNOWN_ASSET', 'filter.asset'],
    ['an unknown venue', { filter: { venues: ['bybit', 'nowhere'] } }, 'UNKNOWN_VENUE', 'filter.venues'],
    ['from not before to', { filter: { from: '2025-03-31T00:00:00Z', to: '2025-03-31T00:00:00Z' } }, 'INVALID_TIME_RANGE', 'filter.from'],
    ['a negative minimum size', { filter: { minNotionalUsd: -1 } }, 'BAD_USER_INPUT', 'filter.minNotionalUsd'],
  ])('refuses %s with its code, naming the argument', async (_name, variables, code, argument) => {
    const response = await server.query(pageQuery, variables);
    expect(response.errors?.[0].extensions).toMatchObject({ code, argument });
    expect(response.errors?.[0].message).toContain(`\`${argument}\``);
  });

  it('refuses a real cursor with characters appended', async () => {
    const { pageInfo } = await page({ first: 1 });
    for (const after of [`${pageInfo.endCursor}A`, `${pageInfo.endCursor}==`, `${pageInfo.endCursor}AAAA`]) {
      const response = await server.query(pageQuery, { after });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', argument: 'after' });
    }
  });
});
