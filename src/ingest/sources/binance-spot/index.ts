import { candleTable } from '../../../domains/prices/candle.table';
import { sourceCandleTable, toSourceCandles } from '../../../domains/prices/source-candle.table';
import { candleResolutions, candleWindow } from '../../candles';
import { trackedAssets } from '../../catalog';
import { inWindow, pullHistory } from '../../history';
import { HttpError } from '../../http';
import { sliceForLimit } from '../../paging';
import { IngestContext, Source, TimeWindow } from '../../source';
import { BinanceSpotClient, klineIntervals, klinePageLimit } from './client';
import { binanceSpotSlug, mapKlines, spotSymbol } from './map';

/** Binance answers an unknown symbol with HTTP 400 and code -1121. */
function isUnknownSymbol(error: unknown): boolean {
  return error instanceof HttpError && error.status === 400 && error.message.includes('-1121');
}

/**
 * Minute and day candles of every tracked asset's USDT pair. The primary candle source:
 * it writes whatever another source stored for the same minute (kept as a revision). The same
 * candles, in USDT as quoted, go to source_candle under binance-spot (the Coinbase premium).
 */
async function runCandles(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new BinanceSpotClient(ctx.http);
  const now = ctx.clock.now();
  let written = 0;
  for (const [asset, assetId] of await trackedAssets(ctx.db)) {
    const symbol = spotSymbol(asset);
    try {
      for (const { resolution, periodMs } of candleResolutions) {
        const wanted = candleWindow(window, periodMs, now);
        if (!wanted) continue;
        const plan = { sliceMs: sliceForLimit(klinePageLimit, periodMs), overlapMs: periodMs };
        await pullHistory(ctx, `${symbol}:${resolution}`, wanted, plan, async (slice) => {
          const rows = await client.klines(symbol, klineIntervals[resolution], slice.from.getTime(), slice.to.getTime() - 1);
          const candles = inWindow(mapKlines(rows, assetId, resolution, periodMs, now), slice, (c) => c.start);
          written += await ctx.upsert(candleTable, candles);
          written += await ctx.upsert(sourceCandleTable, toSourceCandles(candles, 'USDT'));
        });
      }
    } catch (error) {
      if (!isUnknownSymbol(error)) throw error;
      ctx.note(`binance spot lists no ${symbol}: ${asset} candles skipped`);
    }
  }
  return written;
}

export const binanceSpotSource: Source = {
  slug: binanceSpotSlug,
  name: 'Binance spot (candles)',
  // Spot REQUEST_WEIGHT is 6000 a minute per IP; half is used, the rest left to other clients.
  rateLimit: { weight: 3000, intervalMs: 60_000 },
  datasets: {
    candles: { run: runCandles },
  },
};
