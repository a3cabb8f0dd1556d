/**
 * Time as the ingestion code sees it. Injected so tests can run backoffs and rate-limit waits
 * without real sleeps (a fake clock's `sleep` just advances `now`).
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock whose sleeps return at once and move its time forward; records every wait. */
export function manualClock(startMs = Date.UTC(2024, 5, 10)): Clock & { waits: number[] } {
  let nowMs = startMs;
  const waits: number[] = [];
  return {
    waits,
    now: () => nowMs,
    async sleep(ms) {
      waits.push(ms);
      nowMs += Math.max(0, ms);
    },
  };
}

export interface BackoffPolicy {
  /** First retry waits up to this long. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * Exponential backoff with full jitter (a uniform wait in [0, min(max, base·2^attempt)]), so
 * many clients retrying after the same outage spread out instead of stampeding together.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
