import { LongShortRatioDefinition } from '../../../domains/positioning/positioning.definitions';
import { PositioningRatioRow, positioningRatioTable } from '../../../domains/positioning/positioning.table';
import { KnownInstrument } from '../../catalog';
import { inWindow, pullHistory, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { clampWindow, dayMs, hourMs, minuteMs, sliceForLimit } from '../../paging';
import { msTime, num } from '../../parse';
import { IngestContext, TimeWindow } from '../../source';

/**
 * Binance USDⓈ-M long/short ratios (Market Data, "Long/Short Ratio", "Top Trader Long/Short
 * Ratio (Accounts)", "Top Trader Long/Short Ratio (Positions)"): one row per symbol and period,
 * `longAccount`/`shortAccount` the shares (on the positions endpoint too, where they are shares of
 * position size), `longShortRatio` their ratio, `timestamp` ms (a string in the docs' example,
 * a number as served: both accepted). Only the latest 30 days are served.
 */
export interface BinanceLongShortRatio {
  symbol: string;
  longShortRatio: string;
  longAccount: string;
  shortAccount: string;
  timestamp: number | string;
}

export const binanceRatioPaths: Record<LongShortRatioDefinition, string> = {
  GLOBAL_ACCOUNTS: '/futures/data/globalLongShortAccountRatio',
  TOP_TRADER_ACCOUNTS: '/futures/data/topLongShortAccountRatio',
  TOP_TRADER_POSITIONS: '/futures/data/topLongShortPositionRatio',
};

/** The finest period the three endpoints serve ("5m","15m",…,"1d"). */
export const binanceRatioPeriod = '5m';
const periodMs = 5 * minuteMs;
/** `limit` max 500, and the first rows of the range are answered: slices hold fewer. */
const pageLimit = 500;
/** Only the latest 30 days are served; a little margin avoids asking for day 31. */
export const binanceRatioHistoryMs = 30 * dayMs - hourMs;

/** Weight 0 officially; /futures/data shares an IP cap (1000 per 5 minutes), so each call counts 1. */
export function fetchBinanceRatios(http: JsonHttpClient, definition: LongShortRatioDefinition, symbol: string, startTime: number, endTime: number): Promise<BinanceLongShortRatio[]> {
  return http.get(binanceRatioPaths[definition], { weight: 1, query: { symbol, period: binanceRatioPeriod, startTime, endTime, limit: pageLimit } });
}

export function mapBinanceRatios(rows: BinanceLongShortRatio[], definition: LongShortRatioDefinition, instrument: KnownInstrument): PositioningRatioRow[] {
  return rows.map((row) => ({
    asset_id: instrument.assetId,
    venue_id: instrument.venueId,
    kind: definition,
    scope: instrument.symbol,
    period: binanceRatioPeriod,
    at: msTime(row.timestamp, 'timestamp'),
    long_short_ratio: num(row.longShortRatio, 'longShortRatio'),
    long_share: num(row.longAccount, 'longAccount'),
    short_share: num(row.shortAccount, 'shortAccount'),
    origin: 'BACKFILL',
  }));
}

/** Every perpetual's three ratios over the part of the window the venue still serves. */
export async function runBinancePositioning(ctx: IngestContext, window: TimeWindow, perpetuals: KnownInstrument[]): Promise<number> {
  const now = ctx.clock.now();
  const past = untilNow(window, now);
  const history = past && clampWindow(past, new Date(now - binanceRatioHistoryMs), new Date(now));
  if (!history) {
    ctx.note('positioning: the window is older than the 30 days Binance serves');
    return 0;
  }
  let written = 0;
  for (const instrument of perpetuals) {
    for (const definition of Object.keys(binanceRatioPaths) as LongShortRatioDefinition[]) {
      await pullHistory(ctx, `${instrument.symbol}:${definition}`, history, { sliceMs: sliceForLimit(pageLimit, periodMs), overlapMs: 2 * periodMs }, async (slice) => {
        const rows = await fetchBinanceRatios(ctx.http, definition, instrument.symbol, slice.from.getTime(), slice.to.getTime() - 1);
        written += await ctx.upsert(positioningRatioTable, inWindow(mapBinanceRatios(rows, definition, instrument), slice, (r) => r.at));
      });
    }
  }
  return written;
}
