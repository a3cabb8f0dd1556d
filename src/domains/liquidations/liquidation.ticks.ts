import { ServerClock } from '../../core/clock';
import { Db } from '../../db/sql';
import { Interval } from '../shared/enums';
import { bucketRange, floorToInterval, intervalMs } from '../shared/series';
import { LiquidationBucket, readLiquidationBuckets } from './liquidation.rollup';

/** Late events (a venue's stream batches, the writer's one-second flush) get this long to land. */
export const tickGraceMs = 2_000;

/**
 * Emits each bucket of one asset as it closes: wait for the bucket's end plus a grace period,
 * read it (the same SQL as `liquidationHistory`), emit, repeat. Ends at once when returned,
 * even mid-wait. Every read after the first is paid for first (`payForRead`, which throws to
 * end the subscription when the caller's budget cannot); subscribing paid for the first.
 */
export class LiquidationTicks implements AsyncIterableIterator<LiquidationBucket> {
  private readonly abort = new AbortController();
  private nextStart: number;
  private reads = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: ServerClock,
    private readonly assetId: number,
    private readonly venueIds: number[] | null,
    private readonly interval: Interval,
    private readonly payForRead: () => Promise<void> = async () => undefined,
  ) {
    // The first tick is the bucket in progress now: emitted when it closes.
    this.nextStart = floorToInterval(new Date(clock.now()), interval).getTime();
  }

  async next(): Promise<IteratorResult<LiquidationBucket>> {
    const width = intervalMs[this.interval];
    const end = this.nextStart + width;
    const wait = end + tickGraceMs - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, this.abort.signal);
    if (this.abort.signal.aborted) return { value: undefined, done: true };
    if (this.reads > 0) await this.payForRead();
    this.reads += 1;
    const range = bucketRange(this.interval, new Date(this.nextStart), new Date(end));
    // No coverage: the pushed bucket has none.
    const [bucket] = await readLiquidationBuckets(this.db, this.assetId, this.venueIds, range, null, false);
    this.nextStart = end;
    return { value: bucket, done: false };
  }

  async return(): Promise<IteratorResult<LiquidationBucket>> {
    this.abort.abort();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiquidationBucket> {
    return this;
  }
}
