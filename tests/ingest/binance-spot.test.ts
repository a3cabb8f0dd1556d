import { manualClock } from '../../src/ingest/clock';
import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { binanceKlines, minutePrice } from './spot-series';
import { serveBinanceSpot } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

/** Half a minute past 09:00: the 09:00 minute candle and the 10 June day candle are still open. */
const nowMs = testNowMs + 30_000;
const window = { from: new Date('2024-06-08T00:00:00Z'), to: new Date(nowMs) };

describe('Binance spot candles', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => ({ ...loopbackOptions(venue, 'binance-spot'), clock: manualClock(nowMs) });

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinanceSpot(venue, binanceKlines);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('stores closed 1m and 1d klines of the tracked assets as M1 and D1 candles, dropping the still-open rows', async () => {
    const result = await runDataset(database.db, 'binance-spot', 'candles', window, options());
    const counts = await database.db.query(`SELECT a.symbol, c.resolution, count(*)::int AS n, min(c.start) AS first, max(c.start) AS last
      FROM candle c JOIN asset a ON a.id = c.asset_id GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(counts).toEqual([
      { symbol: 'BTC', resolution: 'D1', n: 2, first: new Date('2024-06-08T00:00:00Z'), last: new Date('2024-06-09T00:00:00Z') },
      { symbol: 'BTC', resolution: 'M1', n: 60, first: new Date('2024-06-10T08:00:00Z'), last: new Date('2024-06-10T08:59:00Z') },
      { symbol: 'ETH', resolution: 'M1', n: 60, first: new Date('2024-06-10T08:00:00Z'), last: new Date('2024-06-10T08:59:00Z') },
    ]);
    // 122 candles, each also written to source_candle under binance-spot.
    expect(result.rowsWritten).toBe(244);
    expect(result.notes).toEqual(['binance spot lists no SOLUSDT: SOL candles skipped']);
  });

  it('parses the 12-element rows: strings to numbers, volume_usd the quote volume, source binance-spot', async () => {
    const [day] = await database.db.query(`SELECT open, high, low, close, volume_usd, source, origin FROM candle WHERE resolution = 'D1' AND start = '2024-06-09T00:00:00Z'`);
    expect(day).toEqual({ open: 69500.01, high: 70100, low: 68850.2, close: 69888.88, volume_usd: 1463000000.1234, source: 'binance-spot', origin: 'BACKFILL' });
    const minute = Date.UTC(2024, 5, 10, 8, 30);
    const [row] = await database.db.query(`SELECT c.open, c.close, c.volume_usd FROM candle c JOIN asset a ON a.id = c.asset_id WHERE a.symbol = 'ETH' AND c.resolution = 'M1' AND c.start = $1`, [new Date(minute)]);
    const close = minutePrice('ETH', minute);
    expect(row).toEqual({ open: close - 0.5, close, volume_usd: 2.5 * close + 0.25 });
  });

  it('keeps the same candles under binance-spot in source_candle, in USDT as quoted (no conversion on the way in)', async () => {
    const pairs = await database.db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE (c.open, c.high, c.low, c.close, c.volume_usd) IS NOT DISTINCT FROM (s.open, s.high, s.low, s.close, s.volume_quote))::int AS same
      FROM candle c JOIN source_candle s ON s.asset_id = c.asset_id AND s.resolution = c.resolution AND s.start = c.start AND s.source = 'binance-spot'`);
    expect(pairs).toEqual([{ n: 122, same: 122 }]);
    expect(await database.db.query(`SELECT DISTINCT quote_currency FROM source_candle`)).toEqual([{ quote_currency: 'USDT' }]);
  });

  it('asks for fewer than 1000 rows a page and resumes from the watermark on the next run', async () => {
    const minuteRequests = venue.requestsTo('/api/v3/klines').filter((r) => r.query.get('interval') === '1m' && r.query.get('symbol') === 'BTCUSDT');
    for (const request of minuteRequests) {
      const span = Number(request.query.get('endTime')) - Number(request.query.get('startTime'));
      expect(span).toBeLessThan(1000 * 60_000);
      expect(request.query.get('limit')).toBe('1000');
    }
    const before = venue.requests.length;
    const next = await runDataset(database.db, 'binance-spot', 'candles', { from: new Date(nowMs - 10 * 60_000), to: new Date(nowMs) }, options());
    expect(next.rowsWritten).toBe(0);
    const resumed = venue.requests.slice(before).filter((r) => r.query.get('symbol') === 'BTCUSDT' && r.query.get('interval') === '1m');
    expect(resumed.map((r) => new Date(Number(r.query.get('startTime'))).toISOString())).toEqual(['2024-06-10T08:59:30.000Z']);
  });
});
