import { upsertObservations } from '../../src/db/bulk';
import { onStatement } from '../../src/db/sql';
import { fundingTable } from '../../src/domains/funding/funding.table';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { dashboardRules, recoverySelection, renderRecovery } from '../../web/dashboard/recovery';

const published = 'name value threshold met status reason';

/** `rules` on recoverySignals and recoverySignalHistory, over the series registry (src/domains/signals/condition-series.ts). */
describe('recovery rules on the sample scenario', () => {
  let database: TestDatabase;
  let server: TestServer;
  const at = '2025-11-21T23:59:00Z';

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const ask = async (query: string) => {
    const response = await server.query(query);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  it('leaves the published conditions exactly as they were: same values, verdicts and order, allMet over them alone without rules', async () => {
    const data = await ask(`{
      plain: recoverySignals(asset: "BTC", at: "${at}", thresholds: { maxOpenInterestUsd: 45e9, rsiOversold: 20 }) { allMet rulesMet conditions { ${published} series } }
      ruled: recoverySignals(asset: "BTC", at: "${at}", thresholds: { maxOpenInterestUsd: 45e9, rsiOversold: 20 },
        rules: [{ series: DEPTH_RATIO, comparison: ABOVE, value: 2 }]) { allMet rulesMet conditions { ${published} series } }
      plainHistory: recoverySignalHistory(asset: "BTC", interval: D1, from: "2025-11-15T00:00:00Z", to: "2025-11-22T00:00:00Z") { asOf allMet conditions { ${published} } }
      ruledHistory: recoverySignalHistory(asset: "BTC", interval: D1, from: "2025-11-15T00:00:00Z", to: "2025-11-22T00:00:00Z",
        rules: [{ series: RSI_14, comparison: AT_OR_BELOW, value: 100 }]) { asOf allMet rulesMet conditions { ${published} } }
    }`);
    // With OI under $45B and RSI(14) ≈ 14 ≤ 20, two of three hold; the ETF inflow does not.
    expect(data.plain.conditions.map((c: any) => [c.name, c.met])).toEqual([['openInterestBelow', true], ['weeklyEtfInflowAbove', false], ['rsiOversold', true]]);
    expect(data.plain.conditions.every((c: any) => c.series === null)).toBe(true);
    expect(data.plain.rulesMet).toBeNull();
    expect(data.ruled.conditions.slice(0, 3)).toEqual(data.plain.conditions);
    expect(data.ruled.conditions).toHaveLength(4);
    expect(data.ruled.allMet).toBe(false);
    expect(data.ruled.rulesMet).toBe(false);
    expect(data.plainHistory).toHaveLength(7);
    data.plainHistory.forEach((day: any, i: number) => {
      const ruled = data.ruledHistory[i];
      expect(ruled.asOf).toBe(day.asOf);
      expect(ruled.conditions.slice(0, 3)).toEqual(day.conditions);
      // RSI ≤ 100 always holds where RSI is known, so each day's allMet is the published conditions' alone.
      expect(ruled.rulesMet).toBe(true);
      expect(ruled.allMet).toBe(day.allMet);
    });
  });

  it("reads each series by marketSnapshot's own definition at the moment judged", async () => {
    const rules = ['OPEN_INTEREST_USD', 'FUNDING_RATE_8H', 'ETF_NET_FLOW_7D_USD', 'RSI_14', 'LTH_SUPPLY_CHANGE_30D', 'WHALE_SUPPLY_CHANGE_30D', 'EXCHANGE_NETFLOW_7D', 'DEPTH_RATIO'];
    const data = await ask(`{
      signals: recoverySignals(asset: "BTC", at: "${at}", rules: [${rules.map((s) => `{ series: ${s}, comparison: ABOVE, value: 0 }`).join(', ')}]) { conditions { name value status series unit } }
      snapshot: marketSnapshot(asset: "BTC", at: "${at}") { openInterestUsd openInterestWeightedFunding etfNetFlow7dUsd rsi14 lthSupplyChange30d whaleSupplyChange30d exchangeNetflow7d depthRatio }
    }`);
    const bySeries = new Map(data.signals.conditions.slice(3).map((c: any) => [c.series, c]));
    const figures: Record<string, number> = {
      OPEN_INTEREST_USD: data.snapshot.openInterestUsd,
      FUNDING_RATE_8H: data.snapshot.openInterestWeightedFunding,
      ETF_NET_FLOW_7D_USD: data.snapshot.etfNetFlow7dUsd,
      RSI_14: data.snapshot.rsi14,
      LTH_SUPPLY_CHANGE_30D: data.snapshot.lthSupplyChange30d,
      WHALE_SUPPLY_CHANGE_30D: data.snapshot.whaleSupplyChange30d,
      EXCHANGE_NETFLOW_7D: data.snapshot.exchangeNetflow7d,
      DEPTH_RATIO: data.snapshot.depthRatio,
    };
    for (const series of rules) {
      const condition: any = bySeries.get(series);
      expect(figures[series]).not.toBeNull();
      expect(condition.status).not.toBe('UNKNOWN');
      expect(condition.value).toBeCloseTo(figures[series], 9);
      expect(condition.name).toBe(`${series} ABOVE 0`);
    }
    expect((bySeries.get('OPEN_INTEREST_USD') as any).unit).toBe('USD');
  });

  it('compares by the comparison named: at the measured value only the inclusive comparisons hold', async () => {
    const first = await ask(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [{ series: OPEN_INTEREST_USD, venue: "binance", comparison: BELOW, value: 1 }]) { conditions { value } } }`);
    const value = first.recoverySignals.conditions[3].value;
    expect(value).toBeGreaterThan(1e9);
    const rule = (comparison: string) => `{ series: OPEN_INTEREST_USD, venue: "binance", comparison: ${comparison}, value: ${JSON.stringify(value)} }`;
    const data = await ask(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [${['BELOW', 'AT_OR_BELOW', 'ABOVE', 'AT_OR_ABOVE'].map(rule).join(', ')}]) { rulesMet conditions { name met status venue comparison } } }`);
    expect(data.recoverySignals.conditions.slice(3).map((c: any) => [c.comparison, c.venue, c.met, c.status])).toEqual([
      ['BELOW', 'binance', false, 'NOT_MET'],
      ['AT_OR_BELOW', 'binance', true, 'MET'],
      ['ABOVE', 'binance', false, 'NOT_MET'],
      ['AT_OR_ABOVE', 'binance', true, 'MET'],
    ]);
    expect(data.recoverySignals.rulesMet).toBe(false);
  });

  it("sums the venues' open interest to the aggregate", async () => {
    const venues = ['binance', 'bybit', 'okx', 'deribit', 'hyperliquid'];
    const data = await ask(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [{ series: OPEN_INTEREST_USD, comparison: BELOW, value: 1 },
      ${venues.map((v) => `{ series: OPEN_INTEREST_USD, venue: "${v}", comparison: BELOW, value: 1 }`).join(', ')}]) { conditions { value status venue } } }`);
    const [aggregate, ...perVenue] = data.recoverySignals.conditions.slice(3);
    expect(perVenue.map((c: any) => c.venue)).toEqual(venues);
    expect(perVenue.every((c: any) => c.status === 'NOT_MET' && c.value > 0)).toBe(true);
    expect(perVenue.reduce((sum: number, c: any) => sum + c.value, 0)).toBeCloseTo(aggregate.value, 0);
  });

  it('judges every bucket at its end as recoverySignals does there, in one statement per series whatever the bucket count', async () => {
    const rules = `[{ series: OPEN_INTEREST_USD, venue: "okx", comparison: BELOW, value: 5e9 }, { series: OPEN_INTEREST_USD, comparison: BELOW, value: 40e9 },
      { series: FUNDING_RATE_8H, comparison: BELOW, value: 0 }]`;
    const history = (from: string, withRules: boolean) =>
      `{ recoverySignalHistory(asset: "BTC", interval: H4, from: "${from}", to: "2025-11-12T00:00:00Z"${withRules ? `, rules: ${rules}` : ''}) { asOf rulesMet conditions { name value met status } } }`;
    const count = async (query: string) => {
      let statements = 0;
      const stop = onStatement(() => (statements += 1));
      try {
        return { data: await ask(query), statements };
      } finally {
        stop();
      }
    };
    const short = await count(history('2025-11-11T12:00:00Z', true));
    const long = await count(history('2025-11-01T00:00:00Z', true));
    const bare = await count(history('2025-11-01T00:00:00Z', false));
    expect(short.data.recoverySignalHistory).toHaveLength(3);
    expect(long.data.recoverySignalHistory).toHaveLength(66);
    expect(long.statements).toBe(short.statements);
    // Two series read (open interest for okx and the aggregate together, funding): two statements more.
    expect(long.statements - bare.statements).toBe(2);
    // A bucket's rules are what recoverySignals answers at the bucket's end.
    const buckets = long.data.recoverySignalHistory;
    for (const i of [0, 20, 65]) {
      const end = new Date(Date.parse(buckets[i].asOf) + 4 * 3_600_000).toISOString();
      const point = await ask(`{ recoverySignals(asset: "BTC", at: "${end}", rules: ${rules}) { rulesMet conditions { name value met status } } }`);
      expect(buckets[i].conditions.slice(3)).toEqual(point.recoverySignals.conditions.slice(3));
      expect(buckets[i].rulesMet).toBe(point.recoverySignals.rulesMet);
    }
  });

  it('answers UNKNOWN, never MET, when nothing was known yet (knownAt before any data)', async () => {
    const data = await ask(`{
      recoverySignals(asset: "BTC", at: "${at}", knownAt: "2000-01-01T00:00:00Z", rules: [{ series: OPEN_INTEREST_USD, comparison: ABOVE, value: 0 },
        { series: RSI_14, comparison: AT_OR_ABOVE, value: 0 }, { series: ETF_NET_FLOW_7D_USD, comparison: BELOW, value: 1e15 }]) { rulesMet conditions { value met status reason } }
    }`);
    const rules = data.recoverySignals.conditions.slice(3);
    expect(rules.map((c: any) => [c.value, c.met, c.status])).toEqual([[null, false, 'UNKNOWN'], [null, false, 'UNKNOWN'], [null, false, 'UNKNOWN']]);
    expect(rules.map((c: any) => c.reason)).toEqual(['no open-interest reading within 3 hours', 'no price, or fewer than 15 daily closes, for RSI(14)', 'no US spot ETF flow in the 7 days']);
    expect(data.recoverySignals.rulesMet).toBe(false);
  });

  it("runs the dashboard's rules as variables and renders each condition as a badge, USD as money", async () => {
    const response = await server.query(`query ($rules: [ConditionInput!]) { recoverySignals(asset: "BTC", at: "2025-11-22T00:00:00Z", rules: $rules) { ${recoverySelection} } }`, { rules: dashboardRules });
    expect(response.errors).toBeUndefined();
    const conditions = response.data!.recoverySignals.conditions;
    expect(conditions.map((c: any) => c.name)).toEqual(['openInterestBelow', 'weeklyEtfInflowAbove', 'rsiOversold', ...dashboardRules.map((r) => r.name)]);
    const html = renderRecovery(conditions, (v) => String(Number(v.toPrecision(3))));
    expect(html.match(/class="condition/g)).toHaveLength(6);
    expect(html).toMatch(/data-condition="binance OI under \$10B" title="USD">binance OI under \$10B: \$\d+(\.\d+)?B \(threshold \$10B\)</);
    // A rule without data reads "unknown", its reason on hover; never green.
    expect(html).toContain('<div class="condition rule" data-condition="depth back to its 30-day median" title="no ±2 % depth');
    expect(html).toContain('depth back to its 30-day median: unknown (threshold 1)');
    expect(html).toContain('class="condition met rule" data-condition="funding under 1 bp / 8 h"');
    expect(html).not.toMatch(/\de[+-]\d/);
  });

  it("reads the Coinbase premium as coinbasePremium gives it for the minutes before the moment", async () => {
    const moment = '2025-11-21T12:00:00Z';
    const data = await ask(`{
      recoverySignals(asset: "BTC", at: "${moment}", rules: [{ series: COINBASE_PREMIUM_BP, comparison: BELOW, value: 0 }]) { conditions { value status unit } }
      coinbasePremium(asset: "BTC", interval: M15, from: "2025-11-21T11:45:00Z", to: "${moment}") { premiumBps }
    }`);
    const [rule] = data.recoverySignals.conditions.slice(3);
    expect(data.coinbasePremium).toHaveLength(1);
    expect(data.coinbasePremium[0].premiumBps).not.toBeNull();
    expect(rule.status).not.toBe('UNKNOWN');
    expect(rule.unit).toBe('basis points');
    expect(rule.value).toBeCloseTo(data.coinbasePremium[0].premiumBps, 9);
  });

  it.each([
    ['21 rules, one over the bound', `rules: [${Array.from({ length: 21 }, () => '{ series: RSI_14, comparison: BELOW, value: 30 }').join(', ')}]`, 'BAD_USER_INPUT', 'rules'],
    ['an infinite value', 'rules: [{ series: RSI_14, comparison: BELOW, value: 30 }, { series: OPEN_INTEREST_USD, comparison: BELOW, value: 1e400 }]', 'BAD_USER_INPUT', 'rules[1].value'],
    ['an RSI level outside 0–100', 'rules: [{ series: RSI_14, comparison: BELOW, value: 120 }]', 'BAD_USER_INPUT', 'rules[0].value'],
    ['an unknown venue', 'rules: [{ series: OPEN_INTEREST_USD, venue: "nowhere", comparison: BELOW, value: 1 }]', 'UNKNOWN_VENUE', 'rules[0].venue'],
    ['a venue for a figure of the asset', 'rules: [{ series: ETF_NET_FLOW_7D_USD, venue: "binance", comparison: BELOW, value: 1 }]', 'BAD_USER_INPUT', 'rules[0].venue'],
    ['an empty name', 'rules: [{ series: RSI_14, comparison: BELOW, value: 30, name: " " }]', 'BAD_USER_INPUT', 'rules[0].name'],
  ])('refuses %s with a code naming the argument', async (_case, args, code, argument) => {
    for (const field of [`recoverySignals(asset: "BTC", ${args}) { allMet }`, `recoverySignalHistory(asset: "BTC", interval: D1, from: "2025-11-01T00:00:00Z", to: "2025-11-03T00:00:00Z", ${args}) { allMet }`]) {
      const response = await server.query(`{ ${field} }`);
      expect(response.errors?.[0].extensions).toMatchObject({ code, argument });
    }
  });
});

/** Partial and late data, by hand: two venues, one of which falls silent, and a reading learned late. */
describe('recovery rules on partial and late data', () => {
  let database: TestDatabase;
  let server: TestServer;
  const at = '2025-10-20T12:00:00Z';
  let firstLearned: Date;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX'), ('hyperliquid', 'Hyperliquid', 'DEX'), ('kraken', 'Kraken', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 8, 'LIVE'), (2, 1, 'BTC', 'PERPETUAL', 'LINEAR', 'USDC', 1, 1, 'LIVE')`);
    const live = { origin: 'LIVE' };
    // Hyperliquid last reported at 07:00 (stale by 12:00: the bound is 3 hours); OKX at 11:00.
    await upsertObservations(database.db, openInterestTable, [
      { asset_id: 1, instrument_id: 2, at: new Date('2025-10-20T07:00:00Z'), open_interest_usd: 3000, open_interest_contracts: null, ...live },
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T11:00:00Z'), open_interest_usd: 9000, open_interest_contracts: null, ...live },
    ]);
    // Both pay funding; only OKX has a fresh open interest to weight it by.
    await upsertObservations(database.db, fundingTable, [
      { asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T08:00:00Z'), rate: 0.0001, interval_hours: 8, ...live },
      { asset_id: 1, instrument_id: 2, at: new Date('2025-10-20T11:00:00Z'), rate: 0.00002, interval_hours: 1, ...live },
    ]);
    firstLearned = (await database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now;
    // OKX's 11:00 reading is revised later (learned after firstLearned).
    await upsertObservations(database.db, openInterestTable, [{ asset_id: 1, instrument_id: 1, at: new Date('2025-10-20T11:00:00Z'), open_interest_usd: 12000, open_interest_contracts: null, ...live }]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const rules = (extra = '') => `[{ series: OPEN_INTEREST_USD, comparison: BELOW, value: 1e12 }, { series: OPEN_INTEREST_USD, venue: "okx", comparison: BELOW, value: 1e12 },
    { series: OPEN_INTEREST_USD, venue: "hyperliquid", comparison: BELOW, value: 1e12 }, { series: FUNDING_RATE_8H, comparison: ABOVE, value: 0 },
    { series: FUNDING_RATE_8H, venue: "okx", comparison: ABOVE, value: 0 }${extra}]`;

  it('never meets a rule on a partial sum: the aggregate is UNKNOWN naming the silent venue, the fresh venue is judged', async () => {
    const response = await server.query(`{ recoverySignals(asset: "BTC", at: "${at}", rules: ${rules()}) { rulesMet conditions { name value met status reason } } }`);
    expect(response.errors).toBeUndefined();
    const [aggregate, okx, hyperliquid, funding, okxFunding] = response.data!.recoverySignals.conditions.slice(3);
    expect(aggregate).toMatchObject({ value: null, met: false, status: 'UNKNOWN' });
    expect(aggregate.reason).toBe('open interest from hyperliquid has no reading within 3 hours of the time judged, so the sum is partial');
    expect(okx).toMatchObject({ name: 'OPEN_INTEREST_USD@okx BELOW 1000000000000', value: 12000, met: true, status: 'MET', reason: null });
    expect(hyperliquid).toMatchObject({ value: null, met: false, status: 'UNKNOWN', reason: 'no open-interest reading within 3 hours' });
    // Hyperliquid's rate has no fresh open interest to weight it: the aggregate weighting is partial.
    expect(funding).toMatchObject({ value: null, met: false, status: 'UNKNOWN' });
    expect(funding.reason).toContain('funding from hyperliquid');
    expect(okxFunding).toMatchObject({ met: true, status: 'MET' });
    expect(okxFunding.value).toBeCloseTo(0.0001, 15);
    expect(response.data!.recoverySignals.rulesMet).toBe(false);
  });

  it('reads only what was recorded by knownAt', async () => {
    const query = (knownAt: Date) =>
      server.query(`{ recoverySignals(asset: "BTC", at: "${at}", knownAt: "${knownAt.toISOString()}", rules: [{ series: OPEN_INTEREST_USD, venue: "okx", comparison: BELOW, value: 10000 }]) { conditions { value met status } } }`);
    const before = await query(new Date('2025-01-01T00:00:00Z'));
    const then = await query(firstLearned);
    const now = await query(new Date(Date.now() + 60_000));
    expect(before.data!.recoverySignals.conditions[3]).toEqual({ value: null, met: false, status: 'UNKNOWN' });
    expect(then.data!.recoverySignals.conditions[3]).toEqual({ value: 9000, met: true, status: 'MET' });
    expect(now.data!.recoverySignals.conditions[3]).toEqual({ value: 12000, met: false, status: 'NOT_MET' });
  });

  it('refuses a venue that does not publish the series, naming those that do', async () => {
    const response = await server.query(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [{ series: OPEN_INTEREST_USD, venue: "kraken", comparison: BELOW, value: 1 }]) { allMet } }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'rules[0].venue' });
    expect(response.errors?.[0].message).toBe('kraken does not publish OPEN_INTEREST_USD; the venues that do: binance, bybit, deribit, hyperliquid, okx.');
  });
});
