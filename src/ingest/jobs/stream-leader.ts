import { Client } from 'pg';
import { Db } from '../../db/sql';
import { IngestLog } from '../source';
import { startStreams, StreamOptions } from '../streams';

export interface StreamLeadership {
  /** Slugs whose streams this process runs now. */
  leading(): string[];
  stop(): Promise<void>;
}

/**
 * Each source's WebSocket collectors run in exactly one worker: the one holding the source's
 * session advisory lock. If that worker dies its connection drops, Postgres releases the lock,
 * and another worker takes over at its next attempt.
 */
export function leadStreams(options: {
  databaseUrl: string;
  db: Db;
  slugs: string[];
  log: IngestLog;
  stream?: StreamOptions;
  retryMs?: number;
}): StreamLeadership {
  const running = new Map<string, { client: Client; stop: () => Promise<void> }>();
  let stopped = false;
  const retryMs = options.retryMs ?? 15_000;

  const tryLead = async (slug: string): Promise<void> => {
    if (stopped || running.has(slug)) return;
    const client = new Client({ connectionString: options.databaseUrl, application_name: `cascade-stream-${slug}` });
    // Until the lock is ours, a lost connection only fails this attempt (the catch below);
    // without a listener, pg would raise it as an unhandled 'error' and end the process.
    let leading = false;
    client.on('error', (error) => {
      if (!leading) options.log.warn({ source: slug, err: error.message }, 'stream lock connection failed');
    });
    try {
      await client.connect();
      const [{ locked }] = (await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext('cascade:stream:' || $1::text)) AS locked`, [slug])).rows;
      if (!locked || stopped) {
        await client.end();
        return;
      }
      // A collector that cannot start (venue unreachable) gives the lock back, so this or another
      // worker tries again at the next attempt instead of holding a lock over nothing.
      const stop = await startStreams(options.db, [slug], { ...options.stream, requireAll: true });
      if (stopped) {
        await stop().catch(() => undefined);
        await client.end().catch(() => undefined);
        return;
      }
      running.set(slug, { client, stop });
      leading = true;
      options.log.info({ source: slug }, 'leading the source streams');
      client.on('error', () => {
        // The lock went with the connection: stop collecting so two workers never both do.
        const entry = running.get(slug);
        running.delete(slug);
        void entry?.stop().catch(() => undefined);
        options.log.warn({ source: slug }, 'lost the stream lock; will try again');
      });
    } catch (error) {
      await client.end().catch(() => undefined);
      options.log.warn({ source: slug, err: error instanceof Error ? error.message : String(error) }, 'could not take the stream lock');
    }
  };

  // Attempts in flight, so stop() waits for them and no connection outlives the leadership.
  const attempts = new Set<Promise<void>>();
  const attemptAll = () => {
    const attempt = Promise.all(options.slugs.map(tryLead)).then(() => undefined);
    attempts.add(attempt);
    void attempt.finally(() => attempts.delete(attempt));
    return attempt;
  };
  void attemptAll();
  const timer = setInterval(() => void attemptAll(), retryMs);
  timer.unref();

  return {
    leading: () => [...running.keys()],
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...attempts]);
      await Promise.all(
        [...running.values()].map(async ({ client, stop }) => {
          await stop().catch(() => undefined);
          await client.end().catch(() => undefined);
        }),
      );
      running.clear();
    },
  };
}
