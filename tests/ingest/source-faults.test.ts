import { runDataset } from '../../src/ingest/runner';
import { DatasetName } from '../../src/ingest/source';
import { createTestDatabase, TestDatabase } from '../support/database';
import { Fault, startVenueServer, VenueServer } from '../support/venue-server';
import { binanceKlines, coinbaseCandles } from './spot-series';
import { serveBgeometrics, serveBinanceSpot, serveCoinbase, serveDeribit, serveFarside, serveGlassnode, serveHyperliquid, serveOkx } from './venue-routes';
import { clearIngested, loopbackOptions, storedRows, testNowMs } from './venues';

const day = 86_400_000;
const recent = { from: new Date(testNowMs - day), to: new Date(testNowMs) };
const apiKey = 'gn-fault-key';

/** Every REST dataset of the sources added after Binance and Bybit, over windows their fixtures fill. */
const runs: Array<[string, DatasetName, { from: Date; to: Date }]> = [
  ['okx', 'open-interest', recent],
  ['okx', 'funding', recent],
  ['okx', 'liquidations', { from: new Date(testNowMs - 15 * 60_000), to: new Date(testNowMs) }],
  ['hyperliquid', 'open-interest', recent],
  ['hyperliquid', 'funding', recent],
  ['deribit', 'open-interest', recent],
  ['deribit', 'funding', recent],
  ['binance-spot', 'candles', { from: new Date(testNowMs - 2 * 3_600_000), to: new Date(testNowMs) }],
  ['coinbase', 'candles', { from: new Date(testNowMs - 2 * 3_600_000), to: new Date(testNowMs) }],
  ['farside', 'etf-flows', { from: new Date(testNowMs - 5 * day), to: new Date(testNowMs) }],
  ['bgeometrics', 'cohorts', { from: new Date(testNowMs - 3 * day), to: new Date(testNowMs) }],
  ['glassnode', 'exchange-flows', { from: new Date(testNowMs - 3 * day), to: new Date(testNowMs) }],
];

/**
 * Each fault hits one request of one source; the whole set of runs must still end with exactly
 * the rows of a clean run, every run SUCCEEDED, and the faulted run records what it recovered from.
 */
describe('the newer sources survive venue faults', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  let clean: Record<string, unknown[]>;
  let waits: number[] = [];

  async function ingestAll(): Promise<void> {
    for (const [source, dataset, window] of runs) {
      const base = loopbackOptions(venue, source);
      const options = { ...base, env: { ...base.env, CASCADE_GLASSNODE_API_KEY: apiKey } };
      try {
        await runDataset(database.db, source, dataset, window, options);
      } finally {
        waits.push(...options.clock.waits);
      }
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveOkx(venue);
    serveHyperliquid(venue);
    serveDeribit(venue);
    serveBinanceSpot(venue, binanceKlines);
    serveCoinbase(venue, coinbaseCandles);
    serveFarside(venue);
    serveBgeometrics(venue);
    serveGlassnode(venue, apiKey);
    await ingestAll();
    clean = await storedRows(database.db);
    for (const table of ['open_interest', 'funding_rate', 'liquidation', 'candle', 'etf_flow', 'cohort_supply', 'exchange_flow']) {
      expect([table, clean[table].length > 0]).toEqual([table, true]);
    }
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

  const rateLimited: Fault = { kind: 'rate-limit', retryAfter: '3' };
  const malformed: Fault = { kind: 'malformed' };
  const faults: Array<[string, string, string, Fault, RegExp]> = [
    ['okx', 'funding', '/api/v5/public/funding-rate-history', rateLimited, /HTTP 429/],
    ['okx', 'open-interest', '/api/v5/public/open-interest', malformed, /invalid JSON/],
    ['okx', 'liquidations', '/api/v5/public/liquidation-orders', { kind: 'truncate' }, /invalid JSON/],
    ['hyperliquid', 'open-interest', '/info', rateLimited, /HTTP 429/],
    ['hyperliquid', 'open-interest', '/info', malformed, /invalid JSON from POST/],
    ['deribit', 'funding', '/api/v2/public/get_funding_rate_history', rateLimited, /HTTP 429/],
    ['deribit', 'open-interest', '/api/v2/public/get_book_summary_by_currency', malformed, /invalid JSON/],
    ['binance-spot', 'candles', '/api/v3/klines', rateLimited, /HTTP 429/],
    ['binance-spot', 'candles', '/api/v3/klines', malformed, /invalid JSON/],
    ['coinbase', 'candles', '/products/BTC-USD/candles', rateLimited, /HTTP 429/],
    ['coinbase', 'candles', '/products/ETH-USD/candles', malformed, /invalid JSON/],
    ['farside', 'etf-flows', '/btc/', rateLimited, /HTTP 429/],
    ['farside', 'etf-flows', '/btc/', malformed, /page without complete tables/],
    ['farside', 'etf-flows', '/btc/', { kind: 'truncate' }, /page without complete tables/],
    ['bgeometrics', 'cohorts', '/v1/sth-supply', rateLimited, /HTTP 429/],
    ['bgeometrics', 'cohorts', '/v1/lth-supply', malformed, /invalid JSON/],
    ['glassnode', 'exchange-flows', '/v1/metrics/transactions/transfers_volume_to_exchanges_sum', rateLimited, /HTTP 429/],
    ['glassnode', 'exchange-flows', '/v1/metrics/transactions/transfers_volume_from_exchanges_sum', malformed, /invalid JSON/],
  ];

  it.each(faults)('%s %s survives %s meeting %j: rows equal a clean run', async (source, dataset, path, fault, recorded) => {
    venue.fault(path, fault);
    await ingestAll();
    expect(await storedRows(database.db)).toEqual(clean);
    const all = await database.db.query('SELECT source, dataset, status, error FROM ingestion_run ORDER BY id');
    expect(all.filter((r) => r.status !== 'SUCCEEDED')).toEqual([]);
    const faulted = all.find((r) => r.source === source && r.dataset === dataset)!;
    expect(faulted.error).toMatch(/^recovered: /);
    expect(faulted.error).toMatch(recorded);
    if (fault.kind === 'rate-limit') expect(waits.some((ms) => ms >= 3000)).toBe(true);
  });
});
