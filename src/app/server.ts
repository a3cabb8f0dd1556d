import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { migrationsCurrent } from '../db/data-source';
import { ReplicationStatus } from '../db/read-route';
import { Db, withPreparedStatements } from '../db/sql';
import { Access, AccessOptions } from './access';
import { createApollo, maskError } from './apollo';
import { presentedKey } from './auth';
import { ServerClock } from '../core/clock';
import { Context, createContext } from '../domains/context';
import { corsHandler } from './cors';
import { EntryChecks } from './entry-checks';
import { gatePlugin, OperationGate } from './gate';
import { createHttpHandler } from './http';
import { documentLimits, operationValidationRules } from './limits';
import { answerKnown } from './fast-path';
import { PreparedOperations, PreparedOperationsOptions } from './prepared-operations';
import { Logger } from '../core/logger';
import { createMetrics } from './metrics';
import { registerReplicationMetrics } from './replication-metrics';
import { currentRequestScope } from './request-scope';
import { buildCascadeSchema } from './schema';
import { attachSubscriptions } from './subscriptions';
import { TrustedDocuments } from './trusted-documents';

export interface ServerOptions {
  /** Reads (a replica when configured). */
  db: Db;
  /** The primary, for LISTEN/NOTIFY, keys, budgets and readiness; defaults to `db`. */
  primaryDb?: Db;
  port: number;
  host?: string;
  logger: Logger;
  introspection?: boolean;
  /** Time for bucketed subscriptions (tests pass a fast one). */
  clock?: ServerClock;
  /** Origins allowed to call from browsers elsewhere (CASCADE_CORS_ORIGINS). */
  corsOrigins?: string[];
  /** Keys and budgets; by default keys are checked when sent and nobody is rate limited. */
  access?: AccessOptions;
  /** Largest cost of one operation, points (CASCADE_MAX_QUERY_COST). */
  maxQueryCost?: number;
  /** Trusted-documents mode (CASCADE_TRUSTED_DOCUMENTS): only these documents run. */
  trustedDocuments?: TrustedDocuments;
  /** Longest document text, bytes (CASCADE_MAX_DOCUMENT_BYTES; 64 KiB by default). */
  maxDocumentBytes?: number;
  /** Bounds of the prepared-operation cache (CASCADE_PREPARED_DOCUMENTS, CASCADE_PREPARED_CACHE_BYTES). */
  preparedCache?: Pick<PreparedOperationsOptions, 'maxDocuments' | 'maxBytes'>;
  /** How long in-flight requests may take to finish when the server stops (default 8 s). */
  drainMs?: number;
  /**
   * The primary reached directly, for the live feed's LISTEN when `primaryDb` goes through a
   * transaction pooler (DATABASE_DIRECT_URL); by default the feed connects as `primaryDb` does.
   */
  listenUrl?: string;
  /** Reads on a standby (ReadRoute): where they go and the standby's lag, on /readyz and /metrics. */
  replication?: ReplicationProbe;
}

export interface ReplicationProbe {
  status(): Promise<ReplicationStatus>;
  readonly reads: Readonly<Record<ReplicationStatus['readsFrom'], number>>;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Stops accepting, finishes in-flight requests, closes sockets with a reason. */
  stop(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}

/** Liveness, readiness and metrics for orchestrators and Prometheus. */
function operationRoutes(options: { db: Db; access: Access; metrics: ReturnType<typeof createMetrics>; stopping: () => boolean; replication?: ReplicationProbe }) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path === '/healthz') return sendJson(res, 200, { ok: true });
    if (path === '/metrics') {
      // Where keys are required the figures are for operators: an admin key reads them.
      if (options.access.requireKeys) {
        try {
          const caller = await options.access.callerFor(req, presentedKey(req.headers as Record<string, unknown>));
          if (!caller.scopes.has('admin')) return sendJson(res, 403, { error: 'metrics need a key with the admin scope' });
        } catch {
          return sendJson(res, 401, { error: 'metrics need a key with the admin scope' });
        }
      }
      const { contentType, body } = await options.metrics.text();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
      return true;
    }
    if (path === '/readyz') {
      if (options.stopping()) return sendJson(res, 503, { ready: false, shuttingDown: true });
      try {
        // Reads fall back to the primary, so a standby that is away or behind is reported, not unready.
        const [current, replication] = await Promise.all([migrationsCurrent(options.db), options.replication?.status()]);
        return sendJson(res, current ? 200 : 503, { ready: current, database: true, migrationsCurrent: current, ...(replication ? { replication } : {}) });
      } catch {
        return sendJson(res, 503, { ready: false, database: false });
      }
    }
    return false;
  };
}

