// Servers under test, each a child process on a free loopback port: Cascade (the built API in
// production configuration), the bare node:http + pg server. PostGraphile comes from
// bench/baselines/index.mjs (its own package, Node 22).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchDir, root } from './paths.mjs';

/** Spawns `args` and resolves once a stdout line matches `ready` (its first group is the URL). */
function spawnServer(name, args, { env, ready, timeoutMs = 90_000 }) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s: ${errors.slice(-500)}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before serving: ${errors.slice(-800)}`));
    });
  });
  // The bench measures serving, not shutdown: a server still draining after 3 s is killed.
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  return started.then(
    (url) => ({ name, url, pid: child.pid, stop }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}

/** Runs a CLI command of the build and returns its stdout and stderr. */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/src/cli.js'), ...args], { cwd: root, env: { ...process.env, CASCADE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('exit', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`cascade ${args.join(' ')} failed (${code}): ${stderr.slice(-500)}`))));
  });
}

/**
 * A key for the bench, made with the CLI like any operator's key. Its budget (2e9 points a
 * minute, the CLI's largest) cannot run out in a run, so the limiter runs on every request
 * without ever refusing one.
 */
export async function createBenchKey(databaseUrl) {
  const { stdout, stderr } = await runCli(['keys', 'create', '--name', `bench ${new Date().toISOString()}`, '--scopes', 'read', '--rate', '2000000000'], { DATABASE_URL: databaseUrl });
  const key = stdout.trim().split('\n').at(-1);
  const id = /created key (\S+)/.exec(stderr)?.[1];
  if (!key || !id) throw new Error(`could not read the key from \`cascade keys create\`: ${stderr}`);
  return { key, id, revoke: () => runCli(['keys', 'revoke', id], { DATABASE_URL: databaseUrl }).catch(() => undefined) };
}

/** Cascade as deployed: `main.js --api-only`, keys required, budgets on, masking and limits (always on). */
export const cascadeEnvironment = {
  // As docker/Dockerfile deploys it: graphql-js drops its development-only checks.
  NODE_ENV: 'production',
  CASCADE_REQUIRE_KEYS: '1',
  CASCADE_RATE_LIMITS: '1',
  CASCADE_INTROSPECTION: '0',
  CASCADE_LOG_LEVEL: 'warn',
};

export function startCascade(databaseUrl, env = {}) {
  // BENCH_CPU_PROF=<dir>: Cascade writes a V8 CPU profile there when it stops (to find a cause,
  // not for the figures: profiling slows it).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return spawnServer('cascade', [...profile, path.join(root, 'dist/src/main.js'), '--api-only'], {
    env: { ...cascadeEnvironment, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', ...env },
    ready: /at (http:\/\/\S+\/graphql)/,
  });
}

/** `mode` 'pass-through' (Postgres's JSON text sent as is, as Cascade does) or 'generic' (decoded and re-serialised in Node). */
export function startBare(spec, scratchDir, mode = 'pass-through') {
  const file = path.join(scratchDir, `bare-spec-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return spawnServer('bare', [path.join(benchDir, 'lib/bare-server.mjs'), file], { env: { BARE_MODE: mode }, ready: /bare at (http:\/\/\S+\/graphql)/ });
}
