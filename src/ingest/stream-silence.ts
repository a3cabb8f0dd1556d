import { Db } from '../db/sql';
import { CanaryPolicy, defaultCanarySilentAfterMs } from './canary';
import { StreamContext } from './source';

/** A venue's canary for one stream: what to subscribe to and how to recognise it. */
export interface VenueCanary {
  /** In logs and the silence's reason, e.g. `btcusdt@markPrice@1s`. */
  name: string;
  subscriptions?: unknown[];
  matches(message: unknown): boolean;
}

export interface StreamSilence {
  source: string;
  dataset: string;
  venue: string | null;
  startedAt: Date;
  endedAt: Date | null;
  reason: string;
}

/** Opens a silence for the stream unless one is open already (a detection repeated after a restart changes nothing). */
export async function openStreamSilence(db: Db, silence: Omit<StreamSilence, 'endedAt'>): Promise<void> {
  await db.query(
    `INSERT INTO stream_silence (source, dataset, venue_id, started_at, reason)
     VALUES ($1, $2, (SELECT id FROM venue WHERE slug = $3), $4, $5)
     ON CONFLICT (source, dataset) WHERE ended_at IS NULL DO NOTHING`,
    [silence.source, silence.dataset, silence.venue, silence.startedAt, silence.reason],
  );
}

/** Closes the stream's open silence, if any, at `endedAt` (never before it started). */
export async function closeStreamSilence(db: Db, source: string, dataset: string, endedAt: Date): Promise<void> {
  await db.query('UPDATE stream_silence SET ended_at = greatest($3, started_at) WHERE source = $1 AND dataset = $2 AND ended_at IS NULL', [source, dataset, endedAt]);
}

/** Every silence still open, by `source/dataset`, for the status view. */
export async function openStreamSilences(db: Db): Promise<Map<string, StreamSilence>> {
  const rows = await db.query<{ source: string; dataset: string; venue: string | null; started_at: Date; reason: string }>(
    `SELECT s.source, s.dataset, v.slug AS venue, s.started_at, s.reason FROM stream_silence s LEFT JOIN venue v ON v.id = s.venue_id WHERE s.ended_at IS NULL`,
  );
  return new Map(rows.map((r) => [`${r.source}/${r.dataset}`, { source: r.source, dataset: r.dataset, venue: r.venue, startedAt: r.started_at, endedAt: null, reason: r.reason }]));
}

/** When the oldest silence of the stream that no REST run has refilled began (null: none). */
export async function oldestUnrepairedSilence(db: Db, source: string, dataset: string): Promise<Date | null> {
  const [row] = await db.query<{ started_at: Date | null }>(
    'SELECT min(started_at) AS started_at FROM stream_silence WHERE source = $1 AND dataset = $2 AND repaired_at IS NULL',
    [source, dataset],
  );
  return row?.started_at ?? null;
}

/** Marks as repaired the stream's ended silences that lie wholly inside a window a REST run has just read. */
export async function markSilencesRepaired(db: Db, source: string, dataset: string, window: { from: Date; to: Date }): Promise<number> {
  const rows = await db.query(
    `UPDATE stream_silence SET repaired_at = now()
     WHERE source = $1 AND dataset = $2 AND repaired_at IS NULL AND ended_at IS NOT NULL AND started_at >= $3 AND ended_at <= $4 RETURNING 1`,
    [source, dataset, window.from, window.to],
  );
  return rows.length;
}

/**
 * The canary policy of a stream whose silences are stored: a silence is opened when the canary
 * stops and closed when it comes back (also one left open by a previous process). The database
 * writes are queued so a close never overtakes its open; one that fails is logged — the stream
 * goes on collecting either way.
 */
export function storedCanary(ctx: StreamContext, canary: VenueCanary, venue = ctx.source.venue?.slug ?? null): CanaryPolicy {
  const source = ctx.source.slug;
  const dataset = ctx.dataset;
  let writes: Promise<void> = Promise.resolve();
  const queue = (what: string, write: () => Promise<void>) => {
    writes = writes.then(write).catch((error) => ctx.log.warn({ source, dataset, err: String(error) }, `stream silence not ${what}`));
  };
  const silentAfterMs = ctx.settings.canarySilentAfterMs ?? defaultCanarySilentAfterMs;
  return {
    subscriptions: canary.subscriptions,
    matches: canary.matches,
    silentAfterMs,
    onSilent: (sinceMs, atMs) => {
      const reason = `no ${canary.name} for ${Math.round((atMs - sinceMs) / 1000)} s (bound ${silentAfterMs / 1000} s)`;
      ctx.log.warn({ source, dataset, since: new Date(sinceMs).toISOString() }, `stream silent: ${reason}`);
      queue('recorded', () => openStreamSilence(ctx.db, { source, dataset, venue, startedAt: new Date(sinceMs), reason }));
    },
    onHeard: (atMs, silentSinceMs) => {
      if (silentSinceMs !== null) ctx.log.info({ source, dataset, since: new Date(silentSinceMs).toISOString() }, `stream canary ${canary.name} back`);
      queue('closed', () => closeStreamSilence(ctx.db, source, dataset, new Date(atMs)));
    },
  };
}
