import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';
import { builtEntry } from '../support/built';
import { ownCluster } from '../support/own-cluster';

/**
 * When the embedded Postgres cannot start, `npm start` and `npm test` say what failed and what to
 * do in a line or two: no unhandled 'error' event, no stack.
 */

/** Runs `node <args>` to its end with `env` (DATABASE_URL removed): exit code and output. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'warn', ...env };
  delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, { env: childEnv, cwd: projectRoot, timeout: 120_000 }, (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
  });
}

/** The lines a person reads, and that none of them is a stack frame or an unhandled event. */
function expectShortAnswer(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain("Unhandled 'error' event");
  expect(stderr).toMatch(pattern);
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('an embedded Postgres that cannot start', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cascade-embedded-start-'));
  let main: string;
  let embedded: string;
  beforeAll(() => {
    chmodSync(scratch, 0o755);
    main = builtEntry('src/main.js');
    embedded = builtEntry('src/db/embedded.js');
  }, 180_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  (asRoot ? it : it.skip)('npm start names the folder the postgres user cannot enter, and what to do', async () => {
    const closed = path.join(scratch, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const result = await run([main, '--api-only'], { CASCADE_DATA_DIR: path.join(closed, 'data') });
    expect(result.code).toBe(1);
    expectShortAnswer(result.stderr, new RegExp(`^Cascade failed to start: .*\`postgres\` user, which cannot enter ${closed} \\(mode 0700\\).*chmod o\\+x ${closed}.*DATABASE_URL`));
  }, 120_000);

  (asRoot ? it : it.skip)('npm test names the temp folder the postgres user cannot enter, and what to do', async () => {
    const closed = path.join(scratch, 'closed-tmp');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    // jest's own run, whose global setup starts the embedded cluster in TMPDIR; it stops there.
    const result = await run([path.join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js'), 'tests/unit/rsi.test.ts'], { TMPDIR: closed });
    expect(result.code).not.toBe(0);
    expectShortAnswer(result.stderr, new RegExp(`cannot enter ${closed} \\(mode 0700\\).*TMPDIR`));
  }, 120_000);

  it('npm start says the data folder is in use by another Postgres, and by which process', async () => {
    const dataDir = path.join(scratch, 'shared');
    const holder = await ownCluster(path.join(dataDir, 'pgdata'));
    try {
      const result = await run([main, '--api-only'], { CASCADE_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expectShortAnswer(result.stderr, new RegExp(`^Cascade failed to start: .*data folder ${path.join(dataDir, 'pgdata')} is in use by another Postgres \\(PID \\d+\\).*CASCADE_DATA_DIR`));
    } finally {
      await holder.exit();
    }
  }, 120_000);

  it('says which port is taken when the port asked for is not free', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const program = `require(${JSON.stringify(embedded)})
      .startEmbeddedPostgres({ dataDir: ${JSON.stringify(path.join(scratch, 'port', 'pgdata'))}, port: ${port} })
      .then(async (cluster) => { await cluster.stop(); console.log('started'); }, (error) => { console.error(error.message); process.exit(1); });`;
    try {
      const result = await run(['-e', program], {});
      expect(result.code).toBe(1);
      expectShortAnswer(result.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already taken by another program`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 120_000);
});
