import { KnownInstrument } from '../catalog';
import { JsonHttpClient } from '../http';
import { DatasetName } from '../source';
import { VenueCanary } from '../stream-silence';

/**
 * What `cascade doctor` asks of a source: one call per REST endpoint Cascade uses (a few weight
 * units each) and a few seconds on each stream route. Every answer is read with the connector's
 * own mapping (its `map.ts`), so a renamed field or a changed type is caught the way ingestion
 * would meet it — as a failure to parse — before ingestion does.
 */
export interface RestProbe {
  dataset: DatasetName;
  /** As printed: `GET /fapi/v1/openInterest?symbol=BTCUSDT`. */
  endpoint: string;
  call(http: JsonHttpClient): Promise<unknown>;
  /** Reads the answer with the connector's mapping; throws, naming what does not fit, on drift. */
  check(answer: unknown): void;
}

export interface StreamProbe {
  dataset: DatasetName;
  /** As printed: the route and channel. */
  endpoint: string;
  /** The full URL from the source's configured WebSocket root. */
  url(wsUrl: string): string;
  /** The stream's own subscriptions (the canary's are added). */
  subscriptions: unknown[];
  /** A data message of the stream (not an acknowledgement, not the canary). */
  isData(message: unknown): boolean;
  /** Reads a data message with the connector's mapping; throws on drift. */
  check(message: unknown): void;
  canary: VenueCanary;
  /** A venue-level ping, when the venue wants one within the probe's seconds. */
  ping?: () => unknown;
  /** The venue's bare-text answer to it (OKX `pong`). */
  pingReply?: string;
}

export interface SourceProbes {
  rest: RestProbe[];
  streams: StreamProbe[];
}

/** A stand-in instrument for reading answers with the mappings (ids are never written anywhere). */
export function probeInstrument(symbol: string, overrides: Partial<KnownInstrument> = {}): KnownInstrument {
  return { id: 0, venueId: 0, assetId: 0, symbol, contractType: 'PERPETUAL', marginType: 'LINEAR', contractSize: 1, fundingIntervalHours: 8, expiresAt: null, active: true, ...overrides };
}

/** The tracked assets as the instrument mappings take them (symbol → id). */
export const probeAssets = new Map([
  ['BTC', 1],
  ['ETH', 2],
  ['SOL', 3],
]);

/** Throws a drift unless `condition` holds. */
export function expectShape(condition: unknown, what: string): void {
  if (!condition) throw new Error(what);
}

/** An answer that is a non-empty list, or a drift naming it. */
export function nonEmpty<T>(list: unknown, what: string): T[] {
  expectShape(Array.isArray(list) && list.length > 0, `${what}: expected a non-empty list`);
  return list as T[];
}
