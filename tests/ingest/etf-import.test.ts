import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importEtfFlows } from '../../src/ingest/import/etf-flows.import';
import { parseEtfFlows } from '../../src/ingest/sources/farside';
import { TextPositionError } from '../../src/ingest/text-table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { textFixture } from '../support/venue-server';

const importFile = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name), 'utf8');

function positionedError(run: () => unknown): TextPositionError {
  try {
    run();
  } catch (error) {
    if (error instanceof TextPositionError) return error;
    throw error;
  }
  throw new Error('expected a TextPositionError');
}

describe('the daily ETF flow table parser', () => {
  it('reads the HTML table: header found among the rows above the dates, fee and summary rows skipped, cells located', () => {
    const html = textFixture('farside', 'btc.html');
    const parsed = parseEtfFlows(html);
    expect(parsed.tickers).toEqual(['IBIT', 'FBTC', 'BITB', 'ARKB', 'BTCO', 'EZBC', 'BRRR', 'HODL', 'BTCW', 'GBTC', 'BTC']);
    expect(new Set(parsed.flows.map((f) => f.day))).toEqual(new Set(['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-10']));
    expect(parsed.flows).toHaveLength(58);
    expect(parsed.unknownCells).toBe(8);
    const lines = html.split('\n');
    const line = lines.findIndex((l) => l.includes('04 Jun 2024')) + 2;
    expect(parsed.flows.find((f) => f.ticker === 'GBTC' && f.day === '2024-06-04')).toEqual({
      day: '2024-06-04',
      ticker: 'GBTC',
      netFlowUsd: -14_900_000,
      line,
      column: lines[line - 1].indexOf('(14.9)') + 1,
    });
  });

  it('reads the CSV form: negatives with a sign or in parentheses, quoted thousands, empty and "-" as unknown, total column and summary rows ignored', () => {
    const parsed = parseEtfFlows(importFile('etf-flows.csv'), 'csv');
    const flow = (ticker: string, day: string) => parsed.flows.find((f) => f.ticker === ticker && f.day === day)?.netFlowUsd;
    expect(parsed.flows).toHaveLength(28);
    expect(flow('IBIT', '2024-06-05')).toBe(1_274_400_000);
    expect(flow('ARKB', '2024-06-07')).toBe(-7_500_000);
    expect(flow('FBTC', '2024-06-10')).toBe(-3_000_000);
    expect(flow('EZBC', '2024-06-10')).toBe(0);
    expect([flow('HODL', '2024-06-10'), flow('BTCW', '2024-06-10'), flow('BTC', '2024-06-05')]).toEqual([undefined, undefined, undefined]);
    expect(parsed.flows.some((f) => f.day > '2024-06-10')).toBe(false);
  });

  it('accepts DD Mon YYYY dates in CSV and maps a Hong Kong USD counter to its fund', () => {
    const parsed = parseEtfFlows('Date,9042,3439\n30 Apr 2024,12.5,(1.25)\n', 'csv');
    expect(parsed.flows).toEqual([
      { day: '2024-04-30', ticker: '3042', netFlowUsd: 12_500_000, line: 2, column: 13 },
      { day: '2024-04-30', ticker: '3439', netFlowUsd: -1_250_000, line: 2, column: 18 },
    ]);
  });

  it.each([
    ['a value that is not a number', 'date,IBIT,FBTC\n2024-06-05,1.0,abc\n', 2, 16, /"abc" in column FBTC is not a flow in US\$ millions/],
    ['a date that does not exist', 'date,IBIT\n2024-02-30,1.0\n', 2, 1, /"2024-02-30" is not a calendar date/],
    ['a date in another format', 'date,IBIT\n06/05/2024,1.0\n', 2, 1, /not a date \(expected DD Mon YYYY or YYYY-MM-DD\)/],
    ['a ticker outside the registry', 'date,IBIT,ZZZZ\n2024-06-05,1,2\n', 1, 11, /unknown ETF ticker "ZZZZ" in column 3/],
    ['the same day twice', 'date,IBIT\n2024-06-05,1\n2024-06-05,2\n', 3, 1, /2024-06-05 appears twice \(first on line 2\)/],
    ['an unclosed quote', 'date,IBIT\n2024-06-05,"1.0\n', 2, 12, /quoted field is never closed/],
  ])('rejects %s with its line and column', (_name, text, line, column, message) => {
    const error = positionedError(() => parseEtfFlows(text, 'csv'));
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.reason).toMatch(message);
  });
});

describe('importing an ETF flow file', () => {
  let database: TestDatabase;
  const flows = () => database.db.query(`SELECT e.ticker, to_char(f.day, 'YYYY-MM-DD') AS day, f.net_flow_usd, f.origin FROM etf_flow f JOIN etf e ON e.id = f.etf_id ORDER BY 2, 1`);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('writes nothing at all — not even the registry — when any cell is bad', async () => {
    await expect(importEtfFlows(database.db, importFile('etf-flows.bad.csv'), 'etf-flows.bad.csv')).rejects.toMatchObject({ line: 3, column: 17 });
    expect(await database.db.query('SELECT (SELECT count(*) FROM etf_flow)::int AS flows, (SELECT count(*) FROM etf)::int AS etfs')).toEqual([{ flows: 0, etfs: 0 }]);
  });

  it('imports with origin IMPORT; the same file again changes nothing; a revised file keeps the replaced values as revisions', async () => {
    expect(await importEtfFlows(database.db, importFile('etf-flows.csv'), 'etf-flows.csv')).toEqual({ rows: 28, inserted: 28, revised: 0, unchanged: 0 });
    expect((await flows()).every((f) => f.origin === 'IMPORT')).toBe(true);
    expect(await importEtfFlows(database.db, importFile('etf-flows.csv'), 'etf-flows.csv')).toEqual({ rows: 28, inserted: 0, revised: 0, unchanged: 28 });

    expect(await importEtfFlows(database.db, importFile('etf-flows.revised.csv'), 'etf-flows.revised.csv')).toEqual({ rows: 29, inserted: 1, revised: 1, unchanged: 27 });
    const rows = await flows();
    expect(rows.find((r) => r.ticker === 'ARKB' && r.day === '2024-06-07')).toEqual({ ticker: 'ARKB', day: '2024-06-07', net_flow_usd: -8_500_000, origin: 'IMPORT' });
    expect(rows.find((r) => r.ticker === 'HODL' && r.day === '2024-06-10')?.net_flow_usd).toBe(2_100_000);
    const revisions = await database.db.query(`SELECT e.ticker, to_char(r.day, 'YYYY-MM-DD') AS day, r.net_flow_usd FROM etf_flow_revision r JOIN etf e ON e.id = r.etf_id`);
    expect(revisions).toEqual([{ ticker: 'ARKB', day: '2024-06-07', net_flow_usd: -7_500_000 }]);
  });

  it('imports the HTML page as well (format told by the file name)', async () => {
    const result = await importEtfFlows(database.db, textFixture('farside', 'btc.html'), 'btc.html');
    expect(result.rows).toBe(58);
    expect(result.inserted + result.revised + result.unchanged).toBe(58);
  });
});
