#!/usr/bin/env node
// Proves the PostGraphile baselines answer like Cascade: prepares bench_pg, starts Cascade (the
// build in dist/), PostGraphile 5 and PostGraphile 4 against one database holding the sample
// scenario, sends every bench operation (with several parameter sets) to all three and compares
// the normalized answers. Exit code 1 on any difference.
//
//   DATABASE_URL=postgres://… node bench/baselines/check.mjs [--load] [--measure 5]
//
// --load         run Cascade's migrations and load the sample scenario first (idempotent).
// --venue <slug> the venue of scenario (b)'s fixed request (default binance; the bench uses
//                one of its 50-instrument venues).
// --measure <s>  then drive each server with autocannon (16 connections, <s> seconds) on
//                scenarios a and b and print req/s and latencies: a plausibility check only;
//                `npm run bench` is the real race.
// Needs `npm run build` in the repository root first.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstDifference, normalize as cascadeNormalize, operations as cascadeOperations } from '../lib/operations.mjs';
import { normalize, operations, prepareDatabase, startPostGraphile } from './index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL must name a database (it may be empty with --load).');
  process.exit(2);
}
const measureIndex = args.indexOf('--measure');
const measureSeconds = measureIndex >= 0 ? Number(args[measureIndex + 1] ?? 5) : 0;
const venueIndex = args.indexOf('--venue');

async function loadSample() {
  const { runMigrations, connect } = require('./dist/src/db/data-source.js');
  const { loadSampleScenario } = require('./dist/src/sample/load.js');
  await runMigrations(databaseUrl);
  const db = connect(databaseUrl);
  try {
    const started = Date.now();
    const summary = await loadSampleScenario(db, {});
    console.log(`sample scenario ready in ${Date.now() - started} ms (${summary.liquidation} liquidations)`);
  } finally {
    await db.pool.end();
  }
}

/** Cascade's API as `npm run api` starts it, anonymous with a budget that cannot run out. */
function startCascade() {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    CASCADE_ANONYMOUS_POINTS_PER_MINUTE: '1000000000',
    CASCADE_LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js'), '--api-only'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      stdout += c;
      const match = /at (http:\/\/\S+\/graphql)/.exec(stdout);
      if (match) {
        child.stdout.resume();
        resolve({ url: match[1], stop });
      }
    });
    exited.then((code) => reject(new Error(`Cascade exited (${code}) before serving: ${stderr.slice(-1500)}`)));
  });
}

async function post(url, request) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// Cascade's documents with the asset and side as variables, so the check covers more than the
// runner's fixed BTC/LONG operations (those are checked too, as the "runner" cases).
const cascadeDocuments = {
  c: 'query C($asset: String!, $from: DateTime!, $to: DateTime!) { liquidationHistory(asset: $asset, interval: H1, from: $from, to: $to) { start longUsd shortUsd count } }',
  d: 'query D($asset: String!, $side: PositionSide!) { liquidations(first: 100, filter: { asset: $asset, side: $side }) { edges { cursor node { id occurredAt notionalUsd venue { slug } } } pageInfo { hasNextPage endCursor } } }',
  e: 'query E($asset: String!, $at: DateTime!) { marketSnapshot(asset: $asset, at: $at) { priceUsd openInterestUsd openInterestWeightedFunding change24h drawdownFromHigh depthRatio etfNetFlow7dUsd lthSupplyChange30d whaleSupplyChange30d rsi14 liquidations24h { longUsd shortUsd } } }',
};
function cascadeRequest(scenario, params, fixed) {
  if (fixed || scenario === 'a' || scenario === 'b') return cascadeOperations[scenario](params);
  const variables = { asset: params.asset };
  if (scenario === 'c') Object.assign(variables, { from: params.from, to: params.to });
  if (scenario === 'd') variables.side = params.side;
  if (scenario === 'e') variables.at = params.at;
  return { query: cascadeDocuments[scenario], variables };
}

const runnerParams = { venue: venueIndex >= 0 ? args[venueIndex + 1] : 'binance', asset: 'BTC', side: 'LONG', from: '2025-10-01T00:00:00.000Z', to: '2025-10-31T00:00:00.000Z', at: '2025-10-20T12:34:56.789Z' };

