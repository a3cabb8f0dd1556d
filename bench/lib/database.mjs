// The bench's Postgres: an embedded cluster of its own under .cascade/bench-pg (kept between
// runs, so loaded databases are reused), or the server DATABASE_URL names. The bench databases
// live side by side on it: cascade_bench_base (the template) and one per size of the liquidation
// table (cascade_bench_1m, _10m, _50m).
import path from 'node:path';
import pg from 'pg';
import { dist, root } from './paths.mjs';

/**
 * Settings for a serving benchmark on the 2-core, 24 GiB machine. wal_level=minimal lets the
 * loader write new partitions without WAL (table created in the same transaction); durability
 * settings stay at their defaults so ingestion is measured with real commits.
 */
export const benchSettings = {
  shared_preload_libraries: 'pg_stat_statements',
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  maintenance_work_mem: '1GB',
  work_mem: '16MB',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  wal_level: 'minimal',
  max_wal_senders: '0',
  random_page_cost: '1.1',
  max_connections: '200',
};

export const databaseNames = {
  base: 'cascade_bench_base',
  size: (size) => `cascade_bench_${size}`,
};

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'cascade-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text) => `'${text.replace(/'/g, "''")}'`;

/**
 * Starts (or connects to) the bench's server. Returns URLs per database, what the server runs
 * with, and `stop` (a no-op for DATABASE_URL's server).
 */
export async function startBenchPostgres({ log = () => undefined } = {}) {
  let baseUrl;
  let stop = async () => undefined;
  let embedded = false;
  if (process.env.DATABASE_URL) {
    baseUrl = process.env.DATABASE_URL;
    log(`bench database server: DATABASE_URL (${new URL(baseUrl).host})`);
  } else {
    const { startEmbeddedPostgres } = dist('src/db/embedded.js');
    const dataDir = path.join(root, '.cascade', 'bench-pg');
    const flags = Object.entries(benchSettings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    const started = await startEmbeddedPostgres({ dataDir, database: 'postgres', postgresFlags: flags });
    baseUrl = started.url;
    stop = () => started.stop();
    embedded = true;
    log(`bench database server: embedded Postgres in .cascade/bench-pg on port ${started.port}`);
  }
  const adminUrl = withDatabase(baseUrl, 'postgres');
  const info = await withClient(adminUrl, async (client) => {
    const { rows } = await client.query(`SELECT version() AS version, current_setting('server_version_num')::int AS num,
      current_setting('shared_preload_libraries') AS preload`);
    const settings = await client.query(`SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name ORDER BY name`, [Object.keys(benchSettings).concat(['jit', 'synchronous_commit', 'fsync'])]);
    return { ...rows[0], settings: Object.fromEntries(settings.rows.map((r) => [r.name, r.value])) };
  });
  const statStatements = /pg_stat_statements/.test(info.preload);
  if (!statStatements) log('pg_stat_statements is not preloaded on this server: statements per request will not be counted');
  return {
    embedded,
    adminUrl,
    urlFor: (database) => withDatabase(baseUrl, database),
    version: info.version,
    versionNum: info.num,
    settings: info.settings,
    statStatements,
    stop,
  };
}

export async function databaseExists(adminUrl, name) {
  return withClient(adminUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0);
}

/** The completion marker of a bench database (a JSON comment on the database), or null. */
export async function readMarker(adminUrl, name) {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
    if (!rows[0]?.comment) return null;
    try {
      const marker = JSON.parse(rows[0].comment);
      return marker && marker.bench === 'cascade' ? marker : null;
    } catch {
      return null;
    }
  });
}

/** Written last, once a database is complete: a half-loaded database carries no marker and is rebuilt. */
export async function writeMarker(adminUrl, name, marker) {
  await withClient(adminUrl, (client) => client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(JSON.stringify({ bench: 'cascade', ...marker }))}`));
}

export async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** A new database, empty or as a copy of `template` (file copy: the fastest for a big template). */
export async function createDatabase(adminUrl, name, template) {
  await withClient(adminUrl, async (client) => {
    const num = Number((await client.query(`SELECT current_setting('server_version_num') AS n`)).rows[0].n);
    const strategy = num >= 150000 ? ' STRATEGY = file_copy' : '';
    await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}${strategy}` : ''}`);
  });
}

/** Disk free under the server's data directory (embedded) or the project (a guess otherwise), bytes. */
export async function freeBytes() {
  const { statfs } = await import('node:fs/promises');
  const stats = await statfs(path.join(root, '.cascade'));
  return stats.bavail * stats.bsize;
}

/**
 * Waits until no other session runs a statement in the database: when a load run ends, the
 * server under test still finishes the requests autocannon abandoned, and the next measurement
 * must not share the machine with them.
 */
export async function waitForIdle(url, { timeoutMs = 30_000, quietMs = 300 } = {}) {
  await withClient(url, async (client) => {
    const deadline = Date.now() + timeoutMs;
    let quietSince = null;
    while (Date.now() < deadline) {
      const { rows } = await client.query(`SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`);
      if (rows[0].busy === 0) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= quietMs) return;
      } else quietSince = null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}
