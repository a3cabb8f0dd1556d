import { CandleResolution } from '../domains/prices/candle.table';
import { untilNow } from './history';
import { dayMs, minuteMs } from './paging';
import { TimeWindow } from './source';

/** The candle resolutions Cascade stores, with their length. */
export const candleResolutions: Array<{ resolution: CandleResolution; periodMs: number }> = [
  { resolution: 'M1', periodMs: minuteMs },
  { resolution: 'D1', periodMs: dayMs },
];

/**
 * The candles a run over `window` asks for: every candle that STARTS in the window, the first
 * one widened to its period's boundary (a day candle of a ten-minute run is the day's), never
 * reaching into the future.
 */
export function candleWindow(window: TimeWindow, periodMs: number, nowMs: number): TimeWindow | null {
  const from = new Date(Math.floor(window.from.getTime() / periodMs) * periodMs);
  return untilNow({ from, to: window.to }, nowMs);
}

/** A candle still forming at `nowMs` (its period has not ended) is not stored: it would change. */
export function isClosed(startMs: number, periodMs: number, nowMs: number): boolean {
  return startMs + periodMs <= nowMs;
}
