import { CascadeError } from '../core/errors';

export interface SubscriptionCapOptions {
  /** Live subscriptions one WebSocket may hold (CASCADE_MAX_SUBSCRIPTIONS_PER_CONNECTION). */
  perConnection?: number;
  /** Live subscriptions one caller (key, or anonymous address) may hold in this process (CASCADE_MAX_SUBSCRIPTIONS_PER_CALLER). */
  perCaller?: number;
}

/** One socket's live subscriptions, by graphql-ws operation id. */
export type ConnectionSubscriptions = Set<string>;

export const defaultSubscriptionCaps = { perConnection: 50, perCaller: 200 };

/**
 * How many subscriptions may be live at once. Each one holds a timer or a feed slot and runs
 * statements of its own, so one socket asking for hundreds is refused with
 * TOO_MANY_SUBSCRIPTIONS instead of costing the server hundreds of statements a minute.
 */
export class SubscriptionCaps {
  readonly perConnection: number;
  readonly perCaller: number;
  private readonly liveByCaller = new Map<string, number>();

  constructor(options: SubscriptionCapOptions = {}) {
    this.perConnection = options.perConnection ?? defaultSubscriptionCaps.perConnection;
    this.perCaller = options.perCaller ?? defaultSubscriptionCaps.perCaller;
  }

  /** The refusal for one more subscription on `connection` by `bucket`, or undefined when it fits. */
  refusal(connection: ConnectionSubscriptions, bucket: string): CascadeError | undefined {
    if (connection.size >= this.perConnection) {
      return new CascadeError('TOO_MANY_SUBSCRIPTIONS', `This connection already holds ${connection.size} live subscriptions, the most one may; complete one first.`, {
        limit: this.perConnection,
        per: 'connection',
      });
    }
    const live = this.liveByCaller.get(bucket) ?? 0;
    if (live >= this.perCaller) {
      return new CascadeError('TOO_MANY_SUBSCRIPTIONS', `This caller already holds ${live} live subscriptions on this server, the most one may; complete one first.`, {
        limit: this.perCaller,
        per: 'caller',
      });
    }
    return undefined;
  }

  open(connection: ConnectionSubscriptions, id: string, bucket: string): void {
    if (connection.has(id)) return;
    connection.add(id);
    this.liveByCaller.set(bucket, (this.liveByCaller.get(bucket) ?? 0) + 1);
  }

  /** Ends one subscription (completed, failed or refused after it was counted); unknown ids are ignored. */
  close(connection: ConnectionSubscriptions, id: string, bucket: string): void {
    if (!connection.delete(id)) return;
    const live = (this.liveByCaller.get(bucket) ?? 1) - 1;
    if (live > 0) this.liveByCaller.set(bucket, live);
    else this.liveByCaller.delete(bucket);
  }

  /** The socket closed: every subscription it held ends. */
  closeAll(connection: ConnectionSubscriptions, bucket: string): void {
    for (const id of [...connection]) this.close(connection, id, bucket);
  }
}
