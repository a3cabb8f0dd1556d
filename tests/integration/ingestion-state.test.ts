import { findIngestionStatus } from '../../src/ingest/status/ingestion-status.service';
import { SharedPause } from '../../src/ingest/pause';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('ingestionStatus says what is true: state, pausedUntil, historyAvailableFrom', () => {
  let database: TestDatabase;
  let server: TestServer;
  const savedKey = process.env.CASCADE_GLASSNODE_API_KEY;
  const pausedUntil = new Date(Date.now() + 10 * 60_000);

  beforeAll(async () => {
    delete process.env.CASCADE_GLASSNODE_API_KEY;
    database = await createTestDatabase('empty');
    server = await startTestServer(database.db);
    await database.db.query(`
      INSERT INTO ingestion_run (source, dataset, started_at, finished_at, status, rows_written, error) VALUES
        ('bybit', 'funding', now() - interval '2 hours', now() - interval '2 hours', 'FAILED', 0, 'HTTP 502'),
        ('bybit', 'funding', now() - interval '1 hour', now() - interval '1 hour', 'SUCCEEDED', 12, NULL),
        ('okx', 'funding', now() - interval '2 hours', now() - interval '2 hours', 'SUCCEEDED', 3, NULL),
        ('okx', 'funding', now() - interval '1 hour', now() - interval '1 hour', 'FAILED', 0, 'HTTP 500'),
        ('binance', 'open-interest', now() - interval '5 minutes', now() - interval '5 minutes', 'FAILED', 0, 'HTTP 418: banned until …'),
        ('glassnode', 'cohorts', now() - interval '3 days', now() - interval '3 days', 'SUCCEEDED', 2, NULL),
        ('glassnode', 'exchange-flows', now() - interval '1 hour', now() - interval '1 hour', 'SUCCEEDED', 2, NULL)`);
    // The ban as the HTTP client records it, seen by every process.
    await new SharedPause(database.db, 'binance').record(pausedUntil.getTime(), 'HTTP 418 with Retry-After: 600');
  });
  afterAll(async () => {
    if (savedKey !== undefined) process.env.CASCADE_GLASSNODE_API_KEY = savedKey;
    await server.stop();
    await database.drop();
  });

  it('answers each source and dataset with its state, its pause and where its history begins', async () => {
    const before = Date.now();
    const { data, errors } = await server.query(`{ ingestionStatus { source dataset state pausedUntil historyAvailableFrom lastHistoryShortfall lastError rowsLast24h } }`);
    expect(errors).toBeUndefined();
    const bySource = Object.fromEntries(data!.ingestionStatus.map((r: any) => [`${r.source}/${r.dataset}`, r]));
    expect(Object.keys(bySource).sort()).toEqual(['binance/open-interest', 'bybit/funding', 'glassnode/cohorts', 'glassnode/exchange-flows', 'okx/funding']);
    // A ban outranks the failure it caused.
    expect(bySource['binance/open-interest']).toMatchObject({ state: 'PAUSED', pausedUntil: pausedUntil.toISOString(), lastError: 'HTTP 418: banned until …' });
    // Recovered since the failure: OK; failed since the last success: FAILING.
    expect(bySource['bybit/funding']).toMatchObject({ state: 'OK', pausedUntil: null, historyAvailableFrom: null, rowsLast24h: 12 });
    expect(bySource['okx/funding']).toMatchObject({ state: 'FAILING', lastError: 'HTTP 500', lastHistoryShortfall: null });
    // Without the key here and no success in 48 h: not configured. A recent success shows a
    // worker holds the key, so the state follows the runs.
    expect(bySource['glassnode/cohorts'].state).toBe('NOT_CONFIGURED');
    expect(bySource['glassnode/exchange-flows'].state).toBe('OK');
    // Declared limits, counted from now: Binance open interest 30 days (less an hour), OKX funding three months (89 days less an hour).
    const binanceFrom = Date.parse(bySource['binance/open-interest'].historyAvailableFrom);
    expect(binanceFrom).toBeGreaterThanOrEqual(before - 30 * 86_400_000 + 3_600_000);
    expect(binanceFrom).toBeLessThanOrEqual(Date.now() - 30 * 86_400_000 + 3_600_000);
    const okxFrom = Date.parse(bySource['okx/funding'].historyAvailableFrom);
    expect(okxFrom).toBeGreaterThanOrEqual(before - 89 * 86_400_000 + 3_600_000);
    expect(okxFrom).toBeLessThanOrEqual(Date.now() - 89 * 86_400_000 + 3_600_000);
  });

  it('counts a keyed source as configured when this process has its key', async () => {
    const rows = await findIngestionStatus(database.db, { env: { CASCADE_GLASSNODE_API_KEY: 'set' } });
    expect(rows.find((r) => r.source === 'glassnode' && r.dataset === 'cohorts')?.state).toBe('OK');
  });

  it('drops PAUSED once the pause has run out', async () => {
    await database.db.query(`UPDATE source_pause SET paused_until = now() - interval '1 second' WHERE source = 'binance'`);
    const rows = await findIngestionStatus(database.db);
    expect(rows.find((r) => r.source === 'binance')).toMatchObject({ state: 'FAILING', paused_until: null });
  });
});
