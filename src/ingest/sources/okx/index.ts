import { depthTable } from '../../../domains/depth/depth.table';
import { fundingTable } from '../../../domains/funding/funding.table';
import { LiquidationRow } from '../../../domains/liquidations/liquidation.writer';
import { openInterestTable } from '../../../domains/open-interest/open-interest.table';
import { markPriceTable } from '../../../domains/prices/mark-price.table';
import { Db } from '../../../db/sql';
import { KnownInstrument, retireMissingInstruments, trackedAssets, upsertInstruments, upsertVenue } from '../../catalog';
import { fundingHistoryPlan, previousFundingAt } from '../../funding-interval';
import { inWindow, pullHistory, reachesNow, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { canaryInstrument, InstrumentIndex, instrumentsOrDiscover } from '../../instruments';
import { liquidationRow, liquidationSink } from '../../liquidation-stream';
import { clampWindow, dayMs, hourMs } from '../../paging';
import { msTime, num, roundToHour } from '../../parse';
import { IngestContext, Source, StreamContext, TimeWindow, VenueDefinition } from '../../source';
import { storedCanary } from '../../stream-silence';
import { WsCollector } from '../../ws';
import { okxCanary } from './canary';
import { OkxClient, OkxFundingHistoryRow, OkxLiquidationPush, okxLiquidationSubscription, okxPageLimit } from './client';
import * as map from './map';
import { okxTakerVolumeHistoryMs, runOkxTakerVolume } from './taker-volume';
import { okxRatioHistoryMs, runOkxPositioning } from './positioning';

export const okxVenue: VenueDefinition = { slug: 'okx', name: 'OKX', kind: 'CEX' };

/** A venue bug must not loop a job forever: at most this many pages per cursor walk. */
const maxPages = 50;

/**
 * funding-rate-history serves the last three months (OKX API v5, Get funding rate history; the
 * catalog's historyLimit). Three months are at least 89 days; an hour's margin keeps a window
 * from asking for a settlement the venue has just dropped.
 */
const fundingHistoryMs = 89 * dayMs - hourMs;

/**
 * Reads the SWAP and FUTURES listings and each tracked swap's funding interval, and stores them.
 * Dated futures are listed for their marks (basis over the index); an expired one drops out of
 * the listing and is retired.
 */
export async function discoverOkxInstruments(db: Db, http: JsonHttpClient): Promise<number> {
  const client = new OkxClient(http);
  const list = [...(await client.instruments('SWAP')), ...(await client.instruments('FUTURES'))];
  const assets = await trackedAssets(db);
  // The listing has no funding interval: the funding-rate endpoint gives it per swap.
  const intervals = new Map<string, number>();
  for (const listed of map.mapInstruments(list, assets, intervals).filter((i) => i.contractType === 'PERPETUAL')) {
    const [rate] = await client.fundingRate(listed.symbol);
    const hours = rate ? map.fundingIntervalHours(rate) : null;
    if (hours) intervals.set(listed.symbol, hours);
  }
  const venueId = await upsertVenue(db, okxVenue);
  const listed = map.mapInstruments(list, assets, intervals);
  const changed = await upsertInstruments(db, venueId, listed);
  await retireMissingInstruments(db, venueId, listed.map((i) => i.symbol));
  return changed;
}

function instruments(ctx: Pick<IngestContext, 'db' | 'http'>): Promise<KnownInstrument[]> {
  return instrumentsOrDiscover(ctx.db, okxVenue.slug, () => discoverOkxInstruments(ctx.db, ctx.http));
}

/** The swaps only: open interest, funding, depth and liquidations are read for them alone. */
async function swaps(ctx: Pick<IngestContext, 'db' | 'http'>): Promise<KnownInstrument[]> {
  return (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL');
}

async function markPrices(client: OkxClient): Promise<Map<string, number>> {
  return new Map((await client.markPrices()).map((m) => [m.instId, num(m.markPx, 'markPx')]));
}

/** OKX's public open-interest endpoint is a snapshot: only a window reaching now has something to read. */
async function runOpenInterest(ctx: IngestContext, window: TimeWindow): Promise<number> {
  if (!reachesNow(window, ctx.clock.now())) {
    ctx.note('okx serves current open interest only: nothing to read for a past window');
    return 0;
  }
  const client = new OkxClient(ctx.http);
  const known = new Map((await instruments(ctx)).map((i) => [i.symbol, i]));
  const rows = (await client.openInterest()).filter((row) => known.has(row.instId));
  // Mark prices only when a linear row came without oiUsd.
  const needsMark = rows.some((row) => !row.oiUsd && known.get(row.instId)!.marginType === 'LINEAR');
  const marks = needsMark ? await markPrices(client) : new Map<string, number>();
  const mapped = [];
  for (const row of rows) {
    const stored = map.mapOpenInterest(row, known.get(row.instId)!, marks.get(row.instId));
    if (stored) mapped.push(stored);
    else ctx.note(`no oiUsd and no mark price for ${row.instId}: open interest skipped`);
  }
  return ctx.upsert(openInterestTable, mapped);
}

/**
 * A slice's settlements, one per `fundingTime`. Slices are sized so a page cannot fill even at
 * 1 h settlements; should one fill anyway, pages go on `after` its oldest row until the slice's
 * start is reached.
 */
async function fundingHistoryOf(client: OkxClient, instId: string, slice: TimeWindow): Promise<OkxFundingHistoryRow[]> {
  const rows = new Map<string, OkxFundingHistoryRow>();
  let after = slice.to.getTime();
  for (let page = 0; page < maxPages; page++) {
    const batch = await client.fundingRateHistory(instId, after);
    for (const row of batch) if (!rows.has(row.fundingTime)) rows.set(row.fundingTime, row);
    if (batch.length < okxPageLimit) break;
    const oldest = Math.min(...batch.map((row) => msTime(row.fundingTime, 'fundingTime').getTime()));
    if (oldest <= slice.from.getTime() || oldest >= after) break;
    after = oldest;
  }
  return [...rows.values()];
}

async function runFunding(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new OkxClient(ctx.http);
  const list = await swaps(ctx);
  const now = ctx.clock.now();
  let written = 0;
  // Earlier than the venue serves, pages come back empty: not asked (the run notes the shortfall).
  const served = untilNow(window, now);
  const past = served && clampWindow(served, new Date(now - fundingHistoryMs), new Date(now));
  if (past) {
    for (const instrument of list) {
      await pullHistory(ctx, instrument.symbol, past, fundingHistoryPlan(okxPageLimit), async (slice) => {
        const settled = await fundingHistoryOf(client, instrument.symbol, slice);
        if (settled.length === 0) return;
        const earliest = Math.min(...settled.map((row) => msTime(row.fundingTime, 'fundingTime').getTime()));
        const previousAt = await previousFundingAt(ctx.db, instrument, roundToHour(new Date(earliest)));
        written += await ctx.upsert(fundingTable, inWindow(map.mapFundingHistory(settled, instrument, previousAt), slice, (r) => r.at));
      });
    }
  }
  if (reachesNow(window, now)) {
    const rows = [];
    for (const instrument of list) {
      const [rate] = await client.fundingRate(instrument.symbol);
      const settlesAt = rate ? map.currentSettlement(rate) : null;
      if (!rate || !settlesAt) continue;
      const row = map.mapCurrentFunding(rate, instrument, await previousFundingAt(ctx.db, instrument, settlesAt));
      if (row) rows.push(row);
    }
    written += await ctx.upsert(fundingTable, rows);
  }
  return written;
}

/**
 * Snapshot: the venue's marks now (swaps, and dated futures when any is listed), each with the
 * index of its family read in the same run from index-tickers (one call per quote currency:
 * USD for inverse contracts, USDT or USDC for linear ones); the window only names the run.
 */
async function runMarkPrice(ctx: IngestContext): Promise<number> {
  const client = new OkxClient(ctx.http);
  const list = await instruments(ctx);
  const known = new Map(list.map((i) => [i.symbol, i]));
  const marks = await client.markPrices('SWAP');
  if (list.some((i) => i.contractType === 'FUTURE')) marks.push(...(await client.markPrices('FUTURES')));
  const tracked = marks.filter((m) => known.has(m.instId));
  const indexes = new Map<string, number>();
  for (const quote of new Set(tracked.map((m) => map.indexQuote(m.instId)))) {
    for (const [id, price] of map.indexPrices(await client.indexTickers(quote))) indexes.set(id, price);
  }
  const rows = tracked.map((m) => map.mapMarkPrice(m, known.get(m.instId)!, indexes));
  const unindexed = rows.filter((r) => r.index_price === null).length;
  if (unindexed > 0) ctx.note(`${unindexed} mark price(s) without their family's index in index-tickers: index_price null`);
  return ctx.upsert(markPriceTable, rows);
}

async function runDepth(ctx: IngestContext): Promise<number> {
  const client = new OkxClient(ctx.http);
  const rows = [];
  for (const instrument of await swaps(ctx)) {
    const book = await client.book(instrument.symbol);
    const row = book ? map.mapDepth(book, instrument) : null;
    if (row) rows.push(row);
    else ctx.note(`empty book side for ${instrument.symbol}: no depth row`);
  }
  return ctx.upsert(depthTable, rows);
}

/**
 * OKX's public `liquidation-orders` channel, every swap on one subscription: at most one order
 * per contract per second, so what it delivers is a lower bound of the liquidations. OKX drops
 * a connection that hears nothing for 30 s: the text "ping" goes out every 20 s, "pong" answers.
 */
async function streamLiquidations(ctx: StreamContext) {
  if (!ctx.endpoints.wsUrl) throw new Error('okx: no WebSocket URL configured');
  const known = await instruments(ctx);
  const index = await new InstrumentIndex(ctx.db, okxVenue.slug).load(known);
  const sink = liquidationSink(ctx, index);
  const watched = canaryInstrument(known);
  const collector = new WsCollector({
    name: 'okx:liquidations',
    url: `${ctx.endpoints.wsUrl}/ws/v5/public`,
    // Sent again after every reconnect: OKX forgets subscriptions with the connection.
    subscriptions: () => [okxLiquidationSubscription],
    heartbeat: { intervalMs: 20_000, deadAfterMs: 60_000, ...ctx.settings.heartbeat, message: () => 'ping', textReply: 'pong' },
    reconnect: ctx.settings.reconnect,
    canary: watched && storedCanary(ctx, okxCanary(watched.symbol)),
    onMessage: (message) => {
      const push = message as Partial<OkxLiquidationPush> & { event?: string; msg?: string; code?: string };
      if (push?.event === 'error') ctx.log.warn({ source: 'okx', code: push.code, err: push.msg }, 'liquidation subscription refused');
      if (push?.arg?.channel !== 'liquidation-orders' || !Array.isArray(push.data)) return;
      sink.add(map.mapLiquidations(push.data));
    },
    onError: (error) => ctx.log.warn({ source: 'okx', err: error.message }, 'liquidation stream problem'),
  }).start();
  return {
    async stop() {
      await collector.stop();
      await sink.close();
    },
  };
}

/**
 * Liquidations over REST, behind the stream: `GET /api/v5/public/liquidation-orders` is no
 * longer in OKX's public-data REST pages, so it only fills what the stream missed (a reconnect)
 * while it still answers; an event read both ways has one key. OKX keeps a short rolling
 * history, so this runs every minute. Pages go from the window's end towards older events; each
 * next cursor is the oldest stamp seen + 1 ms, so events sharing that millisecond are read again
 * (duplicates are dropped by event key) rather than skipped.
 */
async function runLiquidations(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new OkxClient(ctx.http);
  const list = await swaps(ctx);
  const bySymbol = new Map(list.map((i) => [i.symbol, i]));
  const rows = new Map<string, LiquidationRow>();
  for (const family of new Set(list.map((i) => map.instrumentFamily(i.symbol)))) {
    let after = window.to.getTime();
    for (let page = 0; page < maxPages; page++) {
      const events = map.mapLiquidations(await client.liquidationOrders(family, after));
      if (events.length === 0) break;
      for (const event of inWindow(events, window, (e) => e.occurredAt)) {
        const instrument = bySymbol.get(event.symbol);
        const row = instrument ? liquidationRow(instrument, event) : null;
        if (row) rows.set(row.event_key, row);
      }
      const oldest = Math.min(...events.map((e) => e.occurredAt.getTime()));
      if (oldest < window.from.getTime()) break;
      // Same-millisecond events beyond a full page would repeat forever: then step past them.
      after = oldest + 1 < after ? oldest + 1 : oldest;
    }
  }
  return ctx.insertLiquidations([...rows.values()]);
}

export const okxSource: Source = {
  slug: 'okx',
  name: 'OKX perpetual swaps and dated futures',
  venue: okxVenue,
  // Public market endpoints allow 10–40 requests per 2 s each; the tightest is kept for all.
  rateLimit: { weight: 10, intervalMs: 2_000 },
  datasets: {
    instruments: { run: (ctx) => discoverOkxInstruments(ctx.db, ctx.http) },
    'open-interest': { run: runOpenInterest },
    funding: { run: runFunding, historyLimitMs: fundingHistoryMs, servesHistory: true },
    'mark-price': { run: runMarkPrice },
    depth: { run: runDepth },
    liquidations: { run: runLiquidations, stream: streamLiquidations, servesHistory: true },
    'taker-volume': { run: async (ctx, window) => runOkxTakerVolume(ctx, window, (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL')), historyLimitMs: okxTakerVolumeHistoryMs, servesHistory: true },
    positioning: { run: async (ctx, window) => runOkxPositioning(ctx, window, (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL')), historyLimitMs: okxRatioHistoryMs, servesHistory: true },
  },
};
