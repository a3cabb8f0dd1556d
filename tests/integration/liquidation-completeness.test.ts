import { printSchema } from 'graphql';
import { buildCascadeSchema } from '../../src/app/schema';
import { onStatement } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { dataSourceCatalog, liquidationCompleteness } from '../../src/domains/sources/data-source.catalog';
import { recordLiquidationCompleteness, upsertVenue } from '../../src/ingest/catalog';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { FixtureIds, seedRegistry, toRow } from './liquidations.fixture';

/**
 * Completeness is a fact of each venue's feed, carried on `Venue`, on every liquidation sum and in
 * each bucket's coverage: Binance samples (LOWER_BOUND), Bybit is complete, and OKX is set
 * NOT_COLLECTED here to stand for a venue Cascade has no source for.
 */
describe('liquidation completeness', () => {
  let database: TestDatabase;
  let server: TestServer;
  let ids: FixtureIds;
  const at = new Date('2025-06-02T10:15:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    await database.db.query(`UPDATE venue SET liquidation_completeness = 'NOT_COLLECTED' WHERE slug = 'okx'`);
    await insertLiquidations(database.db, [
      toRow(ids, { asset: 'BTC', venue: 'binance', side: 'LONG', notionalUsd: 1000, at }, 0),
      toRow(ids, { asset: 'BTC', venue: 'bybit', side: 'SHORT', notionalUsd: 500, at }, 1),
    ]);
    server = await startTestServer(database.db);
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('is on each venue, with liquidationsLowerBound derived from it (true unless COMPLETE)', async () => {
    const response = await server.query(`{ venues { slug completeness liquidationsLowerBound } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.venues).toEqual([
      { slug: 'binance', completeness: 'LOWER_BOUND', liquidationsLowerBound: true },
      { slug: 'bybit', completeness: 'COMPLETE', liquidationsLowerBound: false },
      { slug: 'okx', completeness: 'NOT_COLLECTED', liquidationsLowerBound: true },
    ]);
  });

  const history = (venues: string[] | null, fields: string) =>
    server.query(`query($venues: [String!]) { liquidationHistory(asset: "BTC", venues: $venues, interval: H1, from: "2025-06-02T10:00:00Z", to: "2025-06-02T12:00:00Z") { ${fields} } }`, { venues });

  it.each([
    [null, 'LOWER_BOUND'],
    [['bybit'], 'COMPLETE'],
    [['binance'], 'LOWER_BOUND'],
    [['okx'], 'NOT_COLLECTED'],
    [['bybit', 'okx'], 'LOWER_BOUND'],
  ])('of a history over venues %j is %s, the same on the planned path and with coverage (resolvers)', async (venues, expected) => {
    const statements: string[] = [];
    const stop = onStatement((text) => statements.push(text));
    const planned = await history(venues as string[] | null, 'start totalUsd completeness').finally(stop);
    expect(statements.some((text) => text.includes('/* planned liquidationHistory */'))).toBe(true);
    const resolved = await history(venues as string[] | null, 'start totalUsd completeness coverage { reportingVenues }');
    expect(planned.errors).toBeUndefined();
    expect(resolved.errors).toBeUndefined();
    for (const buckets of [planned.data!.liquidationHistory, resolved.data!.liquidationHistory]) {
      expect(buckets.map((b: { completeness: string }) => b.completeness)).toEqual([expected, expected]);
    }
    expect(planned.data!.liquidationHistory.map((b: { totalUsd: number }) => b.totalUsd)).toEqual(resolved.data!.liquidationHistory.map((b: { totalUsd: number }) => b.totalUsd));
  });

  it('keeps sums as numbers (zeros) for a venue not collected', async () => {
    const response = await history(['okx'], 'totalUsd count longShare completeness');
    expect(response.data!.liquidationHistory[0]).toEqual({ totalUsd: 0, count: 0, longShare: null, completeness: 'NOT_COLLECTED' });
  });

  it('lists a venue not collected apart in coverage: notCollectedVenues, never missingVenues', async () => {
    const response = await history(null, 'start coverage { reportingVenues missingVenues notCollectedVenues }');
    expect(response.errors).toBeUndefined();
    const [withEvents, quiet] = response.data!.liquidationHistory;
    expect(withEvents.coverage).toEqual({ reportingVenues: ['binance', 'bybit'], missingVenues: [], notCollectedVenues: ['okx'] });
    expect(quiet.coverage).toEqual({ reportingVenues: [], missingVenues: ['binance', 'bybit'], notCollectedVenues: ['okx'] });
  });

  it('is each venue’s own on liquidationTotalsByVenue', async () => {
    const response = await server.query(`{ liquidationTotalsByVenue(asset: "BTC", from: "2025-06-02T00:00:00Z", to: "2025-06-03T00:00:00Z") { venue { slug } totalUsd completeness } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.liquidationTotalsByVenue).toEqual([
      { venue: { slug: 'binance' }, totalUsd: 1000, completeness: 'LOWER_BOUND' },
      { venue: { slug: 'bybit' }, totalUsd: 500, completeness: 'COMPLETE' },
      { venue: { slug: 'okx' }, totalUsd: 0, completeness: 'NOT_COLLECTED' },
    ]);
  });

  it('of the snapshot’s 24 h liquidations combines the venues listing the asset', async () => {
    const response = await server.query(`{ marketSnapshot(asset: "BTC", at: "2025-06-02T12:00:00Z") { liquidations24h { totalUsd completeness } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.marketSnapshot.liquidations24h).toEqual({ totalUsd: 1500, completeness: 'LOWER_BOUND' });
  });

  it('no description names a venue as the lower-bound one: that comes from the catalog and the venues', () => {
    expect(printSchema(buildCascadeSchema())).not.toMatch(/\(Binance\)/);
  });
});

describe('a venue’s completeness as the worker collects it', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });

  afterAll(async () => {
    await database.drop();
  });

  const venues = [
    { slug: 'binance', name: 'Binance', kind: 'CEX' as const },
    { slug: 'hyperliquid', name: 'Hyperliquid', kind: 'DEX' as const },
    { slug: 'deribit', name: 'Deribit', kind: 'CEX' as const },
  ];
  const stored = async () =>
    Object.fromEntries((await database.db.query<{ slug: string; c: string }>('SELECT slug, liquidation_completeness AS c FROM venue ORDER BY slug')).map((r) => [r.slug, r.c]));

  it('is NOT_COLLECTED for Hyperliquid without the keyed provider, COMPLETE with its key; Binance stays LOWER_BOUND', async () => {
    for (const venue of venues) await upsertVenue(database.db, venue);
    expect(await stored()).toEqual({ binance: 'LOWER_BOUND', deribit: 'COMPLETE', hyperliquid: 'NOT_COLLECTED' });
    await recordLiquidationCompleteness(database.db, venues, { CASCADE_HYDROMANCER_API_KEY: 'k' });
    expect(await stored()).toEqual({ binance: 'LOWER_BOUND', deribit: 'COMPLETE', hyperliquid: 'COMPLETE' });
    // Instrument discovery renames venues but never undoes what the worker recorded.
    await upsertVenue(database.db, venues[1]);
    expect((await stored()).hyperliquid).toBe('COMPLETE');
    await recordLiquidationCompleteness(database.db, venues, {});
    expect((await stored()).hyperliquid).toBe('NOT_COLLECTED');
  });

  it('follows the catalog: a venue with no liquidation source at all is NOT_COLLECTED', () => {
    expect(liquidationCompleteness('nowhere', {})).toBe('NOT_COLLECTED');
    const keyed = dataSourceCatalog.filter((e) => e.dataset === 'liquidations' && e.requiresEnv);
    expect(keyed.map((e) => e.venue)).toEqual(['hyperliquid']);
  });
});
