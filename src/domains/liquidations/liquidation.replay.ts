import { LiquidationType } from './liquidation.types';

/**
 * A subscription that resumes: first the stored events a client missed (oldest first), then
 * the live feed, skipping any live event the replay already delivered. The live feed is
 * subscribed before the replay is read, so nothing committed in between is lost.
 */
export class ReplayThenLive implements AsyncIterableIterator<LiquidationType> {
  private readonly replayed = new Set<string>();

  constructor(
    private readonly backlog: LiquidationType[],
    private readonly live: AsyncIterableIterator<LiquidationType>,
  ) {
    for (const row of backlog) this.replayed.add(String(row.id));
  }

  async next(): Promise<IteratorResult<LiquidationType>> {
    const queued = this.backlog.shift();
    if (queued) return { value: queued, done: false };
    for (;;) {
      const result = await this.live.next();
      if (result.done || !this.replayed.has(String(result.value.id))) return result;
    }
  }

  return(): Promise<IteratorResult<LiquidationType>> {
    this.backlog.length = 0;
    return this.live.return ? this.live.return() : Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<LiquidationType>> {
    return this.live.throw ? this.live.throw(error) : Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiquidationType> {
    return this;
  }
}
