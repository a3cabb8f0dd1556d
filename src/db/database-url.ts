import path from 'node:path';
import { startEmbeddedPostgres } from './embedded';
import { Logger } from '../core/logger';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise an embedded Postgres whose data lives under the
 * git-ignored data folder (`.cascade/<name>`), so `npm start` needs nothing installed.
 */
export async function resolveDatabase(options: { url?: string; dataDir: string; name: string; logger?: Logger }): Promise<ResolvedDatabase> {
  if (options.url) return { url: options.url, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, options.name),
    database: 'cascade',
    log: (line) => options.logger?.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  options.logger?.info({ port: embedded.port, dataDir: path.join(options.dataDir, options.name) }, 'embedded Postgres started');
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
