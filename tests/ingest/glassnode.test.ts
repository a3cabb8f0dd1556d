import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { serveGlassnode } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

const window = { from: new Date(testNowMs - 3 * 86_400_000), to: new Date(testNowMs) };
const apiKey = 'gn-test-key-0001';

describe('Glassnode cohorts and exchange flows', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = (key?: string) => {
    const base = loopbackOptions(venue, 'glassnode');
    return { ...base, env: { ...base.env, ...(key ? { CASCADE_GLASSNODE_API_KEY: key } : {}) } };
  };

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveGlassnode(venue, apiKey);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it.each(['cohorts', 'exchange-flows'] as const)('fails %s without a key, saying which variable to set, and calls nothing', async (dataset) => {
    await expect(runDataset(database.db, 'glassnode', dataset, window, options())).rejects.toThrow(`glassnode: no API key — set CASCADE_GLASSNODE_API_KEY to a Glassnode API key to ingest ${dataset}`);
    expect(venue.requests).toHaveLength(0);
    const [run] = await database.db.query(`SELECT status, error FROM ingestion_run WHERE dataset = $1`, [dataset]);
    expect(run).toEqual({ status: 'FAILED', error: expect.stringContaining('CASCADE_GLASSNODE_API_KEY') });
  });

  it('reads LTH, STH and exchange balances (t in unix seconds, daily) as cohort supply; a null value is not stored', async () => {
    await runDataset(database.db, 'glassnode', 'cohorts', window, options(apiKey));
    const rows = await database.db.query(`SELECT c.slug, to_char(s.day, 'YYYY-MM-DD') AS day, s.supply FROM cohort_supply s JOIN holder_cohort c ON c.id = s.cohort_id ORDER BY 1, 2`);
    expect(rows.filter((r) => r.slug === 'EXCHANGES')).toEqual([
      { slug: 'EXCHANGES', day: '2024-06-07', supply: 2347500 },
      { slug: 'EXCHANGES', day: '2024-06-08', supply: 2346250.75 },
      { slug: 'EXCHANGES', day: '2024-06-09', supply: 2345000.5 },
    ]);
    expect(rows.filter((r) => r.slug === 'LTH').map((r) => [r.day, r.supply])).toEqual([
      ['2024-06-07', 14120000.12],
      ['2024-06-08', 14121234.75],
      ['2024-06-09', 14122500],
      ['2024-06-10', 14123456.78],
    ]);
    expect(rows.filter((r) => r.slug === 'STH')).toHaveLength(4);
    const request = venue.requestsTo('/v1/metrics/supply/lth_sum')[0];
    expect(Object.fromEntries(request.query)).toEqual({ a: 'BTC', i: '24h', s: '1717718400', u: String(1718064000 - 1), f: 'json', timestamp_format: 'unix', api_key: apiKey });
  });

  it('pairs inflow and outflow by day; a day with one side only waits (noted)', async () => {
    const result = await runDataset(database.db, 'glassnode', 'exchange-flows', window, options(apiKey));
    expect(await database.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, inflow, outflow, origin FROM exchange_flow ORDER BY day`)).toEqual([
      { day: '2024-06-07', inflow: 29500, outflow: 31500, origin: 'LIVE' },
      { day: '2024-06-08', inflow: 31250.5, outflow: 29875.25, origin: 'LIVE' },
      { day: '2024-06-09', inflow: 28000, outflow: 30500.75, origin: 'LIVE' },
    ]);
    expect(result.notes).toEqual(['exchange flows of 2024-06-10 have one side only: not stored yet']);
  });

  it('keeps the key out of the error of a refused call', async () => {
    const run = runDataset(database.db, 'glassnode', 'cohorts', window, options('wrong-key-999'));
    await expect(run).rejects.toThrow(/glassnode: HTTP 401 from GET .*api_key=\*\*\*/);
    await expect(run).rejects.not.toThrow(/wrong-key-999/);
  });
});
