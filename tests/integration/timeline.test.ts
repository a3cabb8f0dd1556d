import { onStatement } from '../../src/db/sql';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

const range = `interval: H1, from: "2025-10-10T12:00:00Z", to: "2025-10-11T12:00:00Z"`;
const allFields = `start close openInterestUsd openInterestChangeUsd liquidationIntensity fundingRate8h liquidationsLongUsd liquidationsShortUsd depthUsd2pct etfNetFlowUsd lthSupplyChange whaleSupplyChange exchangeNetflow rsi14 coinbasePremiumBps takerBuyUsd takerSellUsd takerBuySellRatio perpetualPremiumBps futuresAnnualizedBasis longShortRatios { venue definition longShortRatio }`;

describe('timeline: every series on the same buckets', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
    await server.query('{ assets { symbol } }');
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  async function run(query: string): Promise<{ data: any; statements: number }> {
    let statements = 0;
    const stop = onStatement(() => (statements += 1));
    try {
      const response = await server.query(query);
      expect(response.errors).toBeUndefined();
      return { data: response.data, statements };
    } finally {
      stop();
    }
  }

  it('lines up with the single-series fields bucket by bucket', async () => {
    const { data } = await run(`{
      timeline(asset: "BTC", ${range}) { ${allFields} }
      liquidationHistory(asset: "BTC", ${range}) { start longUsd shortUsd }
      openInterestHistory(asset: "BTC", ${range}) { openInterestUsd }
      marketDepthHistory(asset: "BTC", ${range}) { bidUsd askUsd }
      asset(symbol: "BTC") { candles(${range}) { close } }
      candlesFull: asset(symbol: "BTC") { candles(${range}) { open high low } }
    }`);
    const timeline: any[] = data.timeline;
    expect(timeline).toHaveLength(24);
    timeline.forEach((bucket, i) => {
      expect(bucket.start).toBe(data.liquidationHistory[i].start);
      expect(bucket.liquidationsLongUsd).toBeCloseTo(data.liquidationHistory[i].longUsd, 2);
      expect(bucket.liquidationsShortUsd).toBeCloseTo(data.liquidationHistory[i].shortUsd, 2);
      expect(bucket.openInterestUsd).toBeCloseTo(data.openInterestHistory[i].openInterestUsd, 2);
      expect(bucket.depthUsd2pct).toBeCloseTo(data.marketDepthHistory[i].bidUsd + data.marketDepthHistory[i].askUsd, 2);
      expect(bucket.close).toBe(data.asset.candles[i].close);
    });
    const cascadeHour = timeline.find((b) => b.start === '2025-10-10T21:00:00.000Z');
    expect(cascadeHour.liquidationsLongUsd).toBeGreaterThan(cascadeHour.liquidationsShortUsd);
    expect(timeline.every((b) => b.rsi14 === null || (b.rsi14 >= 0 && b.rsi14 <= 100))).toBe(true);
    expect(timeline[0].openInterestChangeUsd).toBeNull();
    expect(timeline[5].openInterestChangeUsd).toBeCloseTo(timeline[5].openInterestUsd - timeline[4].openInterestUsd, 2);
    const candle = data.candlesFull.candles[9];
    const moved = (100 * (candle.high - candle.low)) / candle.open;
    expect(cascadeHour.liquidationIntensity).toBeCloseTo((cascadeHour.liquidationsLongUsd + cascadeHour.liquidationsShortUsd) / moved, 2);

  });

  it('costs at most the stated number of statements, and only for the fields selected', async () => {
    const all = await run(`{ timeline(asset: "BTC", ${range}) { ${allFields} } }`);
    // docs/analytics.md, "Timeline": 14 series run concurrently, rsi14, and the cohort list.
    expect(all.statements).toBeLessThanOrEqual(16);
    const one = await run(`{ timeline(asset: "BTC", ${range}) { start openInterestUsd } }`);
    expect(one.statements).toBe(1);
    const none = await run(`{ timeline(asset: "BTC", ${range}) { start } }`);
    expect(none.statements).toBe(0);
    expect(none.data.timeline).toHaveLength(24);
  });
});
