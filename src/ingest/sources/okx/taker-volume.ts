import { TakerVolumeRow, takerVolumePeriodMs, takerVolumeTable, TakerVolumeUnit } from '../../../domains/taker-volume/taker-volume.table';
import { KnownInstrument } from '../../catalog';
import { inWindow, pullHistory } from '../../history';
import { JsonHttpClient } from '../../http';
import { clampWindow, hourMs, sliceForLimit } from '../../paging';
import { msTime, num } from '../../parse';
import { IngestContext, TimeWindow } from '../../source';
import { checkEnvelope, OkxEnvelope, okxPageLimit } from './client';
import { instrumentFamily } from './map';

/**
 * OKX "Get contract taker volume" (GET /api/v5/rubik/stat/taker-volume-contract), per swap,
 * asked with unit=2 ("U": the volumes in the contract's quote, USD on an inverse swap, USDT or
 * USDC on a linear one, taken at par). docs/analytics.md, "Aggressor flow".
 */

/** One period as documented: `[ts, sellVol, buyVol]`, all strings. Sell comes BEFORE buy. */
export type OkxTakerVolume = [string, string, string];

/** unit=2: the volumes in "U" (the quote), so no conversion is needed. */
const unitQuote = '2';
const period = '5m';
/** "This endpoint can retrieve the latest 1,440 data entries": 5 days at 5m; an hour's margin. */
export const okxTakerVolumeHistoryMs = 1440 * takerVolumePeriodMs - hourMs;
/** A venue bug must not loop a job forever. */
const maxPages = 20;

export class OkxTakerVolumeClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** Newest first; `end` returns records earlier than it, `begin` newer than it (ms). */
  async takerVolume(instId: string, begin: number, end: number): Promise<OkxTakerVolume[]> {
    const query = { instId, period, unit: unitQuote, begin, end, limit: okxPageLimit };
    const envelope = await this.http.get<OkxEnvelope<OkxTakerVolume>>('/api/v5/rubik/stat/taker-volume-contract', { weight: 1, query, validate: checkEnvelope });
    return envelope.data ?? [];
  }
}

/** What unit=2 answers in for a swap: USD on an inverse one, the family's quote (USDT, USDC) on a linear one. */
export function quoteUnit(instrument: KnownInstrument): TakerVolumeUnit | null {
  if (instrument.marginType === 'INVERSE') return 'USD';
  const quote = instrumentFamily(instrument.symbol).split('-')[1];
  return quote === 'USDT' || quote === 'USDC' || quote === 'USD' ? quote : null;
}

/** Already USD (stablecoins at par): published and USD figures are the same numbers. `ts` is the period's start. */
export function mapOkxTakerVolume(rows: OkxTakerVolume[], instrument: KnownInstrument, unit: TakerVolumeUnit): TakerVolumeRow[] {
  return rows.map(([ts, sellVol, buyVol]) => {
    const sell = num(sellVol, 'sellVol');
    const buy = num(buyVol, 'buyVol');
    return {
      asset_id: instrument.assetId,
      instrument_id: instrument.id,
      at: msTime(ts, 'ts'),
      buy_usd: buy,
      sell_usd: sell,
      buy_published: buy,
      sell_published: sell,
      published_unit: unit,
      published_ratio: null,
      usd_price: null,
      origin: 'BACKFILL',
    };
  });
}

/** A slice's periods, paging `end` back from its end until its start (one page holds a slice, normally). */
async function sliceRows(client: OkxTakerVolumeClient, instId: string, slice: TimeWindow): Promise<OkxTakerVolume[]> {
  const rows = new Map<string, OkxTakerVolume>();
  let end = slice.to.getTime();
  for (let page = 0; page < maxPages; page++) {
    const batch = await client.takerVolume(instId, slice.from.getTime() - 1, end);
    for (const row of batch) rows.set(row[0], row);
    if (batch.length < okxPageLimit) break;
    const oldest = Math.min(...batch.map((row) => Number(row[0])));
    if (oldest <= slice.from.getTime() || oldest >= end) break;
    end = oldest;
  }
  return [...rows.values()];
}

export async function runOkxTakerVolume(ctx: IngestContext, window: TimeWindow, swaps: KnownInstrument[]): Promise<number> {
  const client = new OkxTakerVolumeClient(ctx.http);
  const now = ctx.clock.now();
  const served = clampWindow(window, new Date(now - okxTakerVolumeHistoryMs), new Date(Math.floor(now / takerVolumePeriodMs) * takerVolumePeriodMs));
  if (!served) return 0;
  let written = 0;
  for (const instrument of swaps) {
    const unit = quoteUnit(instrument);
    if (!unit) {
      ctx.note(`${instrument.symbol}: no USD-like quote for unit=2, taker volume skipped`);
      continue;
    }
    const plan = { sliceMs: sliceForLimit(okxPageLimit, takerVolumePeriodMs), overlapMs: 2 * takerVolumePeriodMs };
    await pullHistory(ctx, instrument.symbol, served, plan, async (slice) => {
      const rows = mapOkxTakerVolume(await sliceRows(client, instrument.symbol, slice), instrument, unit);
      written += await ctx.upsert(takerVolumeTable, inWindow(rows, slice, (r) => r.at));
    });
  }
  return written;
}

