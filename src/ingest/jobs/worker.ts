import { Logger } from '../../core/logger';
import { Db } from '../../db/sql';
import { maintainRunLog } from '../run-log';
import { missingEnvironment } from '../source';
import { sourceRegistry } from '../sources';
import { startScheduler } from './scheduler';
import { leadStreams } from './stream-leader';

export interface RunningWorker {
  stop(): Promise<void>;
}

/** The ingestion worker: scheduled REST pulls through pg-boss and the venues' live streams. */
export async function startWorker(options: { databaseUrl: string; db: Db; logger: Logger; scheduleCheckSeconds?: number }): Promise<RunningWorker> {
  const log = options.logger.child({ component: 'ingest' });
  const scheduler = await startScheduler({ databaseUrl: options.databaseUrl, db: options.db, ingest: { log }, scheduleCheckSeconds: options.scheduleCheckSeconds });
  // A keyed provider without its key (CASCADE_HYDROMANCER_API_KEY) has nothing to lead.
  const streamSlugs = sourceRegistry
    .all()
    .filter((s) => Object.values(s.datasets).some((d) => d?.stream) && missingEnvironment(s, process.env).length === 0)
    .map((s) => s.slug);
  const streams = leadStreams({ databaseUrl: options.databaseUrl, db: options.db, slugs: streamSlugs, log });
  // Raw runs older than 48 h are rolled up hourly (ingestion_run_hourly).
  const runLog = maintainRunLog(options.db, log);
  log.info({ queues: scheduler.queues.length, streamSources: streamSlugs }, 'ingestion worker started');
  return {
    async stop() {
      await streams.stop();
      await scheduler.stop();
      await runLog.stop();
    },
  };
}
