import path from 'node:path';
import { Db } from '../db/sql';
import { systemClock } from './clock';
import { sourceEndpoints } from './config';
import { httpClientFor, IngestOptions } from './runner';
import { DatasetName, missingEnvironment, StreamContext, StreamHandle, StreamSettings } from './source';
import { sourceRegistry } from './sources';
import { createLogger } from '../core/logger';

export interface StreamOptions extends IngestOptions {
  settings?: StreamSettings;
  /** Only these datasets (default: every dataset that has a stream). */
  datasets?: DatasetName[];
  /** Fail (stopping what did start) if any collector fails to start, instead of skipping it. */
  requireAll?: boolean;
}

export const defaultStreamBufferEvents = 50_000;

/** The buffer bound and spool folder from the environment, checked: a bad value is named, not guessed. */
export function streamBufferSettings(env: NodeJS.ProcessEnv): Pick<StreamSettings, 'bufferEvents' | 'spoolDir'> {
  const raw = env.CASCADE_STREAM_BUFFER_EVENTS;
  const bufferEvents = raw === undefined || raw === '' ? defaultStreamBufferEvents : Number(raw);
  if (!Number.isInteger(bufferEvents) || bufferEvents < 1) {
    throw new Error(`CASCADE_STREAM_BUFFER_EVENTS must be a whole number of events ≥ 1, not "${raw}"`);
  }
  return { bufferEvents, spoolDir: env.CASCADE_STREAM_SPOOL_DIR || path.join(env.CASCADE_DATA_DIR || '.cascade', 'spool') };
}

/**
 * Starts every WebSocket collector of the given sources (slugs); returns one function that
 * stops them all and flushes what they buffered. A collector that fails to start is logged and
 * skipped, so one venue's outage never keeps the others down.
 */
export async function startStreams(db: Db, sourceSlugs: string[], options: StreamOptions = {}): Promise<() => Promise<void>> {
  const registry = options.sources ?? sourceRegistry;
  const log = options.log ?? createLogger().child({ component: 'ingest-stream' });
  const handles: StreamHandle[] = [];
  const env = options.env ?? process.env;
  for (const slug of sourceSlugs) {
    const source = registry.get(slug);
    const missing = missingEnvironment(source, env);
    if (missing.length > 0) {
      // A keyed provider without its key collects nothing; it is not a failure to start.
      log.info({ source: slug, missing }, 'stream not started: set its environment to enable it');
      continue;
    }
    for (const [dataset, job] of Object.entries(source.datasets)) {
      if (!job?.stream || (options.datasets && !options.datasets.includes(dataset as DatasetName))) continue;
      const ctx: StreamContext = {
        db,
        source,
        dataset: dataset as DatasetName,
        endpoints: sourceEndpoints(source.slug, env),
        env,
        http: httpClientFor(source, options, undefined, db),
        clock: options.clock ?? systemClock,
        log,
        settings: { ...streamBufferSettings(env), ...options.settings },
      };
      try {
        handles.push(await job.stream(ctx));
        log.info({ source: slug, dataset }, 'stream started');
      } catch (error) {
        log.error({ source: slug, dataset, err: error instanceof Error ? error.message : String(error) }, 'stream failed to start');
        if (options.requireAll) {
          await Promise.all(handles.map((h) => h.stop()));
          throw error;
        }
      }
    }
  }
  return async () => {
    await Promise.all(handles.map((h) => h.stop()));
  };
}
