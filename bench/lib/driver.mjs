// The load driver: autocannon in this process (one worker), loopback, a fixed number of
// connections for a fixed time. Every response is checked — status 200 and a body identical to
// the one captured (and validated) before the load — so a fast error path can never pass for a
// fast server. Latencies are taken from every response at full precision (autocannon's own
// histogram keeps whole milliseconds).
import autocannon from 'autocannon';
import { createHash } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';

/**
 * One POST on its own connection, closed afterwards: a kept-alive idle socket would make the
 * server under test wait for it when it drains on stop.
 */
export function fetchOnce({ url, headers, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.setTimeout(60_000, () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round = (value, digits = 2) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** One autocannon run; rejects nothing, reports every failed check in `problems`. */
export function runLoad({ url, headers, body, expectedBody, seconds, connections }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        connections,
        duration: seconds,
        expectBody: expectedBody,
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const problems = [];
        if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses`);
        if (result.errors > 0) problems.push(`${result.errors} connection errors`);
        if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
        if (result.mismatches > 0) problems.push(`${result.mismatches} bodies differing from the validated one`);
        if (result.requests.total === 0) problems.push('no response at all');
        const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => code !== '200');
        if (statuses.length) problems.push(`statuses ${statuses.map(([code, s]) => `${code}×${s.count}`).join(', ')}`);
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          rps: round(result.requests.total / result.duration, 1),
          p50Ms: round(percentile(latencies, 50)),
          p90Ms: round(percentile(latencies, 90)),
          p99Ms: round(percentile(latencies, 99)),
          maxMs: round(latencies.at(-1) ?? null),
          meanMs: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
          problems,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * A scenario on one HTTP server: one request, its answer validated by `validate` (which throws
 * with the reason), a warm-up with the same checks, then the measured run. The result is
 * `{ valid: true, rps, p50Ms, p99Ms, … }` or `{ valid: false, error }`. `settle` runs before the
 * warm-up and before the measured run (the runner waits there for the database to go idle).
 */
export async function measureHttp({ url, headers = {}, request, validate, warmupSeconds, seconds, connections, settle = async () => undefined, around = async (run) => ({ result: await run() }) }) {
  const body = JSON.stringify(request);
  let first;
  try {
    first = await fetchOnce({ url, headers, body });
  } catch (error) {
    return { valid: false, error: `request failed: ${error.message}` };
  }
  if (first.status !== 200) return { valid: false, error: `HTTP ${first.status}: ${first.text.slice(0, 300)}` };
  try {
    const parsed = JSON.parse(first.text);
    if (parsed.errors?.length) throw new Error(`errors in the answer: ${JSON.stringify(parsed.errors).slice(0, 300)}`);
    validate(parsed);
  } catch (error) {
    return { valid: false, error: `answer rejected: ${error.message}` };
  }
  const settings = { url, headers, body, expectedBody: first.text, connections };
  if (warmupSeconds > 0) {
    await settle();
    const warm = await runLoad({ ...settings, seconds: warmupSeconds });
    if (warm.problems.length) return { valid: false, error: `warm-up: ${warm.problems.join('; ')}` };
  }
  await settle();
  const loadAverageBefore = os.loadavg()[0];
  // `around` wraps only the measured run: the runner counts database work and CPU there.
  const { result: run, ...work } = await around(() => runLoad({ ...settings, seconds }));
  if (run.problems.length) return { valid: false, error: run.problems.join('; '), requests: run.requests };
  const { problems: _none, ...figures } = run;
  return { valid: true, ...figures, ...work, bodyBytes: Buffer.byteLength(first.text), bodySha1: createHash('sha1').update(first.text).digest('hex'), loadAverage: round(loadAverageBefore, 1) };
}
