import { onStatement } from '../../src/db/sql';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Round trips are what a request costs: a nested page must cost the same number of SQL
 * statements whatever the number of parents.
 */
describe('statements per request', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) SELECT 'A' || n, 'Asset ' || n FROM generate_series(1, 10) n;
      INSERT INTO venue (slug, name, kind) SELECT 'venue' || n, 'Venue ' || n, 'CEX' FROM generate_series(1, 5) n;
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        SELECT v.id, a.id, a.symbol || '-' || v.slug, 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'IMPORT' FROM venue v, asset a;
      INSERT INTO open_interest (asset_id, instrument_id, at, open_interest_usd, origin)
        SELECT i.asset_id, i.id, timestamptz '2025-10-10T00:00:00Z' + h * interval '1 hour', 1e6 * i.id + h, 'IMPORT' FROM instrument i, generate_series(0, 3) h;
      INSERT INTO funding_rate (asset_id, instrument_id, at, rate, interval_hours, origin)
        SELECT i.asset_id, i.id, timestamptz '2025-10-10T00:00:00Z', 0.0001, 8, 'IMPORT' FROM instrument i;
      INSERT INTO etf (ticker, name, issuer, asset_id, region) SELECT 'E' || a.id, 'Fund ' || a.id, 'Issuer', a.id, 'US' FROM asset a;
      INSERT INTO etf_flow (asset_id, etf_id, day, net_flow_usd, origin)
        SELECT e.asset_id, e.id, date '2025-10-01' + d, 1e6, 'IMPORT' FROM etf e, generate_series(0, 6) d;`);
    server = await startTestServer(database.db);
    await server.query('{ assets { symbol } }'); // loads the registry, which later requests reuse
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function countStatements(query: string): Promise<number> {
    let count = 0;
    const stop = onStatement(() => (count += 1));
    try {
      const response = await server.query(query);
      expect(response.errors).toBeUndefined();
    } finally {
      stop();
    }
    return count;
  }

  const instrumentsOfAssets = (n: number) => `{
    a: assets { symbol }
    ${Array.from({ length: n }, (_, i) => `i${i}: asset(symbol: "A${i + 1}") { instruments { symbol venue { slug } asset { symbol }
        latestOpenInterest { at openInterestUsd } latestFunding { rate annualizedRate } } }`).join('\n')}
  }`;

  it('a page of 50 instruments with venue, asset, latest open interest and funding costs what 5 do', async () => {
    const five = await countStatements(instrumentsOfAssets(1));
    const fifty = await countStatements(instrumentsOfAssets(10));
    expect(fifty).toBe(five);
    // The instruments and their readings in one statement; venue and asset from the registry.
    expect(fifty).toBe(1);
  });

  it('the root instruments page with venue, asset and both latest readings is one statement', async () => {
    const page = `{ instruments(venue: "venue1") { symbol venue { slug name } asset { symbol }
      latestOpenInterest { at openInterestUsd } latestFunding { at rate intervalHours } } }`;
    expect(await countStatements(page)).toBe(1);
    // Without readings selected, the plain instrument query (no joins) answers.
    expect(await countStatements(`{ instruments(venue: "venue1") { symbol } }`)).toBe(1);
    // The primed readings are the ones the readings loader would have fetched.
    const joined = await server.query(page);
    const rows = (joined.data as any).instruments;
    expect(rows).toHaveLength(10);
    const first = rows.find((r: any) => r.symbol === 'A1-venue1');
    const [expected] = await database.db.query<{ open_interest_usd: number; at: Date }>(
      `SELECT o.open_interest_usd, o.at FROM open_interest o JOIN instrument i ON i.id = o.instrument_id WHERE i.symbol = 'A1-venue1' ORDER BY o.at DESC LIMIT 1`,
    );
    expect(first.latestOpenInterest).toEqual({ at: expected.at.toISOString(), openInterestUsd: Number(expected.open_interest_usd) });
    expect(first.latestFunding).toEqual({ at: '2025-10-10T00:00:00.000Z', rate: 0.0001, intervalHours: 8 });
  });

  it('venues with their instruments cost the same for 1 venue as for 5', async () => {
    const one = await countStatements(`{ venue(slug: "venue1") { instruments { symbol latestOpenInterest { openInterestUsd } } } }`);
    const all = await countStatements(`{ venues { instruments { symbol latestOpenInterest { openInterestUsd } } } }`);
    expect(all).toBe(one);
  });

  it('ETFs with their flows and assets cost the same for 1 fund as for 10', async () => {
    const one = await countStatements(`{ etfs(asset: "A1") { ticker asset { symbol } flows(from: "2025-10-01", to: "2025-10-08") { date etf { ticker } } } }`);
    const ten = await countStatements(`{ etfs { ticker asset { symbol } flows(from: "2025-10-01", to: "2025-10-08") { date etf { ticker } } } }`);
    expect(ten).toBe(one);
  });

  it('assets with prices, candles, ETFs and cohorts cost the same for 1 asset as for 10', async () => {
    const fields = `symbol priceUsd etfs { ticker } cohorts { slug } candles(interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-10-03T00:00:00Z") { close }`;
    const one = await countStatements(`{ asset(symbol: "A1") { ${fields} } }`);
    const ten = await countStatements(`{ assets { ${fields} } }`);
    expect(ten).toBe(one);
  });
});
