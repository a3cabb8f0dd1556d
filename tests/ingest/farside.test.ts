import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, textFixture, textReply, VenueServer } from '../support/venue-server';
import { serveFarside } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

/** The scheduled look-back: five days up to "now" (Monday 10 June 2024, 09:00 UTC). */
const window = { from: new Date(testNowMs - 5 * 86_400_000), to: new Date(testNowMs) };

describe('Farside ETF flows source', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  const options = () => loopbackOptions(venue, 'farside');
  const flows = () =>
    database.db.query<{ ticker: string; day: string; net_flow_usd: number; origin: string }>(
      `SELECT e.ticker, to_char(f.day, 'YYYY-MM-DD') AS day, f.net_flow_usd, f.origin FROM etf_flow f JOIN etf e ON e.id = f.etf_id ORDER BY f.day, e.ticker`,
    );

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveFarside(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('reads the public table and writes the window’s days in US$, negatives from parentheses, "-" cells left out', async () => {
    const result = await runDataset(database.db, 'farside', 'etf-flows', window, options());
    const rows = await flows();
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(['2024-06-05', '2024-06-06', '2024-06-07', '2024-06-10']));
    expect(rows).toHaveLength(10 + 10 + 10 + 8);
    expect(result.rowsWritten).toBe(38);
    const flow = (ticker: string, day: string) => rows.find((r) => r.ticker === ticker && r.day === day)?.net_flow_usd;
    expect(flow('IBIT', '2024-06-05')).toBe(349_400_000);
    expect(flow('GBTC', '2024-06-07')).toBe(-30_000_000);
    expect(flow('ARKB', '2024-06-10')).toBe(-9_700_000);
    expect(flow('BITB', '2024-06-10')).toBe(0);
    // Not reported yet: unknown, not zero.
    expect(flow('HODL', '2024-06-10')).toBeUndefined();
    expect(flow('BTC', '2024-06-05')).toBeUndefined();
    expect(rows.every((r) => r.origin === 'LIVE')).toBe(true);
    expect(venue.requestsTo('/btc/')).toHaveLength(1);
  });

  it('seeds the ETF registry: US funds and the Hong Kong funds, one row per fund whatever its counters', async () => {
    const etfs = await database.db.query(`SELECT e.ticker, e.region, e.exchange, to_char(e.listed_on, 'YYYY-MM-DD') AS listed_on, a.symbol AS asset FROM etf e JOIN asset a ON a.id = e.asset_id ORDER BY e.region, e.ticker`);
    expect(etfs.filter((e) => e.region === 'HK')).toEqual([
      { ticker: '3008', region: 'HK', exchange: 'HKEX', listed_on: '2024-04-30', asset: 'BTC' },
      { ticker: '3042', region: 'HK', exchange: 'HKEX', listed_on: '2024-04-30', asset: 'BTC' },
      { ticker: '3439', region: 'HK', exchange: 'HKEX', listed_on: '2024-04-30', asset: 'BTC' },
    ]);
    expect(etfs.filter((e) => e.region === 'US').map((e) => e.ticker)).toEqual(['ARKB', 'BITB', 'BRRR', 'BTC', 'BTCO', 'BTCW', 'DEFI', 'EZBC', 'FBTC', 'GBTC', 'HODL', 'IBIT']);
    expect(etfs.find((e) => e.ticker === 'BTC')).toMatchObject({ listed_on: '2024-07-31', exchange: 'NYSE Arca' });
  });

  it('keeps a revised figure as a revision and adds late-reported cells when the days are read again', async () => {
    serveFarside(venue, 'btc.revised.html');
    try {
      const result = await runDataset(database.db, 'farside', 'etf-flows', window, options());
      expect(result.rowsWritten).toBe(3);
    } finally {
      serveFarside(venue);
    }
    const rows = await flows();
    expect(rows.find((r) => r.ticker === 'ARKB' && r.day === '2024-06-07')?.net_flow_usd).toBe(-8_500_000);
    expect(rows.find((r) => r.ticker === 'HODL' && r.day === '2024-06-10')?.net_flow_usd).toBe(2_100_000);
    const revisions = await database.db.query(`SELECT e.ticker, to_char(r.day, 'YYYY-MM-DD') AS day, r.net_flow_usd FROM etf_flow_revision r JOIN etf e ON e.id = r.etf_id`);
    expect(revisions).toEqual([{ ticker: 'ARKB', day: '2024-06-07', net_flow_usd: -7_500_000 }]);
  });

  it('fails the run naming the column and its place when the table has a ticker the registry lacks', async () => {
    const page = textFixture('farside', 'btc.html').replace('<th><span class="tabletext">BTCW</span></th>', '<th><span class="tabletext">XBTC</span></th>');
    venue.route('/btc/', () => textReply(page));
    try {
      await expect(runDataset(database.db, 'farside', 'etf-flows', window, options())).rejects.toThrow(/line 10, column \d+: unknown ETF ticker "XBTC" in column 10/);
    } finally {
      serveFarside(venue);
    }
  });
});
