import WebSocket from 'ws';
import { CanaryPolicy, CanaryWatch } from './canary';
import { BackoffPolicy, backoffDelayMs } from './clock';

export interface HeartbeatPolicy {
  /** How often to probe the connection. */
  intervalMs: number;
  /** Declared dead (and reconnected) after this long without any frame, message or pong. */
  deadAfterMs: number;
  /**
   * A venue-level ping (Bybit `{"op":"ping"}`, OKX the text `ping`: a string goes out as is);
   * without one a WebSocket ping frame is sent.
   */
  message?: () => unknown;
  /** The venue's answer when it is bare text, not JSON (OKX `pong`): heard, not parsed. */
  textReply?: string;
}

export interface WsCollectorOptions {
  /** Name in logs and errors, e.g. `binance:liquidations`. */
  name: string;
  url: string;
  /** Sent after every (re)connect: a reconnect resubscribes to everything. */
  subscriptions?: () => unknown[] | Promise<unknown[]>;
  heartbeat?: HeartbeatPolicy;
  reconnect?: BackoffPolicy;
  /**
   * Parsed JSON of every text message (pongs and acks included: the handler filters). `send`
   * answers on the same connection (a venue's heartbeat request, e.g. Deribit's test_request).
   */
  onMessage: (message: unknown, send: (reply: unknown) => void) => void;
  onError?: (error: Error) => void;
  onOpen?: (connection: number) => void;
  random?: () => number;
  /**
   * A connection whose opening handshake has not completed by then is abandoned and retried (the
   * `ws` client waits forever by default, and the heartbeat starts only once open).
   */
  handshakeTimeoutMs?: number;
  /** Liveness by data (see canary.ts): without a canary, a socket that answers pings counts as alive. */
  canary?: CanaryPolicy;
}

export const defaultHandshakeTimeoutMs = 10_000;

/** A string goes out as is, anything else as JSON. */
function sendJson(socket: WebSocket, message: unknown): void {
  socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

export const defaultWsSettings = {
  heartbeat: { intervalMs: 15_000, deadAfterMs: 45_000 } as HeartbeatPolicy,
  reconnect: { baseMs: 1_000, maxMs: 60_000 } as BackoffPolicy,
};

/**
 * One long-lived WebSocket subscription that survives the venue: it reconnects with backoff
 * and jitter when the socket closes or goes silent, and resubscribes after each reconnect.
 * Delivery is at-least-once at best — writers must de-duplicate by natural key.
 */
export class WsCollector {
  private socket?: WebSocket;
  private stopped = false;
  private failures = 0;
  private heartbeatTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private lastHeardMs = 0;
  private canaryTimer?: NodeJS.Timeout;
  /** The canary's clock (absent without a canary policy). */
  canary?: CanaryWatch;
  /** Number of successful opens so far (1 = first connection). */
  connections = 0;

  constructor(private readonly options: WsCollectorOptions) {}

  start(): this {
    const policy = this.options.canary;
    if (policy) {
      const watch = new CanaryWatch(policy, Date.now());
      this.canary = watch;
      // Checked from start to stop, connected or not: a venue that refuses every connection is silent too.
      this.canaryTimer = setInterval(() => {
        if (watch.check(Date.now(), this.socket?.readyState === WebSocket.OPEN) !== 'reconnect') return;
        this.report(new Error(`${this.options.name}: no canary for ${policy.silentAfterMs} ms, reconnecting`));
        this.socket?.terminate();
      }, Math.min(1000, Math.max(10, policy.silentAfterMs / 4)));
      this.canaryTimer.unref();
    }
    this.connect();
    return this;
  }

  private get heartbeat(): HeartbeatPolicy {
    return this.options.heartbeat ?? defaultWsSettings.heartbeat;
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.options.url, { handshakeTimeout: this.options.handshakeTimeoutMs ?? defaultHandshakeTimeoutMs });
    this.socket = socket;
    const heard = () => (this.lastHeardMs = Date.now());
    socket.on('open', async () => {
      heard();
      this.connections += 1;
      this.failures = 0;
      try {
        for (const message of [...((await this.options.subscriptions?.()) ?? []), ...(this.options.canary?.subscriptions ?? [])]) {
          sendJson(socket, message);
        }
      } catch (error) {
        // A connection without its subscriptions would look healthy and deliver nothing: drop it
        // and let the reconnect subscribe afresh.
        this.report(new Error(`${this.options.name}: subscribing failed, reconnecting: ${error instanceof Error ? error.message : String(error)}`));
        socket.terminate();
        return;
      }
      this.canary?.opened(Date.now());
      this.options.onOpen?.(this.connections);
      this.startHeartbeat(socket);
    });
    socket.on('pong', heard);
    socket.on('ping', heard);
    socket.on('message', (data, isBinary) => {
      heard();
      if (isBinary) return;
      if (this.heartbeat.textReply !== undefined && data.toString() === this.heartbeat.textReply) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch (error) {
        this.report(new Error(`${this.options.name}: unparseable message: ${(error as Error).message}`));
        return;
      }
      this.canary?.message(parsed, Date.now());
      const send = (reply: unknown) => {
        if (socket.readyState === WebSocket.OPEN) sendJson(socket, reply);
      };
      try {
        this.options.onMessage(parsed, send);
      } catch (error) {
        this.report(error);
      }
    });
    socket.on('error', (error) => this.report(error));
    socket.on('close', () => {
      this.stopHeartbeat();
      if (this.socket === socket) this.socket = undefined;
      this.scheduleReconnect();
    });
  }

  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    const policy = this.heartbeat;
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastHeardMs > policy.deadAfterMs) {
        this.report(new Error(`${this.options.name}: no traffic for ${policy.deadAfterMs} ms, reconnecting`));
        socket.terminate();
        return;
      }
      if (socket.readyState !== WebSocket.OPEN) return;
      if (policy.message) sendJson(socket, policy.message());
      else socket.ping();
    }, policy.intervalMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelayMs(this.options.reconnect ?? defaultWsSettings.reconnect, this.failures++, this.options.random);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private report(error: unknown): void {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  /** Closes the socket for good; no reconnect follows. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.canaryTimer) clearInterval(this.canaryTimer);
    this.stopHeartbeat();
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close();
      setTimeout(() => socket.terminate(), 1000).unref();
    });
  }
}

export interface BatcherOptions<T> {
  /** Flushed at once when this many items are waiting; also the largest batch one write gets. */
  maxItems: number;
  /** An item waits at most this long (≤ 1 s for live feeds) before its batch is written. */
  maxDelayMs: number;
  /** Writes one batch in one statement (set-based, never row by row). */
  write: (items: T[]) => Promise<void>;
  onError?: (error: Error, items: T[]) => void;
  /**
   * The most items held in memory (CASCADE_STREAM_BUFFER_EVENTS). Beyond it, while the database
   * is away, items go to `spool` and come back from it in arrival order when writes succeed again.
   */
  maxBuffered?: number;
  /** The append-only file beyond `maxBuffered` (and what a restart replays first). */
  spool?: Spool<T>;
}

