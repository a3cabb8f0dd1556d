import { depthTable } from '../../../domains/depth/depth.table';
import { fundingTable } from '../../../domains/funding/funding.table';
import { openInterestTable } from '../../../domains/open-interest/open-interest.table';
import { markPriceTable } from '../../../domains/prices/mark-price.table';
import { Db } from '../../../db/sql';
import { KnownInstrument, retireMissingInstruments, trackedAssets, upsertInstruments, upsertVenue } from '../../catalog';
import { fundingHistoryPlan, previousFundingAt } from '../../funding-interval';
import { pullHistory, inWindow, reachesNow, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { canaryInstrument, InstrumentIndex, instrumentsOrDiscover } from '../../instruments';
import { liquidationSink } from '../../liquidation-stream';
import { clampWindow, dayMs, hourMs, sliceForLimit } from '../../paging';
import { roundToHour } from '../../parse';
import { IngestContext, Source, StreamContext, TimeWindow, VenueDefinition } from '../../source';
import { storedCanary } from '../../stream-silence';
import { WsCollector } from '../../ws';
import { binanceCanary } from './canary';
import { BinanceClient, BinanceForceOrderEvent, BinanceFundingRate, openInterestHistPeriods, OpenInterestHistPeriod } from './client';
import * as map from './map';
import { runBinanceTakerVolume, takerVolumeHistoryMs } from './taker-volume';
import { binanceRatioHistoryMs, runBinancePositioning } from './positioning';

// !forceOrder@arr pushes at most one liquidation per symbol per second: the catalog marks it LOWER_BOUND.
export const binanceVenue: VenueDefinition = { slug: 'binance', name: 'Binance', kind: 'CEX' };

/**
 * Binance routes USDⓈ-M WebSocket traffic by category under the venue root ("Important WebSocket
 * Change Notice"): `/public` (depth, bookTicker), `/market` (forceOrder, markPrice, kline,
 * aggTrade), `/private` (user data). The unrouted legacy URLs (`<root>/ws/...`) were retired on
 * 2026-04-23: they may still accept a connection and then deliver nothing. The configured URL
 * (CASCADE_BINANCE_WS_URL) names the root; choosing the route is this connector's job.
 */
export const liquidationStreamPath = '/market/ws/!forceOrder@arr';

/** Open-interest history granularity: the finest the endpoint serves. */
const openInterestPeriod: OpenInterestHistPeriod = '5m';
/** openInterestHist serves only the latest 30 days; a little margin avoids asking for day 31. */
const openInterestHistoryMs = 30 * dayMs - hourMs;

/** Reads exchangeInfo + fundingInfo and stores venue and tracked-asset instruments. */
export async function discoverBinanceInstruments(db: Db, http: JsonHttpClient): Promise<number> {
  const client = new BinanceClient(http);
  const [info, fundingInfo] = await Promise.all([client.exchangeInfo(), client.fundingInfo()]);
  const assets = await trackedAssets(db);
  const venueId = await upsertVenue(db, binanceVenue);
  const listed = map.mapInstruments(info, fundingInfo, assets);
  const changed = await upsertInstruments(db, venueId, listed);
  // exchangeInfo lists every symbol with its status; one that vanished was removed outright.
  await retireMissingInstruments(db, venueId, listed.map((i) => i.symbol));
  return changed;
}

function instruments(ctx: IngestContext): Promise<KnownInstrument[]> {
  return instrumentsOrDiscover(ctx.db, binanceVenue.slug, () => discoverBinanceInstruments(ctx.db, ctx.http));
}

const perpetuals = (list: KnownInstrument[]) => list.filter((i) => i.contractType === 'PERPETUAL');

async function premiumBySymbol(client: BinanceClient) {
  return new Map((await client.premiumIndexAll()).map((p) => [p.symbol, p]));
}

async function runOpenInterest(ctx: IngestContext, window: { from: Date; to: Date }): Promise<number> {
  const client = new BinanceClient(ctx.http);
  const list = await instruments(ctx);
  const now = ctx.clock.now();
  let written = 0;
  const history = clampWindow(window, new Date(now - openInterestHistoryMs), new Date(now));
  const periodMs = openInterestHistPeriods[openInterestPeriod];
  if (history) {
    for (const instrument of perpetuals(list)) {
      await pullHistory(ctx, instrument.symbol, history, { sliceMs: sliceForLimit(500, periodMs), overlapMs: 2 * periodMs }, async (slice) => {
        const rows = await client.openInterestHist(instrument.symbol, openInterestPeriod, slice.from.getTime(), slice.to.getTime() - 1);
        written += await ctx.upsert(openInterestTable, inWindow(map.mapOpenInterestHist(rows, instrument), slice, (r) => r.at));
      });
    }
  }
  if (reachesNow(window, now)) {
    const premiums = await premiumBySymbol(client);
    const rows = [];
    for (const instrument of list) {
      const premium = premiums.get(instrument.symbol);
      if (!premium) {
        ctx.note(`no mark price for ${instrument.symbol}: current open interest skipped`);
        continue;
      }
      rows.push(map.mapOpenInterest(await client.openInterest(instrument.symbol), Number(premium.markPrice), instrument));
    }
    written += await ctx.upsert(openInterestTable, rows);
  }
  return written;
}

/** fundingRate's maximum `limit`; a range holding more answers its FIRST `limit` rows (ascending). */
const fundingPageLimit = 1000;

/**
 * A slice's settlements. Slices are sized so a page cannot fill even at 1 h settlements; should
 * one fill anyway, the rest is asked for from just after its last row.
 */
async function fundingRateSlice(client: BinanceClient, symbol: string, slice: TimeWindow): Promise<BinanceFundingRate[]> {
  const rows: BinanceFundingRate[] = [];
  let startTime = slice.from.getTime();
  for (;;) {
    const page = await client.fundingRate(symbol, startTime, slice.to.getTime() - 1, fundingPageLimit);
    rows.push(...page);
    if (page.length < fundingPageLimit) return rows;
    const latest = Math.max(...page.map((r) => r.fundingTime));
    if (!(latest >= startTime && latest < slice.to.getTime() - 1)) return rows;
    startTime = latest + 1;
  }
}

async function runFunding(ctx: IngestContext, window: { from: Date; to: Date }): Promise<number> {
  const client = new BinanceClient(ctx.http);
  const list = perpetuals(await instruments(ctx));
  const now = ctx.clock.now();
  let written = 0;
  const past = untilNow(window, now);
  if (past) {
    for (const instrument of list) {
      await pullHistory(ctx, instrument.symbol, past, fundingHistoryPlan(fundingPageLimit), async (slice) => {
        const rows = await fundingRateSlice(client, instrument.symbol, slice);
        if (rows.length === 0) return;
        const earliest = Math.min(...rows.map((r) => r.fundingTime));
        const previousAt = await previousFundingAt(ctx.db, instrument, roundToHour(new Date(earliest)));
        written += await ctx.upsert(fundingTable, inWindow(map.mapFundingHistory(rows, instrument, previousAt), slice, (r) => r.at));
      });
    }
  }
  if (reachesNow(window, now)) {
    const premiums = await premiumBySymbol(client);
    const rows = list.flatMap((instrument) => {
      const premium = premiums.get(instrument.symbol);
      const row = premium ? map.mapCurrentFunding(premium, instrument) : null;
      return row ? [row] : [];
    });
    written += await ctx.upsert(fundingTable, rows);
  }
  return written;
}

/** Snapshot datasets record the venue's state now; the window only names the run. */
async function runMarkPrice(ctx: IngestContext): Promise<number> {
  const premiums = await premiumBySymbol(new BinanceClient(ctx.http));
  const list = await instruments(ctx);
  const rows = list.flatMap((instrument) => {
    const premium = premiums.get(instrument.symbol);
    return premium ? [map.mapMarkPrice(premium, instrument)] : [];
  });
  return ctx.upsert(markPriceTable, rows);
}

async function runDepth(ctx: IngestContext): Promise<number> {
  const client = new BinanceClient(ctx.http);
  const rows = [];
  for (const instrument of await instruments(ctx)) {
    const row = map.mapDepth(await client.depth(instrument.symbol), instrument);
    if (row) rows.push(row);
    else ctx.note(`empty book side for ${instrument.symbol}: no depth row`);
  }
  return ctx.upsert(depthTable, rows);
}

async function streamLiquidations(ctx: StreamContext) {
  if (!ctx.endpoints.wsUrl) throw new Error('binance: no WebSocket URL configured');
  const known = await instrumentsOrDiscover(ctx.db, binanceVenue.slug, () => discoverBinanceInstruments(ctx.db, ctx.http));
  const sink = liquidationSink(ctx, await new InstrumentIndex(ctx.db, binanceVenue.slug).load(known));
  const watched = canaryInstrument(known);
  const collector = new WsCollector({
    name: 'binance:liquidations',
    // The all-market stream needs no subscribe message: the path names it, so a reconnect
    // to the same URL is the resubscription.
    url: `${ctx.endpoints.wsUrl}${liquidationStreamPath}`,
    heartbeat: ctx.settings.heartbeat,
    reconnect: ctx.settings.reconnect,
    canary: watched && storedCanary(ctx, binanceCanary(watched.symbol)),
    onMessage: (message) => {
      // Combined-stream URLs wrap the event as {stream, data}.
      const event = ((message as { data?: unknown }).data ?? message) as BinanceForceOrderEvent;
      if (event?.e !== 'forceOrder' || !event.o) return;
      const liquidation = map.mapForceOrder(event);
      if (liquidation) sink.add([liquidation]);
    },
    onError: (error) => ctx.log.warn({ source: 'binance', err: error.message }, 'liquidation stream problem'),
  }).start();
  return {
    async stop() {
      await collector.stop();
      await sink.close();
    },
  };
}

export const binanceSource: Source = {
  slug: 'binance',
  name: 'Binance USD-M futures',
  venue: binanceVenue,
  // exchangeInfo's REQUEST_WEIGHT limit; kept a little under it for other clients on the IP.
  rateLimit: { weight: 2000, intervalMs: 60_000 },
  // Every answer carries the IP's spent weight this minute (of 2400): the local budget follows it.
  httpPolicy: { usedWeightHeader: 'x-mbx-used-weight-1m', venueWeightLimit: 2400 },
  datasets: {
    instruments: { run: (ctx) => discoverBinanceInstruments(ctx.db, ctx.http) },
    'open-interest': { run: runOpenInterest, historyLimitMs: openInterestHistoryMs, servesHistory: true },
    funding: { run: runFunding, servesHistory: true },
    'mark-price': { run: runMarkPrice },
    depth: { run: runDepth },
    liquidations: { stream: streamLiquidations },
    'taker-volume': { run: async (ctx, window) => runBinanceTakerVolume(ctx, window, perpetuals(await instruments(ctx))), historyLimitMs: takerVolumeHistoryMs, servesHistory: true },
    positioning: { run: async (ctx, window) => runBinancePositioning(ctx, window, perpetuals(await instruments(ctx))), historyLimitMs: binanceRatioHistoryMs, servesHistory: true },
  },
};
