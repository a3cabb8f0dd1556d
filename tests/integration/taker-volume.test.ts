import { upsertObservations } from '../../src/db/bulk';
import { TakerVolumeRow, takerVolumeTable } from '../../src/domains/taker-volume/taker-volume.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * takerVolumeHistory over real Postgres: per venue and summed, gap-filled, with coverage and
 * completeness (a missing venue is null and listed, never zero; Bybit publishes no series and is
 * NOT_COLLECTED), point-in-time `knownAt`, and the timeline fields.
 */
const hour = Date.parse('2025-10-10T10:00:00Z');
const period = 300_000;

describe('takerVolumeHistory', () => {
  let database: TestDatabase;
  let server: TestServer;
  let beforeRevision: Date;

  const row = (instrument: number, i: number, buy: number, sell: number): TakerVolumeRow => ({
    asset_id: 1, instrument_id: instrument, at: new Date(hour + i * period), buy_usd: buy, sell_usd: sell,
    buy_published: buy, sell_published: sell, published_unit: 'USDT', published_ratio: null, usd_price: null, origin: 'BACKFILL',
  });

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('okx', 'OKX', 'CEX'), ('bybit', 'Bybit', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, origin) VALUES
        (1, 1, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 'LIVE'),
        (2, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 'LIVE'),
        (2, 1, 'BTC-USD-SWAP', 'PERPETUAL', 'INVERSE', 'USD', 100, 'LIVE'),
        (3, 1, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 'LIVE')`);
    const rows: TakerVolumeRow[] = [];
    // 10:00–11:00: Binance every period (buy 2M, sell 1M); OKX's linear swap all but 10:55, its inverse one period.
    // 11:00–12:00: Binance only (OKX silent). 12:00–13:00: nothing.
    for (let i = 0; i < 24; i++) rows.push(row(1, i, 2_000_000, 1_000_000));
    for (let i = 0; i < 11; i++) rows.push(row(2, i, 500_000, 1_500_000));
    rows.push(row(3, 0, 100_000, 100_000));
    await upsertObservations(database.db, takerVolumeTable, rows.map((r) => ({ ...r })));
    beforeRevision = (await database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now;
    // A later re-read revises Binance's 10:00 period: knownAt before it sees the first value.
    await upsertObservations(database.db, takerVolumeTable, [{ ...row(1, 0, 2_600_000, 1_000_000) }]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const fields = `start buyUsd sellUsd netUsd buySellRatio periodsExpected completeness
    venues { venue { slug } buyUsd sellUsd buySellRatio periodsReported completeness }
    coverage { reportingVenues missingVenues notCollectedVenues }`;
  const ask = (args: string) => server.query(`{ takerVolumeHistory(asset: "BTC", interval: H1, from: "2025-10-10T10:00:00Z", to: "2025-10-10T13:00:00Z"${args}) { ${fields} } }`);

  it('sums USD across the venues that reported, per venue and in total; a silent venue is missing, a gap is null, Bybit is NOT_COLLECTED', async () => {
    const { data, errors } = await ask('');
    expect(errors).toBeUndefined();
    const [ten, eleven, noon] = data!.takerVolumeHistory;
    const binanceTen = 2_600_000 + 11 * 2_000_000;
    const okxTen = 11 * 500_000 + 100_000;
    expect(ten).toEqual({
      start: '2025-10-10T10:00:00.000Z',
      buyUsd: binanceTen + okxTen,
      sellUsd: 12 * 1_000_000 + 11 * 1_500_000 + 100_000,
      netUsd: binanceTen + okxTen - (12 * 1_000_000 + 11 * 1_500_000 + 100_000),
      buySellRatio: (binanceTen + okxTen) / (12 * 1_000_000 + 11 * 1_500_000 + 100_000),
      periodsExpected: 12,
      completeness: 'LOWER_BOUND',
      venues: [
        { venue: { slug: 'binance' }, buyUsd: binanceTen, sellUsd: 12_000_000, buySellRatio: binanceTen / 12_000_000, periodsReported: 12, completeness: 'COMPLETE' },
        { venue: { slug: 'bybit' }, buyUsd: null, sellUsd: null, buySellRatio: null, periodsReported: 0, completeness: 'NOT_COLLECTED' },
        // 11 of 12 periods (its two swaps count a period once): partial.
        { venue: { slug: 'okx' }, buyUsd: okxTen, sellUsd: 11 * 1_500_000 + 100_000, buySellRatio: okxTen / (11 * 1_500_000 + 100_000), periodsReported: 11, completeness: 'LOWER_BOUND' },
      ],
      coverage: { reportingVenues: ['binance', 'okx'], missingVenues: [], notCollectedVenues: ['bybit'] },
    });
    expect(eleven).toMatchObject({ buyUsd: 24_000_000, sellUsd: 12_000_000, buySellRatio: 2, completeness: 'LOWER_BOUND', coverage: { reportingVenues: ['binance'], missingVenues: ['okx'], notCollectedVenues: ['bybit'] } });
    expect(eleven.venues.find((v: any) => v.venue.slug === 'okx')).toEqual({ venue: { slug: 'okx' }, buyUsd: null, sellUsd: null, buySellRatio: null, periodsReported: 0, completeness: 'LOWER_BOUND' });
    // Gap-filled: the bucket exists, its sums are null (an outage is not zero flow).
    expect(noon).toMatchObject({ start: '2025-10-10T12:00:00.000Z', buyUsd: null, sellUsd: null, netUsd: null, buySellRatio: null, coverage: { reportingVenues: [], missingVenues: ['binance', 'okx'] } });
  });

  it('one venue alone, complete, is COMPLETE; a venue with no series alone is NOT_COLLECTED', async () => {
    const binance = (await ask(', venues: ["binance"]')).data!.takerVolumeHistory;
    expect(binance.map((b: any) => b.completeness)).toEqual(['COMPLETE', 'COMPLETE', 'LOWER_BOUND']);
    const bybit = (await ask(', venues: ["bybit"]')).data!.takerVolumeHistory;
    expect(bybit.map((b: any) => [b.buyUsd, b.completeness])).toEqual([[null, 'NOT_COLLECTED'], [null, 'NOT_COLLECTED'], [null, 'NOT_COLLECTED']]);
  });

  it('knownAt answers with what was recorded by then: the revised 10:00 period as first learned', async () => {
    const { data } = await ask(`, venues: ["binance"], knownAt: "${beforeRevision.toISOString()}"`);
    expect(data!.takerVolumeHistory[0].buyUsd).toBe(12 * 2_000_000);
    const before = await ask(', venues: ["binance"], knownAt: "2020-01-01T00:00:00Z"');
    expect(before.data!.takerVolumeHistory.map((b: any) => b.buyUsd)).toEqual([null, null, null]);
  });

  it('counts only the periods that end by `to`, and expects only those', async () => {
    const { data } = await server.query(`{ takerVolumeHistory(asset: "BTC", venues: ["binance"], interval: M15, from: "2025-10-10T10:00:00Z", to: "2025-10-10T10:22:30Z") { start buyUsd periodsExpected completeness } }`);
    expect(data!.takerVolumeHistory).toEqual([
      { start: '2025-10-10T10:00:00.000Z', buyUsd: 2_600_000 + 2 * 2_000_000, periodsExpected: 3, completeness: 'COMPLETE' },
      { start: '2025-10-10T10:15:00.000Z', buyUsd: 2_000_000, periodsExpected: 1, completeness: 'COMPLETE' },
    ]);
  });

  it('refuses M1 (the venues publish 5-minute periods) with a coded error', async () => {
    const { errors } = await server.query(`{ takerVolumeHistory(asset: "BTC", interval: M1, from: "2025-10-10T10:00:00Z", to: "2025-10-10T11:00:00Z") { start } }`);
    expect(errors?.[0].extensions).toMatchObject({ code: 'INVALID_INTERVAL', argument: 'interval', minInterval: 'M5' });
  });

  it('recovery rules read TAKER_BUY_SELL_RATIO_1H: the hour to the moment, per venue or summed; partial (UNKNOWN) when a publishing venue lacks a period', async () => {
    const rule = (venue: string | null) => `{ series: TAKER_BUY_SELL_RATIO_1H${venue ? `, venue: "${venue}"` : ''}, comparison: ABOVE, value: 1 }`;
    const { data, errors } = await server.query(`{
      eleven: recoverySignals(asset: "BTC", at: "2025-10-10T11:00:00Z", rules: [${rule('binance')}, ${rule('okx')}, ${rule(null)}]) { conditions { value status met unit reason } }
      binanceTwelve: recoverySignals(asset: "BTC", at: "2025-10-10T12:00:00Z", rules: [${rule('binance')}]) { conditions { value status } }
    }`);
    expect(errors).toBeUndefined();
    const [binance, okx, aggregate] = data!.eleven.conditions.slice(3);
    expect(binance).toMatchObject({ value: (2_600_000 + 11 * 2_000_000) / 12_000_000, status: 'MET', met: true });
    // OKX's 10:55 period is missing: partial, never judged.
    expect(okx).toMatchObject({ value: null, status: 'UNKNOWN', met: false });
    expect(okx.reason).toMatch(/okx lacks some of the 5-minute taker-volume periods/);
    expect(aggregate).toMatchObject({ value: null, status: 'UNKNOWN' });
    expect(data!.binanceTwelve.conditions[3]).toMatchObject({ value: 2, status: 'MET' });
    const bybit = await server.query(`{ recoverySignals(asset: "BTC", at: "2025-10-10T11:00:00Z", rules: [${rule('bybit')}]) { allMet } }`);
    expect(bybit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'rules[0].venue' });
  });

  it('timeline carries the same sums and ratio', async () => {
    const { data, errors } = await server.query(`{ timeline(asset: "BTC", interval: H1, from: "2025-10-10T10:00:00Z", to: "2025-10-10T13:00:00Z") { start takerBuyUsd takerSellUsd takerBuySellRatio } }`);
    expect(errors).toBeUndefined();
    const history = (await ask('')).data!.takerVolumeHistory;
    expect(data!.timeline).toEqual(history.map((b: any) => ({ start: b.start, takerBuyUsd: b.buyUsd, takerSellUsd: b.sellUsd, takerBuySellRatio: b.buySellRatio })));
  });
});
