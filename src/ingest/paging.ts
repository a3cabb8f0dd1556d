import { TimeWindow } from './source';

/**
 * Time slices for history endpoints. Venues page inconsistently (Binance returns the first
 * `limit` rows of a range, Bybit the newest, some cap silently), so a window is cut into slices
 * that each hold fewer rows than the page limit, consecutive slices overlapping by `overlapMs`;
 * rows read twice are harmless because every write is a natural-key upsert.
 */
export function* timeSlices(window: TimeWindow, sliceMs: number, overlapMs = 0): Generator<TimeWindow> {
  if (sliceMs <= overlapMs) throw new Error(`slice (${sliceMs} ms) must be longer than its overlap (${overlapMs} ms)`);
  let from = window.from.getTime();
  const end = window.to.getTime();
  while (from < end) {
    const to = Math.min(end, from + sliceMs);
    yield { from: new Date(from), to: new Date(to) };
    if (to >= end) return;
    from = to - overlapMs;
  }
}

/** Slice length for a page limit: `limit - 1` periods, so a slice never fills a page exactly. */
export function sliceForLimit(limit: number, periodMs: number): number {
  return Math.max(1, limit - 1) * periodMs;
}

/**
 * Follows an opaque cursor (Bybit `nextPageCursor`, until `""`). Stops on a repeated cursor or
 * after `maxPages`, so a venue bug cannot loop a job forever.
 */
export async function followCursor<Page>(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
  nextCursor: (page: Page) => string | null | undefined,
  maxPages = 100,
): Promise<Page[]> {
  const pages: Page[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    pages.push(page);
    const next = nextCursor(page);
    if (!next || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return pages;
}

export const minuteMs = 60_000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

/** Clamps a window to what a venue still serves (e.g. Binance openInterestHist: 30 days). */
export function clampWindow(window: TimeWindow, earliest: Date, latest: Date): TimeWindow | null {
  const from = new Date(Math.max(window.from.getTime(), earliest.getTime()));
  const to = new Date(Math.min(window.to.getTime(), latest.getTime()));
  return from < to ? { from, to } : null;
}
