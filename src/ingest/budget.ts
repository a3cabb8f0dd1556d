import { Clock, systemClock } from './clock';

export interface WeightLimit {
  /** Weight a source may spend per interval (e.g. Binance: 2400 per minute). */
  weight: number;
  intervalMs: number;
}

/**
 * A token bucket of request weight. Each call declares its weight and waits until the bucket
 * holds that much, so a source never outruns the venue's limit; a 429/418 with Retry-After
 * pauses the whole source, not just the call that received it.
 */
export class WeightBudget {
  private tokens: number;
  private lastRefillMs: number;
  private pausedUntilMs = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: WeightLimit,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = limit.weight;
    this.lastRefillMs = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.lastRefillMs) / this.limit.intervalMs) * this.limit.weight;
    this.tokens = Math.min(this.limit.weight, this.tokens + earned);
    this.lastRefillMs = now;
  }

  /** Waits (on the injected clock) until `weight` can be spent, then spends it. Calls queue in order. */
  take(weight: number): Promise<void> {
    const cost = Math.min(Math.max(0, weight), this.limit.weight);
    const turn = this.queue.then(async () => {
      for (;;) {
        const pauseMs = this.pausedUntilMs - this.clock.now();
        if (pauseMs > 0) {
          await this.clock.sleep(pauseMs);
          continue;
        }
        this.refill();
        if (this.tokens >= cost) {
          this.tokens -= cost;
          return;
        }
        await this.clock.sleep(Math.ceil(((cost - this.tokens) / this.limit.weight) * this.limit.intervalMs));
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The venue said "slow down": nobody on this source calls before `untilMs`. */
  pauseUntil(untilMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
  }

  /**
   * The venue reports `used` of its own `venueLimit` spent in the current window (by every client
   * on this IP): the bucket holds no more than the same share of this budget.
   */
  observeUsed(used: number, venueLimit: number): void {
    this.refill();
    const left = Math.max(0, 1 - used / venueLimit) * this.limit.weight;
    this.tokens = Math.min(this.tokens, left);
  }

  /** Weight available now (after refill), for tests and metrics. */
  available(): number {
    this.refill();
    return this.tokens;
  }
}

/** One budget per source per process: every run and stream of a venue shares the venue's limit. */
const budgets = new Map<string, WeightBudget>();

export function sharedBudget(sourceSlug: string, limit: WeightLimit, clock: Clock = systemClock): WeightBudget {
  const existing = budgets.get(sourceSlug);
  if (existing && existing.limit.weight === limit.weight && existing.limit.intervalMs === limit.intervalMs) return existing;
  const budget = new WeightBudget(limit, clock);
  budgets.set(sourceSlug, budget);
  return budget;
}
