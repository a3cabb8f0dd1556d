import { startPositioningScenario, PositioningScenario } from './positioning.fixture';

/**
 * longShortRatioHistory and the timeline's longShortRatios over what the three connectors stored
 * from the loopback venues (tests/ingest/positioning.test.ts): per venue and instrument, one
 * definition per answer, gap-filled, point in time, never averaged.
 */
describe('long/short ratios in GraphQL', () => {
  let scenario: PositioningScenario;
  const server = { query: (text: string) => scenario.server.query(text) };

  beforeAll(async () => {
    scenario = await startPositioningScenario();
  });
  afterAll(() => scenario.stop());

  const history = async (definition: string, interval: string, from: string, to: string, extra = '') => {
    const response = await server.query(`{
      longShortRatioHistory(asset: "BTC", definition: ${definition}, interval: ${interval}, from: "${from}", to: "${to}"${extra}) {
        venue instrument definition collected venuePeriod endpoint meaning
        buckets { start at longShortRatio longShare shortShare coverage { reportingVenues missingVenues notCollectedVenues } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    return response.data!.longShortRatioHistory as any[];
  };

  it('top-trader positions: one series per venue and instrument, 5-minute buckets gap-filled, Bybit listed as not publishing one', async () => {
    const series = await history('TOP_TRADER_POSITIONS', 'M5', '2024-06-10T08:00:00Z', '2024-06-10T08:30:00Z');
    expect(series.map((s) => [s.venue, s.instrument, s.collected, s.venuePeriod])).toEqual([
      ['binance', 'BTCUSDT', true, '5m'],
      ['bybit', null, false, null],
      ['okx', 'BTC-USDT-SWAP', true, '5m'],
    ]);
    const [binance, bybit, okx] = series;
    expect(binance.endpoint).toBe('GET /futures/data/topLongShortPositionRatio');
    expect(binance.meaning).toMatch(/top 20 % of users by margin balance/);
    expect(okx.meaning).toMatch(/top 5 % of traders .* by open position value/);
    expect(binance.buckets.map((b: any) => b.longShortRatio)).toEqual([1.4337, 1.4166, 1.4038, 1.5, null, null]);
    expect(binance.buckets[1]).toEqual({
      start: '2024-06-10T08:05:00.000Z', at: '2024-06-10T08:05:00.000Z', longShortRatio: 1.4166, longShare: 0.5862, shortShare: 0.4138,
      coverage: { reportingVenues: ['binance'], missingVenues: [], notCollectedVenues: [] },
    });
    // After its first reading a bucket with none is missing, not zero.
    expect(binance.buckets[4]).toMatchObject({ at: null, longShortRatio: null, longShare: null, coverage: { reportingVenues: [], missingVenues: ['binance'] } });
    // OKX publishes the ratio alone.
    expect(okx.buckets.slice(0, 4).map((b: any) => [b.longShortRatio, b.longShare, b.shortShare])).toEqual([[0.9712, null, null], [0.9655, null, null], [0.9731, null, null], [0.9804, null, null]]);
    expect(bybit.buckets).toHaveLength(6);
    expect(bybit.buckets.every((b: any) => b.longShortRatio === null && b.coverage.notCollectedVenues[0] === 'bybit' && b.coverage.missingVenues.length === 0)).toBe(true);
  });

  it('an hourly bucket shows the last reading in it, with its stamp', async () => {
    const series = await history('GLOBAL_ACCOUNTS', 'H1', '2024-06-10T08:00:00Z', '2024-06-10T09:00:00Z', ', venues: ["binance", "bybit"]');
    expect(series.map((s) => [s.venue, s.buckets[0].at, s.buckets[0].longShortRatio, s.buckets[0].longShare])).toEqual([
      ['binance', '2024-06-10T08:15:00.000Z', 1.9163, 0.6571],
      ['bybit', '2024-06-10T08:15:00.000Z', 0.569 / 0.431, 0.569],
    ]);
  });

  it("global accounts on OKX: the contract's series and the currency-wide one apart, each with its own endpoint", async () => {
    const series = (await history('GLOBAL_ACCOUNTS', 'H1', '2024-06-10T08:00:00Z', '2024-06-10T09:00:00Z', ', venues: ["okx"]')).map((s) => [s.instrument, s.endpoint, s.buckets[0].longShortRatio]);
    expect(series).toEqual([
      ['BTC', 'GET /api/v5/rubik/stat/contracts/long-short-account-ratio', 1.1502],
      ['BTC-USDT-SWAP', 'GET /api/v5/rubik/stat/contracts/long-short-account-ratio-contract', 1.0801],
    ]);
  });

  it('knownAt: the 08:15 reading as it was known before the venue restated it', async () => {
    const [binance] = await history('TOP_TRADER_POSITIONS', 'M5', '2024-06-10T08:15:00Z', '2024-06-10T08:20:00Z', `, venues: ["binance"], knownAt: "${scenario.beforeRevision}"`);
    expect(binance.buckets.map((b: any) => [b.longShortRatio, b.longShare])).toEqual([[1.3827, 0.5803]]);
    const [now] = await history('TOP_TRADER_POSITIONS', 'M5', '2024-06-10T08:15:00Z', '2024-06-10T08:20:00Z', ', venues: ["binance"]');
    expect(now.buckets.map((b: any) => [b.longShortRatio, b.longShare])).toEqual([[1.5, 0.6]]);
    // Before anything was recorded, nothing was known: only the not-yet-read placeholders remain.
    const [early] = await history('TOP_TRADER_POSITIONS', 'M5', '2024-06-10T08:15:00Z', '2024-06-10T08:20:00Z', ', venues: ["binance"], knownAt: "2024-01-01T00:00:00Z"');
    expect(early).toMatchObject({ venue: 'binance', instrument: null, collected: true, buckets: [{ longShortRatio: null, coverage: { missingVenues: ['binance'] } }] });
  });

  it('refuses M1 buckets: the venues publish per 5 minutes', async () => {
    const response = await server.query(`{ longShortRatioHistory(asset: "BTC", definition: GLOBAL_ACCOUNTS, interval: M1, from: "2024-06-10T08:00:00Z", to: "2024-06-10T08:10:00Z") { venue } }`);
    expect(response.errors?.[0].extensions?.code).toBe('INVALID_INTERVAL');
  });

  it('timeline: every series at each bucket, listed with its venue and definition, never averaged', async () => {
    const response = await server.query(`{ timeline(asset: "BTC", interval: H1, from: "2024-06-10T08:00:00Z", to: "2024-06-10T09:00:00Z") { start longShortRatios { venue instrument definition longShortRatio longShare } } }`);
    expect(response.errors).toBeUndefined();
    const [bucket] = response.data!.timeline;
    const entries = (bucket.longShortRatios as any[]).map((e) => `${e.venue}/${e.instrument}/${e.definition}=${e.longShortRatio}`).sort();
    expect(entries).toEqual([
      'binance/BTCUSDT/GLOBAL_ACCOUNTS=1.9163',
      'binance/BTCUSDT/TOP_TRADER_ACCOUNTS=1.7762',
      'binance/BTCUSDT/TOP_TRADER_POSITIONS=1.5',
      `bybit/BTCUSDT/GLOBAL_ACCOUNTS=${0.569 / 0.431}`,
      'okx/BTC-USDT-SWAP/GLOBAL_ACCOUNTS=1.0801',
      'okx/BTC-USDT-SWAP/TOP_TRADER_ACCOUNTS=1.412',
      'okx/BTC-USDT-SWAP/TOP_TRADER_POSITIONS=0.9804',
      'okx/BTC/GLOBAL_ACCOUNTS=1.1502',
    ]);
  });
});
