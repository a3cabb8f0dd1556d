import { depthTable } from '../../../domains/depth/depth.table';
import { fundingTable } from '../../../domains/funding/funding.table';
import { openInterestTable } from '../../../domains/open-interest/open-interest.table';
import { markPriceTable } from '../../../domains/prices/mark-price.table';
import { Db } from '../../../db/sql';
import { KnownInstrument, retireMissingInstruments, trackedAssets, upsertInstruments, upsertVenue } from '../../catalog';
import { fundingHistoryPlan, previousFundingAt } from '../../funding-interval';
import { inWindow, pullHistory, reachesNow, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { canaryInstrument, InstrumentIndex, instrumentsOrDiscover } from '../../instruments';
import { liquidationSink } from '../../liquidation-stream';
import { followCursor, minuteMs, sliceForLimit } from '../../paging';
import { msTime, roundToHour } from '../../parse';
import { IngestContext, Source, StreamContext, TimeWindow, VenueDefinition } from '../../source';
import { storedCanary } from '../../stream-silence';
import { WsCollector } from '../../ws';
import { bybitCanary } from './canary';
import { BybitAllLiquidationMessage, BybitClient, BybitFundingPoint, BybitInstrument } from './client';
import * as map from './map';
import { runBybitPositioning } from './positioning';

export const bybitVenue: VenueDefinition = { slug: 'bybit', name: 'Bybit', kind: 'CEX' };

const openInterestPeriodMs = 5 * minuteMs;
/** Bybit accepts at most 10 topics per subscribe request on public streams. */
const topicsPerSubscribe = 10;

/** Reads instruments-info (paged by cursor: more than 500 linear symbols) and stores tracked listings. */
export async function discoverBybitInstruments(db: Db, http: JsonHttpClient): Promise<number> {
  const client = new BybitClient(http);
  const pages = await followCursor((cursor) => client.instruments(cursor), (page) => page.result.nextPageCursor);
  const list: BybitInstrument[] = pages.flatMap((page) => page.result.list);
  const assets = await trackedAssets(db);
  const venueId = await upsertVenue(db, bybitVenue);
  const listed = map.mapInstruments(list, assets);
  const changed = await upsertInstruments(db, venueId, listed);
  // The listing holds only symbols in Trading: one that left it stopped trading.
  await retireMissingInstruments(db, venueId, listed.map((i) => i.symbol));
  return changed;
}

function instruments(ctx: IngestContext): Promise<KnownInstrument[]> {
  return instrumentsOrDiscover(ctx.db, bybitVenue.slug, () => discoverBybitInstruments(ctx.db, ctx.http));
}

async function tickers(client: BybitClient) {
  const response = await client.tickers();
  return { at: msTime(response.time, 'time'), bySymbol: new Map(response.result.list.map((t) => [t.symbol, t])) };
}

async function pullOpenInterestSlice(ctx: IngestContext, client: BybitClient, instrument: KnownInstrument, slice: TimeWindow): Promise<number> {
  const [from, to] = [slice.from.getTime(), slice.to.getTime() - 1];
  // Slices hold fewer rows than a page; the cursor is followed only if the venue says otherwise.
  const pages = await followCursor(
    (cursor) => client.openInterest(instrument.symbol, from, to, cursor),
    (page) => (page.result.list.length >= 200 ? page.result.nextPageCursor : null),
  );
  const points = pages.flatMap((page) => page.result.list);
  if (points.length === 0) return 0;
  const klines = (await client.markPriceKlines(instrument.symbol, 5, from - openInterestPeriodMs, to)).result.list;
  const { rows, unpriced } = map.mapOpenInterestHistory(points, klines, instrument);
  if (unpriced) ctx.note(`${unpriced} open-interest points of ${instrument.symbol} had no mark price and were skipped`);
  return ctx.upsert(openInterestTable, inWindow(rows, slice, (r) => r.at));
}

async function runOpenInterest(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new BybitClient(ctx.http);
  const list = await instruments(ctx);
  const now = ctx.clock.now();
  let written = 0;
  const past = untilNow(window, now);
  if (past) {
    for (const instrument of list.filter((i) => i.contractType === 'PERPETUAL')) {
      const plan = { sliceMs: sliceForLimit(200, openInterestPeriodMs), overlapMs: 2 * openInterestPeriodMs };
      await pullHistory(ctx, instrument.symbol, past, plan, async (slice) => {
        written += await pullOpenInterestSlice(ctx, client, instrument, slice);
      });
    }
  }
  if (reachesNow(window, now)) {
    const { at, bySymbol } = await tickers(client);
    const rows = list.flatMap((instrument) => {
      const ticker = bySymbol.get(instrument.symbol);
      const row = ticker ? map.mapCurrentOpenInterest(ticker, at, instrument) : null;
      return row ? [row] : [];
    });
    written += await ctx.upsert(openInterestTable, rows);
  }
  return written;
}

/** funding/history serves at most 200 rows, the NEWEST of the range, with no cursor. */
const fundingPageLimit = 200;

/**
 * A slice's settlements. Slices are sized so a page cannot fill even at 1 h settlements; should
 * one fill anyway, the older rows it left out are asked for (endTime before its oldest row).
 */
async function fundingHistorySlice(client: BybitClient, symbol: string, slice: TimeWindow): Promise<BybitFundingPoint[]> {
  const points: BybitFundingPoint[] = [];
  let endTime = slice.to.getTime() - 1;
  for (;;) {
    const page = (await client.fundingHistory(symbol, slice.from.getTime(), endTime, fundingPageLimit)).result.list;
    points.push(...page);
    if (page.length < fundingPageLimit) return points;
    const oldest = Math.min(...page.map((p) => Number(p.fundingRateTimestamp)));
    if (!(oldest > slice.from.getTime() && oldest <= endTime)) return points;
    endTime = oldest - 1;
  }
}

async function runFunding(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new BybitClient(ctx.http);
  const list = (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL');
  const now = ctx.clock.now();
  let written = 0;
  const past = untilNow(window, now);
  if (past) {
    for (const instrument of list) {
      await pullHistory(ctx, instrument.symbol, past, fundingHistoryPlan(fundingPageLimit), async (slice) => {
        const points = await fundingHistorySlice(client, instrument.symbol, slice);
        if (points.length === 0) return;
        const earliest = Math.min(...points.map((p) => Number(p.fundingRateTimestamp)));
        const previousAt = await previousFundingAt(ctx.db, instrument, roundToHour(new Date(earliest)));
        written += await ctx.upsert(fundingTable, inWindow(map.mapFundingHistory(points, instrument, previousAt), slice, (r) => r.at));
      });
    }
  }
  if (reachesNow(window, now)) {
    const { bySymbol } = await tickers(client);
    const rows = list.flatMap((instrument) => {
      const ticker = bySymbol.get(instrument.symbol);
      const row = ticker ? map.mapCurrentFunding(ticker, instrument) : null;
      return row ? [row] : [];
    });
    written += await ctx.upsert(fundingTable, rows);
  }
  return written;
}

/** Snapshot: the venue's state now; the window only names the run. */
async function runMarkPrice(ctx: IngestContext): Promise<number> {
  const { at, bySymbol } = await tickers(new BybitClient(ctx.http));
  const rows = (await instruments(ctx)).flatMap((instrument) => {
    const ticker = bySymbol.get(instrument.symbol);
    const row = ticker ? map.mapMarkPrice(ticker, at, instrument) : null;
    return row ? [row] : [];
  });
  return ctx.upsert(markPriceTable, rows);
}

async function runDepth(ctx: IngestContext): Promise<number> {
  const client = new BybitClient(ctx.http);
  const rows = [];
  for (const instrument of await instruments(ctx)) {
    const row = map.mapDepth((await client.orderBook(instrument.symbol)).result, instrument);
    if (row) rows.push(row);
    else ctx.note(`empty book side for ${instrument.symbol}: no depth row`);
  }
  return ctx.upsert(depthTable, rows);
}

async function streamLiquidations(ctx: StreamContext) {
  if (!ctx.endpoints.wsUrl) throw new Error('bybit: no WebSocket URL configured');
  const known = await instrumentsOrDiscover(ctx.db, bybitVenue.slug, () => discoverBybitInstruments(ctx.db, ctx.http));
  const index = await new InstrumentIndex(ctx.db, bybitVenue.slug).load(known);
  const sink = liquidationSink(ctx, index);
  const watched = canaryInstrument(known);
  const collector = new WsCollector({
    name: 'bybit:liquidations',
    url: `${ctx.endpoints.wsUrl}/v5/public/linear`,
    // Sent again after every reconnect: Bybit forgets subscriptions with the connection.
    subscriptions: () => {
      const topics = index.symbols.map((symbol) => `allLiquidation.${symbol}`);
      const requests = [];
      for (let i = 0; i < topics.length; i += topicsPerSubscribe) requests.push({ op: 'subscribe', args: topics.slice(i, i + topicsPerSubscribe) });
      return requests;
    },
    // Bybit drops a public connection after ~10 minutes without its own ping message.
    heartbeat: { intervalMs: 20_000, deadAfterMs: 60_000, ...ctx.settings.heartbeat, message: () => ({ op: 'ping' }) },
    reconnect: ctx.settings.reconnect,
    canary: watched && storedCanary(ctx, bybitCanary(watched.symbol)),
    onMessage: (message) => {
      const push = message as BybitAllLiquidationMessage;
      if (typeof push?.topic !== 'string' || !push.topic.startsWith('allLiquidation.') || !Array.isArray(push.data)) return;
      sink.add(map.mapAllLiquidation(push));
    },
    onError: (error) => ctx.log.warn({ source: 'bybit', err: error.message }, 'liquidation stream problem'),
  }).start();
  return {
    async stop() {
      await collector.stop();
      await sink.close();
    },
  };
}

/**
 * Bybit's IP limit answers HTTP 403 "access too frequent" and asks for at least ten minutes
 * without calls ("Rate Limit Rules": https://bybit-exchange.github.io/docs/v5/rate-limit, read
 * 2026-12-03): a ban for the whole source, not an ordinary error.
 */
export function bybitBan(status: number, body: string): number | null {
  return status === 403 && /too frequent|too many visits/i.test(body) ? 10 * 60_000 : null;
}

export const bybitSource: Source = {
  slug: 'bybit',
  name: 'Bybit linear futures',
  venue: bybitVenue,
  // The IP limit is about 600 requests per 5 s; half of it leaves room for other clients.
  rateLimit: { weight: 300, intervalMs: 5_000 },
  httpPolicy: { ban: bybitBan },
  datasets: {
    instruments: { run: (ctx) => discoverBybitInstruments(ctx.db, ctx.http) },
    'open-interest': { run: runOpenInterest, servesHistory: true },
    funding: { run: runFunding, servesHistory: true },
    'mark-price': { run: runMarkPrice },
    depth: { run: runDepth },
    liquidations: { stream: streamLiquidations },
    positioning: { run: async (ctx, window) => runBybitPositioning(ctx, window, (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL')), servesHistory: true },
  },
};
