import { upsertObservations } from '../../src/db/bulk';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { markPriceTable } from '../../src/domains/prices/mark-price.table';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * perpetualPremiumHistory and futuresBasisHistory over real Postgres: per venue and across venues,
 * gap-filled, coverage, point-in-time `knownAt`, and the timeline fields — figures worked by hand.
 */
const t = (hhmm: string) => new Date(`2025-10-10T${hhmm}:00Z`);
const day = 86_400_000;

describe('perpetual premium and futures basis', () => {
  let database: TestDatabase;
  let server: TestServer;
  let beforeRevision: Date;

  // A plain object literal (not MarkPriceRow), as upsertObservations' Row wants.
  const mark = (instrument: number, at: string, markPrice: number, indexPrice: number | null) => ({
    asset_id: 1, instrument_id: instrument, at: t(at), mark_price: markPrice, index_price: indexPrice, origin: 'LIVE',
  });

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX'), ('okx', 'OKX', 'CEX'), ('deribit', 'Deribit', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, origin) VALUES
        (1, 1, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, NULL, 'LIVE'),
        (2, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, NULL, 'LIVE'),
        (2, 1, 'BTC-USD-SWAP', 'PERPETUAL', 'INVERSE', 'USD', 100, NULL, 'LIVE'),
        (2, 1, 'BTC-USD-251031', 'FUTURE', 'INVERSE', 'USD', 100, '2025-10-31T08:00:00Z', 'LIVE'),
        (2, 1, 'BTC-USD-251017', 'FUTURE', 'INVERSE', 'USD', 100, '2025-10-17T08:00:00Z', 'LIVE'),
        (3, 1, 'BTC-PERPETUAL', 'PERPETUAL', 'INVERSE', 'USD', 10, NULL, 'LIVE'),
        (3, 1, 'BTC-31OCT25', 'FUTURE', 'INVERSE', 'USD', 10, '2025-10-31T08:00:00Z', 'LIVE'),
        (3, 1, 'BTC-10OCT25', 'FUTURE', 'INVERSE', 'USD', 10, '2025-10-10T11:30:00Z', 'LIVE'),
        (1, 1, 'BTCUSDT_251226', 'FUTURE', 'LINEAR', 'USDT', 1, '2025-12-26T08:00:00Z', 'LIVE')`);
    await upsertObservations(database.db, markPriceTable, [
      // 10:00 bucket. Binance: its last mark is 10:50's (5 bp), not 10:10's.
      mark(1, '10:10', 100_100, 100_000),
      mark(1, '10:50', 100_050, 100_000),
      // OKX linear +20 bp at 10:55; a later mark without an index (10:58) does not stand for it.
      mark(2, '10:55', 100_200, 100_000),
      mark(2, '10:58', 100_500, null),
      // OKX inverse −40 bp.
      mark(3, '10:55', 99_600, 100_000),
      // 11:00 bucket: Binance +3 bp, Deribit's perpetual without open interest.
      mark(1, '11:10', 100_030, 100_000),
      mark(6, '11:20', 100_000, 100_020),
      // Dated futures.
      mark(4, '10:55', 100_500, 100_000),
      mark(5, '10:55', 100_200, 100_000),
      mark(7, '10:58', 100_600, 100_010),
      mark(8, '10:58', 100_010, 100_000),
      // After its expiry (11:30) a reading is no basis.
      mark(8, '11:40', 100_000, 100_000),
      mark(7, '11:30', 100_700, 100_100),
    ]);
    await upsertObservations(database.db, openInterestTable, [
      { asset_id: 1, instrument_id: 1, at: t('10:45'), open_interest_usd: 3e9, open_interest_contracts: null, origin: 'LIVE' },
      { asset_id: 1, instrument_id: 2, at: t('10:45'), open_interest_usd: 2e9, open_interest_contracts: null, origin: 'LIVE' },
      { asset_id: 1, instrument_id: 3, at: t('10:45'), open_interest_usd: 1e9, open_interest_contracts: null, origin: 'LIVE' },
    ]);
    beforeRevision = (await database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now;
    // Re-read later: Binance's 10:50 mark was 100 080 (8 bp). knownAt before it sees 5 bp.
    await upsertObservations(database.db, markPriceTable, [mark(1, '10:50', 100_080, 100_000)]);
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const range = 'interval: H1, from: "2025-10-10T10:00:00Z", to: "2025-10-10T13:00:00Z"';
  const premium = async (extra = '') => {
    const { data, errors } = await server.query(`{ perpetualPremiumHistory(asset: "BTC", ${range}${extra}) {
      start premiumBps averagePremiumBps openInterestWeightedPremiumBps instrumentCount
      venues { venue { slug } premiumBps averagePremiumBps openInterestWeightedPremiumBps instrumentCount }
      coverage { reportingVenues missingVenues } } }`);
    expect(errors).toBeUndefined();
    return data!.perpetualPremiumHistory;
  };

  it('premium per perpetual is (mark / index − 1) × 10 000 of its last mark with an index; per venue and across venues, plain and open-interest-weighted', async () => {
    const [ten, eleven, noon] = await premium();
    const [binance, okxLinear, okxInverse] = [8, 20, -40];
    expect(ten.start).toBe('2025-10-10T10:00:00.000Z');
    expect(ten.instrumentCount).toBe(3);
    expect(ten.averagePremiumBps).toBeCloseTo((binance + okxLinear + okxInverse) / 3, 6);
    // Weights 3, 2 and 1 bn USD.
    expect(ten.openInterestWeightedPremiumBps).toBeCloseTo((binance * 3 + okxLinear * 2 + okxInverse * 1) / 6, 6);
    expect(ten.premiumBps).toBe(ten.openInterestWeightedPremiumBps);
    expect(ten.venues.map((v: any) => [v.venue.slug, v.instrumentCount])).toEqual([['binance', 1], ['okx', 2]]);
    expect(ten.venues[1].averagePremiumBps).toBeCloseTo((okxLinear + okxInverse) / 2, 6);
    expect(ten.venues[1].openInterestWeightedPremiumBps).toBeCloseTo((okxLinear * 2 + okxInverse) / 3, 6);
    expect(ten.venues[0].premiumBps).toBeCloseTo(binance, 6);
    expect(ten.coverage).toEqual({ reportingVenues: ['binance', 'okx'], missingVenues: ['deribit'] });

    // Deribit's perpetual has no open interest: no weighted figure, the served one is the plain mean.
    const deribit = (100_000 / 100_020 - 1) * 10_000;
    expect(eleven.openInterestWeightedPremiumBps).toBeNull();
    expect(eleven.averagePremiumBps).toBeCloseTo((3 + deribit) / 2, 6);
    expect(eleven.premiumBps).toBe(eleven.averagePremiumBps);
    expect(eleven.coverage).toEqual({ reportingVenues: ['binance', 'deribit'], missingVenues: ['okx'] });

    // Gap-filled: the bucket is there, with nothing in it (coverage lists venues in id order, as every series does).
    expect(noon).toEqual({
      start: '2025-10-10T12:00:00.000Z', premiumBps: null, averagePremiumBps: null, openInterestWeightedPremiumBps: null, instrumentCount: 0, venues: [],
      coverage: { reportingVenues: [], missingVenues: ['binance', 'okx', 'deribit'] },
    });
  });

  it('per venue (venues argument) and point in time: knownAt before the re-read gives the first mark', async () => {
    const [binanceOnly] = await premium(', venues: ["binance"]');
    expect([binanceOnly.premiumBps, binanceOnly.instrumentCount, binanceOnly.coverage.missingVenues]).toEqual([expect.closeTo(8, 6), 1, []]);
    const [ten] = await premium(`, knownAt: "${beforeRevision.toISOString()}"`);
    expect(ten.venues[0].premiumBps).toBeCloseTo(5, 6);
    expect(ten.openInterestWeightedPremiumBps).toBeCloseTo((5 * 3 + 20 * 2 - 40) / 6, 6);
    // Known before anything was recorded: nothing.
    const [empty] = await premium(', knownAt: "2020-01-01T00:00:00Z"');
    expect(empty.premiumBps).toBeNull();
  });

  it('futures basis per contract: (futures / index − 1) in bp and × 365 / days to expiry, gap-filled; none after expiry, not annualised under a day', async () => {
    const { data, errors } = await server.query(`{ futuresBasisHistory(asset: "BTC", ${range}) {
      contracts { venue { slug } symbol expiresAt marginType points { start at futuresPrice indexPrice basisBps daysToExpiry annualizedBasis } }
      nearest { start annualizedBasis venues { venue { slug } symbol daysToExpiry annualizedBasis } }
      coverage { reportingVenues missingVenues } } }`);
    expect(errors).toBeUndefined();
    const { contracts, nearest, coverage } = data!.futuresBasisHistory;
    expect(contracts.map((c: any) => [c.venue.slug, c.symbol, c.points.length])).toEqual([
      ['deribit', 'BTC-10OCT25', 3],
      ['deribit', 'BTC-31OCT25', 3],
      ['okx', 'BTC-USD-251017', 3],
      ['okx', 'BTC-USD-251031', 3],
    ]);
    const okxQuarter = contracts[3];
    const days = (Date.parse('2025-10-31T08:00:00Z') - t('10:55').getTime()) / day;
    expect(okxQuarter.points[0]).toEqual({
      start: '2025-10-10T10:00:00.000Z', at: '2025-10-10T10:55:00.000Z', futuresPrice: 100_500, indexPrice: 100_000,
      basisBps: expect.closeTo(50, 9), daysToExpiry: expect.closeTo(days, 9), annualizedBasis: expect.closeTo((0.005 * 365) / days, 12),
    });
    expect(okxQuarter.points[1]).toEqual({ start: '2025-10-10T11:00:00.000Z', at: null, futuresPrice: null, indexPrice: null, basisBps: null, daysToExpiry: null, annualizedBasis: null });
    // 32 minutes to expiry: basis in bp, no annualised figure; its 11:40 reading (after expiry) is not a point.
    const expiring = contracts[0];
    expect(expiring.points[0]).toMatchObject({ basisBps: expect.closeTo(1, 9), daysToExpiry: expect.closeTo(32 / 1440, 9), annualizedBasis: null });
    expect(expiring.points[1].at).toBeNull();

    // Nearest tenor: OKX's 17 Oct contract is under 7 days out, so its 31 Oct one; Deribit's 31 Oct (10 Oct is not annualised).
    const deribitQuarter = (days2: number) => ((100_600 / 100_010 - 1) * 365) / days2;
    const deribitDays = (Date.parse('2025-10-31T08:00:00Z') - t('10:58').getTime()) / day;
    expect(nearest[0].venues.map((v: any) => [v.venue.slug, v.symbol])).toEqual([['deribit', 'BTC-31OCT25'], ['okx', 'BTC-USD-251031']]);
    expect(nearest[0].annualizedBasis).toBeCloseTo(((0.005 * 365) / days + deribitQuarter(deribitDays)) / 2, 12);
    expect(nearest[1].venues.map((v: any) => v.symbol)).toEqual(['BTC-31OCT25']);
    expect(nearest[2]).toEqual({ start: '2025-10-10T12:00:00.000Z', annualizedBasis: null, venues: [] });
    // Binance lists an active dated future that reported nothing.
    expect(coverage).toEqual({ reportingVenues: ['okx', 'deribit'], missingVenues: ['binance'] });
  });

  it('timeline carries perpetualPremiumBps and futuresAnnualizedBasis, the same figures', async () => {
    const { data, errors } = await server.query(`{ timeline(asset: "BTC", ${range}) { start perpetualPremiumBps futuresAnnualizedBasis }
      perpetualPremiumHistory(asset: "BTC", ${range}) { premiumBps }
      futuresBasisHistory(asset: "BTC", ${range}) { nearest { annualizedBasis } } }`);
    expect(errors).toBeUndefined();
    expect(data!.timeline.map((b: any) => b.perpetualPremiumBps)).toEqual(data!.perpetualPremiumHistory.map((b: any) => b.premiumBps));
    expect(data!.timeline.map((b: any) => b.futuresAnnualizedBasis)).toEqual(data!.futuresBasisHistory.nearest.map((b: any) => b.annualizedBasis));
    expect(data!.timeline[2]).toEqual({ start: '2025-10-10T12:00:00.000Z', perpetualPremiumBps: null, futuresAnnualizedBasis: null });
  });

  it('recovery rule PERPETUAL_PREMIUM_BP: "perpetual premium under 5 bp" reads the premium at the moment, per venue or across venues; a venue gone quiet leaves it UNKNOWN', async () => {
    const rule = (at: string, venue = '') => server.query(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [{ series: PERPETUAL_PREMIUM_BP${venue}, comparison: BELOW, value: 5 }]) {
      rulesMet conditions { series venue value threshold met status unit reason } } }`);
    // 10:59: Binance 8 bp (3 bn), OKX +20 (2 bn) and −40 (1 bn): weighted 4 bp, under 5. Deribit had reported nothing yet.
    const before = await rule('2025-10-10T10:59:00Z');
    expect(before.errors).toBeUndefined();
    const [premium] = before.data!.recoverySignals.conditions.filter((c: any) => c.series === 'PERPETUAL_PREMIUM_BP');
    expect(premium).toMatchObject({ venue: null, threshold: 5, met: true, status: 'MET', unit: 'basis points' });
    expect(premium.value).toBeCloseTo((8 * 3 + 20 * 2 - 40) / 6, 6);
    expect(before.data!.recoverySignals.rulesMet).toBe(true);
    // 11:25: OKX's last marks are 30 minutes old: the aggregate is partial, UNKNOWN; Binance alone is 3 bp.
    const [partial] = (await rule('2025-10-10T11:25:00Z')).data!.recoverySignals.conditions.filter((c: any) => c.series);
    expect([partial.status, partial.met]).toEqual(['UNKNOWN', false]);
    expect(partial.reason).toMatch(/okx/);
    const [binance] = (await rule('2025-10-10T11:25:00Z', ', venue: "binance"')).data!.recoverySignals.conditions.filter((c: any) => c.series);
    // Binance's 11:10 mark is exactly 15 minutes old: still current (no older than the bound).
    expect([binance.venue, binance.value, binance.met, binance.status]).toEqual(['binance', expect.closeTo(3, 6), true, 'MET']);
  });
});
