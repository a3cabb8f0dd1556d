import { manualClock } from '../../src/ingest/clock';
import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { binanceKlines, coinbaseCandles, minutePrice } from './spot-series';
import { serveBinanceSpot, serveCoinbase } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

const nowMs = testNowMs + 30_000;
const window = { from: new Date('2024-06-08T00:00:00Z'), to: new Date(nowMs) };

describe('Coinbase candles', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = (slug = 'coinbase') => ({ ...loopbackOptions(venue, slug), clock: manualClock(nowMs) });
  const candles = (where = 'true') =>
    database.db.query(`SELECT a.symbol, c.resolution, c.start, c.open, c.high, c.low, c.close, c.volume_usd, c.source
      FROM candle c JOIN asset a ON a.id = c.asset_id WHERE ${where} ORDER BY 1, 2, 3`);

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveCoinbase(venue, coinbaseCandles);
    serveBinanceSpot(venue, binanceKlines);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('reads [time s, low, high, open, close, volume] newest first, closed candles only, volume_usd = base volume × close', async () => {
    const result = await runDataset(database.db, 'coinbase', 'candles', window, options());
    const days = await candles(`c.resolution = 'D1'`);
    expect(days).toEqual([
      // A 5-element row: no volume, stored as 0 (and noted).
      { symbol: 'BTC', resolution: 'D1', start: new Date('2024-06-08T00:00:00Z'), open: 69000, high: 69610, low: 68390, close: 69490, volume_usd: 0, source: 'coinbase' },
      { symbol: 'BTC', resolution: 'D1', start: new Date('2024-06-09T00:00:00Z'), open: 69490, high: 70090, low: 68840, close: 69880.5, volume_usd: 9011.2345 * 69880.5, source: 'coinbase' },
    ]);
    const minutes = await candles(`c.resolution = 'M1'`);
    expect(minutes).toHaveLength(120);
    const close = minutePrice('BTC', Date.UTC(2024, 5, 10, 8, 59)) + 0.1;
    expect(minutes[59]).toEqual({ symbol: 'BTC', resolution: 'M1', start: new Date('2024-06-10T08:59:00Z'), open: close - 0.5, high: close + 1, low: close - 1, close, volume_usd: 3 * close, source: 'coinbase' });
    expect(result.notes.sort()).toEqual(['1 BTC-USD D1 candles came without volume: stored with volume 0', 'coinbase lists no SOL-USD: SOL candles skipped']);
  });

  it('keeps every Coinbase candle under its own source in source_candle, in USD as quoted', async () => {
    const stored = await database.db.query(`SELECT a.symbol, s.resolution, s.quote_currency, count(*)::int AS n FROM source_candle s JOIN asset a ON a.id = s.asset_id
      WHERE s.source = 'coinbase' GROUP BY 1, 2, 3 ORDER BY 1, 2`);
    expect(stored).toEqual([
      { symbol: 'BTC', resolution: 'D1', quote_currency: 'USD', n: 2 },
      { symbol: 'BTC', resolution: 'M1', quote_currency: 'USD', n: 60 },
      { symbol: 'ETH', resolution: 'M1', quote_currency: 'USD', n: 60 },
    ]);
    const [day] = await database.db.query(`SELECT open, high, low, close, volume_quote, origin FROM source_candle WHERE source = 'coinbase' AND resolution = 'D1' AND start = '2024-06-09T00:00:00Z'`);
    expect(day).toEqual({ open: 69490, high: 70090, low: 68840, close: 69880.5, volume_quote: 9011.2345 * 69880.5, origin: 'BACKFILL' });
  });

  it('measures USDT in USD from the USDT-USD product: closed candles only, a minute without ticks stays absent', async () => {
    const rates = await database.db.query(`SELECT resolution, count(*)::int AS n, min(start) AS first, max(start) AS last FROM stablecoin_rate
      WHERE currency = 'USDT' AND source = 'coinbase' GROUP BY 1 ORDER BY 1`);
    expect(rates).toEqual([
      { resolution: 'D1', n: 2, first: new Date('2024-06-08T00:00:00Z'), last: new Date('2024-06-09T00:00:00Z') },
      // 08:00–08:59 less 08:30 and 08:31 (no ticks); 09:00 is still open.
      { resolution: 'M1', n: 58, first: new Date('2024-06-10T08:00:00Z'), last: new Date('2024-06-10T08:59:00Z') },
    ]);
    const [minute] = await database.db.query(`SELECT open, high, low, close FROM stablecoin_rate WHERE resolution = 'M1' AND start = '2024-06-10T08:29:00Z'`);
    // Fixture row [1718008140, 1.0001, 1.00013, 1.00012, 1.00011, …]: time, low, high, open, close.
    expect(minute).toEqual({ open: 1.00012, high: 1.00013, low: 1.0001, close: 1.00011 });
    expect(await database.db.query(`SELECT 1 FROM stablecoin_rate WHERE start IN ('2024-06-10T08:30:00Z', '2024-06-10T08:31:00Z')`)).toEqual([]);
  });

  it('never asks for more than 300 candles at once (Coinbase rejects such a range)', () => {
    const requests = venue.requestsTo('/products/BTC-USD/candles').filter((r) => r.query.get('granularity') === '60');
    expect(requests.length).toBeGreaterThan(10);
    for (const r of requests) expect((Date.parse(r.query.get('end')!) - Date.parse(r.query.get('start')!)) / 60_000).toBeLessThanOrEqual(300);
  });

  it('is a fallback: Binance spot replaces its candles, and it never overwrites another source’s', async () => {
    await runDataset(database.db, 'binance-spot', 'candles', window, options('binance-spot'));
    const sources = await database.db.query(`SELECT source, resolution, count(*)::int AS n FROM candle GROUP BY 1, 2 ORDER BY 1, 2`);
    // Binance has minutes of BTC and ETH and days of BTC: all of them replaced Coinbase's.
    expect(sources).toEqual([
      { source: 'binance-spot', resolution: 'D1', n: 2 },
      { source: 'binance-spot', resolution: 'M1', n: 120 },
    ]);
    const [revisions] = await database.db.query('SELECT count(*)::int AS n FROM candle_revision');
    expect(revisions.n).toBe(122);

    // source_candle keeps both: Coinbase's in USD beside Binance's in USDT, minute for minute.
    const perSource = await database.db.query(`SELECT source, quote_currency, resolution, count(*)::int AS n FROM source_candle GROUP BY 1, 2, 3 ORDER BY 1, 3`);
    expect(perSource).toEqual([
      { source: 'binance-spot', quote_currency: 'USDT', resolution: 'D1', n: 2 },
      { source: 'binance-spot', quote_currency: 'USDT', resolution: 'M1', n: 120 },
      { source: 'coinbase', quote_currency: 'USD', resolution: 'D1', n: 2 },
      { source: 'coinbase', quote_currency: 'USD', resolution: 'M1', n: 120 },
    ]);
    const [pair] = await database.db.query(`SELECT cb.close AS coinbase, bn.close AS binance FROM source_candle cb JOIN source_candle bn USING (asset_id, resolution, start)
      WHERE cb.source = 'coinbase' AND bn.source = 'binance-spot' AND cb.resolution = 'D1' AND cb.start = '2024-06-09T00:00:00Z'`);
    expect(pair).toEqual({ coinbase: 69880.5, binance: 69888.88 });

    const again = await runDataset(database.db, 'coinbase', 'candles', window, { ...options(), resume: false });
    expect(again.rowsWritten).toBe(0);
    expect(await database.db.query(`SELECT DISTINCT source FROM candle`)).toEqual([{ source: 'binance-spot' }]);
  });
});