/** The API process: GraphQL over HTTP and WebSocket on one port, with the IDE. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  // Requests run the same few statements over and over: prepared once per connection, they
  // skip parsing and planning (docs/performance.md). Same pools, so loaders and feeds are shared.
  const db = withPreparedStatements(options.db);
  const primaryDb = options.primaryDb ? withPreparedStatements(options.primaryDb) : db;
  const httpServer = createServer();
  const metrics = createMetrics(db.pool);
  if (options.replication) registerReplicationMetrics(metrics.registry, options.replication);
  const access = new Access(primaryDb, options.access, (error) => logger.warn({ err: (error as Error).message }, 'rate-limit reconciliation failed; limiting locally'));
  const schema = buildCascadeSchema();
  const gate = new OperationGate(access.budgets, options.maxQueryCost ?? documentLimits.maxCost);
  // One cache of prepared operations for every entry point: Apollo's document store, the
  // executor, the gate, the fast path and WebSocket (prepared-operations.ts).
  const prepared = new PreparedOperations(schema, { ...options.preparedCache, validationRules: operationValidationRules(options.introspection ?? true) });
  const checks = new EntryChecks({ schema, gate, prepared, trustedDocuments: options.trustedDocuments, maxDocumentBytes: options.maxDocumentBytes });
  const logUnexpected = (entry: { errorId: string; error: unknown; path?: readonly (string | number)[] }) =>
    logger.error({ ...currentRequestScope(), errorId: entry.errorId, err: entry.error, path: entry.path }, 'unexpected error in a request');
  const planFailed = (error: unknown, operationName: string | null) =>
    logger.warn({ ...currentRequestScope(), err: error, operationName }, 'planned statement failed; answered through the resolvers');
  const apollo = createApollo({
    prepared,
    introspection: options.introspection ?? true,
    logError: logUnexpected,
    onPlanFailure: planFailed,
    automaticPersistedQueries: options.trustedDocuments === undefined,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainMs ?? 8000 }), gatePlugin(gate, checks), metrics.plugin],
  });
  await apollo.start();
  let stopping = false;
  // While stopping, every request goes through Apollo, which knows how to refuse it.
  const answerKnownUnlessStopping = () => {
    const answer = answerKnown(prepared, checks, gate, maskError({ logError: logUnexpected }), planFailed);
    return async (ctx: Context, req: IncomingMessage, body: unknown) => (stopping ? null : answer(ctx, req, body));
  };
  const handler = createHttpHandler({
    apollo,
    createContext: async (req, requestId) => {
      const caller = await access.callerFor(req, presentedKey(req.headers as Record<string, unknown>));
      try {
        access.refuseIfSpent(caller.bucket, caller.budgetPerMinute);
      } catch (error) {
        metrics.countRateLimited(caller.anonymous);
        throw error;
      }
      return createContext({ db, primaryDb, requestId, clock: options.clock, caller, budget: () => access.budgets.peek(caller.bucket, caller.budgetPerMinute) });
    },
    routes: operationRoutes({ db, access, metrics, stopping: () => stopping, replication: options.replication }),
    cors: corsHandler(options.corsOrigins ?? []),
    checks,
    onRefused: (code) => metrics.countErrors([code]),
    answerKnown: answerKnownUnlessStopping(),
    onAnsweredKnown: (answer, seconds, ctx) => metrics.countAnswered(answer.operationName, seconds, answer.errorCodes, ctx.caller.anonymous),
    onUnexpected: (error) => {
      const errorId = randomUUID();
      logUnexpected({ errorId, error });
      return errorId;
    },
  });
  httpServer.on('request', (req, res) => void handler(req, res));
  const subscriptions = attachSubscriptions({ httpServer, db, primaryDb, logger, clock: options.clock, access, checks, prepared, listenUrl: options.listenUrl });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    httpServer,
    async stop() {
      stopping = true;
      await subscriptions.close();
      // Apollo's drain plugin: stop accepting, let in-flight requests finish, then close sockets.
      await apollo.stop();
      await access.stop();
    },
  };
}
