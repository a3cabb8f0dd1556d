import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { servePositioning } from './positioning-routes';
import { serveOkx } from './venue-routes';
import { loopbackOptions, serveBinance, serveBybit, testNowMs } from './venues';

const window = { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };
const at = (minute: number) => new Date(Date.UTC(2024, 5, 10, 8, minute));

describe('long/short ratio connectors (Binance, Bybit, OKX) on loopback venues', () => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
    serveBybit(venue);
    serveOkx(venue);
    servePositioning(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  const stored = (slug: string) =>
    database.db.query(
      `SELECT p.kind, p.scope, p.period, p.at, p.long_short_ratio, p.long_share, p.short_share, p.origin
       FROM positioning_ratio p JOIN venue v ON v.id = p.venue_id WHERE v.slug = $1 ORDER BY p.kind, p.scope, p.at`,
      [slug],
    );

  it('Binance: the three ratios of every perpetual at 5m, shares and ratio as published (timestamps as numbers or strings)', async () => {
    const result = await runDataset(database.db, 'binance', 'positioning', window, loopbackOptions(venue, 'binance'));
    expect(result.rowsWritten).toBe(12);
    const rows = await stored('binance');
    expect(rows.filter((r) => r.kind === 'GLOBAL_ACCOUNTS')).toEqual([
      { kind: 'GLOBAL_ACCOUNTS', scope: 'BTCUSDT', period: '5m', at: at(0), long_short_ratio: 1.9603, long_share: 0.6622, short_share: 0.3378, origin: 'BACKFILL' },
      // This row's timestamp came as a string.
      { kind: 'GLOBAL_ACCOUNTS', scope: 'BTCUSDT', period: '5m', at: at(5), long_short_ratio: 1.956, long_share: 0.6617, short_share: 0.3383, origin: 'BACKFILL' },
      { kind: 'GLOBAL_ACCOUNTS', scope: 'BTCUSDT', period: '5m', at: at(10), long_short_ratio: 1.9326, long_share: 0.659, short_share: 0.341, origin: 'BACKFILL' },
      { kind: 'GLOBAL_ACCOUNTS', scope: 'BTCUSDT', period: '5m', at: at(15), long_short_ratio: 1.9163, long_share: 0.6571, short_share: 0.3429, origin: 'BACKFILL' },
    ]);
    expect(rows.filter((r) => r.kind === 'TOP_TRADER_POSITIONS').map((r) => [r.at, r.long_short_ratio, r.long_share])).toEqual([
      [at(0), 1.4337, 0.5891],
      [at(5), 1.4166, 0.5862],
      [at(10), 1.4038, 0.584],
      [at(15), 1.3827, 0.5803],
    ]);
    expect(rows.filter((r) => r.kind === 'TOP_TRADER_ACCOUNTS').map((r) => r.long_short_ratio)).toEqual([1.8106, 1.7933, 1.7894, 1.7762]);
    // Every perpetual is asked (ETHUSDT answers nothing), each endpoint with the 5m period; the dated future is not asked.
    const asked = venue.requestsTo('/futures/data/topLongShortPositionRatio');
    expect([...new Set(asked.map((r) => r.query.get('symbol')))].sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(new Set(venue.requestsTo('/futures/data/globalLongShortAccountRatio').map((r) => r.query.get('period')))).toEqual(new Set(['5m']));
  });

  it('Binance: a second run of the same window writes nothing (natural-key upserts)', async () => {
    const again = await runDataset(database.db, 'binance', 'positioning', window, { ...loopbackOptions(venue, 'binance'), resume: false });
    expect(again.rowsWritten).toBe(0);
    expect(await stored('binance')).toHaveLength(12);
  });

  it('Binance: a window older than the 30 days served asks nothing and says so', async () => {
    const before = venue.requestsTo('/futures/data/globalLongShortAccountRatio').length;
    const old = { from: new Date(testNowMs - 40 * 86_400_000), to: new Date(testNowMs - 35 * 86_400_000) };
    const result = await runDataset(database.db, 'binance', 'positioning', old, loopbackOptions(venue, 'binance'));
    expect(result.rowsWritten).toBe(0);
    expect(venue.requestsTo('/futures/data/globalLongShortAccountRatio').length).toBe(before);
  });

  it('Bybit: the account ratio of the USDT perpetuals at 5min, stored as buyRatio / sellRatio with both shares', async () => {
    const result = await runDataset(database.db, 'bybit', 'positioning', window, loopbackOptions(venue, 'bybit'));
    expect(result.rowsWritten).toBe(4);
    const rows = await stored('bybit');
    expect(rows.map((r) => [r.kind, r.scope, r.period, r.at, r.long_share, r.short_share])).toEqual([
      ['GLOBAL_ACCOUNTS', 'BTCUSDT', '5min', at(0), 0.5707, 0.4293],
      ['GLOBAL_ACCOUNTS', 'BTCUSDT', '5min', at(5), 0.5712, 0.4288],
      ['GLOBAL_ACCOUNTS', 'BTCUSDT', '5min', at(10), 0.5698, 0.4302],
      ['GLOBAL_ACCOUNTS', 'BTCUSDT', '5min', at(15), 0.569, 0.431],
    ]);
    for (const row of rows) expect(row.long_short_ratio).toBeCloseTo(row.long_share / row.short_share, 12);
    expect(new Set(venue.requestsTo('/v5/market/account-ratio').map((r) => `${r.query.get('category')}:${r.query.get('period')}`))).toEqual(new Set(['linear:5min']));
  });

  it('OKX: contract-level ratios of every swap and the currency-wide account ratio, ratio only (no shares published)', async () => {
    const result = await runDataset(database.db, 'okx', 'positioning', window, loopbackOptions(venue, 'okx'));
    expect(result.rowsWritten).toBe(16);
    const rows = await stored('okx');
    expect(rows.filter((r) => r.at.getTime() === at(15).getTime()).map((r) => [r.kind, r.scope, r.period, r.long_short_ratio, r.long_share, r.short_share])).toEqual([
      ['GLOBAL_ACCOUNTS', 'BTC', '5m', 1.1502, null, null],
      ['GLOBAL_ACCOUNTS', 'BTC-USDT-SWAP', '5m', 1.0801, null, null],
      ['TOP_TRADER_ACCOUNTS', 'BTC-USDT-SWAP', '5m', 1.412, null, null],
      ['TOP_TRADER_POSITIONS', 'BTC-USDT-SWAP', '5m', 0.9804, null, null],
    ]);
    // The currency endpoint is asked once per currency (BTC and ETH), by ccy; contract ones by instId with limit 100.
    expect(venue.requestsTo('/api/v5/rubik/stat/contracts/long-short-account-ratio').map((r) => r.query.get('ccy')).sort()).toEqual(['BTC', 'ETH']);
    const contract = venue.requestsTo('/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader');
    expect(new Set(contract.map((r) => r.query.get('instId')))).toEqual(new Set(['BTC-USD-SWAP', 'BTC-USDT-SWAP', 'ETH-USDT-SWAP']));
    expect(new Set(contract.map((r) => `${r.query.get('period')}:${r.query.get('limit')}`))).toEqual(new Set(['5m:100']));
  });

  it('OKX: an error envelope fails the run with its code instead of storing nothing silently', async () => {
    venue.route('/api/v5/rubik/stat/contracts/long-short-account-ratio', () => ({ code: '50014', msg: 'Parameter ccy can not be empty', data: [] }));
    await expect(runDataset(database.db, 'okx', 'positioning', window, { ...loopbackOptions(venue, 'okx'), resume: false })).rejects.toThrow(/code 50014/);
  });
});
