import { CandleResolution, CandleRow, candleTable } from '../../../domains/prices/candle.table';
import { sourceCandleTable, stablecoinRateTable, toSourceCandles } from '../../../domains/prices/source-candle.table';
import { candleResolutions, candleWindow } from '../../candles';
import { trackedAssets } from '../../catalog';
import { inWindow, pullHistory } from '../../history';
import { HttpError } from '../../http';
import { sliceForLimit } from '../../paging';
import { IngestContext, Source, TimeWindow } from '../../source';
import { candleGranularitySeconds, candlePageLimit, CoinbaseClient } from './client';
import { coinbaseSlug, mapCandles, mapStablecoinRates, productId, stablecoinProducts } from './map';

/**
 * The candle table holds one candle per (asset, resolution, minute) whatever its source, so
 * Coinbase is the FALLBACK source there: it fills only candles no other source (Binance spot, the
 * primary) has stored, e.g. where api.binance.com is unreachable. Binance later overwrites a
 * Coinbase candle (the Coinbase one is kept as a revision), never the other way round. Every
 * Coinbase candle is also kept under its own source in source_candle (the Coinbase premium).
 */
async function withoutOtherSources(ctx: IngestContext, candles: CandleRow[], assetId: number, resolution: CandleResolution, slice: TimeWindow): Promise<CandleRow[]> {
  if (candles.length === 0) return candles;
  const taken = await ctx.db.query<{ start: Date }>(
    `SELECT start FROM candle WHERE asset_id = $1 AND resolution = $2 AND start >= $3 AND start < $4 AND source <> $5`,
    [assetId, resolution, slice.from, slice.to, coinbaseSlug],
  );
  const takenMs = new Set(taken.map((row) => row.start.getTime()));
  return candles.filter((candle) => !takenMs.has(candle.start.getTime()));
}

async function runCandles(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const client = new CoinbaseClient(ctx.http);
  const now = ctx.clock.now();
  let written = 0;
  for (const [asset, assetId] of await trackedAssets(ctx.db)) {
    const product = productId(asset);
    try {
      for (const { resolution, periodMs } of candleResolutions) {
        const wanted = candleWindow(window, periodMs, now);
        if (!wanted) continue;
        // At most 300 candles a request, or Coinbase rejects it: slices of 299 periods.
        const plan = { sliceMs: sliceForLimit(candlePageLimit, periodMs), overlapMs: periodMs };
        await pullHistory(ctx, `${product}:${resolution}`, wanted, plan, async (slice) => {
          const rows = await client.candles(product, candleGranularitySeconds[resolution], slice.from, new Date(slice.to.getTime() - 1000));
          const { candles, withoutVolume } = mapCandles(rows, assetId, resolution, periodMs, now);
          if (withoutVolume) ctx.note(`${withoutVolume} ${product} ${resolution} candles came without volume: stored with volume 0`);
          const inSlice = inWindow(candles, slice, (c) => c.start);
          written += await ctx.upsert(sourceCandleTable, toSourceCandles(inSlice, 'USD'));
          written += await ctx.upsert(candleTable, await withoutOtherSources(ctx, inSlice, assetId, resolution, slice));
        });
      }
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 404)) throw error;
      ctx.note(`coinbase lists no ${product}: ${asset} candles skipped`);
    }
  }
  return written + (await runStablecoinRates(ctx, client, window, now));
}

/**
 * The USD price of USDT (Coinbase Exchange USDT-USD), minute and day candles: what puts Binance's
 * USDT quotes on a USD footing for the Coinbase premium (docs/analytics.md). Pulled in the candles
 * run, from the same endpoint, with the same paging.
 */
async function runStablecoinRates(ctx: IngestContext, client: CoinbaseClient, window: TimeWindow, now: number): Promise<number> {
  let written = 0;
  for (const { currency, product } of stablecoinProducts) {
    try {
      for (const { resolution, periodMs } of candleResolutions) {
        const wanted = candleWindow(window, periodMs, now);
        if (!wanted) continue;
        const plan = { sliceMs: sliceForLimit(candlePageLimit, periodMs), overlapMs: periodMs };
        await pullHistory(ctx, `${product}:${resolution}`, wanted, plan, async (slice) => {
          const rows = await client.candles(product, candleGranularitySeconds[resolution], slice.from, new Date(slice.to.getTime() - 1000));
          written += await ctx.upsert(stablecoinRateTable, inWindow(mapStablecoinRates(rows, currency, resolution, periodMs, now), slice, (r) => r.start));
        });
      }
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 404)) throw error;
      ctx.note(`coinbase lists no ${product}: the ${currency} rate is not collected`);
    }
  }
  return written;
}

export const coinbaseSource: Source = {
  slug: coinbaseSlug,
  name: 'Coinbase Exchange (candles)',
  // Public endpoints: 10 requests a second per IP (bursts of 15); half is used.
  rateLimit: { weight: 5, intervalMs: 1_000 },
  datasets: {
    candles: { run: runCandles },
  },
};
