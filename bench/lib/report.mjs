// Results: the JSON record (bench/results/<date>.json and latest.json), a Markdown table and a
// chart of req/s per scenario and server (vega-lite → SVG → PNG with resvg).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { medianInterval, roundRatios } from './method.mjs';
import { scenarioTitles } from './operations.mjs';

export const serverLabels = {
  cascade: 'Cascade',
  'cascade-uncached': 'Cascade, registry uncached',
  postgraphile: 'PostGraphile 5',
  postgraphile4: 'PostGraphile 4',
  bare: 'bare node:http + pg (pass-through)',
  'bare-generic': 'bare node:http + pg (generic)',
  pgbench: 'pgbench (SQL only)',
};
export const serverOrder = Object.keys(serverLabels);

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
const r2 = (v) => Math.round(v * 100) / 100;

/**
 * Cascade's req/s over `other`'s, round by round (the rounds ran in a random server order), as
 * the median of the per-round ratios with its order-statistic interval (lib/method.mjs).
 */
function ratioInterval(cascade, other) {
  if (!cascade?.valid || !other?.valid) return null;
  const interval = medianInterval(roundRatios(cascade.rounds ?? [cascade], other.rounds ?? [other]));
  return interval && { median: r2(interval.median), low: r2(interval.low), high: r2(interval.high), rounds: interval.n, coverage: interval.coverage };
}
const showInterval = (i) => (i ? `${i.median}× [${i.low}–${i.high}]` : '–');

/** Ratios and the issue's targets, met or missed (null: not measured in this run). */
const valid = (entry) => (entry?.valid ? entry : null);

/** Cascade's per-round ratio interval against each baseline of one scenario row. */
function baselineIntervals(row) {
  const cascade = valid(row.cascade);
  return {
    postgraphile: ratioInterval(cascade, valid(row.postgraphile)),
    postgraphile4: ratioInterval(cascade, valid(row.postgraphile4)),
    bare: ratioInterval(cascade, valid(row.bare)),
    bareGeneric: ratioInterval(cascade, valid(row['bare-generic'])),
    pgbench: ratioInterval(cascade, valid(row.pgbench)),
  };
}

