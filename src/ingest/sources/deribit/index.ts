import { depthTable } from '../../../domains/depth/depth.table';
import { fundingTable } from '../../../domains/funding/funding.table';
import { openInterestTable } from '../../../domains/open-interest/open-interest.table';
import { markPriceTable } from '../../../domains/prices/mark-price.table';
import { Db } from '../../../db/sql';
import { KnownInstrument, retireMissingInstruments, trackedAssets, upsertInstruments, upsertVenue } from '../../catalog';
import { inWindow, pullHistory, reachesNow, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { instrumentsOrDiscover } from '../../instruments';
import { dayMs, hourMs } from '../../paging';
import { optNum } from '../../parse';
import { IngestContext, Source, TimeWindow, VenueDefinition } from '../../source';
import { DeribitBookSummary, DeribitClient, deribitCurrencies, DeribitInstrument } from './client';
import { streamDeribitLiquidations } from './liquidations';
import * as map from './map';

export const deribitVenue: VenueDefinition = { slug: 'deribit', name: 'Deribit', kind: 'CEX' };

/**
 * get_funding_rate_history does not document a row cap; a week (168 hourly rows) per call
 * stays far below any plausible one.
 */
const fundingSliceMs = 7 * dayMs;

/** Reads get_instruments for each settlement currency and stores the tracked futures. */
export async function discoverDeribitInstruments(db: Db, http: JsonHttpClient): Promise<number> {
  const client = new DeribitClient(http);
  const list: DeribitInstrument[] = [];
  for (const currency of deribitCurrencies) list.push(...(await client.instruments(currency)));
  const assets = await trackedAssets(db);
  const venueId = await upsertVenue(db, deribitVenue);
  const listed = map.mapInstruments(list, assets);
  const changed = await upsertInstruments(db, venueId, listed);
  // expired=false lists live instruments only: an expired future drops out and is retired.
  await retireMissingInstruments(db, venueId, listed.map((i) => i.symbol));
  return changed;
}

function instruments(ctx: IngestContext): Promise<KnownInstrument[]> {
  return instrumentsOrDiscover(ctx.db, deribitVenue.slug, () => discoverDeribitInstruments(ctx.db, ctx.http));
}

/** Book summaries of the known instruments (one call per settlement currency). */
async function summaries(ctx: IngestContext): Promise<Array<{ instrument: KnownInstrument; summary: DeribitBookSummary }>> {
  const client = new DeribitClient(ctx.http);
  const byName = new Map<string, DeribitBookSummary>();
  for (const currency of deribitCurrencies) {
    for (const summary of await client.bookSummaries(currency)) byName.set(summary.instrument_name, summary);
  }
  return (await instruments(ctx)).flatMap((instrument) => {
    const summary = byName.get(instrument.symbol);
    return summary ? [{ instrument, summary }] : [];
  });
}

async function runOpenInterest(ctx: IngestContext, window: TimeWindow): Promise<number> {
  if (!reachesNow(window, ctx.clock.now())) {
    ctx.note('deribit serves current open interest only: nothing to read for a past window');
    return 0;
  }
  const rows = [];
  for (const { instrument, summary } of await summaries(ctx)) {
    const row = map.mapOpenInterest(summary, instrument);
    if (row) rows.push(row);
    else ctx.note(`no mark price for ${instrument.symbol}: open interest skipped`);
  }
  return ctx.upsert(openInterestTable, rows);
}

/** Hourly history of the perpetuals (dated futures pay no funding). */
async function runFunding(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const past = untilNow(window, ctx.clock.now());
  if (!past) return 0;
  const client = new DeribitClient(ctx.http);
  let written = 0;
  for (const instrument of (await instruments(ctx)).filter((i) => i.contractType === 'PERPETUAL')) {
    await pullHistory(ctx, instrument.symbol, past, { sliceMs: fundingSliceMs, overlapMs: hourMs }, async (slice) => {
      const rows = await client.fundingRateHistory(instrument.symbol, slice.from.getTime(), slice.to.getTime() - 1);
      written += await ctx.upsert(fundingTable, inWindow(map.mapFundingHistory(rows, instrument), slice, (r) => r.at));
    });
  }
  return written;
}

/**
 * Marks from the book summaries, each with its index from get_index_price read in the same run
 * (one call per index: btc_usd, eth_usd, btc_usdc…), for the premium and the basis.
 */
async function runMarkPrice(ctx: IngestContext): Promise<number> {
  const client = new DeribitClient(ctx.http);
  // An instrument without a mark stores no row: its index is not asked.
  const found = (await summaries(ctx)).filter(({ summary }) => summary.mark_price !== null && summary.mark_price !== undefined);
  const indexes = new Map<string, number | null>();
  for (const name of new Set(found.map(({ instrument }) => map.indexName(instrument.symbol)))) {
    indexes.set(name, optNum((await client.indexPrice(name))?.index_price, 'index_price'));
  }
  const rows = found.flatMap(({ instrument, summary }) => {
    const row = map.mapMarkPrice(summary, instrument, indexes.get(map.indexName(instrument.symbol)) ?? null);
    return row ? [row] : [];
  });
  return ctx.upsert(markPriceTable, rows);
}

async function runDepth(ctx: IngestContext): Promise<number> {
  const client = new DeribitClient(ctx.http);
  const rows = [];
  for (const instrument of await instruments(ctx)) {
    const row = map.mapDepth(await client.orderBook(instrument.symbol), instrument);
    if (row) rows.push(row);
    else ctx.note(`empty book side for ${instrument.symbol}: no depth row`);
  }
  return ctx.upsert(depthTable, rows);
}

export const deribitSource: Source = {
  slug: 'deribit',
  name: 'Deribit futures',
  venue: deribitVenue,
  // Non-trading calls refill at about 20 a second; half of it is used.
  rateLimit: { weight: 10, intervalMs: 1_000 },
  datasets: {
    instruments: { run: (ctx) => discoverDeribitInstruments(ctx.db, ctx.http) },
    'open-interest': { run: runOpenInterest },
    funding: { run: runFunding, servesHistory: true },
    'mark-price': { run: runMarkPrice },
    depth: { run: runDepth },
    // Every trade carries the liquidation flag, so the feed is complete (see liquidations.ts).
    liquidations: { stream: (ctx) => streamDeribitLiquidations(ctx, () => discoverDeribitInstruments(ctx.db, ctx.http)) },
  },
};
