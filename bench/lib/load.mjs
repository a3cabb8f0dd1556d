// Bench data. The base database holds the migrations, the deterministic sample scenario and the
// bench registry (10 venues, 50 instruments each, every added instrument with hourly open
// interest and funding at its interval over the whole market period, written through Cascade's
// own writer so the hourly rollups are maintained). Sized databases are copies of the base whose
// liquidation table is filled set-based in SQL to 1M, 10M or 50M stored events, spread over
// every instrument and the whole market period (so the 30-day window of scenario (c) holds its
// share), with liquidation_hourly rebuilt from the events in one statement.
import cliProgress from 'cli-progress';
import { performance } from 'node:perf_hooks';
import { createDatabase, databaseExists, databaseNames, dropDatabase, freeBytes, readMarker, withClient, writeMarker } from './database.mjs';
import { dist } from './paths.mjs';

/** Bump when what a database holds changes: a database with another recipe is rebuilt. */
export const BASE_RECIPE = 1;
export const SIZED_RECIPE = 1;

export const INSTRUMENTS_PER_VENUE = 50;
export const BENCH_VENUES = [
  { slug: 'bench-alpha', name: 'Bench Alpha', kind: 'CEX' },
  { slug: 'bench-beta', name: 'Bench Beta', kind: 'CEX' },
  { slug: 'bench-gamma', name: 'Bench Gamma', kind: 'CEX' },
  { slug: 'bench-delta', name: 'Bench Delta', kind: 'DEX' },
  { slug: 'bench-epsilon', name: 'Bench Epsilon', kind: 'DEX' },
];

export const SIZES = { '1m': 1_000_000, '10m': 10_000_000, '50m': 50_000_000 };
/** Bytes a stored event takes with its four indexes (measured ≈ 250; kept generous for the check). */
const BYTES_PER_EVENT = 320;

const seconds = (since) => Math.round((performance.now() - since) / 100) / 10;

