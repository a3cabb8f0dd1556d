import { LongShortRatioDefinition } from '../../../domains/positioning/positioning.definitions';
import { PositioningRatioRow, positioningRatioTable } from '../../../domains/positioning/positioning.table';
import { KnownInstrument } from '../../catalog';
import { inWindow, pullHistory, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { followCursor, minuteMs, sliceForLimit } from '../../paging';
import { msTime, num } from '../../parse';
import { IngestContext, TimeWindow } from '../../source';
import { BybitEnvelope, checkEnvelope } from './client';

/**
 * Bybit v5 "Get Long Short Ratio" (GET /v5/market/account-ratio): per symbol and period,
 * `buyRatio` = holders with long positions / all holders, `sellRatio` likewise for shorts (strings),
 * `timestamp` ms (string). Bybit publishes no ratio itself; its page defines the long-short account
 * ratio as buyRatio / sellRatio, which is what Cascade stores. History from 2020-07-20.
 */
export interface BybitAccountRatio {
  symbol: string;
  buyRatio: string;
  sellRatio: string;
  timestamp: string;
}

/** The finest period served (5min, 15min, 30min, 1h, 4h, 1d). */
export const bybitRatioPeriod = '5min';
const periodMs = 5 * minuteMs;
const pageLimit = 500;

export function fetchBybitAccountRatios(http: JsonHttpClient, symbol: string, startTime: number, endTime: number, cursor?: string): Promise<BybitEnvelope<{ list: BybitAccountRatio[]; nextPageCursor?: string }>> {
  return http.get('/v5/market/account-ratio', {
    weight: 1,
    query: { category: 'linear', symbol, period: bybitRatioPeriod, startTime, endTime, limit: pageLimit, cursor },
    validate: checkEnvelope,
  });
}

export function mapBybitAccountRatios(rows: BybitAccountRatio[], instrument: KnownInstrument): PositioningRatioRow[] {
  return rows.map((row) => {
    const long = num(row.buyRatio, 'buyRatio');
    const short = num(row.sellRatio, 'sellRatio');
    if (short <= 0) throw new Error(`bybit account-ratio: sellRatio ${row.sellRatio} for ${row.symbol} leaves no ratio`);
    return {
      asset_id: instrument.assetId,
      venue_id: instrument.venueId,
      kind: LongShortRatioDefinition.GLOBAL_ACCOUNTS,
      scope: instrument.symbol,
      period: bybitRatioPeriod,
      at: msTime(row.timestamp, 'timestamp'),
      long_short_ratio: long / short,
      long_share: long,
      short_share: short,
      origin: 'BACKFILL',
    };
  });
}

/** "linear (USDT Contract)": the USDT perpetuals only; Bybit publishes no top-trader ratio. */
export async function runBybitPositioning(ctx: IngestContext, window: TimeWindow, perpetuals: KnownInstrument[]): Promise<number> {
  const past = untilNow(window, ctx.clock.now());
  if (!past) return 0;
  let written = 0;
  for (const instrument of perpetuals.filter((i) => i.marginType === 'LINEAR' && i.symbol.endsWith('USDT'))) {
    await pullHistory(ctx, `${instrument.symbol}:account-ratio`, past, { sliceMs: sliceForLimit(pageLimit, periodMs), overlapMs: 2 * periodMs }, async (slice) => {
      const pages = await followCursor(
        (cursor) => fetchBybitAccountRatios(ctx.http, instrument.symbol, slice.from.getTime(), slice.to.getTime() - 1, cursor),
        (page) => page.result?.nextPageCursor,
      );
      const rows = pages.flatMap((page) => mapBybitAccountRatios(page.result?.list ?? [], instrument));
      written += await ctx.upsert(positioningRatioTable, inWindow(rows, slice, (r) => r.at));
    });
  }
  return written;
}
