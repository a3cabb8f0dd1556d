import { LongShortRatioDefinition } from '../../../domains/positioning/positioning.definitions';
import { PositioningRatioRow, positioningRatioTable } from '../../../domains/positioning/positioning.table';
import { KnownInstrument } from '../../catalog';
import { inWindow, pullHistory, untilNow } from '../../history';
import { JsonHttpClient } from '../../http';
import { clampWindow, dayMs, minuteMs, sliceForLimit } from '../../paging';
import { msTime, num } from '../../parse';
import { IngestContext, TimeWindow } from '../../source';
import { checkEnvelope, OkxEnvelope } from './client';

/**
 * OKX Trading Statistics (rubik) long/short ratios. Every answer's rows are arrays, not objects:
 * `[ts, ratio]`, both strings, newest first. Only the ratio is published (no long or short share).
 * `begin` returns records newer than it, `end` records earlier than it.
 */
export type OkxRatioRow = [ts: string, ratio: string];

interface OkxRatioEndpoint {
  definition: LongShortRatioDefinition;
  path: string;
  /** Contract-level endpoints take `instId`; the all-contracts one takes the currency `ccy`. */
  by: 'instId' | 'ccy';
  /** How far back the endpoint serves 5m readings. */
  historyMs: number;
}

/** "The latest 1,440 data entries": five days of 5-minute readings. */
const contractHistoryMs = 1440 * 5 * minuteMs;

export const okxRatioEndpoints: OkxRatioEndpoint[] = [
  { definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, path: '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract', by: 'instId', historyMs: contractHistoryMs },
  { definition: LongShortRatioDefinition.TOP_TRADER_ACCOUNTS, path: '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract-top-trader', by: 'instId', historyMs: contractHistoryMs },
  { definition: LongShortRatioDefinition.TOP_TRADER_POSITIONS, path: '/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader', by: 'instId', historyMs: contractHistoryMs },
  // "5m granularity can only query data within two days at most".
  { definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, path: '/api/v5/rubik/stat/contracts/long-short-account-ratio', by: 'ccy', historyMs: 2 * dayMs },
];

/** The longest look-back of the four (the contract-level ones). */
export const okxRatioHistoryMs = contractHistoryMs;
export const okxRatioPeriod = '5m';
const periodMs = 5 * minuteMs;
/** Contract-level pages hold at most 100 rows; the currency endpoint documents no limit, the same slices serve it. */
const pageLimit = 100;

export async function fetchOkxRatios(http: JsonHttpClient, endpoint: OkxRatioEndpoint, id: string, slice: TimeWindow): Promise<OkxRatioRow[]> {
  const query: Record<string, string | number> = { [endpoint.by]: id, period: okxRatioPeriod, begin: slice.from.getTime() - 1, end: slice.to.getTime() };
  if (endpoint.by === 'instId') query.limit = pageLimit;
  const envelope = await http.get<OkxEnvelope<OkxRatioRow>>(endpoint.path, { weight: 1, query, validate: checkEnvelope });
  return envelope.data ?? [];
}

/** `scope` is the instrument's instId, or the currency for the all-contracts ratio. */
export function mapOkxRatios(rows: OkxRatioRow[], definition: LongShortRatioDefinition, target: { assetId: number; venueId: number; scope: string }): PositioningRatioRow[] {
  return rows.map((row) => {
    if (!Array.isArray(row) || row.length < 2) throw new Error(`okx long/short ratio: a row is not [ts, ratio]: ${JSON.stringify(row)}`);
    return {
      asset_id: target.assetId,
      venue_id: target.venueId,
      kind: definition,
      scope: target.scope,
      period: okxRatioPeriod,
      at: msTime(row[0], 'ts'),
      long_short_ratio: num(row[1], 'ratio'),
      long_share: null,
      short_share: null,
      origin: 'BACKFILL',
    };
  });
}

/** The currency an instId is of: BTC-USDT-SWAP → BTC. */
const currencyOf = (instId: string) => instId.split('-')[0];

/** Each swap's three contract-level ratios, and each currency's all-contracts ratio, within what OKX still serves. */
export async function runOkxPositioning(ctx: IngestContext, window: TimeWindow, swaps: KnownInstrument[]): Promise<number> {
  const now = ctx.clock.now();
  const past = untilNow(window, now);
  if (!past) return 0;
  const currencies = new Map(swaps.map((i) => [currencyOf(i.symbol), { assetId: i.assetId, venueId: i.venueId, scope: currencyOf(i.symbol) }]));
  const contracts = swaps.map((i) => ({ assetId: i.assetId, venueId: i.venueId, scope: i.symbol }));
  let written = 0;
  for (const endpoint of okxRatioEndpoints) {
    const served = clampWindow(past, new Date(now - endpoint.historyMs), new Date(now));
    if (!served) {
      ctx.note(`positioning: ${endpoint.path} serves only the latest ${endpoint.historyMs / dayMs} days`);
      continue;
    }
    for (const target of endpoint.by === 'ccy' ? [...currencies.values()] : contracts) {
      await pullHistory(ctx, `${target.scope}:${endpoint.path}`, served, { sliceMs: sliceForLimit(pageLimit, periodMs), overlapMs: 2 * periodMs }, async (slice) => {
        const rows = mapOkxRatios(await fetchOkxRatios(ctx.http, endpoint, target.scope, slice), endpoint.definition, target);
        written += await ctx.upsert(positioningRatioTable, inWindow(rows, slice, (r) => r.at));
      });
    }
  }
  return written;
}