function consoleLogger(log) {
  const write = (obj, msg) => log(typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`);
  return { info: write, warn: write, error: write, debug: () => undefined, trace: () => undefined, fatal: write, child: () => consoleLogger(log) };
}

/**
 * Pads every venue to 50 instruments (five bench venues join the sample's five) and gives each
 * added instrument an observation history like the sample's own: open interest every hour and
 * funding at its interval over the market period. Written set-based in SQL (deterministic
 * values from hashes), then open_interest_hourly filled for those instruments with the
 * rollup's own definition (the hour's last reading) — Cascade's upsertObservations would keep it
 * too, but its per-batch rollup refresh plans a merge join that takes ~15 s per 25k rows of one
 * instrument's long history, minutes for the whole registry.
 */
async function writeBenchRegistry(db, log) {
  const { MARKET_START_MS, MARKET_HOURS, SAMPLE_ORIGIN } = dist('src/sample/scenario.js');

  await db.query(
    `INSERT INTO venue (slug, name, kind, liquidation_completeness)
     SELECT slug, name, kind::venue_kind, 'COMPLETE' FROM unnest($1::text[], $2::text[], $3::text[]) AS v(slug, name, kind)
     ON CONFLICT (slug) DO NOTHING`,
    [BENCH_VENUES.map((v) => v.slug), BENCH_VENUES.map((v) => v.name), BENCH_VENUES.map((v) => v.kind)],
  );
  const venues = await db.query(`SELECT v.id, v.slug, count(i.id)::int AS instruments FROM venue v LEFT JOIN instrument i ON i.venue_id = v.id GROUP BY v.id ORDER BY v.id`);
  const assets = await db.query(`SELECT id, symbol FROM asset WHERE symbol IN ('BTC', 'ETH', 'SOL') ORDER BY id`);
  const specs = [];
  let n = 0;
  for (const venue of venues) {
    for (let k = venue.instruments; k < INSTRUMENTS_PER_VENUE; k += 1, n += 1) {
      const asset = assets[n % assets.length];
      const interval = n % 10 === 9 ? 1 : n % 4 === 3 ? 4 : 8;
      specs.push({ venueId: venue.id, assetId: asset.id, symbol: `${asset.symbol}-B${String(k + 1).padStart(2, '0')}-PERP`, interval });
    }
  }
  const created = await db.query(
    `INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
     SELECT venue_id, asset_id, symbol, 'PERPETUAL', 'LINEAR', 'USDT', 1, interval_hours, $5::data_origin
     FROM unnest($1::int[], $2::int[], $3::text[], $4::float8[]) AS i(venue_id, asset_id, symbol, interval_hours)
     ON CONFLICT (venue_id, symbol) DO NOTHING RETURNING id`,
    [specs.map((s) => s.venueId), specs.map((s) => s.assetId), specs.map((s) => s.symbol), specs.map((s) => s.interval), SAMPLE_ORIGIN],
  );
  const ids = created.map((r) => r.id);
  const start = new Date(MARKET_START_MS);
  // Open interest: $5M–$50M per instrument, a random walk of ±1 % an hour (exp of a running sum).
  await db.query(
    `INSERT INTO open_interest (asset_id, instrument_id, at, open_interest_usd, open_interest_contracts, origin)
     SELECT i.asset_id, i.id, $2::timestamptz + h * interval '1 hour',
            (5e6 + abs(hashint4(i.id) % 45000) * 1000.0) * exp(sum((hashint8(i.id::bigint * 100000 + h) % 1000) / 100000.0) OVER (PARTITION BY i.id ORDER BY h)),
            NULL, $4::data_origin
     FROM instrument i CROSS JOIN generate_series(0, $3::int - 1) AS h
     WHERE i.id = ANY($1::int[])`,
    [ids, start, MARKET_HOURS, SAMPLE_ORIGIN],
  );
  await db.query(
    `INSERT INTO open_interest_hourly (asset_id, instrument_id, hour, last_at, open_interest_usd, recorded_at)
     SELECT DISTINCT ON (asset_id, instrument_id, date_trunc('hour', at, 'UTC'))
            asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at, open_interest_usd, recorded_at
     FROM open_interest WHERE instrument_id = ANY($1::int[])
     ORDER BY asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at DESC`,
    [ids],
  );
  // Funding at each instrument's interval (quoted per interval), around 1 bp per 8 hours.
  await db.query(
    `INSERT INTO funding_rate (asset_id, instrument_id, at, rate, interval_hours, origin)
     SELECT i.asset_id, i.id, $2::timestamptz + h * interval '1 hour',
            (0.0001 + (hashint8(i.id::bigint * 100000 + h + 7) % 1000) / 5e6) * i.funding_interval_hours / 8, i.funding_interval_hours, $4::data_origin
     FROM instrument i CROSS JOIN LATERAL generate_series(i.funding_interval_hours::int, $3::int, i.funding_interval_hours::int) AS h
     WHERE i.id = ANY($1::int[])`,
    [ids, start, MARKET_HOURS, SAMPLE_ORIGIN],
  );
  const [counts] = await db.query(`SELECT (SELECT count(*) FROM open_interest WHERE instrument_id = ANY($1::int[])) AS oi,
    (SELECT count(*) FROM funding_rate WHERE instrument_id = ANY($1::int[])) AS funding`, [ids]);
  log(`bench registry: ${venues.length} venues, ${ids.length} instruments added with ${counts.oi} open-interest and ${counts.funding} funding observations`);
}

async function vacuumAnalyze(url, tables) {
  await withClient(url, async (client) => {
    for (const table of tables) await client.query(`VACUUM (FREEZE, ANALYZE) ${table}`);
  });
}

/** The base database (template of the sized ones); built once, reused while its recipe holds. */
export async function ensureBaseDatabase(server, log) {
  const name = databaseNames.base;
  const url = server.urlFor(name);
  const { runMigrations, connect } = dist('src/db/data-source.js');
  const marker = await readMarker(server.adminUrl, name);
  if (marker && marker.recipe === BASE_RECIPE) {
    // New migrations still reach a reused database (they run on every use).
    await runMigrations(url);
    return { name, url, reused: true, loadSeconds: marker.loadSeconds, events: marker.events, loadedAt: marker.loadedAt };
  }
  const started = performance.now();
  log(`building ${name}: migrations, sample scenario, bench registry`);
  await dropDatabase(server.adminUrl, name);
  await createDatabase(server.adminUrl, name);
  await runMigrations(url);
  // No statement timeout: a load on a busy machine may take longer than the service's 15 s bound.
  // Nor a connect timeout: with four connections busy loading, a wait for one is not a fault.
  const db = connect(url, { max: 4, applicationName: 'cascade-bench-load', statementTimeoutMs: 0, connectionTimeoutMs: 0 });
  try {
    const { loadSampleScenario } = dist('src/sample/load.js');
    await loadSampleScenario(db, { scale: 1, logger: consoleLogger((line) => log(`  ${line}`)) });
    await writeBenchRegistry(db, log);
  } finally {
    await db.pool.end();
  }
  await vacuumAnalyze(url, ['liquidation', 'liquidation_hourly', 'instrument', 'open_interest', 'open_interest_hourly', 'funding_rate', 'candle']);
  const events = await withClient(url, async (client) => Number((await client.query('SELECT count(*) AS n FROM liquidation')).rows[0].n));
  const loadSeconds = seconds(started);
  const loadedAt = new Date().toISOString();
  await writeMarker(server.adminUrl, name, { recipe: BASE_RECIPE, events, loadSeconds, loadedAt });
  log(`${name} ready in ${loadSeconds} s (${events} events)`);
  return { name, url, reused: false, loadSeconds, events, loadedAt };
}

/** Month partitions [lower, upper) covering [from, to). */
function monthsBetween(fromMs, toMs) {
  const months = [];
  let lower = new Date(fromMs);
  lower = Date.UTC(lower.getUTCFullYear(), lower.getUTCMonth(), 1);
  while (lower < toMs) {
    const d = new Date(lower);
    const upper = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    months.push({ lower, upper, name: `liquidation_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}` });
    lower = upper;
  }
  return months;
}

/**
 * Generated events of one month, rows [from, to) of its share, in time order. Each picks an
 * instrument (and so its asset and venue) by hash, a side (56 % long), a notional between
 * $100 and $100k (log-uniform) and a price within ±2 % of the asset's daily close.
 */
const generateSql = `
INSERT INTO bench_new_partition (id, asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key, price_kind, origin)
SELECT e.id, bi.asset_id, bi.venue_id, bi.id, CASE WHEN abs(e.h2 % 1000) < 560 THEN 'LONG' ELSE 'SHORT' END::position_side,
       v.price, v.notional / v.price, v.notional, e.at, 'bench:' || e.id, 'FILL', 'SAMPLE'
FROM (
  SELECT $4::bigint + g.j AS id,
         $5::timestamptz + ((g.j + 0.5) * $6::float8 / $7::float8) * interval '1 microsecond' AS at,
         abs(hashint8($4::bigint + g.j) % $3::int) AS idx,
         hashint8($4::bigint + g.j + 7777777) AS h2,
         hashint8($4::bigint + g.j + 99999999) AS h3
  FROM generate_series($1::bigint, $2::bigint - 1) AS g(j)
) e
JOIN bench_instrument bi ON bi.idx = e.idx
LEFT JOIN bench_close c ON c.asset_id = bi.asset_id AND c.day = (e.at AT TIME ZONE 'UTC')::date
CROSS JOIN LATERAL (SELECT 100 * power(1000::float8, abs(e.h3 % 1000000)::float8 / 1e6) AS notional,
                           coalesce(c.close, 1000) * (1 + (e.h3 % 2000)::float8 / 1e5) AS price) v`;

/**
 * A database with `events` stored liquidations: a copy of the base whose market-period
 * partitions are rebuilt with the base's rows plus generated ones (new table, filled without
 * WAL under wal_level=minimal, indexes built once by ATTACH), then the hourly rollup rebuilt
 * from every event in one INSERT … SELECT and checked against the events.
 */
export async function ensureSizedDatabase(server, base, size, log) {
  const events = SIZES[size];
  if (!events) throw new Error(`unknown size ${size} (one of ${Object.keys(SIZES).join(', ')})`);
  const name = databaseNames.size(size);
  const url = server.urlFor(name);
  const { runMigrations } = dist('src/db/data-source.js');
  const marker = await readMarker(server.adminUrl, name);
  if (marker && marker.recipe === SIZED_RECIPE && marker.baseLoadedAt === base.loadedAt && marker.events === events) {
    await runMigrations(url);
    return { name, url, size, events, reused: true, loadSeconds: marker.loadSeconds, phases: marker.phases };
  }
  const need = events * BYTES_PER_EVENT;
  const free = await freeBytes();
  if (free < need * 1.15) {
    throw new Error(`${name} needs about ${(need / 2 ** 30).toFixed(1)} GiB and ${(free / 2 ** 30).toFixed(1)} GiB are free: free space or pass --sizes without ${size}`);
  }
  log(`building ${name}: ${events.toLocaleString('en-US')} events (about ${(need / 2 ** 30).toFixed(1)} GiB; ${(free / 2 ** 30).toFixed(0)} GiB free)`);
  const started = performance.now();
  const phases = {};
  if (await databaseExists(server.adminUrl, name)) await dropDatabase(server.adminUrl, name);
  await createDatabase(server.adminUrl, name, base.name);
  phases.copyBaseSeconds = seconds(started);

  const { MARKET_START_MS, DAY_MS, MARKET_DAYS } = dist('src/sample/scenario.js');
  const marketEnd = MARKET_START_MS + MARKET_DAYS * DAY_MS;
  await withClient(url, async (client) => {
    await client.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'`);
    const existing = Number((await client.query('SELECT count(*) AS n FROM liquidation')).rows[0].n);
    const add = Math.max(0, events - existing);
    const maxId = Number((await client.query('SELECT coalesce(max(id), 0) AS m FROM liquidation')).rows[0].m);
    await client.query(`CREATE TEMP TABLE bench_instrument AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS idx, id, asset_id, venue_id FROM instrument`);
    await client.query(`CREATE UNIQUE INDEX ON bench_instrument (idx); ANALYZE bench_instrument`);
    await client.query(`CREATE TEMP TABLE bench_close AS SELECT asset_id, (start AT TIME ZONE 'UTC')::date AS day, close FROM candle WHERE resolution = 'D1' AND close IS NOT NULL`);
    await client.query(`ANALYZE bench_close`);
    const instrumentCount = Number((await client.query('SELECT count(*) AS n FROM bench_instrument')).rows[0].n);

    const months = monthsBetween(MARKET_START_MS, marketEnd);
    const span = marketEnd - MARKET_START_MS;
    // Each month's share of the added events, in proportion to its part of the market period.
    let assigned = 0;
    const shares = months.map((m, i) => {
      const lo = Math.max(m.lower, MARKET_START_MS);
      const hi = Math.min(m.upper, marketEnd);
      const count = i === months.length - 1 ? add - assigned : Math.round((add * (hi - lo)) / span);
      assigned += count;
      return { ...m, lo, hi, count };
    });
    const bar = new cliProgress.SingleBar({ format: '  {phase} [{bar}] {percentage}% | {value}/{total} events | {duration_formatted}', noTTYOutput: true, notTTYSchedule: 15_000 }, cliProgress.Presets.shades_classic);
    bar.start(add, 0, { phase: 'generate' });
    const chunk = 1_000_000;
    let idBase = maxId + 1;
    const generateStarted = performance.now();
    let indexSeconds = 0;
    for (const month of shares) {
      await client.query('BEGIN');
      const partition = (await client.query(
        `SELECT c.relname FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid WHERE inhparent = 'liquidation'::regclass AND c.relname = $1`, [month.name])).rows[0];
      await client.query(`CREATE TABLE bench_new_partition (LIKE liquidation INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      // Lets ATTACH skip its validation scan of the new rows.
      await client.query(`ALTER TABLE bench_new_partition ADD CONSTRAINT bench_range CHECK (occurred_at >= '${new Date(month.lower).toISOString()}' AND occurred_at < '${new Date(month.upper).toISOString()}')`);
      if (partition) await client.query(`INSERT INTO bench_new_partition SELECT * FROM ${month.name}`);
      for (let from = 0; from < month.count; from += chunk) {
        const to = Math.min(month.count, from + chunk);
        bar.update({ phase: `generate ${month.name.slice(12)}` });
        await client.query(generateSql, [from, to, instrumentCount, idBase, new Date(month.lo), (month.hi - month.lo) * 1000, month.count]);
        bar.increment(to - from);
      }
      idBase += month.count;
      const indexStarted = performance.now();
      bar.update({ phase: `index ${month.name.slice(12)}` });
      if (partition) {
        await client.query(`ALTER TABLE liquidation DETACH PARTITION ${month.name}`);
        await client.query(`DROP TABLE ${month.name}`);
      }
      await client.query(`ALTER TABLE bench_new_partition RENAME TO ${month.name}`);
      await client.query(`ALTER TABLE liquidation ATTACH PARTITION ${month.name} FOR VALUES FROM ('${new Date(month.lower).toISOString()}') TO ('${new Date(month.upper).toISOString()}')`);
      await client.query(`ALTER TABLE ${month.name} DROP CONSTRAINT bench_range`);
      await client.query('COMMIT');
      indexSeconds += (performance.now() - indexStarted) / 1000;
    }
    bar.stop();
    phases.generateSeconds = Math.round(((performance.now() - generateStarted) / 1000 - indexSeconds) * 10) / 10;
    phases.indexSeconds = Math.round(indexSeconds * 10) / 10;
    await client.query(`SELECT setval('liquidation_id_seq', greatest((SELECT max(id) FROM liquidation), 1))`);

    let at = performance.now();
    log('  rebuilding liquidation_hourly from the events');
    await client.query('BEGIN');
    await client.query('TRUNCATE liquidation_hourly');
    await client.query(`INSERT INTO liquidation_hourly (asset_id, venue_id, side, hour, notional_usd, quantity, event_count)
      SELECT asset_id, venue_id, side, date_trunc('hour', occurred_at, 'UTC'), sum(notional_usd), sum(quantity), count(*)
      FROM liquidation GROUP BY 1, 2, 3, 4`);
    await client.query('COMMIT');
    phases.rollupSeconds = seconds(at);

    at = performance.now();
    log('  checking the rollup against the events');
    const check = (await client.query(`SELECT (SELECT count(*) FROM liquidation) AS events, (SELECT sum(notional_usd) FROM liquidation) AS usd,
      (SELECT sum(event_count) FROM liquidation_hourly) AS rolled, (SELECT sum(notional_usd) FROM liquidation_hourly) AS rolled_usd`)).rows[0];
    if (Number(check.events) !== events || Number(check.rolled) !== events || Math.abs(check.usd - check.rolled_usd) > 1e-9 * check.usd) {
      throw new Error(`${name}: load check failed: ${JSON.stringify(check)} (expected ${events} events)`);
    }
    phases.checkSeconds = seconds(at);
  });
  const at = performance.now();
  log('  VACUUM (FREEZE, ANALYZE)');
  await vacuumAnalyze(url, ['liquidation', 'liquidation_hourly']);
  phases.vacuumSeconds = seconds(at);
  const loadSeconds = seconds(started);
  await writeMarker(server.adminUrl, name, { recipe: SIZED_RECIPE, events, baseLoadedAt: base.loadedAt, loadSeconds, phases, loadedAt: new Date().toISOString() });
  log(`${name} ready in ${loadSeconds} s ${JSON.stringify(phases)}`);
  return { name, url, size, events, reused: false, loadSeconds, phases };
}
