import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { serveBgeometrics } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

/** The scheduled look-back: three days up to now. */
const window = { from: new Date(testNowMs - 3 * 86_400_000), to: new Date(testNowMs) };

describe('BGeometrics cohort supply', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = (env: NodeJS.ProcessEnv = {}) => {
    const base = loopbackOptions(venue, 'bgeometrics');
    return { ...base, env: { ...base.env, ...env } };
  };

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBgeometrics(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('fills LTH and STH supply of bitcoin from the window’s days, string values parsed, cohorts seeded', async () => {
    const result = await runDataset(database.db, 'bgeometrics', 'cohorts', window, options());
    const rows = await database.db.query(`SELECT c.slug, to_char(s.day, 'YYYY-MM-DD') AS day, s.supply, s.origin
      FROM cohort_supply s JOIN holder_cohort c ON c.id = s.cohort_id JOIN asset a ON a.id = s.asset_id WHERE a.symbol = 'BTC' ORDER BY 1, 2`);
    expect(rows).toEqual([
      { slug: 'LTH', day: '2024-06-07', supply: 14120000.12, origin: 'LIVE' },
      { slug: 'LTH', day: '2024-06-08', supply: 14121234.75, origin: 'LIVE' },
      { slug: 'LTH', day: '2024-06-09', supply: 14122500, origin: 'LIVE' },
      { slug: 'LTH', day: '2024-06-10', supply: 14123456.78, origin: 'LIVE' },
      { slug: 'STH', day: '2024-06-07', supply: 3303500, origin: 'LIVE' },
      { slug: 'STH', day: '2024-06-08', supply: 3302250.75, origin: 'LIVE' },
      { slug: 'STH', day: '2024-06-09', supply: 3301234.5, origin: 'LIVE' },
      { slug: 'STH', day: '2024-06-10', supply: 3299870.12, origin: 'LIVE' },
    ]);
    expect(result.rowsWritten).toBe(8);
    expect(venue.requestsTo('/v1/lth-supply').map((r) => [r.query.get('startday'), r.query.get('endday'), r.query.has('token')])).toEqual([['2024-06-07', '2024-06-10', false]]);
    expect((await database.db.query('SELECT slug FROM holder_cohort ORDER BY slug')).map((r) => r.slug)).toEqual(['EXCHANGES', 'LTH', 'MINERS', 'STH', 'WHALES']);
  });

  it('sends a configured token and never shows it in an error', async () => {
    venue.fault('/v1/lth-supply', { kind: 'status', status: 500 }, 4);
    const run = runDataset(database.db, 'bgeometrics', 'cohorts', window, options({ CASCADE_BGEOMETRICS_TOKEN: 'secret-token-123' }));
    await expect(run).rejects.toThrow(/HTTP 500 from GET .*\/v1\/lth-supply\?startday=2024-06-07&endday=2024-06-10&token=\*\*\*/);
    await expect(run).rejects.not.toThrow(/secret-token-123/);
    expect(venue.requestsTo('/v1/lth-supply').at(-1)!.query.get('token')).toBe('secret-token-123');
    venue.clearFaults();
  });
});
