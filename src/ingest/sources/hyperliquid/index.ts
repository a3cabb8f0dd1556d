import { depthTable } from '../../../domains/depth/depth.table';
import { fundingTable } from '../../../domains/funding/funding.table';
import { openInterestTable } from '../../../domains/open-interest/open-interest.table';
import { markPriceTable } from '../../../domains/prices/mark-price.table';
import { Db } from '../../../db/sql';
import { KnownInstrument, retireMissingInstruments, trackedAssets, upsertInstruments, upsertVenue } from '../../catalog';
import { inWindow, pullHistory, reachesNow, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { instrumentsOrDiscover } from '../../instruments';
import { hourMs, sliceForLimit } from '../../paging';
import { msTime } from '../../parse';
import { IngestContext, Source, TimeWindow, VenueDefinition } from '../../source';
import { depthBandsOf } from '../../depth';
import { fundingPageLimit, HyperliquidClient, HyperliquidFundingRow, HyperliquidL2Book, L2BookSigFigs } from './client';
import * as map from './map';

export const hyperliquidVenue: VenueDefinition = { slug: 'hyperliquid', name: 'Hyperliquid', kind: 'DEX' };

/** A venue bug must not loop a job forever. */
const maxPages = 50;

/** Reads metaAndAssetCtxs and stores the tracked, listed perps (delisted ones are retired). */
export async function discoverHyperliquidInstruments(db: Db, http: JsonHttpClient): Promise<number> {
  const pairs = map.pairUniverse(await new HyperliquidClient(http).metaAndAssetCtxs());
  const assets = await trackedAssets(db);
  const venueId = await upsertVenue(db, hyperliquidVenue);
  const listed = map.mapInstruments(pairs, assets);
  const changed = await upsertInstruments(db, venueId, listed);
  await retireMissingInstruments(db, venueId, listed.map((i) => i.symbol));
  return changed;
}

function instruments(ctx: IngestContext): Promise<KnownInstrument[]> {
  return instrumentsOrDiscover(ctx.db, hyperliquidVenue.slug, () => discoverHyperliquidInstruments(ctx.db, ctx.http));
}

/** Current contexts of the known instruments, by coin. */
async function contexts(ctx: IngestContext) {
  const pairs = map.pairUniverse(await new HyperliquidClient(ctx.http).metaAndAssetCtxs());
  const byCoin = new Map(pairs.map((p) => [p.entry.name, p.ctx]));
  return (await instruments(ctx)).flatMap((instrument) => {
    const found = byCoin.get(instrument.symbol);
    return found ? [{ instrument, ctx: found }] : [];
  });
}

/** Hyperliquid stamps none of its contexts: snapshots carry the time the run started. */
async function runOpenInterest(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const at = new Date(ctx.clock.now());
  if (!reachesNow(window, at.getTime())) {
    ctx.note('hyperliquid serves current open interest only: nothing to read for a past window');
    return 0;
  }
  const rows = (await contexts(ctx)).map(({ instrument, ctx: asset }) => map.mapOpenInterest(asset, instrument, at));
  return ctx.upsert(openInterestTable, rows);
}

/**
 * fundingHistory caps its answer (500 rows, oldest first); a slice holds fewer, but the cap is
 * not relied on: while the last row is more than an hour before the slice's end, the next
 * page is read from the last row's time + 1 ms.
 */
async function fundingHistoryOf(client: HyperliquidClient, coin: string, slice: TimeWindow): Promise<HyperliquidFundingRow[]> {
  const rows: HyperliquidFundingRow[] = [];
  const end = slice.to.getTime() - 1;
  let start = slice.from.getTime();
  for (let page = 0; page < maxPages; page++) {
    const batch = await client.fundingHistory(coin, start, end);
    rows.push(...batch);
    if (batch.length === 0) break;
    const last = Math.max(...batch.map((row) => msTime(row.time, 'time').getTime()));
    if (last + hourMs > end || last + 1 <= start) break;
    start = last + 1;
  }
  return rows;
}

async function runFunding(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new HyperliquidClient(ctx.http);
  const now = ctx.clock.now();
  let written = 0;
  const past = untilNow(window, now);
  if (past) {
    for (const instrument of await instruments(ctx)) {
      await pullHistory(ctx, instrument.symbol, past, { sliceMs: sliceForLimit(fundingPageLimit, hourMs), overlapMs: hourMs }, async (slice) => {
        const rows = map.mapFundingHistory(await fundingHistoryOf(client, instrument.symbol, slice), instrument);
        written += await ctx.upsert(fundingTable, inWindow(rows, slice, (r) => r.at));
      });
    }
  }
  if (reachesNow(window, now)) {
    const rows = (await contexts(ctx)).map(({ instrument, ctx: asset }) => map.mapCurrentFunding(asset, instrument, new Date(now)));
    written += await ctx.upsert(fundingTable, rows);
  }
  return written;
}

async function runMarkPrice(ctx: IngestContext): Promise<number> {
  const at = new Date(ctx.clock.now());
  const rows = (await contexts(ctx)).map(({ instrument, ctx: asset }) => map.mapMarkPrice(asset, instrument, at));
  return ctx.upsert(markPriceTable, rows);
}

/**
 * l2Book serves 20 levels a side, far short of ±2 % on a liquid coin: coarser aggregated books
 * (nSigFigs) are read until every band is reached or the ladder ends; a band still unreached is
 * stored unknown, with the reason (src/ingest/depth.ts).
 */
async function bookLadder(client: HyperliquidClient, coin: string) {
  const books: Array<{ book: HyperliquidL2Book; nSigFigs: L2BookSigFigs }> = [];
  for (const nSigFigs of map.depthBookLadder) {
    const book = await client.l2Book(coin, nSigFigs);
    if (!book) break;
    books.push({ book, nSigFigs });
    const bands = depthBandsOf(books.map((b) => map.fetchedBook(b.book, b.nSigFigs)));
    if (!bands || bands.gap === null) break;
  }
  return books;
}

async function runDepth(ctx: IngestContext): Promise<number> {
  const client = new HyperliquidClient(ctx.http);
  const rows = [];
  for (const instrument of await instruments(ctx)) {
    const row = map.mapDepth(await bookLadder(client, instrument.symbol), instrument);
    if (row) rows.push(row);
    else ctx.note(`empty book side for ${instrument.symbol}: no depth row`);
    if (row?.depth_gap) ctx.note(`${instrument.symbol} depth: ${row.depth_gap}`);
  }
  return ctx.upsert(depthTable, rows);
}

export const hyperliquidSource: Source = {
  slug: 'hyperliquid',
  name: 'Hyperliquid perpetuals',
  venue: hyperliquidVenue,
  // 1200 weight a minute per IP (Hyperliquid's docs); a share is left to other clients.
  rateLimit: { weight: 1000, intervalMs: 60_000 },
  datasets: {
    instruments: { run: (ctx) => discoverHyperliquidInstruments(ctx.db, ctx.http) },
    'open-interest': { run: runOpenInterest },
    funding: { run: runFunding },
    'mark-price': { run: runMarkPrice },
    depth: { run: runDepth },
  },
};
