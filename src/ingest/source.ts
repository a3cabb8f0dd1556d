import { ObservationTable } from '../db/bulk';
import { Db } from '../db/sql';
import { LiquidationRow } from '../domains/liquidations/liquidation.writer';
import { WeightLimit } from './budget';
import { BackoffPolicy, Clock } from './clock';
import { SourceEndpoints } from './config';
import { HeartbeatPolicy } from './ws';
import { JsonHttpClient, VenueHttpPolicy } from './http';
import { Watermarks } from './watermark';

export const datasetNames = [
  'instruments',
  'open-interest',
  'funding',
  'mark-price',
  'depth',
  'liquidations',
  'candles',
  'etf-flows',
  'cohorts',
  'exchange-flows',
  'taker-volume',
  'positioning',
] as const;
export type DatasetName = (typeof datasetNames)[number];

/** `from` inclusive, `to` exclusive, UTC. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** The few log methods ingestion uses (pino's signature: fields first, then the message). */
export interface IngestLog {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export interface VenueDefinition {
  slug: string;
  name: string;
  kind: 'CEX' | 'DEX';
  // Liquidation completeness is not declared here: it follows from the data-source catalog
  // (src/domains/sources/data-source.catalog.ts) and the worker's keys, see catalog.ts.
}

/** What a REST pull gets from the runner. */
export interface IngestContext {
  db: Db;
  source: Source;
  dataset: DatasetName;
  endpoints: SourceEndpoints;
  /** The environment the run was configured from (API keys of keyed providers). */
  env: NodeJS.ProcessEnv;
  /** Already bound to the source's base URL, weight budget and retry policy. */
  http: JsonHttpClient;
  clock: Clock;
  log: IngestLog;
  /** Per (source, dataset) resume points; scope is usually the venue symbol. */
  watermarks: Watermarks;
  /** False forces the whole window to be fetched again, ignoring watermarks. */
  resume: boolean;
  /** Records a recovered problem (a retry, a skipped row) on the ingestion_run row. */
  note(message: string): void;
  /** Set-based writes that count toward the run's rows_written (new or revised rows). */
  upsert<Row extends object>(spec: ObservationTable, rows: Row[]): Promise<number>;
  insertLiquidations(rows: LiquidationRow[]): Promise<number>;
}

export interface StreamSettings {
  heartbeat?: HeartbeatPolicy;
  reconnect?: BackoffPolicy;
  /** Batch writes: at most this many events or this many ms (≤ 1000) after the first. */
  batchMaxItems?: number;
  batchMaxDelayMs?: number;
  /** How often a stream reports to ingestion_run (default a minute). */
  reportEveryMs?: number;
  /** Events a stream holds in memory while the database is away (CASCADE_STREAM_BUFFER_EVENTS); more go to its spool file. */
  bufferEvents?: number;
  /** Folder of the streams' spool files (CASCADE_STREAM_SPOOL_DIR, default <CASCADE_DATA_DIR>/spool). */
  spoolDir?: string;
  /** A stream is SILENT once its canary has been missing this long (default 60 s, see canary.ts). */
  canarySilentAfterMs?: number;
}

/** What a WebSocket collector gets from `startStreams`. */
export interface StreamContext {
  db: Db;
  source: Source;
  dataset: DatasetName;
  endpoints: SourceEndpoints;
  /** The environment the stream was configured from (API keys of keyed providers). */
  env: NodeJS.ProcessEnv;
  /** For the REST look-ups a stream needs (instrument discovery). */
  http: JsonHttpClient;
  clock: Clock;
  log: IngestLog;
  settings: StreamSettings;
}

export interface StreamHandle {
  stop(): Promise<void>;
}

export interface Dataset {
  /** A REST pull over a window; returns rows written (new or revised). */
  run?(ctx: IngestContext, window: TimeWindow): Promise<number>;
  /**
   * How far back from now the venue serves this dataset's history (ms), when it keeps only a
   * recent span (Binance openInterestHist: 30 days; OKX funding history: three months). A run
   * asking for earlier data says so on its ingestion_run row and in the backfill's output.
   */
  historyLimitMs?: number;
  /**
   * The run reads a past window from the venue (not only its state now), so after an outage, a
   * ban or a stream's silence a scheduled run reaches back over what was missed (jobs/gap.ts).
   * Snapshot datasets (mark price, depth, OKX and Deribit open interest) cannot: their gaps stay.
   */
  servesHistory?: boolean;
  /** A live WebSocket collection, running until stopped. */
  stream?(ctx: StreamContext): Promise<StreamHandle>;
}

/** One venue or data provider: a new source is one folder under src/ingest/sources/. */
export interface Source {
  slug: string;
  name: string;
  /** The venue row this source fills (absent for ETF/cohort providers). */
  venue?: VenueDefinition;
  /** How the venue signals a ban beyond 429/418, and the header reporting its weight count. */
  httpPolicy?: VenueHttpPolicy;
  /** The venue's request-weight limit, enforced per process by a shared token bucket. */
  rateLimit?: WeightLimit;
  /** Query parameters holding secrets, never shown in errors. */
  secretParams?: string[];
  /** Environment variables the source cannot run without (an API key): unset, it is not scheduled. */
  requiredEnv?: string[];
  datasets: Partial<Record<DatasetName, Dataset>>;
}

/** The environment variables a source needs and `env` lacks (empty: it can run). */
export function missingEnvironment(source: Source, env: NodeJS.ProcessEnv): string[] {
  return (source.requiredEnv ?? []).filter((name) => !env[name]);
}

/** The earliest time a dataset's history is served from at `nowMs` (null: no declared limit). */
export function historyAvailableFrom(dataset: Dataset | undefined, nowMs: number): Date | null {
  return dataset?.historyLimitMs ? new Date(nowMs - dataset.historyLimitMs) : null;
}

/**
 * The note a run records when its window starts before the venue's history does: what was asked,
 * what is served, and that the rest cannot be fetched. Null when the window is within the limit.
 */
export function historyShortfall(dataset: Dataset | undefined, window: TimeWindow, nowMs: number): { availableFrom: Date; note: string } | null {
  const availableFrom = historyAvailableFrom(dataset, nowMs);
  if (!availableFrom || window.from >= availableFrom) return null;
  return {
    availableFrom,
    note: `asked from ${window.from.toISOString()}; the venue serves only from ${availableFrom.toISOString()}: earlier data not available`,
  };
}
