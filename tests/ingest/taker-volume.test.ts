import { runDataset } from '../../src/ingest/runner';
import { klineVwap } from '../../src/ingest/sources/binance/taker-volume';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fixture, VenueServer, startVenueServer } from '../support/venue-server';
import { serveTakerVolume } from './taker-volume-routes';
import { loopbackOptions, serveBinance } from './venues';
import { serveOkx } from './venue-routes';

/**
 * Aggressor flow (issue 19 item 2) from the loopback venues: Binance's takerlongshortRatio
 * priced with the same contract's 5-minute klines, OKX's taker-volume-contract in USD (unit=2).
 */
const window = { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };
const t0 = window.from.getTime();
const period = 300_000;

describe('taker volume ingestion', () => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
    serveOkx(venue);
    serveTakerVolume(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  const stored = (venueSlug: string) =>
    database.db.query(
      `SELECT i.symbol, t.at, t.buy_usd, t.sell_usd, t.buy_published, t.sell_published, t.published_unit, t.published_ratio, t.usd_price, t.origin
       FROM taker_volume t JOIN instrument i ON i.id = t.instrument_id JOIN venue v ON v.id = i.venue_id
       WHERE v.slug = $1 ORDER BY i.symbol, t.at`,
      [venueSlug],
    );

  it('Binance: coins × the period kline VWAP (quote volume ÷ volume), for perpetuals only; a period no kline prices is skipped and noted', async () => {
    const result = await runDataset(database.db, 'binance', 'taker-volume', window, loopbackOptions(venue, 'binance'));
    const klines = fixture<any[]>('binance', 'klines.BTCUSDT.5m');
    const vwap = klines.map((k) => Number(k[7]) / Number(k[5]));
    expect(vwap.map((v) => Math.round(v * 100) / 100)).toEqual([69500, 69540, 69480, 69610]);
    const rows = await stored('binance');
    const btc = (i: number, buy: number, sell: number, ratio: number) => ({
      symbol: 'BTCUSDT', at: new Date(t0 + i * period), buy_usd: buy * vwap[i], sell_usd: sell * vwap[i], buy_published: buy, sell_published: sell,
      published_unit: 'COIN', published_ratio: ratio, usd_price: vwap[i], origin: 'BACKFILL',
    });
    const ethVwap = klineVwap(fixture<any[]>('binance', 'klines.ETHUSDT.5m')[0]);
    expect(ethVwap).toBe(3700);
    expect(rows).toEqual([
      btc(0, 430.125, 382.375, 1.1249),
      // This period's timestamp came as a number, the others as strings: both read.
      btc(1, 300.25, 340, 0.8831),
      btc(2, 500.5, 404.5, 1.2373),
      btc(3, 350, 350, 1),
      { symbol: 'ETHUSDT', at: new Date(t0), buy_usd: 2600 * 3700, sell_usd: 2400 * 3700, buy_published: 2600, sell_published: 2400, published_unit: 'COIN', published_ratio: 1.0833, usd_price: 3700, origin: 'BACKFILL' },
    ]);
    expect(result.rowsWritten).toBe(5);
    expect(result.notes).toEqual(['BTCUSDT: 1 taker-volume period(s) without a kline to price them, skipped']);
    // Only perpetuals are asked (the quarterly BTCUSDT_240628 is not), at the 5m period, over the window.
    const asked = venue.requestsTo('/futures/data/takerlongshortRatio');
    expect([...new Set(asked.map((r) => r.query.get('symbol')))].sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(asked.every((r) => r.query.get('period') === '5m' && Number(r.query.get('startTime')) === t0 && Number(r.query.get('endTime')) === window.to.getTime() - 1)).toBe(true);
  });

  it('Binance: a second run of the same window writes nothing (natural-key upserts)', async () => {
    const again = await runDataset(database.db, 'binance', 'taker-volume', window, { ...loopbackOptions(venue, 'binance'), resume: false });
    expect(again.rowsWritten).toBe(0);
  });

  it('OKX: unit=2 volumes are USD already (USDT on linear swaps, USD on the inverse one), read [ts, sellVol, buyVol] with sell first', async () => {
    const result = await runDataset(database.db, 'okx', 'taker-volume', window, loopbackOptions(venue, 'okx'));
    const rows = await stored('okx');
    const row = (symbol: string, i: number, buy: number, sell: number, unit: string) => ({
      symbol, at: new Date(t0 + i * period), buy_usd: buy, sell_usd: sell, buy_published: buy, sell_published: sell, published_unit: unit, published_ratio: null, usd_price: null, origin: 'BACKFILL',
    });
    expect(rows).toEqual([
      row('BTC-USD-SWAP', 0, 6010000, 5250000, 'USD'),
      row('BTC-USD-SWAP', 1, 3800000, 4100000, 'USD'),
      row('BTC-USDT-SWAP', 0, 26120000.5, 24680000, 'USDT'),
      row('BTC-USDT-SWAP', 1, 19870000, 21000000.125, 'USDT'),
      row('BTC-USDT-SWAP', 2, 31550500.75, 27400000, 'USDT'),
      row('BTC-USDT-SWAP', 3, 19100250.25, 18250000.5, 'USDT'),
      row('ETH-USDT-SWAP', 0, 9300000.25, 8800000.5, 'USDT'),
    ]);
    expect(result.rowsWritten).toBe(7);
    const asked = venue.requestsTo('/api/v5/rubik/stat/taker-volume-contract');
    expect(asked.every((r) => r.query.get('unit') === '2' && r.query.get('period') === '5m')).toBe(true);
    expect(asked.map((r) => r.query.get('begin'))).toContain(String(t0 - 1));
  });

  it('asks nothing older than the venue serves: OKX keeps the latest 1,440 periods, and the run says so', async () => {
    const old = { from: new Date('2024-06-01T00:00:00Z'), to: new Date('2024-06-02T00:00:00Z') };
    const before = venue.requestsTo('/api/v5/rubik/stat/taker-volume-contract').length;
    const result = await runDataset(database.db, 'okx', 'taker-volume', old, loopbackOptions(venue, 'okx'));
    expect(result.rowsWritten).toBe(0);
    expect(venue.requestsTo('/api/v5/rubik/stat/taker-volume-contract').length).toBe(before);
    expect(result.historyNote).toMatch(/the venue serves only from 2024-06-05T/);
  });
});
