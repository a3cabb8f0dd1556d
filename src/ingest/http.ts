import { WeightBudget } from './budget';
import { BackoffPolicy, backoffDelayMs, Clock, systemClock } from './clock';

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  /** The venue's weight for this call (Binance: depth limit=1000 weighs 20). Default 1. */
  weight?: number;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /**
   * Venue-level errors inside HTTP 200 (Bybit `retCode`, OKX `code`): return a problem to fail
   * the attempt; `retryable` ones (the venue's "too many requests") are retried like a 5xx.
   */
  validate?: (body: unknown) => { message: string; retryable: boolean } | null;
  /** `text` returns the body as a string (HTML tables, CSV) instead of parsing JSON. */
  responseType?: 'json' | 'text';
}

export interface HttpClientOptions {
  /** Source slug, used in error messages. */
  source: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Retries after the first attempt for 5xx, 429/418, timeouts, network and parse errors. */
  retries?: number;
  backoff?: BackoffPolicy;
  /** Longest Retry-After honoured; beyond it the call fails instead of stalling a run. */
  maxRetryAfterMs?: number;
  budget?: WeightBudget | null;
  clock?: Clock;
  random?: () => number;
  headers?: Record<string, string>;
  /** Query parameter names whose values never appear in errors or logs (api keys). */
  secretParams?: string[];
  /** Called before each retry: the runner records these on the ingestion run. */
  onRetry?: (problem: HttpProblem) => void;
  /** The source's pause shared by every worker (Postgres); checked before each call, recorded on a ban. */
  sharedPause?: { current(): Promise<{ untilMs: number; reason: string } | null>; record(untilMs: number, reason: string): Promise<void> } | null;
  /** How the venue says "stop" beyond 429/418, and what it reports of its own weight count. */
  policy?: VenueHttpPolicy;
}

/** A venue's own rate-limit signals (Source.httpPolicy). */
export interface VenueHttpPolicy {
  /** A response that is a ban although not a 429/418 (Bybit: 403 "access too frequent"): how long to stop, in ms; null when it is not one. */
  ban?: (status: number, body: string) => number | null;
  /** Header carrying the weight this IP has spent in the venue's window (Binance `X-MBX-USED-WEIGHT-1m`). */
  usedWeightHeader?: string;
  /** The venue's own limit that header counts against (Binance 2400 a minute). */
  venueWeightLimit?: number;
}

export interface HttpProblem {
  url: string;
  attempt: number;
  message: string;
  waitMs: number;
}

/** A failed call; `url` is always redacted. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const defaultHttpSettings = {
  timeoutMs: 10_000,
  retries: 4,
  backoff: { baseMs: 500, maxMs: 30_000 } as BackoffPolicy,
  maxRetryAfterMs: 120_000,
};

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** JSON over global fetch with timeouts, retries, Retry-After and a per-source weight budget. */
export class JsonHttpClient {
  private readonly settings: Required<Pick<HttpClientOptions, 'timeoutMs' | 'retries' | 'backoff' | 'maxRetryAfterMs'>>;
  private readonly clock: Clock;
  private readonly secrets: Set<string>;

  constructor(readonly options: HttpClientOptions) {
    this.settings = {
      timeoutMs: options.timeoutMs ?? defaultHttpSettings.timeoutMs,
      retries: options.retries ?? defaultHttpSettings.retries,
      backoff: options.backoff ?? defaultHttpSettings.backoff,
      maxRetryAfterMs: options.maxRetryAfterMs ?? defaultHttpSettings.maxRetryAfterMs,
    };
    this.clock = options.clock ?? systemClock;
    this.secrets = new Set((options.secretParams ?? ['api_key', 'apikey', 'apiKey', 'token', 'signature']).map((s) => s.toLowerCase()));
  }

  get<T>(path: string, request: RequestOptions = {}): Promise<T> {
    return this.send<T>('GET', path, undefined, request);
  }

  /** The body as text (an HTML page, a CSV file), with the same retries and budget as JSON calls. */
  getText(path: string, request: Omit<RequestOptions, 'responseType'> = {}): Promise<string> {
    return this.send<string>('GET', path, undefined, { ...request, responseType: 'text' });
  }

  post<T>(path: string, body: unknown, request: RequestOptions = {}): Promise<T> {
    return this.send<T>('POST', path, body, request);
  }

