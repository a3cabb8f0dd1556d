import { onStatement } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { EventSpec, FixtureIds, generateEvents, seedRegistry, toRow } from './liquidations.fixture';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

interface Sums {
  longUsd: number;
  shortUsd: number;
  totalUsd: number;
  count: number;
  longShare: number | null;
}

/** The figures computed by hand from the events themselves. */
function sumsOf(events: EventSpec[]): Sums {
  const longUsd = events.filter((e) => e.side === 'LONG').reduce((sum, e) => sum + e.notionalUsd, 0);
  const shortUsd = events.filter((e) => e.side === 'SHORT').reduce((sum, e) => sum + e.notionalUsd, 0);
  const totalUsd = longUsd + shortUsd;
  return { longUsd, shortUsd, totalUsd, count: events.length, longShare: totalUsd > 0 ? longUsd / totalUsd : null };
}

/** Buckets of `stepMs` (epoch-aligned: whole UTC hours and days) from `startMs` to `endMs`. */
function bucketsOf(events: EventSpec[], startMs: number, endMs: number, stepMs: number) {
  const buckets = [];
  for (let at = startMs; at < endMs; at += stepMs) {
    const inside = events.filter((e) => e.at.getTime() >= at && e.at.getTime() < at + stepMs);
    buckets.push({ start: new Date(at).toISOString(), ...sumsOf(inside) });
  }
  return buckets;
}

const historyQuery = `query ($asset: String!, $venues: [String!], $interval: Interval!, $from: DateTime!, $to: DateTime) {
  liquidationHistory(asset: $asset, venues: $venues, interval: $interval, from: $from, to: $to) { start longUsd shortUsd totalUsd count longShare }
}`;
const totalsQuery = `query ($asset: String, $from: DateTime!, $to: DateTime) {
  liquidationTotalsByVenue(asset: $asset, from: $from, to: $to) { venue { slug liquidationsLowerBound } longUsd shortUsd totalUsd count longShare }
}`;

