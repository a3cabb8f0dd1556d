import { CascadeError } from '../../core/errors';

/**
 * One subscriber's inbox: the feed pushes, graphql-ws pulls. Hand-written rather than an async
 * generator because a generator parked in `await` cannot be ended until its next value comes,
 * and a client that unsubscribes from a quiet feed must be let go at once.
 */
export class BoundedQueue<Item> implements AsyncIterableIterator<Item> {
  private readonly items: Item[] = [];
  private waiting?: { resolve: (result: IteratorResult<Item>) => void; reject: (error: Error) => void };
  private failure?: Error;
  private finished = false;

  constructor(
    private readonly maxPending: number,
    /** Called once when the queue ends, however it ends. */
    private readonly onEnd: () => void,
  ) {}

  get ended(): boolean {
    return this.finished;
  }

  get pending(): number {
    return this.items.length;
  }

  push(item: Item): void {
    if (this.finished) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
    if (this.items.length > this.maxPending) {
      this.fail(
        new CascadeError(
          'SUBSCRIPTION_OVERFLOW',
          `Subscription ended: more than ${this.maxPending} events were waiting for this client. Resubscribe, and page the matching query to fill the gap.`,
          { maxPending: this.maxPending },
        ),
      );
    }
  }

  /** Ends the queue with an error: the pending items are dropped, the next pull throws it. */
  fail(error: Error): void {
    if (this.finished) return;
    this.items.length = 0;
    this.end();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    } else {
      this.failure = error;
    }
  }

  next(): Promise<IteratorResult<Item>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Item>> {
    this.items.length = 0;
    this.end();
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<Item>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    this.onEnd();
  }
}