  private buildUrl(path: string, query: Record<string, QueryValue> = {}): URL {
    const url = new URL(this.options.baseUrl + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** The URL as errors may show it: secret parameters replaced. */
  redact(url: URL): string {
    const copy = new URL(url.toString());
    for (const name of [...copy.searchParams.keys()]) {
      if (this.secrets.has(name.toLowerCase())) copy.searchParams.set(name, '***');
    }
    copy.username = '';
    copy.password = '';
    return copy.toString();
  }

  private async send<T>(method: string, path: string, body: unknown, request: RequestOptions): Promise<T> {
    const url = this.buildUrl(path, request.query);
    const shownUrl = this.redact(url);
    for (let attempt = 0; ; attempt++) {
      await this.waitOutSharedPause(method, shownUrl);
      await this.options.budget?.take(request.weight ?? 1);
      try {
        return await this.attempt<T>(method, url, shownUrl, body, request);
      } catch (error) {
        const problem = this.asHttpError(error, method, url, shownUrl);
        // A venue's "stop" pauses the whole source, in this process and every other, before
        // anything else happens to this call: even when it is the last attempt, or the wait is
        // longer than this call will stay for.
        if (problem.retryAfterMs !== null) await this.pause(problem.retryAfterMs, problem.message);
        if (!problem.retryable || attempt >= this.settings.retries) throw problem;
        let waitMs = backoffDelayMs(this.settings.backoff, attempt, this.options.random);
        if (problem.retryAfterMs !== null) {
          if (problem.retryAfterMs > this.settings.maxRetryAfterMs) throw problem;
          waitMs = Math.max(waitMs, problem.retryAfterMs);
        }
        this.options.onRetry?.({ url: shownUrl, attempt: attempt + 1, message: problem.message, waitMs });
        await this.clock.sleep(waitMs);
      }
    }
  }

  private async pause(forMs: number, reason: string): Promise<void> {
    const untilMs = this.clock.now() + forMs;
    this.options.budget?.pauseUntil(untilMs);
    // Best effort: with the database away this process still pauses itself (the budget above).
    await this.options.sharedPause?.record(untilMs, reason).catch(() => undefined);
  }

  /** Another worker was told to stop: wait it out here, or fail at once when it is longer than a call may wait. */
  private async waitOutSharedPause(method: string, shownUrl: string): Promise<void> {
    // A database outage must not stop ingestion from the venue: without the shared row, the local budget's pause still holds.
    const pause = await this.options.sharedPause?.current().catch(() => null);
    if (!pause) return;
    const waitMs = pause.untilMs - this.clock.now();
    if (waitMs <= 0) return;
    if (waitMs > this.settings.maxRetryAfterMs) {
      throw new HttpError(
        `${this.options.source}: paused until ${new Date(pause.untilMs).toISOString()} (${pause.reason}); not calling ${method} ${shownUrl}`,
        shownUrl,
        null,
        false,
        waitMs,
      );
    }
    this.options.budget?.pauseUntil(pause.untilMs);
    await this.clock.sleep(waitMs);
  }

  private async attempt<T>(method: string, url: URL, shownUrl: string, body: unknown, request: RequestOptions): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: {
        accept: request.responseType === 'text' ? 'text/html, text/csv, text/plain, */*' : 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.options.headers,
        ...request.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    const text = await response.text();
    const policy = this.options.policy;
    const used = policy?.usedWeightHeader ? Number(response.headers.get(policy.usedWeightHeader)) : NaN;
    // The venue's count covers every client on this IP: keep the local budget no fuller than what it says is left.
    if (Number.isFinite(used) && policy?.venueWeightLimit) this.options.budget?.observeUsed(used, policy.venueWeightLimit);
    const banMs = policy?.ban?.(response.status, text) ?? null;
    if (banMs !== null) {
      throw new HttpError(`${this.options.source}: HTTP ${response.status} (banned: ${text.slice(0, 120)}) from ${method} ${shownUrl}`, shownUrl, response.status, false, banMs);
    }
    if (response.status === 429 || response.status === 418) {
      // 418 is Binance's "banned for ignoring 429s": same remedy, wait as told.
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
      throw new HttpError(`${this.options.source}: HTTP ${response.status} (rate limited) from ${method} ${shownUrl}`, shownUrl, response.status, true, retryAfterMs);
    }
    if (!response.ok) {
      const retryable = response.status >= 500;
      throw new HttpError(`${this.options.source}: HTTP ${response.status} from ${method} ${shownUrl}: ${text.slice(0, 200)}`, shownUrl, response.status, retryable);
    }
    if (request.responseType === 'text') {
      const problem = request.validate?.(text);
      if (problem) throw new HttpError(`${this.options.source}: ${problem.message} from ${method} ${shownUrl}`, shownUrl, response.status, problem.retryable);
      return text as T;
    }
    let parsed: T;
    try {
      parsed = JSON.parse(text) as T;
    } catch (error) {
      // A cut connection leaves a truncated body: worth a retry, like any transport failure.
      const reason = error instanceof Error ? error.message : String(error);
      const shape = text.length === 0 ? 'empty body' : `${text.length} bytes, ends "${text.slice(-40)}"`;
      throw new HttpError(`${this.options.source}: invalid JSON from ${method} ${shownUrl}: ${reason} (${shape})`, shownUrl, response.status, true);
    }
    const problem = request.validate?.(parsed);
    if (problem) throw new HttpError(`${this.options.source}: ${problem.message} from ${method} ${shownUrl}`, shownUrl, response.status, problem.retryable);
    return parsed;
  }

  private asHttpError(error: unknown, method: string, url: URL, shownUrl: string): HttpError {
    if (error instanceof HttpError) return error;
    // Duck-typed: fetch's DOMException may come from another realm (jest), failing instanceof.
    const failure = (error ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
    if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
      return new HttpError(`${this.options.source}: timed out after ${this.settings.timeoutMs} ms: ${method} ${shownUrl}`, shownUrl, null, true);
    }
    const cause = failure.cause?.message ? `: ${failure.cause.message}` : '';
    const message = failure.message ?? String(error);
    // undici reports refused/reset connections and cut bodies as TypeError("fetch failed" / "terminated").
    const scrubbed = `${message}${cause}`.split(url.toString()).join('<url>');
    return new HttpError(`${this.options.source}: network error on ${method} ${shownUrl}: ${scrubbed}`, shownUrl, null, true);
  }
}
