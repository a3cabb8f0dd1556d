import WebSocket from 'ws';
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
}

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
  /** Number of successful opens so far (1 = first connection). */
  connections = 0;

  constructor(private readonly options: WsCollectorOptions) {}

  start(): this {
    this.connect();
    return this;
  }

  private get heartbeat(): HeartbeatPolicy {
    return this.options.heartbeat ?? defaultWsSettings.heartbeat;
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    const heard = () => (this.lastHeardMs = Date.now());
    socket.on('open', async () => {
      heard();
      this.connections += 1;
      this.failures = 0;
      try {
        for (const message of (await this.options.subscriptions?.()) ?? []) {
          sendJson(socket, message);
        }
      } catch (error) {
        this.report(error);
      }
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
  /** Flushed at once when this many items are waiting. */
  maxItems: number;
  /** An item waits at most this long (≤ 1 s for live feeds) before its batch is written. */
  maxDelayMs: number;
  /** Writes one batch in one statement (set-based, never row by row). */
  write: (items: T[]) => Promise<void>;
  onError?: (error: Error, items: T[]) => void;
}

/**
 * Buffers streamed events and writes them in batches. Flushes never overlap; a failed batch is
 * put back at the head of the queue and retried with the next flush, so a database blip loses
 * nothing (the writers skip duplicates if a batch did land).
 */
export class Batcher<T> {
  private buffer: T[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: BatcherOptions<T>) {}

  add(item: T): void {
    this.addAll([item]);
  }

  addAll(items: T[]): void {
    if (this.closed || items.length === 0) return;
    this.buffer.push(...items);
    if (this.buffer.length >= this.options.maxItems) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered so far; resolves when it is stored (or put back after a failure). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      if (this.buffer.length === 0) return;
      const batch = this.buffer.splice(0, this.buffer.length);
      try {
        await this.options.write(batch);
      } catch (error) {
        this.buffer.unshift(...batch);
        this.options.onError?.(error instanceof Error ? error : new Error(String(error)), batch);
        if (!this.closed && !this.timer) this.timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
      }
    });
    return this.flushing;
  }

  /** Final flush; later adds are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
