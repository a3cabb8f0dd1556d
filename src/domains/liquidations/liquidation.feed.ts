import { Client } from 'pg';
import { CascadeError } from '../../core/errors';
import { Db } from '../../db/sql';
import { BoundedQueue } from './liquidation.queue';
import { findLiquidationsByIds } from './liquidation.service';
import { LiquidationType } from './liquidation.types';
import { LiquidationAnnouncement, liquidationChannel } from './liquidation.writer';

export interface LiquidationFeedOptions {
  /** Undelivered events one subscriber may accumulate before it is dropped. */
  maxPending?: number;
  /** First delay before re-opening a lost LISTEN connection; doubles up to 5 s. */
  reconnectDelayMs?: number;
  /** Where failures that no caller awaits are reported (fetches, lost connections). */
  onError?: (error: Error, during: string) => void;
  /**
   * Where to LISTEN when the pool's URL does not keep a session: behind a transaction pooler a
   * LISTEN would stay on whichever server connection ran it (DATABASE_DIRECT_URL).
   */
  listenUrl?: string;
}

const maxReconnectDelayMs = 5_000;

/**
 * The process's live liquidation stream. Writers announce inserted ids with NOTIFY (see
 * liquidation.writer.ts); one dedicated connection LISTENs while anyone is subscribed, fetches
 * each burst of announced rows in one statement and hands every subscriber the rows its filter
 * accepts. Delivery is at most once: rows committed while the connection is being re-opened
 * are not replayed (a client reconciles with the `liquidations` query).
 */
export class LiquidationFeed {
  private readonly subscribers = new Map<BoundedQueue<LiquidationType>, (row: LiquidationType) => boolean>();
  private readonly maxPending: number;
  private readonly initialDelayMs: number;
  private reconnectDelayMs: number;
  /** Bumped whenever the current connection is given up, so late events of an old one are ignored. */
  private generation = 0;
  private client?: Client;
  private connecting?: Promise<void>;
  private reconnectTimer?: NodeJS.Timeout;
  private announcements: LiquidationAnnouncement[] = [];
  onError?: (error: Error, during: string) => void;
  listenUrl?: string;
  private draining?: Promise<void>;

  constructor(
    private readonly db: Db,
    options: LiquidationFeedOptions = {},
  ) {
    this.maxPending = options.maxPending ?? 1000;
    this.initialDelayMs = this.reconnectDelayMs = options.reconnectDelayMs ?? 100;
    this.onError = options.onError;
    this.listenUrl = options.listenUrl;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** True while the LISTEN connection is open. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * A stream of the rows `accepts` lets through, starting once LISTEN is in place. End it with
   * `return()`; the connection closes when the last subscriber leaves.
   */
  async subscribe(accepts: (row: LiquidationType) => boolean): Promise<AsyncIterableIterator<LiquidationType>> {
    const queue: BoundedQueue<LiquidationType> = new BoundedQueue(this.maxPending, () => this.unsubscribe(queue));
    this.subscribers.set(queue, accepts);
    try {
      await this.ensureListening();
    } catch (error) {
      void queue.return();
      this.report(error, 'subscribe');
      throw new CascadeError('SERVICE_UNAVAILABLE', 'The live liquidation feed cannot reach the database; retry shortly.');
    }
    return queue;
  }

  /** Ends every subscription and closes the connection (process shutdown, tests). */
  async close(): Promise<void> {
    for (const queue of [...this.subscribers.keys()]) await queue.return();
    await this.stopListening();
  }

  private unsubscribe(queue: BoundedQueue<LiquidationType>): void {
    this.subscribers.delete(queue);
    if (this.subscribers.size === 0) void this.stopListening();
  }

  private ensureListening(): Promise<void> {
    if (!this.connecting) {
      const generation = this.generation;
      this.connecting = this.connect(generation).catch((error) => {
        if (generation === this.generation) this.lose(generation, undefined, error);
        throw error;
      });
    }
    return this.connecting;
  }

  private async connect(generation: number): Promise<void> {
    const direct = this.listenUrl ? { connectionString: this.listenUrl } : {};
    const client = new Client({ ...this.db.pool.options, ...direct, application_name: 'cascade-liquidation-feed', keepAlive: true });
    client.on('notification', (message) => {
      if (generation === this.generation && message.channel === liquidationChannel) this.receive(message.payload);
    });
    client.on('error', (error) => this.lose(generation, client, error));
    client.on('end', () => this.lose(generation, client));
    try {
      await client.connect();
      await client.query(`LISTEN ${liquidationChannel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (generation !== this.generation) {
      // Everyone left (or the connection was lost) while it was opening.
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelayMs = this.initialDelayMs;
  }

  /** The connection of `generation` is gone: forget it and, if anyone still listens, reopen. */
  private lose(generation: number, client: Client | undefined, error?: Error): void {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.client = undefined;
    this.connecting = undefined;
    void client?.end().catch(() => undefined);
    if (error) this.report(error, 'listen');
    if (this.subscribers.size > 0 && !this.reconnectTimer) {
      const delay = this.reconnectDelayMs;
      this.reconnectDelayMs = Math.min(delay * 2, maxReconnectDelayMs);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = undefined;
        if (this.subscribers.size > 0) this.ensureListening().catch(() => undefined);
      }, delay);
      this.reconnectTimer.unref();
    }
  }

  private async stopListening(): Promise<void> {
    this.generation += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    this.reconnectDelayMs = this.initialDelayMs;
    await client?.end().catch(() => undefined);
  }

  private receive(payload: string | undefined): void {
    if (!payload || this.subscribers.size === 0) return;
    try {
      this.announcements.push(JSON.parse(payload) as LiquidationAnnouncement);
    } catch (error) {
      this.report(error, 'parse');
      return;
    }
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Fetches announced rows, one statement per burst of notifications, in arrival order. */
  private async drain(): Promise<void> {
    // Let the notifications of one big batch (several payloads) arrive and share a statement.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.announcements.length > 0) {
      const burst = this.announcements.splice(0);
      // Dates keep milliseconds only: the window is floor(min) .. floor(max) + 1 ms.
      const times = burst.flatMap((a) => [Date.parse(a.from), Date.parse(a.to)]);
      const from = new Date(Math.min(...times));
      const toExclusive = new Date(Math.max(...times) + 1);
      try {
        const rows = await findLiquidationsByIds(this.db, burst.flatMap((a) => a.ids), from, toExclusive);
        this.dispatch(rows);
      } catch (error) {
        this.report(error, 'fetch');
      }
    }
  }

  private dispatch(rows: LiquidationType[]): void {
    for (const [queue, accepts] of [...this.subscribers]) {
      for (const row of rows) {
        if (queue.ended) break;
        if (accepts(row)) queue.push(row);
      }
    }
  }

  private report(error: unknown, during: string): void {
    this.onError?.(error instanceof Error ? error : new Error(String(error)), during);
  }
}

const feeds = new WeakMap<object, LiquidationFeed>();

/**
 * One feed (one LISTEN connection at most) per database pool, shared by every subscription.
 * The server passes its error reporter and direct URL once at start; resolvers just look the feed up.
 */
export function liquidationFeedFor(db: Db, options?: Pick<LiquidationFeedOptions, 'onError' | 'listenUrl'>): LiquidationFeed {
  let feed = feeds.get(db.pool);
  if (!feed) feeds.set(db.pool, (feed = new LiquidationFeed(db)));
  if (options?.onError) feed.onError = options.onError;
  if (options?.listenUrl) feed.listenUrl = options.listenUrl;
  return feed;
}
