import { runDataset } from '../../src/ingest/runner';
import { depthBands } from '../../src/ingest/depth';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { fixture, reply, startVenueServer, VenueServer } from '../support/venue-server';
import { serveHyperliquid } from './venue-routes';
import { loopbackOptions, testNowMs } from './venues';

/**
 * Hyperliquid's l2Book answers at most 20 levels a side, aggregated to `nSigFigs` significant
 * figures when asked (info endpoint, "L2 book snapshot", read 2026-12-03). The loopback venue here
 * holds a whole order book of its own, one order a dollar for 5 % each side of 50,000, and
 * answers l2Book as the venue does: the 20 best levels a side, prices aggregated (bids down,
 * asks up to the step) when `nSigFigs` is given.
 */
interface Order {
  px: number;
  sz: number;
}

const bestBid = 49_999;
const bestAsk = 50_001;
const mid = (bestBid + bestAsk) / 2;
const sizeAt = (i: number) => Number((0.01 + ((i * 7919) % 13) / 100).toFixed(2));
const bids: Order[] = Array.from({ length: 2500 }, (_, i) => ({ px: bestBid - i, sz: sizeAt(i) }));
const asks: Order[] = Array.from({ length: 2500 }, (_, i) => ({ px: bestAsk + i, sz: sizeAt(i + 1) }));

function l2Book(orders: Order[], side: 'bid' | 'ask', nSigFigs: number | undefined) {
  const levels = new Map<number, { sz: number; n: number }>();
  for (const order of orders) {
    const step = nSigFigs === undefined ? 1 : 10 ** (Math.floor(Math.log10(order.px)) - nSigFigs + 1);
    const px = nSigFigs === undefined ? order.px : (side === 'bid' ? Math.floor(order.px / step) : Math.ceil(order.px / step)) * step;
    const level = levels.get(px) ?? { sz: 0, n: 0 };
    levels.set(px, { sz: level.sz + order.sz, n: level.n + 1 });
  }
  return [...levels.entries()]
    .sort(([a], [b]) => (side === 'bid' ? b - a : a - b))
    .slice(0, 20)
    .map(([px, level]) => ({ px: String(px), sz: String(Number(level.sz.toFixed(5))), n: level.n }));
}

/** The venue's answer; `aggregates` false plays a server that ignores nSigFigs (always 20 finest levels). */
function serveBook(venue: VenueServer, aggregates: boolean, asked: Array<number | undefined>) {
  venue.route('/info', (r) => {
    const body = r.body as { type?: string; coin?: string; nSigFigs?: number };
    if (body.type === 'metaAndAssetCtxs') return fixture('hyperliquid', 'meta-and-asset-ctxs');
    if (body.type !== 'l2Book') return reply(422, 'Failed to deserialize the JSON body into the target type');
    if (body.coin !== 'BTC') return null;
    asked.push(body.nSigFigs);
    const nSigFigs = aggregates ? body.nSigFigs : undefined;
    return { coin: 'BTC', time: testNowMs - 60_000, levels: [l2Book(bids, 'bid', nSigFigs), l2Book(asks, 'ask', nSigFigs)] };
  });
}

/** Independent of Cascade's mapping: every order of the whole book within the band, px × sz. */
const notionalWithin = (orders: Order[], low: number, high: number) => orders.filter((o) => o.px >= low && o.px <= high).reduce((sum, o) => sum + o.px * o.sz, 0);

