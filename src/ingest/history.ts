import { timeSlices } from './paging';
import { IngestContext, TimeWindow } from './source';

export interface HistoryPlan {
  /** Slice length: fewer rows than the endpoint's page limit (see sliceForLimit). */
  sliceMs: number;
  /** Re-read this much before the watermark and between slices. */
  overlapMs: number;
}

/**
 * Walks a history endpoint forward through `window` in slices, resuming after the watermark
 * of `scope` when an earlier run of the window stopped part-way. The watermark advances only
 * after a slice is written, so a crash mid-slice re-reads that slice and loses nothing.
 */
export async function pullHistory(ctx: IngestContext, scope: string, window: TimeWindow, plan: HistoryPlan, pullSlice: (slice: TimeWindow) => Promise<void>): Promise<void> {
  const from = ctx.resume ? await ctx.watermarks.resumeFrom(scope, window, plan.overlapMs) : window.from;
  for (const slice of timeSlices({ from, to: window.to }, plan.sliceMs, plan.overlapMs)) {
    await pullSlice(slice);
    await ctx.watermarks.advance(scope, slice.to);
  }
}

/** Keeps rows whose time falls in `[from, to)` (venues treat endTime inclusively, some loosely). */
export function inWindow<T>(rows: T[], window: TimeWindow, at: (row: T) => Date): T[] {
  return rows.filter((row) => {
    const time = at(row).getTime();
    return time >= window.from.getTime() && time < window.to.getTime();
  });
}

/** A window reaching (almost) to now asks for current snapshots as well as history. */
export function reachesNow(window: TimeWindow, nowMs: number, toleranceMs = 5 * 60_000): boolean {
  return window.to.getTime() >= nowMs - toleranceMs && window.from.getTime() <= nowMs;
}

/** The part of a window that is not in the future. */
export function untilNow(window: TimeWindow, nowMs: number): TimeWindow | null {
  const to = Math.min(window.to.getTime(), nowMs);
  return window.from.getTime() < to ? { from: window.from, to: new Date(to) } : null;
}