export function evaluate(results) {
  const byName = Object.fromEntries(results.scenarios.map((s) => [s.name, s]));
  const ratios = {};
  const targets = [];
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    const s = byName[name];
    if (!s) continue;
    const cascade = valid(s.cascade);
    const pg5 = valid(s.postgraphile);
    const bare = valid(s.bare);
    const intervals = {
      ...baselineIntervals(s),
      // (a) with equal caching: Cascade reading venues from SQL per request, as PostGraphile does.
      uncachedToPostgraphile: ratioInterval(valid(s['cascade-uncached']), pg5),
      uncachedToBare: ratioInterval(valid(s['cascade-uncached']), bare),
    };
    ratios[name] = {
      intervals,
      cascadeToPostgraphile: ratio(cascade?.rps, pg5?.rps),
      p99CascadeToPostgraphile: ratio(cascade?.p99Ms, pg5?.p99Ms),
      cascadeToPostgraphile4: ratio(cascade?.rps, valid(s.postgraphile4)?.rps),
      cascadeToBare: ratio(cascade?.rps, bare?.rps),
      cascadeToPgbench: ratio(cascade?.rps, valid(s.pgbench)?.rps),
    };
    const r = ratios[name];
    // A target counts as met only when the interval's lower bound clears it.
    const pgInterval = intervals.postgraphile;
    targets.push({
      id: `${name}-postgraphile`,
      description: `(${name}) Cascade ≥ 1.1× PostGraphile 5 req/s (interval's lower bound), p99 no worse (median rounds)`,
      met: pgInterval === null ? null : pgInterval.low >= 1.1 && cascade.p99Ms <= pg5.p99Ms,
      detail: pgInterval === null ? notMeasured(s, ['cascade', 'postgraphile']) : `${showInterval(pgInterval)} req/s over ${pgInterval.rounds} rounds (${Math.round(pgInterval.coverage * 100)} % interval), p99 ${cascade.p99Ms} vs ${pg5.p99Ms} ms`,
    });
    const floor = name === 'a' ? 0.6 : 0.5;
    const bareInterval = intervals.bare;
    targets.push({
      id: `${name}-bare`,
      description: `(${name}) Cascade ≥ ${floor}× bare req/s (interval's lower bound)`,
      met: bareInterval === null ? null : bareInterval.low >= floor,
      detail: bareInterval === null ? notMeasured(s, ['cascade', 'bare']) : `${showInterval(bareInterval)} over ${bareInterval.rounds} rounds (${Math.round(bareInterval.coverage * 100)} % interval)`,
    });
  }
  // (f) rows carry their per-round intervals too (each size raced in rounds like (a)-(e)).
  for (const s of results.scenarios.filter((row) => row.name.startsWith('f-'))) ratios[s.name] = { intervals: baselineIntervals(s) };
  const f1 = valid(byName['f-1m']?.cascade);
  const f50 = valid(byName['f-50m']?.cascade);
  const f10 = valid(byName['f-10m']?.cascade);
  ratios.f = {
    p50_10mTo1m: ratio(f10?.p50Ms, f1?.p50Ms),
    p50_50mTo1m: ratio(f50?.p50Ms, f1?.p50Ms),
    p99_50mTo1m: ratio(f50?.p99Ms, f1?.p99Ms),
    rps_50mTo1m: ratio(f50?.rps, f1?.rps),
  };
  targets.push({
    id: 'f-flat',
    description: '(f) liquidationHistory at 50M events within 2× of its 1M latency (p50)',
    met: ratios.f.p50_50mTo1m === null ? null : ratios.f.p50_50mTo1m <= 2,
    detail: ratios.f.p50_50mTo1m === null ? (byName['f-50m'] ? notMeasured(byName['f-50m'], ['cascade']) : `50M not run${results.fNotRun ? ` (${results.fNotRun})` : ''}`) : `p50 ${f50.p50Ms} vs ${f1.p50Ms} ms (${ratios.f.p50_50mTo1m}×), p99 ${ratios.f.p99_50mTo1m}×`,
  });
  const ingest = results.ingest;
  const ingestRan = ingest && Number.isFinite(ingest.eventsPerSec);
  targets.push({
    id: 'ingest-rate',
    description: 'Ingestion ≥ 100k events/s through the liquidation writer',
    met: ingestRan ? ingest.eventsPerSec >= 100_000 : null,
    detail: ingestRan ? `${Math.round(ingest.eventsPerSec).toLocaleString('en-US')} events/s` : ingest?.notRun ?? 'not run',
  });
  targets.push({
    id: 'ingest-copy',
    description: 'Ingestion ≥ 0.5× COPY of the same rows',
    met: ingestRan && Number.isFinite(ingest.copyEventsPerSec) ? ingest.eventsPerSec / ingest.copyEventsPerSec >= 0.5 : null,
    detail: ingestRan && Number.isFinite(ingest.copyEventsPerSec) ? `${ratio(ingest.eventsPerSec, ingest.copyEventsPerSec)}× COPY (${Math.round(ingest.copyEventsPerSec).toLocaleString('en-US')} events/s)` : 'not run',
  });
  const b = results.statementsPerRequest?.b;
  targets.push({
    id: 'b-statements',
    description: '(b) ≤ 2 statements per request at the database',
    met: b && Number.isFinite(b.perRequest) ? b.perRequest <= 2 : null,
    detail: b && Number.isFinite(b.perRequest) ? `${b.perRequest} per request over ${b.requests} requests (background: ${b.background.reduce((t, s) => t + s.calls, 0)} calls)` : b?.notRun ?? 'not counted',
  });
  return { ratios, targets };
}

function notMeasured(scenario, servers) {
  const reasons = servers.map((s) => (scenario[s] ? (scenario[s].valid ? null : `${s}: ${scenario[s].error ?? 'invalid'}`) : `${s}: not run`)).filter(Boolean);
  return reasons.join('; ');
}

/** Text safe inside a Markdown table cell. */
const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '/').trim();
const fmt = (n, digits = 0) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mark = (met) => (met === true ? '✅ met' : met === false ? '❌ missed' : '– not measured');

