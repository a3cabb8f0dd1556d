import { upsertObservations } from '../../src/db/bulk';
import { sourceCandleTable, stablecoinRateTable } from '../../src/domains/prices/source-candle.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 19 item 4: the Coinbase premium per bucket, from source_candle and stablecoin_rate as the
 * Coinbase and Binance spot connectors store them, over the real GraphQL server and Postgres.
 */
describe('coinbasePremium', () => {
  let database: TestDatabase;
  let server: TestServer;
  const t = (hhmm: string, day = '2025-10-10') => new Date(`${day}T${hhmm}:00Z`);
  const candle = (source: 'coinbase' | 'binance-spot', start: Date, close: number, resolution = 'M1') => ({
    asset_id: 1,
    source,
    resolution,
    start,
    quote_currency: source === 'coinbase' ? 'USD' : 'USDT',
    open: close,
    high: close,
    low: close,
    close,
    volume_quote: 1000,
    origin: 'BACKFILL',
  });
  const rate = (start: Date, close: number, resolution = 'M1') => ({ currency: 'USDT', source: 'coinbase', resolution, start, open: close, high: close, low: close, close, origin: 'BACKFILL' });
  /** When the test says the rows were learned: before the revision below. */
  const learnedAt = new Date('2025-10-10T06:00:00Z');
  const premiumQuery = (args: string) => `{ coinbasePremium(asset: "BTC", ${args}) {
    start closesAt coinbaseCloseUsd binanceCloseUsdt usdtUsd binanceCloseUsd premiumBps premiumAtParBps usdtDeviationBps
    coverage { reportingSources missingSources lastRecordedAt } } }`;
  const round = (value: number | null) => (value === null ? null : Number(value.toFixed(4)));

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin')`);
    await upsertObservations(database.db, sourceCandleTable, [
      // 00h: Coinbase has no 00:59 (no ticks), so 00:58 is the latest minute both have.
      candle('coinbase', t('00:58'), 100_100),
      candle('binance-spot', t('00:58'), 100_000),
      candle('binance-spot', t('00:59'), 99_000),
      // 01h: Coinbase alone.
      candle('coinbase', t('01:10'), 100_500),
      // 02h: both, but the last USDT rate (01:05) is more than 59 minutes old.
      candle('coinbase', t('02:30'), 101_000),
      candle('binance-spot', t('02:30'), 101_100),
      // 03h: nothing. 04h: both at 04:00; the rate from 03:59 (the bucket before) is a minute old.
      candle('coinbase', t('04:00'), 99_980),
      candle('binance-spot', t('04:00'), 100_000),
      // Days: 9 and 10 October.
      candle('coinbase', t('00:00', '2025-10-09'), 121_000, 'D1'),
      candle('binance-spot', t('00:00', '2025-10-09'), 120_900, 'D1'),
      candle('coinbase', t('00:00', '2025-10-10'), 113_000, 'D1'),
      candle('binance-spot', t('00:00', '2025-10-10'), 113_200, 'D1'),
    ]);
    await upsertObservations(database.db, stablecoinRateTable, [
      rate(t('00:50'), 1.0005),
      rate(t('01:05'), 1.0002),
      rate(t('03:59'), 0.9996),
      rate(t('00:00', '2025-10-09'), 1.0001, 'D1'),
      // No rate for 10 October: that day's premium has no USD footing.
    ]);
    await database.db.query(`UPDATE source_candle SET recorded_at = $1`, [learnedAt]);
    await database.db.query(`UPDATE stablecoin_rate SET recorded_at = $1`, [learnedAt]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('compares the closes of the latest minute both venues have, Binance converted with the measured USDT price, every bucket present', async () => {
    const response = await server.query(premiumQuery('interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T05:00:00Z"'));
    expect(response.errors).toBeUndefined();
    const rows = response.data!.coinbasePremium.map((r: any) => ({ ...r, premiumBps: round(r.premiumBps), premiumAtParBps: round(r.premiumAtParBps), usdtDeviationBps: round(r.usdtDeviationBps), binanceCloseUsd: round(r.binanceCloseUsd) }));
    const all = ['coinbase:BTC-USD', 'binance-spot:BTCUSDT', 'coinbase:USDT-USD'];
    const recorded = learnedAt.toISOString();
    expect(rows).toEqual([
      {
        start: '2025-10-10T00:00:00.000Z', closesAt: '2025-10-10T00:58:00.000Z', coinbaseCloseUsd: 100_100, binanceCloseUsdt: 100_000, usdtUsd: 1.0005, binanceCloseUsd: 100_050,
        // (100,100 / (100,000 × 1.0005) − 1) × 10⁴; at par (100,100 / 100,000 − 1) × 10⁴; (1.0005 − 1) × 10⁴.
        premiumBps: round((100_100 / 100_050 - 1) * 10_000), premiumAtParBps: 10, usdtDeviationBps: 5,
        coverage: { reportingSources: all, missingSources: [], lastRecordedAt: recorded },
      },
      {
        start: '2025-10-10T01:00:00.000Z', closesAt: null, coinbaseCloseUsd: null, binanceCloseUsdt: null, usdtUsd: null, binanceCloseUsd: null, premiumBps: null, premiumAtParBps: null, usdtDeviationBps: null,
        coverage: { reportingSources: ['coinbase:BTC-USD', 'coinbase:USDT-USD'], missingSources: ['binance-spot:BTCUSDT'], lastRecordedAt: recorded },
      },
      {
        start: '2025-10-10T02:00:00.000Z', closesAt: '2025-10-10T02:30:00.000Z', coinbaseCloseUsd: 101_000, binanceCloseUsdt: 101_100, usdtUsd: null, binanceCloseUsd: null,
        premiumBps: null, premiumAtParBps: round((101_000 / 101_100 - 1) * 10_000), usdtDeviationBps: null,
        coverage: { reportingSources: ['coinbase:BTC-USD', 'binance-spot:BTCUSDT'], missingSources: ['coinbase:USDT-USD'], lastRecordedAt: recorded },
      },
      {
        start: '2025-10-10T03:00:00.000Z', closesAt: null, coinbaseCloseUsd: null, binanceCloseUsdt: null, usdtUsd: null, binanceCloseUsd: null, premiumBps: null, premiumAtParBps: null, usdtDeviationBps: null,
        // The 03:59 rate is in this bucket, but there is nothing to convert.
        coverage: { reportingSources: ['coinbase:USDT-USD'], missingSources: ['coinbase:BTC-USD', 'binance-spot:BTCUSDT'], lastRecordedAt: recorded },
      },
      {
        start: '2025-10-10T04:00:00.000Z', closesAt: '2025-10-10T04:00:00.000Z', coinbaseCloseUsd: 99_980, binanceCloseUsdt: 100_000, usdtUsd: 0.9996, binanceCloseUsd: 99_960,
        // USDT below par: at par Coinbase looks 2 bp cheaper, in USD it is 2 bp dearer.
        premiumBps: round((99_980 / 99_960 - 1) * 10_000), premiumAtParBps: -2, usdtDeviationBps: -4,
        coverage: { reportingSources: all, missingSources: [], lastRecordedAt: recorded },
      },
    ]);
    expect(rows[0].premiumBps).toBeCloseTo(4.9975, 4);
    expect(rows[4].premiumBps).toBeCloseTo(2.0008, 4);
  });

  it('builds day buckets from the daily candles, with the same day’s USDT rate', async () => {
    const response = await server.query(premiumQuery('interval: D1, from: "2025-10-09T00:00:00Z", to: "2025-10-11T00:00:00Z"'));
    expect(response.errors).toBeUndefined();
    const [first, second] = response.data!.coinbasePremium;
    expect([first.closesAt, first.usdtUsd, round(first.premiumBps)]).toEqual(['2025-10-09T00:00:00.000Z', 1.0001, round((121_000 / (120_900 * 1.0001) - 1) * 10_000)]);
    expect([second.closesAt, second.usdtUsd, second.premiumBps, round(second.premiumAtParBps)]).toEqual(['2025-10-10T00:00:00.000Z', null, null, round((113_000 / 113_200 - 1) * 10_000)]);
    expect(second.coverage.missingSources).toEqual(['coinbase:USDT-USD']);
  });

  it('knownAt answers as Cascade knew it: before the rows were learned nothing; a revised close shows as it was before its revision', async () => {
    await upsertObservations(database.db, sourceCandleTable, [candle('coinbase', t('00:58'), 100_200)]);
    const at = async (knownAt: string | null) => {
      const response = await server.query(premiumQuery(`interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T01:00:00Z"${knownAt ? `, knownAt: "${knownAt}"` : ''}`));
      expect(response.errors).toBeUndefined();
      return response.data!.coinbasePremium[0];
    };
    const before = await at('2025-10-10T05:00:00Z');
    expect([before.closesAt, before.premiumBps, before.coverage.missingSources]).toEqual([null, null, ['coinbase:BTC-USD', 'binance-spot:BTCUSDT', 'coinbase:USDT-USD']]);
    const asFirstLearned = await at('2025-10-10T07:00:00Z');
    expect([asFirstLearned.coinbaseCloseUsd, round(asFirstLearned.premiumBps)]).toEqual([100_100, round((100_100 / 100_050 - 1) * 10_000)]);
    const now = await at(null);
    expect([now.coinbaseCloseUsd, round(now.premiumBps)]).toEqual([100_200, round((100_200 / 100_050 - 1) * 10_000)]);
  });

  it('is a timeline field: the same premiumBps per bucket', async () => {
    const range = 'interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T05:00:00Z"';
    const [timeline, premium] = await Promise.all([
      server.query(`{ timeline(asset: "BTC", ${range}) { start coinbasePremiumBps } }`),
      server.query(`{ coinbasePremium(asset: "BTC", ${range}) { start premiumBps } }`),
    ]);
    expect(timeline.errors).toBeUndefined();
    expect(timeline.data!.timeline.map((b: any) => [b.start, b.coinbasePremiumBps])).toEqual(premium.data!.coinbasePremium.map((b: any) => [b.start, b.premiumBps]));
    expect(timeline.data!.timeline.filter((b: any) => b.coinbasePremiumBps !== null)).toHaveLength(2);
  });

  it('refuses an unknown asset and a backwards range with their codes', async () => {
    const unknown = await server.query(premiumQuery('interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-10T05:00:00Z"').replace('"BTC"', '"NOPE"'));
    expect(unknown.errors?.[0].extensions?.code).toBe('UNKNOWN_ASSET');
    const backwards = await server.query(premiumQuery('interval: H1, from: "2025-10-10T05:00:00Z", to: "2025-10-10T00:00:00Z"'));
    expect(backwards.errors?.[0].extensions?.code).toBe('INVALID_TIME_RANGE');
  });
});
