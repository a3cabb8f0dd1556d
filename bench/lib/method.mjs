// The measuring method (bench/README.md, "Method"): processes pinned to cores, servers in a
// random order every round, ratios taken per round and summarised as a median with a
// distribution-free interval, and for every server the database work and CPU each request cost.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { withClient } from './database.mjs';

/** A small seeded PRNG (mulberry32): the server order of a run can be replayed from its seed. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given random source; returns a new array. */
export function shuffled(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function binomialCdf(k, n) {
  // P(X ≤ k) for X ~ Binomial(n, 1/2).
  let sum = 0;
  let term = 1; // C(n, 0)
  for (let i = 0; i <= k; i += 1) {
    if (i > 0) term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum / 2 ** n;
}

/**
 * The median of `values` with its order-statistic confidence interval [x(k), x(n−k+1)]: the
 * narrowest such interval whose coverage, 1 − 2·P(Bin(n, ½) < k), is at least `confidence`
 * (the widest, [min, max], when n is too small to reach it — its coverage is then reported as is).
 * Distribution-free: it assumes only that the rounds are independent draws of the same ratio.
 */
export function medianInterval(values, confidence = 0.9) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  let k = 1;
  while (k + 1 <= Math.floor((n + 1) / 2) && 1 - 2 * binomialCdf(k, n) >= confidence) k += 1;
  const coverage = 1 - 2 * binomialCdf(k - 1, n);
  return { n, median, low: sorted[k - 1], high: sorted[n - k], coverage: Math.round(coverage * 1000) / 1000 };
}

/** Per-round ratios a/b of two servers' figures (rounds paired by index; invalid rounds dropped). */
export function roundRatios(aRounds, bRounds, key = 'rps') {
  const out = [];
  for (let i = 0; i < Math.min(aRounds.length, bRounds.length); i += 1) {
    const a = aRounds[i];
    const b = bRounds[i];
    if (a?.valid && b?.valid && a[key] > 0 && b[key] > 0) out.push(a[key] / b[key]);
  }
  return out;
}

// Pinning: the server under test on the last core, Postgres and the load generator on the rest.
const cores = os.cpus().length;
const tasksetAvailable = (() => {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
export const coreLayout = cores >= 2 && tasksetAvailable
  ? { pinned: true, server: String(cores - 1), rest: cores > 2 ? `0-${cores - 2}` : '0' }
  : { pinned: false, reason: tasksetAvailable ? 'one core only' : 'taskset not found (util-linux)' };

/** Pins every thread of `pid` to `cpus` (taskset -a); returns whether it did. */
export function pin(pid, cpus) {
  if (!coreLayout.pinned || !pid) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The postmaster's pid of an embedded data directory (its backends inherit its affinity). */
export function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

/** CPU time (user + system) of a process, in milliseconds, from /proc (Linux). */
export function cpuTimeMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * The database work of a measured stretch, for any server: pg_stat_statements reset before,
 * read after, summed over the database's statements (the reading ones excluded).
 */
export async function databaseWork(databaseUrl, work) {
  let available = true;
  await withClient(databaseUrl, async (client) => {
    try {
      await client.query('SELECT pg_stat_statements_reset()');
    } catch {
      available = false;
    }
  });
  const result = await work();
  if (!available) return { result, database: null };
  const database = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_plan_time), 0)::float8 AS plan_ms, coalesce(sum(total_exec_time), 0)::float8 AS exec_ms
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`,
    );
    return rows[0];
  });
  return { result, database };
}