function cases(venues) {
  const list = ['a', 'b', 'c', 'd', 'e'].map((scenario) => ({ scenario, params: runnerParams, fixed: true }));
  for (const venue of venues) list.push({ scenario: 'b', params: { venue } });
  for (const [asset, from, to] of [
    ['ETH', '2025-09-15T10:20:30.123Z', '2025-10-15T07:00:00.001Z'], // unaligned ends: partial first and last hours
    ['SOL', '2025-11-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z'], // runs past the data: zero buckets
    ['BTC', '2025-09-01T00:00:00.000Z', '2025-11-22T00:00:00.000Z'], // the whole scenario
  ]) {
    list.push({ scenario: 'c', params: { asset, from, to } });
  }
  for (const [asset, side] of [['ETH', 'SHORT'], ['SOL', 'LONG'], ['BTC', 'SHORT']]) list.push({ scenario: 'd', params: { asset, side } });
  for (const [asset, at] of [
    ['BTC', '2025-10-10T21:00:00.000Z'], // on an hour boundary (no raw-event edges), the cascade hour
    ['BTC', '2025-11-21T23:59:59.999Z'],
    ['ETH', '2025-09-02T00:30:00.000Z'], // two days in: too few closes for RSI
    ['SOL', '2025-12-15T00:00:00.000Z'], // after the data: stale readings left out
  ]) {
    list.push({ scenario: 'e', params: { asset, at } });
  }
  return list;
}

async function measure(servers, requestsFor) {
  const autocannon = require('autocannon');
  console.log(`\nquick load (${measureSeconds} s, 16 connections, one request document per scenario):`);
  for (const scenario of ['a', 'b']) {
    for (const server of servers) {
      const request = requestsFor(server, scenario);
      const body = JSON.stringify(request);
      // Warm up (JIT, plan caches, pool) before the measured run.
      await autocannon({ url: server.url, method: 'POST', connections: 16, duration: 1, headers: { 'content-type': 'application/json' }, body });
      const result = await autocannon({ url: server.url, method: 'POST', connections: 16, duration: measureSeconds, headers: { 'content-type': 'application/json' }, body });
      const bad = result.non2xx + result.errors + result.timeouts;
      console.log(
        `  (${scenario}) ${server.name.padEnd(14)} ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${bad ? `  (${bad} failed)` : ''}`,
      );
    }
  }
}

async function main() {
  if (args.includes('--load')) await loadSample();
  await prepareDatabase(databaseUrl);
  const started = [];
  try {
    const outcomes = await Promise.allSettled([startCascade(), startPostGraphile(5, databaseUrl), startPostGraphile(4, databaseUrl)]);
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') started.push(outcome.value);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const [cascade, pg5, pg4] = outcomes.map((o) => o.value);
    const baselines = [
      { name: 'postgraphile5', version: 5, url: pg5.url },
      { name: 'postgraphile4', version: 4, url: pg4.url },
    ];
    const venues = cascadeNormalize.a(await post(cascade.url, cascadeOperations.a({}))).map((v) => v.slug);
    let failures = 0;
    for (const { scenario, params, fixed } of cases(venues)) {
      const label = `(${scenario}) ${fixed ? 'runner ' : ''}${JSON.stringify(scenario === 'a' ? {} : Object.fromEntries(Object.entries(params).filter(([k]) => ({ b: ['venue'], c: ['asset', 'from', 'to'], d: ['asset', 'side'], e: ['asset', 'at'] })[scenario].includes(k))))}`;
      const expected = cascadeNormalize[scenario](await post(cascade.url, cascadeRequest(scenario, params, fixed)));
      const size = Array.isArray(expected) ? `${expected.length} items` : expected.rows ? `${expected.rows.length} rows` : 'object';
      const verdicts = [];
      for (const baseline of baselines) {
        let difference;
        try {
          difference = firstDifference(expected, normalize[scenario](await post(baseline.url, operations[scenario](params, baseline.version)), baseline.version));
        } catch (error) {
          difference = error.message;
        }
        verdicts.push(`${baseline.name} ${difference ? 'DIFFERS' : 'equal'}`);
        if (difference) {
          failures += 1;
          verdicts.push(`\n      ${difference}`);
        }
      }
      console.log(`${label} [${size}]: ${verdicts.join(', ')}`);
    }
    console.log(failures === 0 ? '\nall answers equal' : `\n${failures} answer(s) differ`);
    if (measureSeconds > 0) {
      const servers = [{ name: 'cascade', url: cascade.url }, ...baselines];
      await measure(servers, (server, scenario) =>
        server.name === 'cascade' ? cascadeOperations[scenario](runnerParams) : operations[scenario](runnerParams, server.version),
      );
    }
    process.exitCode = failures === 0 ? 0 : 1;
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
