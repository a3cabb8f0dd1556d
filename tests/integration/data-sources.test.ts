import { readFileSync } from 'node:fs';
import { dataSourceCatalog } from '../../src/domains/sources/data-source.catalog';
import { dataSourcesDocFile, renderDataSourcesDoc } from '../../src/domains/sources/data-source.doc';
import { sourceRegistry } from '../../src/ingest/sources';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('the dataSources query', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    server = await startTestServer(database.db);
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const fields = 'source venue dataset endpoint units sidedness completeness historyLimit rateLimitWeight documentationUrl documentationRead keyVariable notes';

  it('serves one row per source and dataset of the catalog, with its documentation page and the day it was read', async () => {
    const response = await server.query(`{ dataSources { ${fields} } }`);
    expect(response.errors).toBeUndefined();
    const rows = response.data!.dataSources as Array<Record<string, string | null>>;
    expect(rows).toHaveLength(dataSourceCatalog.length);
    expect(new Set(rows.map((r) => `${r.source}/${r.dataset}`)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.documentationUrl).toMatch(/^https:\/\//);
      expect(row.documentationRead).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(rows.find((r) => r.source === 'binance' && r.dataset === 'liquidations')).toMatchObject({
      endpoint: 'wss://fstream.binance.com/market/ws/!forceOrder@arr',
      completeness: 'LOWER_BOUND',
      keyVariable: null,
    });
    expect(rows.find((r) => r.source === 'bybit' && r.dataset === 'open-interest')).toMatchObject({ sidedness: 'BOTH_SIDES' });
  });

  it('filters by venue and dataset: Hyperliquid liquidations come from the keyed provider', async () => {
    const response = await server.query(`{ dataSources(venue: "Hyperliquid", dataset: "liquidations") { source completeness keyVariable } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.dataSources).toEqual([{ source: 'hydromancer', completeness: 'COMPLETE', keyVariable: 'CASCADE_HYDROMANCER_API_KEY' }]);
  });

  it('covers every dataset every registered source runs or streams', () => {
    const listed = new Set(dataSourceCatalog.map((e) => `${e.source}/${e.dataset}`));
    const run = sourceRegistry.all().flatMap((source) => Object.keys(source.datasets).map((dataset) => `${source.slug}/${dataset}`));
    expect(run.filter((key) => !listed.has(key))).toEqual([]);
  });

  it('is the table docs/data-sources.md shows (run `npm run schema` after changing the catalog)', () => {
    const doc = readFileSync(dataSourcesDocFile, 'utf8');
    expect(doc).toBe(renderDataSourcesDoc(doc));
  });
});
