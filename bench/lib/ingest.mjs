// Ingestion throughput (issue 7): stream batches through Cascade's own liquidation writer (the
// partitioned `liquidation` table, hourly rollup kept in step, NOTIFY per batch) against a
// plain COPY of the same rows into the same table with no rollup.
//
// Everything happens in a scratch database created on the server of `databaseUrl`, migrated
// with Cascade's migrations and dropped afterwards, so a run never disturbs the bench data.
// Needs `npm run build` (imports dist/). CASCADE_DIST points at another build output (a
// directory inside the repository, so its `require`s resolve against node_modules).
//
//   node bench/lib/ingest.mjs [events] [batchSize]
//   (DATABASE_URL, default the local test server; INGEST_ROUNDS for best-of-n)
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function loadCascade() {
  const dist = path.resolve(root, process.env.CASCADE_DIST ?? 'dist');
  const load = (file) => require(path.join(dist, file));
  return {
    ...load('src/db/data-source.js'),
    ...load('src/db/sql.js'),
    ...load('src/domains/liquidations/liquidation.writer.js'),
    ...load('src/ingest/liquidation-stream.js'),
    ...load('src/sample/registry.js'),
    ...load('src/sample/prices.js'),
    ...load('src/sample/liquidations.js'),
    ...load('src/sample/scenario.js'),
  };
}

/** Columns in the order the COPY sends them (the writer's LiquidationRow fields). */
const copyColumns = ['asset_id', 'venue_id', 'instrument_id', 'side', 'price', 'quantity', 'notional_usd', 'occurred_at', 'event_key', 'price_kind', 'origin'];

/** COPY text format: backslash, tab, newline and carriage return must be escaped in a field. */
function copyText(value) {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

function* copyChunks(rows, rowsPerChunk = 2000) {
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    let text = '';
    const end = Math.min(rows.length, i + rowsPerChunk);
    for (let j = i; j < end; j++) text += copyColumns.map((c) => copyText(rows[j][c])).join('\t') + '\n';
    yield text;
  }
}

/**
 * `events` rows from the sample scenario's generator (heavy-tailed sizes, 3 assets, 5 venues,
 * 19 instruments, three monthly partitions), put in time order the way a live stream delivers
 * them, so each batch spans every venue and asset of its minutes. Up to 200k events the
 * density is that of a 200k run (the first `events` of them), so a quick run writes the same
 * mix per batch — the same rollup rows per event — as a full one.
 */
function realisticRows(cascade, registry, events) {
  const paths = cascade.buildAssetPaths();
  let scale = (Math.max(events, 200_000) / cascade.BASE_EVENT_COUNT) * 1.05;
  for (;;) {
    const rows = [];
    for (const batch of cascade.liquidationBatches(paths, registry, { scale, batchSize: 50_000 })) rows.push(...batch);
    if (rows.length >= events) {
      rows.sort((a, b) => a.occurred_at - b.occurred_at);
      return rows.slice(0, events).map((row) => ({ ...row, origin: 'LIVE' }));
    }
    scale *= (events / rows.length) * 1.05;
  }
}

async function adminQuery(databaseUrl, sql) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'cascade-bench-ingest' });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function scratchUrl(databaseUrl, name) {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Both phases start with no dirty buffers, so neither pays for the other's writes. */
async function checkpoint(db) {
  // CHECKPOINT needs a superuser or pg_checkpoint; without either, the run is just noisier.
  await db.query('CHECKPOINT').catch(() => undefined);
}

/** Mean distinct (asset, venue, side, hour) cells per batch: the rollup rows each batch upserts. */
function rollupCellsPerBatch(rows, batchSize) {
  let cells = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const seen = new Set();
    for (const row of rows.slice(i, i + batchSize)) seen.add(`${row.asset_id}:${row.venue_id}:${row.side}:${Math.floor(row.occurred_at.getTime() / 3_600_000)}`);
    cells += seen.size;
  }
  return Math.round(cells / Math.ceil(rows.length / batchSize));
}