/**
 * Buffers streamed events and writes them in batches of at most `maxItems`. Flushes never
 * overlap; a failed batch goes back to the head of the queue and is retried, so a database blip
 * loses nothing (the writers skip an event already stored, by its natural key). Memory is
 * bounded: past `maxBuffered` items, newer ones are appended to the spool file, and once the
 * memory queue has drained they are read back in order. A spool left by a previous process is
 * replayed before anything newer.
 */
export class Batcher<T> {
  private buffer: T[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Items in the spool file, not yet read back (while > 0, new items go there too: order holds). */
  private spooled = 0;

  constructor(private readonly options: BatcherOptions<T>) {
    this.spooled = options.spool?.pendingAtStart() ?? 0;
    if (this.spooled > 0) this.schedule();
  }

  add(item: T): void {
    this.addAll([item]);
  }

  addAll(items: T[]): void {
    if (this.closed || items.length === 0) return;
    const { maxBuffered, spool } = this.options;
    let rest = items;
    if (spool && maxBuffered !== undefined) {
      const room = this.spooled > 0 ? 0 : Math.max(0, maxBuffered - this.buffer.length);
      for (let i = 0; i < Math.min(room, rest.length); i += 1) this.buffer.push(rest[i]);
      rest = rest.slice(room);
      if (rest.length > 0) {
        spool.append(rest);
        this.spooled += rest.length;
      }
    } else {
      for (const item of rest) this.buffer.push(item);
    }
    if (this.buffer.length >= this.options.maxItems) void this.flush();
    else this.schedule();
  }

  /** Items waiting in memory. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Items waiting in the spool file. */
  get spooledCount(): number {
    return this.spooled;
  }

  private schedule(): void {
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
  }

  /** Writes everything waiting (memory, then the spool), batch by batch; stops at the first failure and retries later. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing
      .then(() => this.drain())
      // A failure here must never break the chain (later flushes run after it) or go unhandled.
      .catch((error) => this.options.onError?.(error instanceof Error ? error : new Error(String(error)), []));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.buffer.length === 0 && this.spooled > 0) {
        // Memory is empty: read the oldest spooled items back, up to the memory bound.
        const items = this.options.spool!.take(Math.min(this.spooled, this.options.maxBuffered ?? this.options.maxItems));
        this.spooled -= items.length;
        this.buffer = items;
        if (items.length === 0) this.spooled = 0;
      }
      if (this.buffer.length === 0) return;
      const batch = this.buffer.slice(0, this.options.maxItems);
      try {
        await this.options.write(batch);
      } catch (error) {
        // Back at the head of the queue (the items stay where they were: nothing is re-spread).
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)), batch);
        this.schedule();
        return;
      }
      this.buffer = this.buffer.slice(batch.length);
      if (this.buffer.length === 0 && this.spooled === 0) this.options.spool?.clear();
    }
  }

  /** Final flush; later adds are ignored. What could not be written stays in the spool for the next start. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.buffer.length > 0 && this.options.spool) {
      // Unwritten items in memory go to the head of the spool, so a restart replays them first.
      this.options.spool.prepend(this.buffer);
      this.buffer = [];
    }
  }
}

/** Where a Batcher keeps what does not fit in memory: an append-only file of JSON lines. */
export interface Spool<T> {
  /** Items left by a previous process (read once, at construction). */
  pendingAtStart(): number;
  append(items: T[]): void;
  /** Removes and returns the oldest `count` items. */
  take(count: number): T[];
  prepend(items: T[]): void;
  clear(): void;
}