export function markdown(results) {
  const servers = serverOrder.filter((s) => results.scenarios.some((row) => row[s]));
  const lines = [];
  lines.push(`# Cascade bench — ${results.date}${results.quick ? ' (quick)' : ''}`);
  lines.push('');
  lines.push(`${results.settings.seconds} s per scenario after ${results.settings.warmupSeconds} s of warm-up, ${results.settings.connections} connections, autocannon (one worker) on loopback; ` +
    `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB; load average ${results.machine.loadAverageStart} at start, ${results.machine.loadAverageEnd} at end. ` +
    `Node ${results.versions.node}, ${results.versions.postgres.split(' on ')[0]}. Every response checked (status 200, body identical to the validated answer). ` +
    `${results.settings.rounds} rounds in a random server order (seed ${results.settings.seed}); ` +
    `${results.settings.pinning?.pinned ? `server under test pinned to core ${results.settings.pinning.server}, Postgres and the load generator to ${results.settings.pinning.rest}` : `not pinned (${results.settings.pinning?.reason ?? 'unknown'})`}; run time ${results.seconds ?? '–'} s.`);
  lines.push('');
  lines.push('## Requests per second, p50 / p99 latency (ms)');
  lines.push('');
  lines.push(`| scenario | ${servers.map((s) => serverLabels[s]).join(' | ')} | Cascade / PG 5 | Cascade / bare | Cascade / generic bare |`);
  // Each ratio: the median of per-round ratios [its order-statistic interval].
  lines.push(`|---|${servers.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const row of results.scenarios) {
    const cells = servers.map((s) => {
      const e = row[s];
      if (!e) return '';
      if (e.notApplicable) return 'n/a';
      if (!e.valid) return `invalid: ${cell(e.error).slice(0, 80)}`;
      return `${fmt(e.rps)} (${fmt(e.p50Ms, 1)} / ${fmt(e.p99Ms, 1)})`;
    });
    const r = results.ratios[row.name] ?? {};
    lines.push(`| ${row.title ?? row.name} | ${cells.join(' | ')} | ${showInterval(r.intervals?.postgraphile)} | ${showInterval(r.intervals?.bare)} | ${showInterval(r.intervals?.bareGeneric)} |`);
  }
  lines.push('');
  const identical = results.scenarios.filter((row) => row.bare?.valid && 'identicalToCascade' in row.bare);
  if (identical.length) {
    lines.push(`Bare server's answers byte-identical to Cascade's: ${identical.map((row) => `${row.name} ${row.bare.identicalToCascade ? 'yes' : 'NO'}`).join(', ')}. ` +
      'pgbench runs the same statements with the same parameters (its results are not compared).');
    lines.push('');
  }
  const equal = results.ratios.a?.intervals;
  if (equal?.uncachedToPostgraphile || equal?.uncachedToBare) {
    lines.push(`(a) with equal caching — Cascade reading assets and venues from Postgres on every request (CASCADE_REGISTRY_TTL_MS=0), as PostGraphile and pgbench do: ` +
      `${showInterval(equal.uncachedToPostgraphile)} PostGraphile 5, ${showInterval(equal.uncachedToBare)} bare. The headline (a) is Cascade as deployed (its registry cached for 30 s).`);
    lines.push('');
  }
  const f = results.ratios.f ?? {};
  lines.push(`(f) latency of (c) against stored events: 10M/1M p50 ${f.p50_10mTo1m ?? '–'}×, 50M/1M p50 ${f.p50_50mTo1m ?? '–'}×, p99 ${f.p99_50mTo1m ?? '–'}×.`);
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | result | figures |');
  lines.push('|---|---|---|');
  for (const t of results.targets) lines.push(`| ${t.description} | ${mark(t.met)} | ${cell(t.detail)} |`);
  lines.push('');
  lines.push('## Work per request, every server (medians over rounds)');
  lines.push('');
  lines.push('Statements, plan and execution time at the database (pg_stat_statements over the measured run, background work included) and the server process\'s own CPU (user + system, /proc), per answered request.');
  lines.push('');
  lines.push('| scenario | server | statements | plan ms | exec ms | server CPU ms |');
  lines.push('|---|---|---:|---:|---:|---:|');
  for (const row of results.scenarios) {
    for (const s of servers) {
      const e = row[s];
      if (!e?.valid) continue;
      lines.push(`| ${row.name} | ${serverLabels[s]} | ${fmt(e.statementsPerRequest, 2)} | ${fmt(e.dbPlanMsPerRequest, 3)} | ${fmt(e.dbExecMsPerRequest, 3)} | ${e.cpuMsPerRequest === undefined ? 'n/a' : fmt(e.cpuMsPerRequest, 3)} |`);
    }
  }
  lines.push('');
  lines.push('## Statements per request (pg_stat_statements, Cascade)');
  lines.push('');
  for (const [name, s] of Object.entries(results.statementsPerRequest ?? {})) {
    if (s.notRun) lines.push(`- (${name}) not counted: ${s.notRun}`);
    else lines.push(`- (${name}) ${s.perRequest} per request over ${s.requests} requests${s.background.length ? `; background ${s.background.reduce((t, x) => t + x.calls, 0)} calls (${s.background.map((x) => x.query.slice(0, 50)).join('; ')})` : ''}`);
  }
  lines.push('');
  lines.push('## Ingestion');
  lines.push('');
  const ingest = results.ingest;
  if (ingest && Number.isFinite(ingest.eventsPerSec)) {
    lines.push(`${fmt(ingest.events)} events: ${fmt(ingest.eventsPerSec)} events/s through Cascade's liquidation writer (rollups maintained), ${fmt(ingest.copyEventsPerSec)} events/s by COPY of the same rows (no rollups): ${ratio(ingest.eventsPerSec, ingest.copyEventsPerSec) ?? '–'}× COPY.`);
  } else lines.push(`Not run: ${ingest?.notRun ?? 'unknown'}.`);
  lines.push('');
  lines.push('## Databases');
  lines.push('');
  for (const [name, d] of Object.entries(results.databases)) {
    lines.push(`- ${name}: ${fmt(d.events)} stored liquidation events, ${d.reused ? 'reused' : 'built this run'} (load ${fmt(d.loadSeconds, 1)} s${d.phases ? `: ${Object.entries(d.phases).map(([k, v]) => `${k.replace(/Seconds$/, '')} ${v} s`).join(', ')}` : ''})`);
  }
  lines.push('');
  return lines.join('\n');
}

