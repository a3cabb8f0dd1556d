import 'reflect-metadata';
import { parseOrigins } from './app/cors';
import { createLogger } from './core/logger';
import { startServer } from './app/server';
import { loadTrustedDocuments } from './app/trusted-documents';
import { loadConfig } from './config';
import { connect, runMigrations } from './db/data-source';
import { resolveDatabase } from './db/database-url';
import { ReadRoute } from './db/read-route';
import { startWorker } from './ingest/jobs/worker';
import { loadSampleScenario } from './sample/load';
import { registryFor } from './domains/shared/registry';

/**
 * `npm start`: the live service. `npm run demo`: the same server on its own embedded
 * database loaded with the sample scenario (with DATABASE_URL set, that database is used).
 */
async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const config = loadConfig();
  const logger = createLogger(config.CASCADE_LOG_LEVEL);
  const database = await resolveDatabase({ url: config.DATABASE_URL, dataDir: config.CASCADE_DATA_DIR, name: demo ? 'pgdata-demo' : 'pgdata', logger });
  // Sessions of their own (the migration lock, LISTEN, the worker's locks) bypass any pooler.
  const directUrl = config.DATABASE_DIRECT_URL ?? database.url;
  const applied = await runMigrations(directUrl);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const pool = {
    max: config.CASCADE_POOL_SIZE,
    statementTimeoutMs: config.CASCADE_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMs: config.CASCADE_POOL_CONNECT_TIMEOUT_MS,
    pooler: config.CASCADE_DB_POOLER,
  };
  const db = connect(database.url, pool);
  if (demo) {
    const summary = await loadSampleScenario(db, { logger });
    logger.info(summary, 'sample scenario loaded');
  }
  // Request reads on a pool of their own, whose connections keep one generic plan per prepared
  // statement (PoolOptions.genericPlans): on the primary, or on the standby at DATABASE_READ_URL
  // with such a pool on the primary for the reads the standby cannot answer.
  const readPool = { ...pool, applicationName: 'cascade-api-read', genericPlans: true };
  const primaryReads = connect(database.url, readPool);
  const readRoute = config.DATABASE_READ_URL
    ? new ReadRoute(connect(config.DATABASE_READ_URL, readPool), primaryReads, {
        onSwitch: (to, error) => logger.warn({ readsFrom: to, err: error?.message }, to === 'primary' ? 'standby unavailable: reads fall back to the primary' : 'reads back on the standby'),
      })
    : undefined;
  const readDb = readRoute?.db ?? primaryReads;
  registryFor(readDb).ttlMs = config.CASCADE_REGISTRY_TTL_MS;
  const trustedDocuments = config.CASCADE_TRUSTED_DOCUMENTS ? loadTrustedDocuments(config.CASCADE_TRUSTED_DOCUMENTS) : undefined;
  if (trustedDocuments) logger.info({ documents: trustedDocuments.size, manifest: config.CASCADE_TRUSTED_DOCUMENTS }, 'trusted-documents mode: only the manifest runs');
  const server = await startServer({
    db: readDb,
    primaryDb: db,
    listenUrl: directUrl,
    replication: readRoute,
    port: config.PORT,
    host: config.HOST,
    logger,
    introspection: config.CASCADE_INTROSPECTION === '1',
    corsOrigins: parseOrigins(config.CASCADE_CORS_ORIGINS),
    maxQueryCost: config.CASCADE_MAX_QUERY_COST,
    maxDocumentBytes: config.CASCADE_MAX_DOCUMENT_BYTES,
    preparedCache: { maxDocuments: config.CASCADE_PREPARED_DOCUMENTS, maxBytes: config.CASCADE_PREPARED_CACHE_BYTES },
    trustedDocuments,
    access: {
      requireKeys: config.CASCADE_REQUIRE_KEYS === '1',
      rateLimits: config.CASCADE_RATE_LIMITS === '1',
      keyPointsPerMinute: config.CASCADE_KEY_POINTS_PER_MINUTE,
      anonymousPointsPerMinute: config.CASCADE_ANONYMOUS_POINTS_PER_MINUTE,
      rateSyncMs: config.CASCADE_RATE_SYNC_MS,
      keyCacheTtlMs: config.CASCADE_KEY_CACHE_TTL_MS,
      trustProxy: config.CASCADE_TRUST_PROXY,
      subscriptionCaps: { perConnection: config.CASCADE_MAX_SUBSCRIPTIONS_PER_CONNECTION, perCaller: config.CASCADE_MAX_SUBSCRIPTIONS_PER_CALLER },
    },
  });
  logger.info({ url: server.url }, 'Cascade is serving');
  // `npm start` collects live data in the same process; the demo database holds SAMPLE rows
  // only (sample and live rows never mix), and `npm run api` leaves ingestion to workers.
  const worker = demo || process.argv.includes('--api-only') ? undefined : await startWorker({ databaseUrl: directUrl, db, logger, scheduleCheckSeconds: config.CASCADE_SCHEDULE_CHECK_SECONDS });
  // A plain line too, for a person reading the terminal.
  console.log(`Cascade ${demo ? '(demo) ' : ''}at ${server.url} — open it in a browser for the IDE`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Whatever happens, the process is gone within 10 s (the drain itself gets 8 s).
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await server.stop().catch((error) => logger.error({ err: error }, 'server stop failed'));
    await worker?.stop().catch((error) => logger.error({ err: error }, 'worker stop failed'));
    if (readRoute) await readRoute.db.pool.end().catch(() => undefined);
    await primaryReads.pool.end().catch(() => undefined);
    await db.pool.end().catch(() => undefined);
    await database.stop().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('Cascade failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
