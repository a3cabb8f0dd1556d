import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { Fault, fixture, reply, startVenueServer, VenueServer } from '../support/venue-server';
import { clearIngested, loopbackOptions, serveBinance, serveBybit, storedRows, testNowMs } from './venues';

const window = { from: new Date('2024-06-09T00:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };

/**
 * Every fault is injected into a run that must still end with exactly the rows of a clean run:
 * nothing lost, nothing duplicated, and the problem recorded on the ingestion_run row.
 */
describe('ingestion survives venue faults', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  let clean: Record<string, unknown[]>;
  let waits: number[] = [];

  async function ingestAll(): Promise<void> {
    for (const [source, dataset] of [['binance', 'open-interest'], ['binance', 'funding'], ['bybit', 'open-interest'], ['bybit', 'funding']] as const) {
      const options = loopbackOptions(venue, source);
      try {
        await runDataset(database.db, source, dataset, window, options);
      } finally {
        waits.push(...options.clock.waits);
      }
    }
  }

  const runs = () => database.db.query('SELECT source, dataset, status, rows_written, error FROM ingestion_run ORDER BY id');

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
    serveBybit(venue);
    await ingestAll();
    clean = await storedRows(database.db);
    expect(clean.open_interest.length).toBe(15);
    expect(clean.funding_rate.length).toBe(21);
  });
  beforeEach(async () => {
    await clearIngested(database.db);
    venue.clearFaults();
    waits = [];
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  const faults: Array<[string, string, Fault, number, RegExp]> = [
    ['a 429 with Retry-After in seconds', '/fapi/v1/fundingRate', { kind: 'rate-limit', retryAfter: '2' }, 1, /HTTP 429 \(rate limited\).*\/fapi\/v1\/fundingRate/],
    ['a 418 with Retry-After as an HTTP date', '/fapi/v1/premiumIndex', { kind: 'rate-limit', status: 418, retryAfter: new Date(testNowMs + 5000).toUTCString() }, 1, /HTTP 418/],
    ['two 5xx answers', '/futures/data/openInterestHist', { kind: 'status', status: 503 }, 2, /HTTP 503/],
    ['an answer slower than the timeout', '/fapi/v1/openInterest', { kind: 'delay', ms: 3000 }, 1, /timed out after 1000 ms/],
    ['a truncated JSON body', '/v5/market/open-interest', { kind: 'truncate' }, 1, /invalid JSON.*\/v5\/market\/open-interest/],
    ['a body that is not JSON', '/v5/market/tickers', { kind: 'malformed' }, 1, /invalid JSON/],
    ['a connection reset', '/v5/market/funding/history', { kind: 'reset' }, 1, /network error/],
    ['a Bybit "too many visits" inside HTTP 200', '/v5/market/mark-price-kline', { kind: 'status', status: 200, body: JSON.stringify(fixture('bybit', 'error.rate-limit')) }, 1, /retCode 10006/],
  ];

  it.each(faults)('survives %s: rows equal a clean run and the problem is recorded', async (_name, path, fault, times, recorded) => {
    venue.fault(path, fault, times);
    await ingestAll();
    expect(await storedRows(database.db)).toEqual(clean);
    const all = await runs();
    expect(all.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    const noted = all.filter((r) => r.error);
    expect(noted).toHaveLength(1);
    expect(noted[0].error).toMatch(/^recovered: /);
    expect(noted[0].error).toMatch(recorded);
  });

  it('waits as long as Retry-After says, in seconds or as a date', async () => {
    venue.fault('/fapi/v1/fundingRate', { kind: 'rate-limit', retryAfter: '2' });
    venue.fault('/fapi/v1/premiumIndex', { kind: 'rate-limit', status: 418, retryAfter: new Date(testNowMs + 5000).toUTCString() });
    await ingestAll();
    expect(waits.some((ms) => ms >= 2000 && ms < 3000)).toBe(true);
    expect(waits.some((ms) => ms >= 5000 && ms < 6000)).toBe(true);
  });

  it('tolerates unknown extra fields and missing optional fields', async () => {
    const premium = fixture<Array<Record<string, unknown>>>('binance', 'premium-index').map(({ estimatedSettlePrice: _a, interestRate: _b, ...rest }) => ({ ...rest, newField: { nested: [1] }, riskTier: 'A' }));
    venue.route('/fapi/v1/premiumIndex', premium);
    try {
      await ingestAll();
    } finally {
      serveBinance(venue);
    }
    expect(await storedRows(database.db)).toEqual(clean);
  });

  it('records a persistent failure with the URL and reason, and a later run restores the clean rows', async () => {
    venue.fault('/v5/market/open-interest', { kind: 'truncate' }, 4);
    await expect(runDataset(database.db, 'bybit', 'open-interest', window, loopbackOptions(venue, 'bybit'))).rejects.toThrow(/invalid JSON/);
    const [failed] = await runs();
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/^bybit: invalid JSON from GET http:\/\/127\.0\.0\.1:\d+\/v5\/market\/open-interest\?category=linear&symbol=BTCUSDT&[^ ]*: .*JSON.* \(\d+ bytes, ends /);
    expect(failed.error.match(/recovered: /g)).toHaveLength(3);

    await ingestAll();
    expect(await storedRows(database.db)).toEqual(clean);
  });

  it('resumes after a crash from each symbol’s watermark, re-reading only the overlap', async () => {
    venue.route('/futures/data/openInterestHist', (r) => (r.query.get('symbol') === 'ETHUSDT' ? reply(500, { msg: 'boom' }) : fixture('binance', 'open-interest-hist.BTCUSDT')));
    const recent = { from: new Date('2024-06-10T08:00:00Z'), to: window.to };
    await expect(runDataset(database.db, 'binance', 'open-interest', recent, loopbackOptions(venue, 'binance'))).rejects.toThrow(/HTTP 500/);
    serveBinance(venue);
    const before = venue.requests.length;
    await runDataset(database.db, 'binance', 'open-interest', recent, loopbackOptions(venue, 'binance'));
    const resumed = venue.requests.slice(before).filter((r) => r.path === '/futures/data/openInterestHist');
    expect(resumed.map((r) => [r.query.get('symbol'), new Date(Number(r.query.get('startTime'))).toISOString()])).toEqual([
      ['BTCUSDT', '2024-06-10T08:50:00.000Z'],
      ['ETHUSDT', '2024-06-10T08:00:00.000Z'],
    ]);
    const rows = await database.db.query("SELECT count(*)::int AS n FROM open_interest WHERE origin = 'BACKFILL'");
    expect(rows[0].n).toBe(4);
  });

  it('changes nothing when an overlapping window is run again', async () => {
    await ingestAll();
    const shifted = { from: new Date('2024-06-09T12:00:00Z'), to: window.to };
    for (const source of ['binance', 'bybit']) {
      for (const dataset of ['open-interest', 'funding'] as const) {
        const result = await runDataset(database.db, source, dataset, shifted, { ...loopbackOptions(venue, source), resume: false });
        expect(result.rowsWritten).toBe(0);
      }
    }
    expect(await storedRows(database.db)).toEqual(clean);
    const [revisions] = await database.db.query('SELECT (SELECT count(*) FROM open_interest_revision) + (SELECT count(*) FROM funding_rate_revision) AS n');
    expect(Number(revisions.n)).toBe(0);
  });
});