async function expectCounts(db, events, rollup) {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM liquidation)::int AS stored,
            (SELECT coalesce(sum(event_count), 0) FROM liquidation_hourly)::int AS rolled`,
  );
  if (row.stored !== events) throw new Error(`expected ${events} stored events, found ${row.stored}`);
  if (rollup && row.rolled !== events) throw new Error(`hourly rollup counts ${row.rolled} events, expected ${events}`);
  if (!rollup && row.rolled !== 0) throw new Error(`COPY left ${row.rolled} events in the rollup`);
}

/**
 * Writer rate vs COPY rate for `events` liquidation rows. Returns events/s for each, their
 * ratio and the batch size used (the stream sink's, unless `batchSize` is given). With
 * `rounds` > 1 both phases run that many times, alternating, and the best of each counts (on a
 * shared machine the least disturbed run is the closest to what the code can do).
 */
export async function measureIngest({ databaseUrl, events = 200_000, batchSize, rounds = 1, log = () => undefined } = {}) {
  if (!databaseUrl) throw new Error('measureIngest needs databaseUrl');
  const cascade = loadCascade();
  batchSize ??= cascade.defaultLiquidationBatch.maxItems;
  const name = `cascade_ingest_${process.pid}_${Date.now().toString(36)}`;
  const url = scratchUrl(databaseUrl, name);
  await adminQuery(databaseUrl, `CREATE DATABASE ${name}`);
  let pool;
  const listener = new pg.Client({ connectionString: url, application_name: 'cascade-bench-ingest-listen' });
  try {
    await cascade.runMigrations(url);
    pool = cascade.createPool(url, { max: 2, statementTimeoutMs: 0, applicationName: 'cascade-bench-ingest' });
    const writer = cascade.createDb(pool);
    const registry = await cascade.writeRegistry(writer);
    const rows = realisticRows(cascade, registry, events);
    log(`ingest: ${rows.length} rows from ${rows[0].occurred_at.toISOString()} to ${rows[rows.length - 1].occurred_at.toISOString()}, batches of ${batchSize}`);

    // A LISTEN connection, as a serving process with subscribers holds: it proves every
    // inserted id was announced, and its delivery cost is part of the writer's reality.
    let announced = 0;
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.channel === cascade.liquidationChannel) announced += JSON.parse(message.payload).ids.length;
    });
    await listener.query(`LISTEN ${cascade.liquidationChannel}`);

    let writerMs = Infinity;
    let copyMs = Infinity;
    for (let round = 0; round < rounds; round++) {
      // (a) The writer, one batch at a time as the stream sink's Batcher sends them.
      await writer.query('TRUNCATE liquidation, liquidation_hourly');
      await checkpoint(writer);
      announced = 0;
      let started = process.hrtime.bigint();
      let inserted = 0;
      for (let i = 0; i < rows.length; i += batchSize) inserted += (await cascade.insertLiquidations(writer, rows.slice(i, i + batchSize))).length;
      writerMs = Math.min(writerMs, Number(process.hrtime.bigint() - started) / 1e6);
      if (inserted !== events) throw new Error(`the writer reported ${inserted} inserted events, expected ${events}`);
      await expectCounts(writer, events, true);
      const deadline = Date.now() + 10_000;
      while (announced < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (announced !== events) throw new Error(`NOTIFY announced ${announced} ids, expected ${events}`);

      // (b) COPY of the same rows into the same (emptied, partitions kept) table, no rollup.
      await writer.query('TRUNCATE liquidation, liquidation_hourly');
      await checkpoint(writer);
      const client = await pool.connect();
      try {
        started = process.hrtime.bigint();
        await pipeline(Readable.from(copyChunks(rows)), client.query(copyStreams.from(`COPY liquidation (${copyColumns.join(', ')}) FROM STDIN`)));
        copyMs = Math.min(copyMs, Number(process.hrtime.bigint() - started) / 1e6);
      } finally {
        client.release();
      }
      await expectCounts(writer, events, false);
      log(`ingest round ${round + 1}: writer ${Math.round(writerMs)} ms, COPY ${Math.round(copyMs)} ms (best so far)`);
    }

    const eventsPerSec = Math.round(events / (writerMs / 1000));
    const copyEventsPerSec = Math.round(events / (copyMs / 1000));
    return {
      events,
      batchSize,
      eventsPerSec,
      copyEventsPerSec,
      ratio: Number((eventsPerSec / copyEventsPerSec).toFixed(3)),
      writerMs: Math.round(writerMs),
      copyMs: Math.round(copyMs),
      rollupCellsPerBatch: rollupCellsPerBatch(rows, batchSize),
    };
  } finally {
    await listener.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const events = Number(process.argv[2] ?? 200_000);
  const batchSize = process.argv[3] ? Number(process.argv[3]) : undefined;
  const rounds = Number(process.env.INGEST_ROUNDS ?? 1);
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const result = await measureIngest({ databaseUrl, events, batchSize, rounds, log: (line) => console.error(line) });
  console.log(`writer: ${result.eventsPerSec.toLocaleString('en-US')} events/s (batches of ${result.batchSize}, ~${result.rollupCellsPerBatch} rollup rows each, ${result.writerMs} ms)`);
  console.log(`COPY:   ${result.copyEventsPerSec.toLocaleString('en-US')} events/s (${result.copyMs} ms)`);
  console.log(`ratio:  ${result.ratio} (writer / COPY)`);
  console.log(JSON.stringify(result));
}