describe('liquidation history and totals', () => {
  let database: TestDatabase;
  let server: TestServer;
  let ids: FixtureIds;
  let events: EventSpec[];
  const monday = Date.parse('2025-06-02T00:00:00Z');

  async function history(variables: Record<string, unknown>) {
    const response = await server.query<{ liquidationHistory: Array<Sums & { start: string }> }>(historyQuery, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.liquidationHistory;
  }

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    // Two days of events, a quiet day (June 4), then one more day.
    events = [
      ...generateEvents(400, new Date(monday), 2 * dayMs, 11),
      ...generateEvents(150, new Date(monday + 3 * dayMs), dayMs, 12),
    ];
    const rows = events.map((e, i) => toRow(ids, e, i));
    // Overlapping batches, as a backfill over a live stream would write them.
    await insertLiquidations(database.db, rows.slice(0, 300));
    await insertLiquidations(database.db, rows.slice(200));
    server = await startTestServer(database.db);
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('H1 buckets equal the sums of the raw events, empty hours with zeros and a null share', async () => {
    const btc = events.filter((e) => e.asset === 'BTC');
    const buckets = await history({ asset: 'BTC', interval: 'H1', from: '2025-06-02T00:00:00Z', to: '2025-06-06T00:00:00Z' });
    expect(buckets).toEqual(bucketsOf(btc, monday, monday + 4 * dayMs, hourMs));
    const quiet = buckets.filter((b) => b.start.startsWith('2025-06-04'));
    expect(quiet).toHaveLength(24);
    expect(quiet.every((b) => b.count === 0 && b.totalUsd === 0 && b.longShare === null)).toBe(true);
  });

  it('D1 buckets for chosen venues equal the raw sums; the quiet day is present and empty', async () => {
    const chosen = events.filter((e) => e.asset === 'ETH' && (e.venue === 'binance' || e.venue === 'okx'));
    const buckets = await history({ asset: 'ETH', venues: ['binance', 'okx'], interval: 'D1', from: '2025-06-02T00:00:00Z', to: '2025-06-06T00:00:00Z' });
    expect(buckets).toEqual(bucketsOf(chosen, monday, monday + 4 * dayMs, dayMs));
    expect(buckets[2]).toEqual({ start: '2025-06-04T00:00:00.000Z', longUsd: 0, shortUsd: 0, totalUsd: 0, count: 0, longShare: null });
  });

  it('M15 buckets (from raw events) summed per hour equal the H1 buckets (from the rollup)', async () => {
    const window = { asset: 'BTC', venues: ['bybit'], from: '2025-06-02T00:00:00Z', to: '2025-06-03T00:00:00Z' };
    const quarters = await history({ ...window, interval: 'M15' });
    const hours = await history({ ...window, interval: 'H1' });
    const bybitBtc = events.filter((e) => e.asset === 'BTC' && e.venue === 'bybit');
    expect(quarters).toEqual(bucketsOf(bybitBtc, monday, monday + dayMs, 15 * 60_000));
    const regrouped = hours.map((hour, i) => {
      const parts = quarters.slice(i * 4, i * 4 + 4);
      const longUsd = parts.reduce((sum, q) => sum + q.longUsd, 0);
      const shortUsd = parts.reduce((sum, q) => sum + q.shortUsd, 0);
      const count = parts.reduce((sum, q) => sum + q.count, 0);
      return { start: parts[0].start, longUsd, shortUsd, totalUsd: longUsd + shortUsd, count, longShare: count > 0 ? longUsd / (longUsd + shortUsd) : null };
    });
    expect(regrouped).toEqual(hours);
    expect(hours.some((h) => h.count > 0)).toBe(true);
  });

  it('the first bucket is the one holding `from`, counted whole; `to` is exclusive on bucket starts', async () => {
    const btc = events.filter((e) => e.asset === 'BTC');
    const buckets = await history({ asset: 'BTC', interval: 'H4', from: '2025-06-02T05:30:00Z', to: '2025-06-02T16:00:00Z' });
    expect(buckets.map((b) => b.start)).toEqual(['2025-06-02T04:00:00.000Z', '2025-06-02T08:00:00.000Z', '2025-06-02T12:00:00.000Z']);
    expect(buckets).toEqual(bucketsOf(btc, monday + 4 * hourMs, monday + 16 * hourMs, 4 * hourMs));
  });

  it('H1 and coarser never read raw events', async () => {
    const statements: string[] = [];
    const stop = onStatement((text) => statements.push(text));
    try {
      for (const interval of ['H1', 'H4', 'D1', 'W1']) await history({ asset: 'BTC', interval, from: '2025-06-02T00:00:00Z', to: '2025-06-09T00:00:00Z' });
    } finally {
      stop();
    }
    const history_ = statements.filter((s) => s.includes('generate_series'));
    expect(history_).toHaveLength(4);
    for (const text of history_) expect(text).not.toMatch(/FROM liquidation\b(?!_hourly)/);
  });

  it('a W1 bucket starts on Monday and holds the whole week', async () => {
    const btc = events.filter((e) => e.asset === 'BTC');
    const [week] = await history({ asset: 'BTC', interval: 'W1', from: '2025-06-04T12:00:00Z', to: '2025-06-05T00:00:00Z' });
    expect(week).toEqual({ start: '2025-06-02T00:00:00.000Z', ...sumsOf(btc) });
  });

  it.each([
    ['an unknown asset', { asset: 'DOGE', interval: 'H1', from: '2025-06-02T00:00:00Z' }, 'UNKNOWN_ASSET', 'asset'],
    ['an unknown venue', { asset: 'BTC', venues: ['nowhere'], interval: 'H1', from: '2025-06-02T00:00:00Z' }, 'UNKNOWN_VENUE', 'venues'],
    ['from after to', { asset: 'BTC', interval: 'H1', from: '2025-06-03T00:00:00Z', to: '2025-06-02T00:00:00Z' }, 'INVALID_TIME_RANGE', 'from'],
    ['too many buckets', { asset: 'BTC', interval: 'M1', from: '2025-05-01T00:00:00Z', to: '2025-06-01T00:00:00Z' }, 'TOO_MANY_BUCKETS', 'interval'],
  ])('history refuses %s, naming the argument', async (_name, variables, code, argument) => {
    const response = await server.query(historyQuery, variables);
    expect(response.errors?.[0].extensions).toMatchObject({ code, argument });
  });

  it('totals by venue over a window with partial hours at both ends equal the raw sums, every venue listed', async () => {
    const from = Date.parse('2025-06-02T00:20:00Z');
    const to = Date.parse('2025-06-05T10:40:30Z');
    const inWindow = (e: EventSpec) => e.at.getTime() >= from && e.at.getTime() < to;
    for (const asset of ['ETH', null]) {
      const response = await server.query<{ liquidationTotalsByVenue: Array<Sums & { venue: { slug: string; liquidationsLowerBound: boolean } }> }>(totalsQuery, {
        asset,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      });
      expect(response.errors).toBeUndefined();
      const expected = (['binance', 'bybit', 'okx'] as const)
        .map((slug) => ({
          venue: { slug, liquidationsLowerBound: slug === 'binance' },
          ...sumsOf(events.filter((e) => inWindow(e) && e.venue === slug && (asset === null || e.asset === asset))),
        }))
        .sort((a, b) => b.totalUsd - a.totalUsd || a.venue.slug.localeCompare(b.venue.slug));
      expect(response.data!.liquidationTotalsByVenue).toEqual(expected);
    }
  });

  it('totals inside a single hour come from raw events alone', async () => {
    const from = Date.parse('2025-06-02T03:10:00Z');
    const to = Date.parse('2025-06-02T03:50:00Z');
    const response = await server.query<{ liquidationTotalsByVenue: Array<Sums & { venue: { slug: string } }> }>(totalsQuery, {
      asset: 'BTC',
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    const bybit = response.data!.liquidationTotalsByVenue.find((t) => t.venue.slug === 'bybit')!;
    const { longUsd, count } = sumsOf(events.filter((e) => e.asset === 'BTC' && e.venue === 'bybit' && e.at.getTime() >= from && e.at.getTime() < to));
    expect(bybit).toMatchObject({ longUsd, count });
  });

  it('totals refuse an empty window and an unknown asset, naming the argument', async () => {
    const backwards = await server.query(totalsQuery, { from: '2025-06-03T00:00:00Z', to: '2025-06-03T00:00:00Z' });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TIME_RANGE', argument: 'from' });
    const unknown = await server.query(totalsQuery, { asset: 'NOPE', from: '2025-06-02T00:00:00Z' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_ASSET', argument: 'asset' });
  });
});