describe('Hyperliquid depth beyond 20 levels a side', () => {
  let database: TestDatabase;
  let venue: VenueServer;
  let server: TestServer;
  const options = () => loopbackOptions(venue, 'hyperliquid');
  const window = { from: new Date(testNowMs - 3_600_000), to: new Date(testNowMs) };
  const storedBtc = async () =>
    (await database.db.query(`SELECT d.* FROM order_book_depth d JOIN instrument i ON i.id = d.instrument_id WHERE i.symbol = 'BTC'`))[0];
  const depthQuery = (interval: string, band: number) => `{ depth: marketDepthHistory(asset: "BTC", venues: ["hyperliquid"], interval: ${interval},
      from: "${new Date(testNowMs - 3_600_000).toISOString()}", to: "${new Date(testNowMs).toISOString()}", band: ${band}) {
      bidUsd askUsd coverage { reportingVenues missingVenues unknownVenues { venue instrument reason } } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveHyperliquid(venue);
    await runDataset(database.db, 'hyperliquid', 'instruments', window, options());
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await venue.stop();
    await database.drop();
  });
  beforeEach(async () => {
    await database.db.query('TRUNCATE order_book_depth, order_book_depth_revision, order_book_depth_hourly');
  });

  it('a 20-level book that ends inside the ±1 % and ±2 % bands stores them unknown, with the reason, never the partial sum', async () => {
    const asked: Array<number | undefined> = [];
    serveBook(venue, false, asked);
    const result = await runDataset(database.db, 'hyperliquid', 'depth', window, options());
    // Every coarser book was asked for (and the server still answered the 20 finest levels).
    expect(asked).toEqual([undefined, 4, 3, 2]);
    const row = await storedBtc();
    expect(row.mid_price).toBe(mid);
    expect([row.bid_usd_1pct, row.ask_usd_1pct, row.bid_usd_2pct, row.ask_usd_2pct]).toEqual([null, null, null, null]);
    // 20 levels a dollar apart from 49,999: the last, 49,980, is 0.04 % below mid.
    expect(row.depth_gap).toContain("bids fetched to 0.04 % below mid (20 levels, the request's limit of 20, full precision): the ±1 % band is unknown");
    expect(row.depth_gap).toContain('the ±2 % band is unknown');
    expect(result.notes.some((note) => note.startsWith('BTC depth: bids fetched to 0.04 %'))).toBe(true);
  });

  it('serves an unknown band as null with the instrument and the reason in coverage, from raw snapshots and the hourly rollup alike', async () => {
    serveBook(venue, false, []);
    await runDataset(database.db, 'hyperliquid', 'depth', window, options());
    const { depth_gap: reason } = await storedBtc();
    for (const interval of ['H1', 'D1']) {
      const response = await server.query(depthQuery(interval, 0.02));
      expect(response.errors).toBeUndefined();
      const [bucket] = response.data!.depth.filter((b: { bidUsd: number | null; coverage: { reportingVenues: string[] } }) => b.coverage.reportingVenues.length > 0);
      expect({ interval, bucket }).toEqual({
        interval,
        bucket: { bidUsd: null, askUsd: null, coverage: { reportingVenues: ['hyperliquid'], missingVenues: [], unknownVenues: [{ venue: 'hyperliquid', instrument: 'BTC', reason }] } },
      });
    }
  });

  it('reads aggregated books (nSigFigs 4, then 3) until both bands are reached, and sums each band from the finest book reaching it', async () => {
    const asked: Array<number | undefined> = [];
    serveBook(venue, true, asked);
    const result = await runDataset(database.db, 'hyperliquid', 'depth', window, options());
    // Full precision reaches 0.04 %, 4 figures ($10 levels) 0.4 %, 3 figures ($100 levels) 4 %: no need for 2.
    expect(asked).toEqual([undefined, 4, 3]);
    expect(result.notes).toEqual(['empty book side for ETH: no depth row', 'empty book side for SOL: no depth row']);
    const row = await storedBtc();
    expect(row.depth_gap).toBeNull();
    expect(row.mid_price).toBe(mid);
    // Against the whole book's orders. The band edges (49,500 / 49,000; 50,500 / 51,000) fall on
    // $100 level boundaries, so only an order's value within its level differs: a bid level is
    // priced at its floor, an ask level at its ceiling, at most $100 (0.2 %) from each order.
    const step = 100;
    const expectBand = (stored: number, independent: number, side: 'bid' | 'ask') => {
      expect(independent).toBeGreaterThan(0);
      if (side === 'bid') {
        expect(stored).toBeLessThanOrEqual(independent);
        expect(stored).toBeGreaterThanOrEqual(independent * (1 - step / (mid * 0.98)));
      } else {
        expect(stored).toBeGreaterThanOrEqual(independent);
        expect(stored).toBeLessThanOrEqual(independent * (1 + step / mid));
      }
    };
    expectBand(row.bid_usd_1pct, notionalWithin(bids, mid * 0.99, mid), 'bid');
    expectBand(row.bid_usd_2pct, notionalWithin(bids, mid * 0.98, mid), 'bid');
    expectBand(row.ask_usd_1pct, notionalWithin(asks, mid, mid * 1.01), 'ask');
    expectBand(row.ask_usd_2pct, notionalWithin(asks, mid, mid * 1.02), 'ask');
    // What the old single request summed: the 20 finest levels, $20 of the band's $1,000, about 2 % of it.
    const firstTwenty = notionalWithin(bids.slice(0, 20), 0, mid);
    expect(firstTwenty / row.bid_usd_2pct).toBeLessThan(0.03);

    const response = await server.query(depthQuery('H1', 0.02));
    expect(response.errors).toBeUndefined();
    const [bucket] = response.data!.depth.filter((b: { coverage: { reportingVenues: string[] } }) => b.coverage.reportingVenues.length > 0);
    expect(bucket).toEqual({ bidUsd: row.bid_usd_2pct, askUsd: row.ask_usd_2pct, coverage: { reportingVenues: ['hyperliquid'], missingVenues: [], unknownVenues: [] } });
  });

  it('averages an hour over the snapshots whose book reached the band, and lists none unknown when one did', async () => {
    serveBook(venue, true, []);
    await runDataset(database.db, 'hyperliquid', 'depth', window, options());
    const known = await storedBtc();
    // A second snapshot in the hour whose book did not reach either band.
    await database.db.query(
      `INSERT INTO order_book_depth (asset_id, instrument_id, at, mid_price, bid_usd_1pct, ask_usd_1pct, bid_usd_2pct, ask_usd_2pct, depth_gap, origin)
       SELECT asset_id, instrument_id, at - interval '10 minutes', mid_price, NULL, NULL, NULL, NULL, 'bids fetched to 0.04 % below mid', 'LIVE' FROM order_book_depth`,
    );
    await database.db.query(`INSERT INTO order_book_depth_hourly (asset_id, instrument_id, hour, snapshots, bid_usd_1pct, ask_usd_1pct, bid_usd_2pct, ask_usd_2pct,
        bid_1pct_snapshots, ask_1pct_snapshots, bid_2pct_snapshots, ask_2pct_snapshots, depth_gap, recorded_at)
      SELECT asset_id, instrument_id, date_trunc('hour', at, 'UTC'), count(*), sum(bid_usd_1pct), sum(ask_usd_1pct), sum(bid_usd_2pct), sum(ask_usd_2pct),
        count(bid_usd_1pct), count(ask_usd_1pct), count(bid_usd_2pct), count(ask_usd_2pct), max(depth_gap), max(recorded_at)
      FROM order_book_depth GROUP BY 1, 2, 3
      ON CONFLICT (asset_id, hour, instrument_id) DO UPDATE SET snapshots = EXCLUDED.snapshots, bid_2pct_snapshots = EXCLUDED.bid_2pct_snapshots,
        ask_2pct_snapshots = EXCLUDED.ask_2pct_snapshots, depth_gap = EXCLUDED.depth_gap`);
    for (const interval of ['H1', 'D1']) {
      const response = await server.query(depthQuery(interval, 0.02));
      const [bucket] = response.data!.depth.filter((b: { coverage: { reportingVenues: string[] } }) => b.coverage.reportingVenues.length > 0);
      expect({ interval, bucket }).toEqual({ interval, bucket: { bidUsd: known.bid_usd_2pct, askUsd: known.ask_usd_2pct, coverage: { reportingVenues: ['hyperliquid'], missingVenues: [], unknownVenues: [] } } });
    }
  });

  it('counts a side shorter than the request limit whole, even when it ends inside the band: nothing was cut off', () => {
    const thin = (n: number) => Array.from({ length: n }, (_, i) => [String(99.9 - i * 0.1), '10'] as [string, string]);
    const asksNear = Array.from({ length: 5 }, (_, i) => [String(100.1 + i * 0.1), '10'] as [string, string]);
    const whole = depthBands(thin(5), asksNear, undefined, 20)!;
    expect(whole.gap).toBeNull();
    expect(whole.bidUsd2pct).toBeCloseTo(10 * (99.9 + 99.8 + 99.7 + 99.6 + 99.5), 9);
    // The same five levels answered to a request for five: the book may go on, the band is unknown.
    const cut = depthBands(thin(5), asksNear, undefined, 5)!;
    expect([cut.bidUsd1pct, cut.bidUsd2pct, cut.askUsd1pct, cut.askUsd2pct]).toEqual([null, null, null, null]);
    expect(cut.gap).toContain("bids fetched to 0.5 % below mid (5 levels, the request's limit of 5)");
  });
});
