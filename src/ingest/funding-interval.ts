import { FundingRow } from '../domains/funding/funding.table';
import { Db } from '../db/sql';
import { KnownInstrument } from './catalog';
import { hourMs } from './paging';

/**
 * A settled funding rate covers the time since the previous settlement, so each history row's
 * interval is read from the venue's own settlement times rather than from the instrument's
 * interval today: venues move symbols between intervals (8 h → 4 h, 4 h → 1 h), and a row
 * stamped with today's interval would normalise every older rate by the wrong factor.
 */

/** Binance USD-M and Bybit linear settle every 1, 2, 4 or 8 hours (per symbol, and it changes). */
export const venueFundingIntervalsHours: readonly number[] = [1, 2, 4, 8];

/** A spacing this far past the longest interval is a gap in the venue's history, not an interval. */
const gapFactor = 1.25;

/**
 * The allowed interval nearest to a spacing between two settlements (ties to the longer one),
 * or null when the spacing cannot be one interval: zero, negative, or a gap of missing rows.
 */
export function intervalFromSpacing(spacingMs: number, allowedHours: readonly number[] = venueFundingIntervalsHours): number | null {
  const longest = Math.max(...allowedHours);
  if (!(spacingMs > 0) || spacingMs > longest * gapFactor * hourMs) return null;
  const hours = spacingMs / hourMs;
  let best = allowedHours[0];
  for (const candidate of allowedHours) {
    const distance = Math.abs(candidate - hours);
    const bestDistance = Math.abs(best - hours);
    if (distance < bestDistance || (distance === bestDistance && candidate > best)) best = candidate;
  }
  return best;
}

/**
 * Interval hours for each settlement time of a page, `times` in ascending order: the spacing to
 * the previous settlement — the one before it in the page, or for the page's first row the
 * instrument's latest stored settlement before it (`previousAt`) — else the spacing to the next
 * one, else `currentHours` (the instrument's interval today).
 */
export function intervalsFromSettlements(times: Date[], previousAt: Date | null, currentHours: number, allowedHours: readonly number[] = venueFundingIntervalsHours): number[] {
  const spacing = (later: Date | null | undefined, earlier: Date | null | undefined) =>
    later && earlier ? intervalFromSpacing(later.getTime() - earlier.getTime(), allowedHours) : null;
  return times.map((at, i) => spacing(at, i > 0 ? times[i - 1] : previousAt) ?? spacing(times[i + 1], at) ?? currentHours);
}

/**
 * History rows from a page of settlements in any order (rates per interval, times already
 * rounded to the hour), oldest first, each stamped with its own interval.
 */
export function settledFundingRows(settlements: Array<{ at: Date; rate: number }>, instrument: KnownInstrument, previousAt: Date | null, currentHours: number): FundingRow[] {
  const settled = [...settlements].sort((a, b) => a.at.getTime() - b.at.getTime());
  const intervals = intervalsFromSettlements(settled.map((s) => s.at), previousAt, currentHours);
  return settled.map((s, i) => ({ asset_id: instrument.assetId, instrument_id: instrument.id, at: s.at, rate: s.rate, interval_hours: intervals[i], origin: 'BACKFILL' }));
}

/** The instrument's latest stored funding time before `before` (the previous settlement), if any. */
export async function previousFundingAt(db: Db, instrument: { assetId: number; id: number }, before: Date): Promise<Date | null> {
  const [row] = await db.query<{ at: Date }>(
    'SELECT at FROM funding_rate WHERE asset_id = $1 AND instrument_id = $2 AND at < $3 ORDER BY at DESC LIMIT 1',
    [instrument.assetId, instrument.id, before],
  );
  return row?.at ?? null;
}

/**
 * History slices for funding endpoints: sized for the shortest allowed interval, so a page can
 * never fill even if the symbol settled hourly in that period (a full page would drop rows
 * without a word); overlapping by the longest, so each slice re-reads the previous settlement.
 */
export function fundingHistoryPlan(pageLimit: number, allowedHours: readonly number[] = venueFundingIntervalsHours): { sliceMs: number; overlapMs: number } {
  const shortestMs = Math.min(...allowedHours) * hourMs;
  const longestMs = Math.max(...allowedHours) * hourMs;
  return { sliceMs: Math.max(1, pageLimit - 1) * shortestMs, overlapMs: longestMs };
}
