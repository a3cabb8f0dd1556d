import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * A daily value is read at `at` only once it was published (src/domains/shared/publication.ts):
 * US spot ETF flows of day D from D + 1 18:00 UTC, on-chain values of D from D + 1 03:00 UTC.
 * Expected figures are summed here from the stored rows over the days written out in each test.
 */
describe('no look-ahead at `at`: daily values only once published', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const usFlow = async (firstDay: string, lastDay: string) => {
    const [row] = await database.db.query<{ usd: number }>(
      `SELECT sum(f.net_flow_usd) AS usd FROM etf_flow f JOIN etf e ON e.id = f.etf_id WHERE e.region = 'US' AND f.day BETWEEN $1 AND $2`,
      [firstDay, lastDay],
    );
    return row.usd;
  };
  const ask = async (query: string) => {
    const response = await server.query(query);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  it("a snapshot one minute into 6 October leaves out 6 October's ETF flow, published on the 7th", async () => {
    const data = await ask(`{ marketSnapshot(asset: "BTC", at: "2025-10-06T00:01:00Z") { etfNetFlow7dUsd } }`);
    // Published by then: days through 4 October (the 5th's, a Sunday with no flow, counts from
    // the 6th 18:00). The 7 days 28 September – 4 October hold the trading days 29 Sep – 3 Oct.
    const published = await usFlow('2025-09-28', '2025-10-04');
    expect(data.marketSnapshot.etfNetFlow7dUsd).toBeCloseTo(published, 0);
    expect(published).toBeCloseTo(3.099e9, -7);
    // The figure before the fix summed 30 Sep – 6 Oct, 6 October included.
    expect(await usFlow('2025-09-30', '2025-10-06')).toBeCloseTo(3.139e9, -7);
    expect(await usFlow('2025-09-30', '2025-10-03')).toBeCloseTo(2.352e9, -7);
  });

  it("takes a trading day's ETF flow in at D + 1 18:00 UTC, not a minute earlier, and knownAt shows when it was learned", async () => {
    const data = await ask(`{
      before: marketSnapshot(asset: "BTC", at: "2025-10-07T17:59:00Z") { etfNetFlow7dUsd }
      after: marketSnapshot(asset: "BTC", at: "2025-10-07T18:00:00Z") { etfNetFlow7dUsd }
      notYetLearned: marketSnapshot(asset: "BTC", at: "2025-10-07T18:00:00Z", knownAt: "2025-10-07T18:00:00Z") { etfNetFlow7dUsd }
      learned: marketSnapshot(asset: "BTC", at: "2025-10-07T18:00:00Z", knownAt: "2025-10-07T18:15:00Z") { etfNetFlow7dUsd }
    }`);
    expect(data.before.etfNetFlow7dUsd).toBeCloseTo(await usFlow('2025-09-29', '2025-10-05'), 0);
    expect(data.after.etfNetFlow7dUsd).toBeCloseTo(await usFlow('2025-09-30', '2025-10-06'), 0);
    // The sample records each day's flows at 18:15 (the farside run after publication).
    expect(data.notYetLearned.etfNetFlow7dUsd).toBeCloseTo(await usFlow('2025-09-30', '2025-10-05'), 0);
    expect(data.learned.etfNetFlow7dUsd).toBeCloseTo(data.after.etfNetFlow7dUsd, 0);
  });

  it('reads cohort supply and exchange flows of a day only from 03:00 UTC the next day', async () => {
    const supply = async (slug: string, day: string) =>
      (await database.db.query<{ supply: number }>(`SELECT s.supply FROM cohort_supply s JOIN holder_cohort c ON c.id = s.cohort_id WHERE c.slug = $1 AND s.day = $2`, [slug, day]))[0].supply;
    const netflow = async (firstDay: string, lastDay: string) =>
      (await database.db.query<{ net: number }>(`SELECT sum(inflow - outflow) AS net FROM exchange_flow WHERE day BETWEEN $1 AND $2`, [firstDay, lastDay]))[0].net;
    const data = await ask(`{
      late: marketSnapshot(asset: "BTC", at: "2025-11-21T23:59:59Z") { lthSupplyChange30d whaleSupplyChange30d exchangeNetflow7d }
      early: marketSnapshot(asset: "BTC", at: "2025-11-21T02:59:59Z") { lthSupplyChange30d exchangeNetflow7d }
      published: marketSnapshot(asset: "BTC", at: "2025-11-21T03:00:00Z") { lthSupplyChange30d exchangeNetflow7d }
    }`);
    // Late on 21 November the newest published day is the 20th.
    expect(data.late.lthSupplyChange30d).toBeCloseTo((await supply('LTH', '2025-11-20')) - (await supply('LTH', '2025-10-21')), 6);
    expect(data.late.whaleSupplyChange30d).toBeCloseTo((await supply('WHALES', '2025-11-20')) - (await supply('WHALES', '2025-10-21')), 6);
    expect(data.late.exchangeNetflow7d).toBeCloseTo(await netflow('2025-11-14', '2025-11-20'), 6);
    expect(data.early.lthSupplyChange30d).toBeCloseTo((await supply('LTH', '2025-11-19')) - (await supply('LTH', '2025-10-20')), 6);
    expect(data.early.exchangeNetflow7d).toBeCloseTo(await netflow('2025-11-13', '2025-11-19'), 6);
    expect(data.published).toEqual({ lthSupplyChange30d: data.late.lthSupplyChange30d, exchangeNetflow7d: data.late.exchangeNetflow7d });
  });

  it('judges each history bucket at its end on what was published by then, as the snapshot at that instant', async () => {
    const data = await ask(`{
      recoverySignalHistory(asset: "BTC", interval: H1, from: "2025-10-07T16:00:00Z", to: "2025-10-07T19:00:00Z") { asOf conditions { name value } }
      at17: marketSnapshot(asset: "BTC", at: "2025-10-07T17:00:00Z") { etfNetFlow7dUsd }
      at18: marketSnapshot(asset: "BTC", at: "2025-10-07T18:00:00Z") { etfNetFlow7dUsd }
      at19: marketSnapshot(asset: "BTC", at: "2025-10-07T19:00:00Z") { etfNetFlow7dUsd }
    }`);
    const weekly = data.recoverySignalHistory.map((b: any) => b.conditions.find((c: any) => c.name === 'weeklyEtfInflowAbove').value);
    expect(weekly).toEqual([data.at17.etfNetFlow7dUsd, data.at18.etfNetFlow7dUsd, data.at19.etfNetFlow7dUsd]);
    expect(weekly[0]).toBeCloseTo(await usFlow('2025-09-29', '2025-10-05'), 0);
    expect(weekly[1]).toBeCloseTo(await usFlow('2025-09-30', '2025-10-06'), 0);
  });
});
