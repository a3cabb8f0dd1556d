import { sourceEndpoints } from '../config';
import { HttpError } from '../http';
import { httpClientFor } from '../runner';
import { SourceRegistry, sourceRegistry } from '../sources';
import { WsCollector } from '../ws';
import { RestProbe, SourceProbes, StreamProbe } from './probe';

/**
 * What one probe found. `state`: OK; DRIFT (the answer no longer reads as the connector expects,
 * or the endpoint is gone: 4xx); SILENT (a stream connected but its canary never came); FAILING
 * (reachable, but 5xx or rate limited: try again); UNREACHABLE (no connection at all).
 */
export type DoctorState = 'OK' | 'DRIFT' | 'SILENT' | 'FAILING' | 'UNREACHABLE';

export interface DoctorRow {
  source: string;
  dataset: string;
  endpoint: string;
  reachable: boolean;
  /** `ok`, what drifted, or null when nothing was read. */
  shape: string | null;
  /** Streams: data and canary messages per second over the probe's seconds. */
  messagesPerSecond: number | null;
  canaryPerSecond: number | null;
  /** REST: the answer's round trip; streams: from the subscription to the first canary. */
  lagMs: number | null;
  state: DoctorState;
  detail: string | null;
}

export interface DoctorOptions {
  env?: NodeJS.ProcessEnv;
  sources?: SourceRegistry;
  /** Sources to probe (default: every one with probes). */
  only?: string[];
  /** How long each stream route is listened to. */
  streamMs?: number;
  timeoutMs?: number;
}

export type ProbeCatalog = Record<string, () => SourceProbes>;

const base = (source: string, dataset: string, endpoint: string) => ({ source, dataset, endpoint, messagesPerSecond: null, canaryPerSecond: null });

async function probeRest(source: string, probe: RestProbe, call: RestProbe['call'], http: Parameters<RestProbe['call']>[0]): Promise<DoctorRow> {
  const row = base(source, probe.dataset, probe.endpoint);
  const started = Date.now();
  let answer: unknown;
  try {
    answer = await call(http);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof HttpError ? error.status : null;
    if (status === null) return { ...row, reachable: false, shape: null, lagMs: null, state: 'UNREACHABLE', detail: message };
    // A 4xx (gone, renamed, a parameter refused) or a body the envelope check refuses is a change at the venue.
    const failing = status >= 500 || status === 429 || status === 418 || (error as HttpError).retryable;
    return { ...row, reachable: true, shape: failing ? null : message, lagMs: Date.now() - started, state: failing ? 'FAILING' : 'DRIFT', detail: message };
  }
  const lagMs = Date.now() - started;
  try {
    probe.check(answer);
    return { ...row, reachable: true, shape: 'ok', lagMs, state: 'OK', detail: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...row, reachable: true, shape: message, lagMs, state: 'DRIFT', detail: message };
  }
}

/** Listens to one stream route for `streamMs`: counts data and canary messages and reads each data message. */
async function probeStream(source: string, probe: StreamProbe, wsUrl: string, streamMs: number): Promise<DoctorRow> {
  const row = base(source, probe.dataset, probe.endpoint);
  let data = 0;
  let drift: string | null = null;
  let firstCanaryMs: number | null = null;
  let openedMs: number | null = null;
  let lastError: string | null = null;
  const collector = new WsCollector({
    name: `doctor:${source}:${probe.dataset}`,
    url: probe.url(wsUrl),
    subscriptions: () => probe.subscriptions,
    heartbeat: probe.ping ? { intervalMs: Math.max(50, streamMs / 3), deadAfterMs: streamMs * 2, message: probe.ping, textReply: probe.pingReply } : undefined,
    reconnect: { baseMs: streamMs, maxMs: streamMs },
    handshakeTimeoutMs: Math.min(streamMs, 10_000),
    // The probe's own window decides; the canary only counts here.
    canary: {
      ...probe.canary,
      silentAfterMs: streamMs * 10,
      onHeard: (atMs) => (firstCanaryMs ??= atMs),
    },
    onOpen: () => (openedMs ??= Date.now()),
    onMessage: (message) => {
      if (!probe.isData(message)) return;
      data += 1;
      try {
        probe.check(message);
      } catch (error) {
        drift ??= error instanceof Error ? error.message : String(error);
      }
    },
    onError: (error) => (lastError = error.message),
  }).start();
  await new Promise((resolve) => setTimeout(resolve, streamMs));
  const canaries = collector.canary?.canaries ?? 0;
  await collector.stop();
  if (openedMs === null) return { ...row, reachable: false, shape: null, lagMs: null, state: 'UNREACHABLE', detail: lastError ?? 'no connection' };
  const seconds = streamMs / 1000;
  const counted = { reachable: true, messagesPerSecond: (data + canaries) / seconds, canaryPerSecond: canaries / seconds, lagMs: firstCanaryMs === null ? null : firstCanaryMs - openedMs };
  if (drift) return { ...row, ...counted, shape: drift, state: 'DRIFT', detail: drift };
  if (canaries === 0) return { ...row, ...counted, shape: data > 0 ? 'ok' : null, state: 'SILENT', detail: `connected, but no ${probe.canary.name} in ${seconds} s` };
  return { ...row, ...counted, shape: 'ok', state: 'OK', detail: data === 0 ? 'no data message in the window (a calm market; the canary flowed)' : null };
}

/** Probes every source of the catalog, one at a time (each costs the venue a few weight units). */
export async function runDoctor(catalog: ProbeCatalog, options: DoctorOptions = {}): Promise<DoctorRow[]> {
  const env = options.env ?? process.env;
  const registry = options.sources ?? sourceRegistry;
  const rows: DoctorRow[] = [];
  for (const [slug, probesOf] of Object.entries(catalog)) {
    if (options.only && !options.only.includes(slug)) continue;
    const source = registry.get(slug);
    const probes = probesOf();
    // One attempt, a short timeout: the doctor reports, it does not insist.
    const http = httpClientFor(source, { env, http: { retries: 0, timeoutMs: options.timeoutMs ?? 5_000 } });
    const rest = [];
    for (const probe of probes.rest) rest.push(await probeRest(slug, probe, probe.call, http));
    rows.push(...rest);
    const { wsUrl } = sourceEndpoints(slug, env);
    // Offline, one unreachable answer says it for the source: its streams are not tried.
    const offline = rest.length > 0 && rest.every((r) => r.state === 'UNREACHABLE');
    for (const probe of probes.streams) {
      if (!wsUrl || offline) {
        rows.push({ ...base(slug, probe.dataset, probe.endpoint), reachable: false, shape: null, lagMs: null, state: 'UNREACHABLE', detail: wsUrl ? 'REST unreachable: stream not tried' : 'no WebSocket URL configured' });
        continue;
      }
      rows.push(await probeStream(slug, probe, wsUrl, options.streamMs ?? 5_000));
    }
  }
  return rows;
}

/** 1 when anything drifted or a stream is silent, 2 when nothing worse than unreachable sources, else 0. */
export function doctorExitCode(rows: DoctorRow[]): number {
  if (rows.some((r) => r.state === 'DRIFT' || r.state === 'SILENT')) return 1;
  if (rows.some((r) => r.state === 'UNREACHABLE' || r.state === 'FAILING')) return 2;
  return 0;
}
