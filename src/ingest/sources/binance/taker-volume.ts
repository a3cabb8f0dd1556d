import { TakerVolumeRow, takerVolumePeriodMs, takerVolumeTable } from '../../../domains/taker-volume/taker-volume.table';
import { KnownInstrument } from '../../catalog';
import { inWindow, pullHistory } from '../../history';
import { JsonHttpClient } from '../../http';
import { clampWindow, dayMs, hourMs, sliceForLimit } from '../../paging';
import { msTime, num } from '../../parse';
import { IngestContext, TimeWindow } from '../../source';

/**
 * Binance USDⓈ-M "Taker Buy/Sell Volume" (GET /futures/data/takerlongshortRatio), converted to
 * USD with the same contract's own 5-minute kline (GET /fapi/v1/klines). docs/analytics.md,
 * "Aggressor flow", has the definition; docs/data-sources.md the pages and the day read.
 */

/** One period of takerlongshortRatio, as documented: every number a string, `timestamp` ms (string or number). */
export interface BinanceTakerVolume {
  buySellRatio: string;
  /** Base asset (coins): the page gives no unit; see `mapTakerVolume`. */
  buyVol: string;
  sellVol: string;
  timestamp: number | string;
}

/**
 * A kline, as documented: [open time, open, high, low, close, volume (base), close time,
 * quote asset volume, trades, taker buy base volume, taker buy quote volume, ignore].
 */
export type BinanceKline = [number, string, string, string, string, string, number, string, number, string, string, string];

/** Both endpoints are read at their finest period. */
const period = '5m';
/** Both serve at most 500 rows a call (klines more, but 500 keeps the kline weight at 5). */
const pageLimit = 500;
/** takerlongshortRatio serves only the latest 30 days; an hour's margin avoids asking for day 31. */
export const takerVolumeHistoryMs = 30 * dayMs - hourMs;

/** Kline weight by limit, per the docs: [1,100) 1, [100,500) 2, [500,1000] 5, above 10. */
function klineWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

export class BinanceTakerVolumeClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** Weight 0 officially; /futures/data has its own IP cap (1000 per 5 min), so each call counts 1. */
  takerVolume(symbol: string, startTime: number, endTime: number, limit = pageLimit): Promise<BinanceTakerVolume[]> {
    return this.http.get('/futures/data/takerlongshortRatio', { weight: 1, query: { symbol, period, startTime, endTime, limit } });
  }

  klines(symbol: string, startTime: number, endTime: number, limit = pageLimit): Promise<BinanceKline[]> {
    return this.http.get('/fapi/v1/klines', { weight: klineWeight(limit), query: { symbol, interval: period, startTime, endTime, limit } });
  }
}

/**
 * The period's volume-weighted price in USD per coin: quote volume ÷ base volume of the kline
 * opening at the period's start (USDT/USDC at par). A period without trades has no VWAP; its
 * close stands for it (and its taker volumes are zero, so the price changes nothing).
 */
export function klineVwap(kline: BinanceKline): number {
  const base = num(kline[5], 'kline volume');
  const quote = num(kline[7], 'kline quote volume');
  return base > 0 ? quote / base : num(kline[4], 'kline close');
}

export interface MappedTakerVolume {
  rows: TakerVolumeRow[];
  /** Period starts (ms) no kline priced: skipped, re-read by the next run's overlap. */
  unpriced: number[];
}

/**
 * `buyVol`/`sellVol` are coins: the USDⓈ-M page states no unit, its COIN-M sibling labels the
 * same series "base asset", and the documented example (387.33 in five minutes on a BTC
 * symbol) is coins, not USDT. USD = coins × the period's VWAP (klineVwap). `timestamp` is
 * the period's start, the open time of the kline of the same period.
 */
export function mapTakerVolume(rows: BinanceTakerVolume[], klines: BinanceKline[], instrument: KnownInstrument): MappedTakerVolume {
  const prices = new Map(klines.map((k) => [Number(k[0]), klineVwap(k)]));
  const mapped: TakerVolumeRow[] = [];
  const unpriced: number[] = [];
  for (const row of rows) {
    const at = msTime(row.timestamp, 'timestamp');
    const price = prices.get(at.getTime());
    if (price === undefined || !(price > 0)) {
      unpriced.push(at.getTime());
      continue;
    }
    const buy = num(row.buyVol, 'buyVol');
    const sell = num(row.sellVol, 'sellVol');
    mapped.push({
      asset_id: instrument.assetId,
      instrument_id: instrument.id,
      at,
      buy_usd: buy * price,
      sell_usd: sell * price,
      buy_published: buy,
      sell_published: sell,
      published_unit: 'COIN',
      published_ratio: num(row.buySellRatio, 'buySellRatio'),
      usd_price: price,
      origin: 'BACKFILL',
    });
  }
  return { rows: mapped, unpriced };
}

/** Every perpetual's periods that start in the window (within the 30 days served), slice by slice. */
export async function runBinanceTakerVolume(ctx: IngestContext, window: TimeWindow, perpetuals: KnownInstrument[]): Promise<number> {
  const client = new BinanceTakerVolumeClient(ctx.http);
  const now = ctx.clock.now();
  // A period still running would change: only those ended by now are asked for.
  const served = clampWindow(window, new Date(now - takerVolumeHistoryMs), new Date(Math.floor(now / takerVolumePeriodMs) * takerVolumePeriodMs));
  if (!served) return 0;
  let written = 0;
  for (const instrument of perpetuals) {
    const plan = { sliceMs: sliceForLimit(pageLimit, takerVolumePeriodMs), overlapMs: 2 * takerVolumePeriodMs };
    await pullHistory(ctx, instrument.symbol, served, plan, async (slice) => {
      const [volumes, klines] = await Promise.all([
        client.takerVolume(instrument.symbol, slice.from.getTime(), slice.to.getTime() - 1),
        client.klines(instrument.symbol, slice.from.getTime(), slice.to.getTime() - 1),
      ]);
      const { rows, unpriced } = mapTakerVolume(volumes, klines, instrument);
      if (unpriced.length > 0) ctx.note(`${instrument.symbol}: ${unpriced.length} taker-volume period(s) without a kline to price them, skipped`);
      written += await ctx.upsert(takerVolumeTable, inWindow(rows, slice, (r) => r.at));
    });
  }
  return written;
}
