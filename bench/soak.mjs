// `npm run soak`: a fixed mixed load on the built API for a set time, on loopback only.
// Reports requests per second, latency percentiles and the server's memory over time, and
// writes the figures to .cascade/soak-<time>.json (docs/performance.md records a run).
//
// SOAK_SECONDS (default 60), SOAK_CONNECTIONS (default 16). With DATABASE_URL unset the
// server runs on the demo database (`.cascade/pgdata-demo`, loaded with the sample scenario
// on first use).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 16);
const sampleEveryMs = 5000;

/** The mix: registry reads, a page of events, series at hourly and minute grain, the snapshot, the caller. */
const operations = [
  ['venues', '{ venues { slug name kind liquidationsLowerBound } }'],
  ['liquidations', '{ liquidations(first: 50, filter: { asset: "BTC" }) { edges { cursor node { id occurredAt side notionalUsd venue { slug } } } pageInfo { hasNextPage } } }'],
  ['liquidationHistory', '{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-10-09T00:00:00Z", to: "2025-10-12T00:00:00Z") { start longUsd shortUsd } }'],
  ['openInterest', '{ openInterestHistory(asset: "BTC", interval: H1, from: "2025-10-08T00:00:00Z", to: "2025-10-12T00:00:00Z") { start openInterestUsd } }'],
  ['timelineMinutes', '{ timeline(asset: "ETH", interval: M5, from: "2025-10-10T12:00:00Z", to: "2025-10-11T00:00:00Z") { start close liquidationsLongUsd fundingRate8h } }'],
  ['snapshot', '{ marketSnapshot(asset: "BTC", at: "2025-10-11T00:00:00Z") { priceUsd openInterestUsd openInterestWeightedFunding } }'],
  ['viewer', '{ viewer { anonymous remainingBudget requestCost } }'],
];

function startApi() {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js'), '--demo'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'warn', CASCADE_ANONYMOUS_POINTS_PER_MINUTE: '1000000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    });
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before serving`)));
  });
}

async function memory(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { rssMiB: read('cascade_process_resident_memory_bytes'), heapUsedMiB: read('cascade_nodejs_heap_size_used_bytes') };
}

const { child, url } = await startApi();
const base = url.replace('/graphql', '');
const samples = [{ at: 0, ...(await memory(base)) }];
const started = Date.now();
const sampler = setInterval(async () => samples.push({ at: Math.round((Date.now() - started) / 1000), ...(await memory(base)) }), sampleEveryMs);

console.log(`soak: ${seconds} s, ${connections} connections, ${operations.length} operations in turn, against ${url}`);
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  requests: operations.map(([, query]) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
});
clearInterval(sampler);
samples.push({ at: Math.round((Date.now() - started) / 1000), ...(await memory(base)) });
child.kill('SIGTERM');

const summary = {
  date: new Date().toISOString(),
  seconds,
  connections,
  operations: operations.map(([name]) => name),
  requests: result.requests.total,
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  memory: samples.map((s) => ({ at: s.at, rssMiB: Math.round(s.rssMiB), heapUsedMiB: Math.round(s.heapUsedMiB) })),
};
console.log(`requests ${summary.requests} (${summary.requestsPerSecond}/s), p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms`);
console.log(`non-2xx ${summary.non2xx}, errors ${summary.errors}, timeouts ${summary.timeouts}`);
console.table(summary.memory);
mkdirSync(path.join(root, '.cascade'), { recursive: true });
const file = path.join(root, '.cascade', `soak-${summary.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(summary, null, 2));
console.log(`wrote ${file}`);
await new Promise((resolve) => child.once('exit', resolve));
process.exit(summary.non2xx > 0 || summary.errors > 0 ? 1 : 0);
