import { ApolloServer, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Context } from '../domains/context';
import { CascadeError, ErrorCode, errorHttpStatus } from '../core/errors';
import { serveDashboard, serveIdeAsset, serveIdePage, wantsIde } from './ide';
import type { EntryChecks, EntryRequest } from './entry-checks';
import { BudgetState } from '../core/caller';
import { requestIdFrom, requestScopes } from './request-scope';
import type { FastAnswer } from './fast-path';
import { postBodyRunning, searchRunning } from './trusted-documents';

/** Largest request body accepted; a GraphQL document with variables is far smaller. */
export const maxBodyBytes = 1_000_000;
/** How much of an oversized upload is read and dropped after its 413, so the client gets the answer; past it the socket closes. */
const overflowDrainBytes = 8 * maxBodyBytes;

export interface HttpHandlerOptions {
  apollo: ApolloServer<Context>;
  /**
   * Identifies the caller and builds the request's context; throws a CascadeError (bad key,
   * database away, budget spent) to refuse the request before its body is read.
   */
  createContext: (req: IncomingMessage, requestId: string) => Promise<Context>;
  /** Extra routes (health, metrics), tried before GraphQL. Return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> | boolean;
  /** Sets CORS headers for allowed origins; true when it answered a preflight itself. */
  cors?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** What every request's document and variables pass before parsing (entry-checks.ts). */
  checks: EntryChecks;
  /** Told of every coded error this layer answers itself (metrics). */
  onRefused?: (code: ErrorCode) => void;
  /** Logs an unexpected failure and returns the error id the caller is given. */
  onUnexpected?: (error: unknown) => string;
  /**
   * Answers a POSTed JSON request for a known query without Apollo's pipeline
   * (fast-path.ts), or returns null to leave it to Apollo.
   */
  answerKnown?: (ctx: Context, req: IncomingMessage, body: unknown) => Promise<FastAnswer | null>;
  /** Told of each request answerKnown answered (metrics), with its duration in seconds. */
  onAnsweredKnown?: (answer: FastAnswer, seconds: number, ctx: Context) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendCoded(res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] });
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A refusal this layer answers itself, with the status its code carries. */
function sendCascadeError(res: ServerResponse, error: CascadeError): void {
  const { code, http, ...extensions } = error.extensions as { code: ErrorCode; http?: { status?: number; headers?: Map<string, string> } };
  const headers = Object.fromEntries(http?.headers ?? []);
  sendCoded(res, http?.status ?? errorHttpStatus[code] ?? 400, code, error.message, extensions, headers);
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), sent on every response. */
export function rateLimitHeaders(state: BudgetState | undefined): Record<string, string> {
  if (!state || state.limit === null || state.remaining === null) return {};
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=60`,
  };
}

/** A whole GraphQL answer: its headers, the caller's RateLimit-* headers, and a length rather than chunked framing. */
function sendComplete(res: ServerResponse, ctx: Context, status: number, headers: Iterable<[string, string]>, body: string): void {
  for (const [key, value] of headers) res.setHeader(key, value);
  for (const [key, value] of Object.entries(rateLimitHeaders(ctx.charged ?? ctx.budget()))) res.setHeader(key, value);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.statusCode = status;
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return reject(new HttpError(413, `Request body exceeds ${maxBodyBytes} bytes.`));
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // A chunked body announces no length: it is found too long only while it arrives. Destroying
      // the request here reset the connection before the client could read the 413; instead the
      // 413 is answered and the rest of the upload read and dropped (Node drains an unread body
      // after the response, as for keep-alive), up to a bound past which the socket is closed.
      req.off('data', collect);
      chunks.length = 0;
      let dropped = 0;
      req.on('data', (more: Buffer) => {
        dropped += more.length;
        if (dropped > overflowDrainBytes) req.destroy();
      });
      reject(new HttpError(413, `Request body exceeds ${maxBodyBytes} bytes.`));
    };
    req.on('data', collect);
    req.on('end', () => {
      const buffer = Buffer.concat(chunks);
      // A body that is not valid UTF-8 is refused rather than decoded with replacement marks.
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
      } catch {
        reject(new HttpError(400, 'Request body is not valid UTF-8.'));
      }
    });
    req.on('error', reject);
  });
}

/** The request's media type, lower case, without parameters. */
const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

function parseBody(req: IncomingMessage, text: string): unknown {
  if (text.length === 0) return undefined;
  const type = mediaType(req);
  if (type === 'application/json' || type === 'application/graphql-response+json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `Request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  // Apollo answers other media types with 400 (and blocks them as CSRF risks); pass the text.
  return text;
}

