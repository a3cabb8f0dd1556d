import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A loopback stand-in for a venue: REST routes answer with our own fixtures (or a handler),
 * each route can be told to misbehave for its next N requests, and a WebSocket side pushes
 * messages, records subscriptions and drops connections on command.
 */

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 429 (or Binance's 418) with a Retry-After header: seconds ("1") or an HTTP date. */
  | { kind: 'rate-limit'; retryAfter?: string; status?: 429 | 418 }
  /** Answers only after `ms` (beyond the client's timeout). */
  | { kind: 'delay'; ms: number }
  /** Sends the real body cut in half. */
  | { kind: 'truncate' }
  /** Sends a body that is not JSON (an HTML error page, as proxies do). */
  | { kind: 'malformed' }
  /** Closes the socket without an answer. */
  | { kind: 'reset' };

export interface VenueRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A handler returns the JSON body, or a full reply. */
export type RouteHandler = (request: VenueRequest) => unknown;
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Send `body` (a string) as is, e.g. an HTML page, instead of as JSON. */
  raw?: boolean;
}
export function reply(status: number, body: unknown, headers?: Record<string, string>): Reply & { __reply: true } {
  return { status, body, headers, __reply: true };
}

/** A text answer (an HTML page, a CSV file) sent as is with its content type. */
export function textReply(body: string, contentType = 'text/html; charset=utf-8', status = 200): Reply & { __reply: true } {
  return { status, body, headers: { 'content-type': contentType }, raw: true, __reply: true };
}

const fixturesRoot = path.join(__dirname, '..', 'fixtures', 'venues');

/** A fixture file's text (tests/fixtures/venues/<venue>/<file>, extension included). */
export function textFixture(venue: string, file: string): string {
  return readFileSync(path.join(fixturesRoot, venue, file), 'utf8');
}

/** A fixture file parsed (tests/fixtures/venues/<venue>/<name>.json). */
export function fixture<T = any>(venue: string, name: string): T {
  return JSON.parse(readFileSync(path.join(fixturesRoot, venue, `${name}.json`), 'utf8')) as T;
}

export interface VenueSocket {
  socket: WebSocket;
  /** Request path of the connection (Binance puts the stream name there). */
  path: string;
  /** Messages the client sent (subscriptions, pings), parsed. */
  received: unknown[];
  /** WebSocket ping frames the client sent (its heartbeat). */
  pings: number;
  /** False when the server routes WebSocket paths and this one is not among them: it gets nothing. */
  routed: boolean;
}

export class VenueServer {
  readonly requests: VenueRequest[] = [];
  readonly sockets: VenueSocket[] = [];
  private readonly routes = new Map<string, RouteHandler>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private httpServer!: http.Server;
  private wss!: WebSocketServer;
  /** Called for each message a client sends (to answer subscribe/ping like the venue does). */
  onClientMessage?: (connection: VenueSocket, message: any) => void;
  onConnection?: (connection: VenueSocket) => void;
  /** Answer WebSocket ping frames with pong (the `ws` default); false simulates a dead peer. */
  answerPings = true;
  /**
   * WebSocket paths the venue routes (e.g. Binance's `/market/ws/<stream>`). When set, a
   * connection to any other path is accepted, as the real venue accepts a retired legacy URL,
   * and then receives nothing: no pushes, no answers to its messages.
   */
  wsRoutes: Set<string> | null = null;

  get url(): string {
    return `http://127.0.0.1:${(this.httpServer.address() as AddressInfo).port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${(this.httpServer.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.httpServer = http.createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.httpServer, autoPong: false } as any);
    this.wss.on('connection', (socket, request) => {
      const path = request.url ?? '/';
      const connection: VenueSocket = { socket, path, received: [], pings: 0, routed: this.wsRoutes === null || this.wsRoutes.has(path) };
      this.sockets.push(connection);
      socket.on('ping', (data) => {
        connection.pings += 1;
        if (this.answerPings) socket.pong(data);
      });
      socket.on('message', (data) => {
        let message: unknown = data.toString();
        try {
          message = JSON.parse(String(message));
        } catch {
          /* keep the raw text */
        }
        connection.received.push(message);
        if (connection.routed) this.onClientMessage?.(connection, message);
      });
      this.onConnection?.(connection);
    });
    await new Promise<void>((resolve) => this.httpServer.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Serves `body` (or the handler's answer) on GET/POST `path`. */
  route(path: string, handler: RouteHandler | object): this {
    this.routes.set(path, typeof handler === 'function' ? (handler as RouteHandler) : () => handler);
    return this;
  }

  /** The next `times` requests to `path` meet `fault`, then the route behaves again. */
  fault(path: string, fault: Fault, times = 1): this {
    const queue = this.faults.get(path) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(path, queue);
    return this;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  requestsTo(path: string): VenueRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Live (open) WebSocket connections. */
  openSockets(): VenueSocket[] {
    return this.sockets.filter((s) => s.socket.readyState === WebSocket.OPEN);
  }

  /** Sends a message to every open connection on a routed path (all of them when nothing is routed). */
  push(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    for (const connection of this.openSockets()) if (connection.routed) connection.socket.send(text);
  }

  /** Cuts every connection abruptly (no close frame), as a venue restart or a network drop does. */
  dropConnections(): void {
    for (const connection of this.openSockets()) connection.socket.terminate();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const request: VenueRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
    this.requests.push(request);
    const handler = this.routes.get(url.pathname);
    const fault = this.faults.get(url.pathname)?.shift();
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') return this.send(res, fault.status, fault.body ?? '{"msg":"injected"}', fault.headers);
    if (fault?.kind === 'rate-limit') {
      return this.send(res, fault.status ?? 429, '{"code":-1003,"msg":"Too many requests"}', fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
    }
    if (fault?.kind === 'malformed') return this.send(res, 200, '<html><body>502 Bad Gateway</body></html>');
    if (!handler) return this.send(res, 404, JSON.stringify({ msg: `no route ${url.pathname}` }));
    let answer: unknown;
    try {
      answer = handler(request);
    } catch (error) {
      return this.send(res, 500, JSON.stringify({ msg: String(error) }));
    }
    const full = answer && typeof answer === 'object' && (answer as { __reply?: boolean }).__reply ? (answer as Reply) : { status: 200, body: answer };
    let body = full.raw ? String(full.body) : JSON.stringify(full.body);
    if (fault?.kind === 'truncate') body = body.slice(0, Math.floor(body.length / 2));
    if (fault?.kind === 'delay') {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        if (!res.destroyed) this.send(res, full.status, body, full.headers);
      }, fault.ms);
      this.pending.add(timer);
      return;
    }
    this.send(res, full.status, body, full.headers);
  }

  private send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    for (const connection of this.sockets) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
  }
}

export async function startVenueServer(): Promise<VenueServer> {
  return new VenueServer().start();
}

/** Polls `check` until it returns a truthy value or the deadline passes (no fixed sleeps). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, stepMs = 10): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Environment pointing a source at the loopback server. */
export function venueEnv(server: VenueServer, sourceSlug: string): NodeJS.ProcessEnv {
  const prefix = `CASCADE_${sourceSlug.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  return { [`${prefix}_REST_URL`]: server.url, [`${prefix}_WS_URL`]: server.wsUrl };
}