export async function chartPng(results) {
  const values = [];
  for (const row of results.scenarios) {
    for (const server of serverOrder) {
      const e = row[server];
      if (e?.valid) values.push({ scenario: row.name, server: serverLabels[server], rps: e.rps });
    }
  }
  const serversSort = serverOrder.map((s) => serverLabels[s]);
  const spec = compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `Cascade bench ${results.date}${results.quick ? ' (quick)' : ''}: requests per second`,
      subtitle: `${results.settings.seconds} s per scenario, ${results.settings.connections} connections, ${results.machine.cpus} cores; every response checked`,
      fontSize: 16,
    },
    width: { step: 22 },
    height: 380,
    background: 'white',
    data: { values },
    encoding: {
      x: { field: 'scenario', type: 'nominal', title: 'scenario', sort: results.scenarios.map((s) => s.name), axis: { labelAngle: 0, labelFontSize: 13 } },
      xOffset: { field: 'server', type: 'nominal', sort: serversSort },
      color: { field: 'server', type: 'nominal', title: null, sort: serversSort, legend: { orient: 'bottom', labelFontSize: 12, labelLimit: 400, columns: 3 } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        // A log axis has no zero: bars start at 1 req/s.
        encoding: { y: { field: 'rps', type: 'quantitative', title: 'req/s (log scale)', scale: { type: 'log', domainMin: 1 }, axis: { labelFontSize: 12 } }, y2: { datum: 1 } },
      },
      {
        mark: { type: 'text', angle: 270, align: 'left', baseline: 'middle', dx: 3, fontSize: 9, color: '#333' },
        encoding: { y: { field: 'rps', type: 'quantitative' }, text: { field: 'rps', type: 'quantitative', format: ',.0f' } },
      },
    ],
    config: { font: 'DejaVu Sans' },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
}

export async function writeResults(dir, results) {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const files = {
    json: path.join(dir, `${results.date}.json`),
    latest: path.join(dir, 'latest.json'),
    md: path.join(dir, `${results.date}.md`),
    png: path.join(dir, `${results.date}.png`),
  };
  writeFileSync(files.json, json);
  writeFileSync(files.latest, json);
  writeFileSync(files.md, markdown(results));
  writeFileSync(files.png, await chartPng(results));
  return files;
}
