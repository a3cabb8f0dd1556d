import { findIngestionStatus } from '../../src/ingest/status/ingestion-status.service';
import { dataSourceCatalog } from '../../src/domains/sources/data-source.catalog';
import { runDataset } from '../../src/ingest/runner';
import { sourceRegistry } from '../../src/ingest/sources';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { serveOkx } from './venue-routes';
import { loopbackOptions, serveBinance, testNowMs } from './venues';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

describe('history limits: a backfill asking for more than the venue keeps says so', () => {
  let database: TestDatabase;
  let binance: VenueServer;
  let okx: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    binance = await startVenueServer();
    serveBinance(binance);
    okx = await startVenueServer();
    serveOkx(okx);
  });
  afterAll(async () => {
    await binance.stop();
    await okx.stop();
    await database.drop();
  });

  const runRow = async (id: number) =>
    (await database.db.query('SELECT status, rows_written, history_note FROM ingestion_run WHERE id = $1', [id]))[0];

  it('Binance open-interest 40 days back: stores what the 30 days hold, never asks earlier, and notes the rest is not available', async () => {
    const from = new Date(testNowMs - 40 * dayMs);
    const result = await runDataset(database.db, 'binance', 'open-interest', { from, to: new Date(testNowMs) }, loopbackOptions(binance, 'binance'));
    const servedFrom = new Date(testNowMs - 30 * dayMs + hourMs);
    const note = `asked from ${from.toISOString()}; the venue serves only from ${servedFrom.toISOString()}: earlier data not available`;
    expect(result.historyNote).toBe(note);
    expect(result.historyAvailableFrom).toEqual(servedFrom);
    // The fixtures' rows near "now" are still stored: a partial backfill, not an empty one.
    expect(result.rowsWritten).toBe(7);
    expect(await runRow(result.runId)).toEqual({ status: 'SUCCEEDED', rows_written: 7, history_note: note });
    const starts = binance.requestsTo('/futures/data/openInterestHist').map((r) => Number(r.query.get('startTime')));
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(servedFrom.getTime());
  });

  it('OKX funding wholly older than three months: asks the venue nothing, writes nothing and says why', async () => {
    const window = { from: new Date(testNowMs - 120 * dayMs), to: new Date(testNowMs - 100 * dayMs) };
    const result = await runDataset(database.db, 'okx', 'funding', window, loopbackOptions(okx, 'okx'));
    const servedFrom = new Date(testNowMs - 89 * dayMs + hourMs);
    const note = `asked from ${window.from.toISOString()}; the venue serves only from ${servedFrom.toISOString()}: earlier data not available`;
    expect(await runRow(result.runId)).toEqual({ status: 'SUCCEEDED', rows_written: 0, history_note: note });
    expect(okx.requestsTo('/api/v5/public/funding-rate-history')).toEqual([]);
  });

  it('records no note for a window the venue still serves, nor for a dataset kept since listing', async () => {
    const result = await runDataset(database.db, 'okx', 'funding', { from: new Date('2024-06-09T12:00:00Z'), to: new Date(testNowMs) }, loopbackOptions(okx, 'okx'));
    expect(result.historyNote).toBeNull();
    expect((await runRow(result.runId)).history_note).toBeNull();
    expect(result.rowsWritten).toBeGreaterThan(0);
    // Binance funding history goes back to listing: 40 days back is no shortfall.
    const funding = await runDataset(database.db, 'binance', 'funding', { from: new Date(testNowMs - 40 * dayMs), to: new Date(testNowMs) }, loopbackOptions(binance, 'binance'));
    expect([funding.historyNote, (await runRow(funding.runId)).history_note]).toEqual([null, null]);
  });

  it('shows in the status where each limited history begins, and the latest shortfall', async () => {
    const rows = await findIngestionStatus(database.db, { nowMs: testNowMs });
    const row = (source: string, dataset: string) => rows.find((r) => r.source === source && r.dataset === dataset);
    expect(row('binance', 'open-interest')).toMatchObject({
      state: 'OK',
      history_available_from: new Date(testNowMs - 30 * dayMs + hourMs),
      history_note: expect.stringMatching(/^asked from .*; the venue serves only from .*: earlier data not available$/),
    });
    // The OKX shortfall stays the latest note even after a run within the limit.
    expect(row('okx', 'funding')).toMatchObject({ history_available_from: new Date(testNowMs - 89 * dayMs + hourMs), history_note: expect.stringContaining('asked from 2024-02-11') });
    expect(row('binance', 'funding')).toMatchObject({ state: 'OK', history_available_from: null, history_note: null });
  });

  it('declares a limit exactly where the data-source catalog documents a span of days or months', () => {
    const declared = sourceRegistry.all().flatMap((source) =>
      Object.entries(source.datasets).filter(([, d]) => d?.historyLimitMs).map(([dataset, d]) => [source.slug, dataset, d!.historyLimitMs]),
    );
    expect(declared).toEqual([
      ['binance', 'open-interest', 30 * dayMs - hourMs],
      ['binance', 'taker-volume', 30 * dayMs - hourMs],
      ['binance', 'positioning', 30 * dayMs - hourMs],
      ['okx', 'funding', 89 * dayMs - hourMs],
      ['okx', 'taker-volume', 5 * dayMs - hourMs],
      ['okx', 'positioning', 5 * dayMs],
    ]);
    const documented = dataSourceCatalog.filter((e) => /\b\d+ (days|months)\b/.test(e.historyLimit ?? '')).map((e) => [e.source, e.dataset]);
    expect(documented.map((pair) => pair.join('/')).sort()).toEqual(declared.map(([source, dataset]) => `${source}/${dataset}`).sort());
  });
});
