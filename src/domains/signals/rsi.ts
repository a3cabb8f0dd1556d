/**
 * RSI at a time t, one definition for every field that serves it (marketSnapshot,
 * recoverySignals, recoverySignalHistory, timeline): Wilder's RSI(14) over the asset's closed
 * daily closes (a daily candle counts once it has closed, start + 1 day ≤ t), followed by one
 * provisional close, the last price at or before t (prices/candle.service.ts, lastPriceAtSql).
 * The first average gain and loss are simple means of the first 14 changes; later ones are
 * smoothed as (previous × 13 + current) / 14. Null without a price, or with fewer than 15
 * closes in all (14 changes). docs/analytics.md, "RSI".
 */
export const rsiPeriod = 14;

export interface DailyClose {
  start: Date;
  close: number;
}

export interface PriceAt {
  /** The instant judged. */
  at: Date;
  /** The last price at or before `at` (null when none). */
  price: number | null;
}

const dayMs = 86_400_000;

type StepListener = (steps: number) => void;
const stepListeners = new Set<StepListener>();

/**
 * Calls `listener` with the number of Wilder steps (one per close folded in, one per provisional
 * close) each RSI computation made: how tests pin the work as linear. Returns an unsubscribe.
 */
export function onWilderSteps(listener: StepListener): () => void {
  stepListeners.add(listener);
  return () => void stepListeners.delete(listener);
}

/** Wilder's running averages over a close series, extended one close at a time. */
class WilderAverages {
  private changes = 0;
  private last: number | null = null;
  /** Sums of gains and losses while seeding (changes < period), averages after. */
  private gain = 0;
  private loss = 0;
  steps = 0;

  constructor(private readonly period: number) {}

  push(close: number): void {
    this.steps += 1;
    if (this.last !== null) [this.gain, this.loss, this.changes] = this.advance(close);
    this.last = close;
  }

  /** RSI if `close` were the next close, without keeping it. */
  rsiWith(close: number): number | null {
    this.steps += 1;
    if (this.last === null) return null;
    const [gain, loss, changes] = this.advance(close);
    if (changes < this.period) return null;
    if (loss === 0) return gain === 0 ? 50 : 100;
    return 100 - 100 / (1 + gain / loss);
  }

  private advance(close: number): [number, number, number] {
    const change = close - (this.last as number);
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    const changes = this.changes + 1;
    if (changes < this.period) return [this.gain + up, this.loss + down, changes];
    if (changes === this.period) return [(this.gain + up) / this.period, (this.loss + down) / this.period, changes];
    return [(this.gain * (this.period - 1) + up) / this.period, (this.loss * (this.period - 1) + down) / this.period, changes];
  }
}

/**
 * RSI at each of `points` (ascending `at`), in one pass: every daily close is folded in once,
 * when the first point after its close is reached, and each point adds one provisional step, so
 * the work is closes + points (10,000 hourly buckets over a year of closes: ~10,400 steps).
 */
export function rsiAt(dailyCloses: readonly DailyClose[], points: readonly PriceAt[], period = rsiPeriod): Array<number | null> {
  const averages = new WilderAverages(period);
  let next = 0;
  const values = points.map(({ at, price }) => {
    while (next < dailyCloses.length && dailyCloses[next].start.getTime() + dayMs <= at.getTime()) averages.push(dailyCloses[next++].close);
    return price === null ? null : averages.rsiWith(price);
  });
  for (const listener of stepListeners) listener(averages.steps);
  return values;
}

/** RSI at one instant, given the daily closes already closed by then (oldest first) and the last price. */
export function rsiFromClosed(closedCloses: readonly number[], price: number | null, period = rsiPeriod): number | null {
  const averages = new WilderAverages(period);
  for (const close of closedCloses) averages.push(close);
  const value = price === null ? null : averages.rsiWith(price);
  for (const listener of stepListeners) listener(averages.steps);
  return value;
}

/**
 * Wilder's RSI of a whole close series (oldest first), the textbook computation: the reference
 * that `rsiAt` is tested against. Null with fewer than period + 1 closes.
 */
export function wilderRsi(closes: number[], period = rsiPeriod): number | null {
  if (closes.length < period + 1) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i += 1) {
    const change = closes[i] - closes[i - 1];
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  for (let i = period + 1; i < closes.length; i += 1) {
    const change = closes[i] - closes[i - 1];
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
  }
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
