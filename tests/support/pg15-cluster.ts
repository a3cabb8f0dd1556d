import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

/** Debian's PostgreSQL 15 server binaries (package postgresql-15; .ci/run installs it). */
export const pg15Bin = '/usr/lib/postgresql/15/bin';
export const pgbouncerBin = '/usr/sbin/pgbouncer';

const run = promisify(execFile);
const root = process.getuid?.() === 0;

/** Why the real-standby tests cannot run here, or null when they can. */
export function pg15Missing(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'pg_basebackup']) if (!existsSync(path.join(pg15Bin, tool))) return `${path.join(pg15Bin, tool)} is missing (apt-get install postgresql-15)`;
  if (root && !existsSync('/usr/sbin/runuser')) return 'runuser is missing: Postgres refuses to run as root';
  return null;
}

export function pgbouncerMissing(): string | null {
  return existsSync(pgbouncerBin) ? null : `${pgbouncerBin} is missing (apt-get install pgbouncer)`;
}

/** Runs a server tool as the `postgres` user when the test runs as root (initdb and postgres refuse root). */
export async function asPostgres(command: string, args: string[], options: { timeoutMs?: number } = {}): Promise<string> {
  const [file, argv] = root ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    const { stdout } = await run(file, argv, { timeout: options.timeoutMs ?? 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** A loopback port free now (the OS's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Gives `file` to the postgres user when the test runs as root. */
function giveToPostgres(file: string): void {
  if (!root) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
  chownSync(file, id('-u'), id('-g'));
}

/** A folder under the temp dir that the postgres user owns (and so can enter). */
export function postgresFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  giveToPostgres(dir);
  return dir;
}

export interface Pg15Server {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open sessions are ended, new ones refused. */
  stop(): Promise<void>;
}

export interface Pg15Pair {
  dir: string;
  primary: Pg15Server;
  standby: Pg15Server;
  /** Runs one statement as postgres on `server`'s `database` and returns the rows. */
  query<Row = Record<string, unknown>>(server: Pg15Server, sql: string, params?: unknown[], database?: string): Promise<Row[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops both servers (immediately) and removes their data. */
  destroy(): Promise<void>;
}

function server(dir: string, name: string, port: number): Pg15Server {
  const dataDir = path.join(dir, name);
  const ctl = path.join(pg15Bin, 'pg_ctl');
  return {
    port,
    dataDir,
    url: (database = 'cascade') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => asPostgres(ctl, ['-D', dataDir, '-l', path.join(dir, `${name}.log`), '-w', '-t', '60', 'start']).then(() => undefined),
    stop: () => asPostgres(ctl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']).then(() => undefined),
  };
}

/**
 * A PostgreSQL 15 primary and a hot standby streaming from it (`pg_basebackup -R`), on loopback
 * ports of their own, with a database `cascade`. Trust authentication on loopback only; fsync
 * off (a test's data need not survive a crash).
 */
export async function startPrimaryAndStandby(): Promise<Pg15Pair> {
  const dir = postgresFolder('cascade-pg15-');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = server(dir, 'primary', primaryPort);
  const standby = server(dir, 'standby', standbyPort);
  const settings = (port: number) =>
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'full_page_writes = off', 'max_connections = 200', 'hot_standby = on', 'wal_level = replica', 'max_wal_senders = 5', ''].join('\n');
  const query: Pg15Pair['query'] = async (target, sql, params, database = 'cascade') => {
    const client = new Client({ connectionString: target.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const destroy = async () => {
    for (const s of [standby, primary]) {
      if (existsSync(path.join(s.dataDir, 'postmaster.pid'))) await asPostgres(path.join(pg15Bin, 'pg_ctl'), ['-D', s.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres(path.join(pg15Bin, 'initdb'), ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    appendFileSync(path.join(primary.dataDir, 'postgresql.conf'), settings(primaryPort));
    await primary.start();
    await query(primary, 'CREATE DATABASE cascade', [], 'postgres');
    await asPostgres(path.join(pg15Bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standby.dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    appendFileSync(path.join(standby.dataDir, 'postgresql.conf'), `port = ${standbyPort}\n`);
    await standby.start();
  } catch (error) {
    await destroy();
    throw error;
  }
  const caughtUp = async (timeoutMs = 20_000) => {
    const [{ lsn }] = await query<{ lsn: string }>(primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [{ done }] = await query<{ done: boolean }>(standby, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
      if (done) return;
      if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { dir, primary, standby, query, caughtUp, destroy };
}

/** PgBouncer 1.18 as the postgres user on a free loopback port, in front of `databases`. */
export async function startPgbouncer(
  dir: string,
  options: { databases: Record<string, string>; users: string[]; poolMode?: 'transaction' | 'session'; poolSize?: number },
): Promise<{ port: number; url(user: string, database: string): string; stop(): Promise<void> }> {
  const port = await freePort();
  const ini = path.join(dir, 'pgbouncer.ini');
  writeFileSync(path.join(dir, 'userlist.txt'), options.users.map((user) => `"${user}" ""`).join('\n') + '\n');
  writeFileSync(
    ini,
    [
      '[databases]',
      ...Object.entries(options.databases).map(([name, target]) => `${name} = ${target}`),
      '[pgbouncer]',
      `listen_addr = 127.0.0.1`,
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      `auth_type = trust`,
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      `pool_mode = ${options.poolMode ?? 'transaction'}`,
      `default_pool_size = ${options.poolSize ?? 4}`,
      'max_client_conn = 500',
      `admin_users = postgres`,
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  giveToPostgres(ini);
  // -d: daemonise once listening, so the command returns when the port is ready.
  await asPostgres(pgbouncerBin, ['-d', ini]);
  return {
    port,
    url: (user, database) => `postgres://${user}@127.0.0.1:${port}/${database}`,
    async stop() {
      const pid = Number(await asPostgres('/bin/cat', [path.join(dir, 'pgbouncer.pid')]).catch(() => ''));
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          /* already gone */
        }
      }
    },
  };
}
