import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importCohorts, parseCohortCsv } from '../../src/ingest/import/cohorts.import';
import { importExchangeFlows, parseExchangeFlowCsv } from '../../src/ingest/import/exchange-flows.import';
import { TextPositionError } from '../../src/ingest/text-table';
import { createTestDatabase, TestDatabase } from '../support/database';

const importFile = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name), 'utf8');
const assets = new Set(['BTC', 'ETH', 'SOL']);

function positioned(run: () => unknown): Pick<TextPositionError, 'line' | 'column' | 'reason'> {
  try {
    run();
  } catch (error) {
    if (error instanceof TextPositionError) return { line: error.line, column: error.column, reason: error.reason };
    throw error;
  }
  throw new Error('expected a TextPositionError');
}

describe('cohort and exchange-flow CSV files', () => {
  it('parses date,asset,cohort,supply in any column order and case', () => {
    expect(parseCohortCsv('Supply,Cohort,Date,Asset\n14000000.5,lth,2024-06-08,btc\n', assets)).toEqual([{ day: '2024-06-08', asset: 'BTC', cohort: 'LTH', supply: 14000000.5 }]);
  });

  it.each([
    ['an unknown cohort', importFile('cohorts.bad.csv'), 3, 16, /cohort: unknown cohort "HODLERS" \(known: EXCHANGES, LTH, MINERS, STH, WHALES\)/],
    ['an unknown asset', 'date,asset,cohort,supply\n2024-06-08,DOGE,LTH,1\n', 2, 12, /asset: unknown asset "DOGE"/],
    ['a supply that is not a number', 'date,asset,cohort,supply\n2024-06-08,BTC,LTH,abc\n', 2, 20, /supply: "abc" is not a number/],
    ['more values than columns', 'date,asset,cohort,supply\n2024-06-08,BTC,LTH,1,5\n', 2, 22, /5 values but the header names 4 columns/],
    ['a negative supply', 'date,asset,cohort,supply\n2024-06-08,BTC,LTH,-5\n', 2, 20, /supply: -5 is negative/],
    ['a bad date', 'date,asset,cohort,supply\n2024-13-08,BTC,LTH,5\n', 2, 1, /"2024-13-08" is not a calendar date/],
    ['a short row', 'date,asset,cohort,supply\n2024-06-08,BTC,LTH\n', 2, 19, /missing value for "supply"/],
    ['a missing column', 'date,asset,supply\n2024-06-08,BTC,5\n', 1, 1, /missing column "cohort"/],
    ['a repeated day', 'date,asset,cohort,supply\n2024-06-08,BTC,LTH,5\n2024-06-08,BTC,LTH,6\n', 3, 1, /BTC LTH on 2024-06-08 appears twice \(first on line 2\)/],
  ])('reports %s at its line and column', (_name, text, line, column, reason) => {
    const error = positioned(() => parseCohortCsv(text, assets));
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.reason).toMatch(reason);
  });

  it('parses date,asset,inflow,outflow and refuses a negative or missing side', () => {
    expect(parseExchangeFlowCsv(importFile('exchange-flows.csv'), assets)).toEqual([
      { day: '2024-06-08', asset: 'BTC', inflow: 31250.5, outflow: 29875.25 },
      { day: '2024-06-09', asset: 'BTC', inflow: 28000, outflow: 30500.75 },
    ]);
    expect(positioned(() => parseExchangeFlowCsv('date,asset,inflow,outflow\n2024-06-08,BTC,-1,2\n', assets))).toEqual({ line: 2, column: 16, reason: 'inflow: -1 is negative' });
    expect(positioned(() => parseExchangeFlowCsv('date,asset,inflow,outflow\n2024-06-08,BTC,1,\n', assets))).toMatchObject({ line: 2, column: 18, reason: 'outflow: "" is not a number' });
  });
});

describe('importing cohort and exchange-flow files', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('writes nothing when one row is bad, not even the cohort registry', async () => {
    await expect(importCohorts(database.db, importFile('cohorts.bad.csv'))).rejects.toMatchObject({ line: 3, column: 16 });
    expect(await database.db.query('SELECT (SELECT count(*) FROM holder_cohort)::int AS cohorts, (SELECT count(*) FROM cohort_supply)::int AS supply')).toEqual([{ cohorts: 0, supply: 0 }]);
  });

  it('seeds the five cohorts of each asset in the file when missing, keeping existing definitions, and imports with origin IMPORT', async () => {
    const [btc] = await database.db.query(`INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin') RETURNING id`);
    await database.db.query(`INSERT INTO holder_cohort (asset_id, slug, name, definition) VALUES ($1, 'LTH', 'Long-term holders', 'Our own definition')`, [btc.id]);

    expect(await importCohorts(database.db, importFile('cohorts.csv'))).toEqual({ rows: 5, inserted: 5, revised: 0, unchanged: 0 });
    const cohorts = await database.db.query(`SELECT a.symbol, c.slug, c.definition FROM holder_cohort c JOIN asset a ON a.id = c.asset_id ORDER BY 1, 2`);
    expect(cohorts.map((c) => `${c.symbol}:${c.slug}`)).toEqual(['BTC:EXCHANGES', 'BTC:LTH', 'BTC:MINERS', 'BTC:STH', 'BTC:WHALES', 'ETH:EXCHANGES', 'ETH:LTH', 'ETH:MINERS', 'ETH:STH', 'ETH:WHALES']);
    expect(cohorts.find((c) => c.symbol === 'BTC' && c.slug === 'LTH')!.definition).toBe('Our own definition');
    expect(cohorts.find((c) => c.symbol === 'BTC' && c.slug === 'WHALES')!.definition).toMatch(/at least 1,000 BTC/);

    const supply = await database.db.query(`SELECT a.symbol, c.slug, to_char(s.day, 'YYYY-MM-DD') AS day, s.supply, s.origin
      FROM cohort_supply s JOIN holder_cohort c ON c.id = s.cohort_id JOIN asset a ON a.id = s.asset_id ORDER BY 1, 2, 3`);
    expect(supply).toEqual([
      { symbol: 'BTC', slug: 'LTH', day: '2024-06-08', supply: 14123456.78, origin: 'IMPORT' },
      { symbol: 'BTC', slug: 'LTH', day: '2024-06-09', supply: 14125012.33, origin: 'IMPORT' },
      { symbol: 'BTC', slug: 'STH', day: '2024-06-08', supply: 3301234.5, origin: 'IMPORT' },
      { symbol: 'BTC', slug: 'STH', day: '2024-06-09', supply: 3299870, origin: 'IMPORT' },
      { symbol: 'ETH', slug: 'EXCHANGES', day: '2024-06-09', supply: 17250000.25, origin: 'IMPORT' },
    ]);
    expect(await importCohorts(database.db, importFile('cohorts.csv'))).toEqual({ rows: 5, inserted: 0, revised: 0, unchanged: 5 });
  });

  it('imports exchange flows in coins with origin IMPORT', async () => {
    expect(await importExchangeFlows(database.db, importFile('exchange-flows.csv'))).toEqual({ rows: 2, inserted: 2, revised: 0, unchanged: 0 });
    expect(await database.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, inflow, outflow, origin FROM exchange_flow ORDER BY day`)).toEqual([
      { day: '2024-06-08', inflow: 31250.5, outflow: 29875.25, origin: 'IMPORT' },
      { day: '2024-06-09', inflow: 28000, outflow: 30500.75, origin: 'IMPORT' },
    ]);
  });
});
