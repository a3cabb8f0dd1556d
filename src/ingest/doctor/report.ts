import { DoctorRow } from './run';

const columns: Array<[string, (row: DoctorRow) => string]> = [
  ['source', (r) => r.source],
  ['dataset', (r) => r.dataset],
  ['endpoint', (r) => r.endpoint],
  ['reachable', (r) => (r.reachable ? 'yes' : 'unreachable')],
  ['shape', (r) => (r.shape === null ? '-' : r.shape === 'ok' ? 'ok' : 'DRIFT')],
  ['msg/s', (r) => (r.messagesPerSecond === null ? '-' : r.messagesPerSecond.toFixed(1))],
  ['canary/s', (r) => (r.canaryPerSecond === null ? '-' : r.canaryPerSecond.toFixed(1))],
  ['lag ms', (r) => (r.lagMs === null ? '-' : String(r.lagMs))],
  ['state', (r) => r.state],
];

/** The doctor's answer as a plain table, then what went wrong, one line a row, in words. */
export function formatDoctorReport(rows: DoctorRow[]): string {
  const cells = rows.map((row) => columns.map(([, cell]) => cell(row)));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  // A source that answered nothing is said once ("binance: unreachable: …"), not once per endpoint.
  const offline = new Set(rows.map((r) => r.source).filter((source) => rows.every((r) => r.source !== source || r.state === 'UNREACHABLE')));
  const problems = [
    ...[...offline].map((source) => `${source}: unreachable: ${rows.find((r) => r.source === source)!.detail}`),
    ...rows.filter((r) => r.detail && r.state !== 'OK' && !offline.has(r.source)).map((r) => `${r.source} ${r.dataset} ${r.endpoint}: ${r.state.toLowerCase()}: ${r.detail}`),
  ];
  return [line(columns.map(([title]) => title)), ...cells.map(line), ...(problems.length ? ['', ...problems] : [])].join('\n');
}
