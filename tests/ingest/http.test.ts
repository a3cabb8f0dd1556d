import { WeightBudget } from '../../src/ingest/budget';
import { backoffDelayMs, manualClock } from '../../src/ingest/clock';
import { HttpError, JsonHttpClient, parseRetryAfter } from '../../src/ingest/http';
import { clampWindow, sliceForLimit, timeSlices } from '../../src/ingest/paging';
import { startVenueServer, VenueServer } from '../support/venue-server';

describe('JSON HTTP client', () => {
  let venue: VenueServer;
  beforeAll(async () => {
    venue = await startVenueServer();
    venue.route('/data', { ok: true });
  });
  afterAll(() => venue.stop());
  beforeEach(() => venue.clearFaults());

  const client = (overrides: Partial<ConstructorParameters<typeof JsonHttpClient>[0]> = {}) =>
    new JsonHttpClient({ source: 'test', baseUrl: venue.url, clock: manualClock(), timeoutMs: 2000, retries: 2, backoff: { baseMs: 100, maxMs: 1000 }, ...overrides });

  it('names the URL and the parse problem for a truncated body, without the api key', async () => {
    venue.fault('/data', { kind: 'truncate' }, 3);
    const error: HttpError = await client().get('/data', { query: { a: 'BTC', api_key: 'sekret-123' } }).catch((e: HttpError) => e) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.message).toMatch(/^test: invalid JSON from GET http:\/\/127\.0\.0\.1:\d+\/data\?a=BTC&api_key=\*\*\*: .*JSON.*\(\d+ bytes, ends /);
    expect(error.message).not.toContain('sekret');
  });

  it('gives up after the configured retries and does not retry a 4xx', async () => {
    venue.fault('/data', { kind: 'status', status: 502 }, 5);
    const before = venue.requestsTo('/data').length;
    await expect(client().get('/data')).rejects.toThrow(/HTTP 502/);
    expect(venue.requestsTo('/data').length - before).toBe(3);
    venue.clearFaults();
    venue.fault('/data', { kind: 'status', status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' });
    await expect(client().get('/data')).rejects.toThrow(/HTTP 400 .*Invalid symbol/);
    expect(venue.requestsTo('/data').length - before).toBe(4);
  });

  it('fails rather than stall when Retry-After exceeds the longest wait it honours', async () => {
    venue.fault('/data', { kind: 'rate-limit', retryAfter: '600' });
    await expect(client({ maxRetryAfterMs: 60_000 }).get('/data')).rejects.toThrow(/HTTP 429/);
  });

  it('pauses the whole source after a 429 so other calls wait too', async () => {
    const clock = manualClock();
    const budget = new WeightBudget({ weight: 100, intervalMs: 60_000 }, clock);
    venue.fault('/data', { kind: 'rate-limit', retryAfter: '3' });
    await client({ clock, budget }).get('/data');
    expect(clock.waits).toEqual([3000]);
    expect(await client({ clock, budget }).get('/data')).toEqual({ ok: true });
  });

  it('spends declared weights from a token bucket and waits for refill instead of exceeding the limit', async () => {
    const clock = manualClock();
    const budget = new WeightBudget({ weight: 10, intervalMs: 1000 }, clock);
    const http = client({ clock, budget });
    for (let i = 0; i < 3; i++) await http.get('/data', { weight: 4 });
    // 10 → 6 → 2: the third call needs 2 more tokens, refilled at 10 per second.
    expect(clock.waits).toEqual([200]);
  });
});

describe('retry and paging arithmetic', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2024, 5, 10, 9);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('draws full-jitter backoff below an exponential ceiling', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelayMs(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(400);
    expect(backoffDelayMs(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelayMs(policy, 10, () => 0)).toBe(0);
  });

  it('cuts a window into overlapping slices that cover it exactly', () => {
    const hour = 3_600_000;
    const slices = [...timeSlices({ from: new Date(0), to: new Date(10 * hour) }, 4 * hour, hour)];
    expect(slices.map((s) => [s.from.getTime() / hour, s.to.getTime() / hour])).toEqual([[0, 4], [3, 7], [6, 10]]);
    expect(sliceForLimit(500, 300_000)).toBe(499 * 300_000);
    expect(clampWindow({ from: new Date(0), to: new Date(10) }, new Date(5), new Date(20))).toEqual({ from: new Date(5), to: new Date(10) });
    expect(clampWindow({ from: new Date(0), to: new Date(10) }, new Date(10), new Date(20))).toBeNull();
  });
});