/** The JSON in a query-string parameter, or undefined when there is none or it is not JSON (Apollo refuses that). */
function jsonParameter(params: URLSearchParams, name: string): unknown {
  const text = params.get(name);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What a GET request names, as a POST body would. */
function searchRequest(search: string): EntryRequest {
  const params = new URLSearchParams(search);
  return { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions: jsonParameter(params, 'extensions'), variables: jsonParameter(params, 'variables') };
}

/**
 * GraphQL over HTTP on plain `node:http`: Apollo's documented integration API does the
 * protocol (GET/POST, media types, status codes); this only moves bytes, identifies the caller
 * and sends the rate-limit headers. Chosen over an Express adapter because every microsecond
 * here is per request (docs/decisions.md).
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> => {
    let context: Context | undefined;
    try {
      context = await options.createContext(req, requestId);
    } catch (error) {
      if (!(error instanceof CascadeError)) throw error;
      options.onRefused?.(error.extensions.code as ErrorCode);
      sendCascadeError(res, error);
      return;
    }
    const ctx = context;
    const scope = requestScopes.getStore();
    if (scope) scope.keyPrefix = ctx.caller.keyPrefix;
    for (const [key, value] of Object.entries(rateLimitHeaders(ctx.budget()))) res.setHeader(key, value);
    const method = (req.method ?? 'GET').toUpperCase();
    let body = method === 'POST' ? parseBody(req, await readBody(req)) : undefined;
    let search = url.search;
    const posted = body && typeof body === 'object' && !Array.isArray(body) ? (body as EntryRequest) : undefined;
    // A body that is not one request (text, a batch) is Apollo's to refuse.
    if (method === 'GET' || posted) {
      const request = posted ?? searchRequest(search);
      if (options.checks.trustedMode && method === 'GET' && new URLSearchParams(search).has('extensions') && request.extensions === undefined) {
        throw new HttpError(400, 'The `extensions` parameter is not valid JSON.');
      }
      const query = options.checks.beforeParse(request);
      if (options.checks.trustedMode && query !== undefined) {
        if (posted) body = postBodyRunning(posted, query);
        else search = searchRunning(search, query, request.extensions as Record<string, unknown> | undefined);
      }
    }
    if (method === 'POST' && options.answerKnown && mediaType(req) === 'application/json') {
      const started = process.hrtime.bigint();
      const answer = await options.answerKnown(ctx, req, body);
      if (answer) {
        options.onAnsweredKnown?.(answer, Number(process.hrtime.bigint() - started) / 1e9, ctx);
        // Apollo's headers for the same answer; ours are added as for Apollo's answers.
        sendComplete(res, ctx, answer.status, answer.headers, answer.body);
        return;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search, body };
    const response = await options.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ctx });
    if (response.body.kind === 'complete') {
      sendComplete(res, ctx, response.status ?? 200, response.headers, response.body.string);
      return;
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    for (const [key, value] of Object.entries(rateLimitHeaders(ctx.charged ?? ctx.budget()))) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdFrom(req.headers['x-request-id'], randomUUID);
    await requestScopes.run({ requestId, transport: 'http' }, async () => {
      try {
        res.setHeader('x-request-id', requestId);
        if (options.cors?.(req, res)) return;
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (options.routes && (await options.routes(req, res, url.pathname))) return;
        if ((await serveIdeAsset(req, res, url.pathname)) || (await serveDashboard(req, res, url.pathname))) return;
        if (url.pathname !== '/graphql') {
          sendCoded(res, 404, 'BAD_REQUEST', `No route ${url.pathname}; the API is at /graphql.`);
          return;
        }
        if (wantsIde(req, url)) {
          serveIdePage(res);
          return;
        }
        await handleGraphQL(req, res, url, requestId);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) {
          options.onRefused?.('BAD_REQUEST');
          sendCoded(res, error.status, 'BAD_REQUEST', error.message);
        } else if (error instanceof CascadeError) {
          options.onRefused?.(error.extensions.code as ErrorCode);
          sendCascadeError(res, error);
        } else {
          options.onRefused?.('INTERNAL_SERVER_ERROR');
          const errorId = options.onUnexpected?.(error);
          sendCoded(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', errorId ? { errorId } : {});
        }
      }
    });
  };
}
