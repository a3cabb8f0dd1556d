import { DocumentNode, getOperationAST, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { Db } from '../db/sql';
import { liquidationFeedFor } from '../domains/liquidations/liquidation.feed';
import { maskError } from './apollo';
import { Access } from './access';
import { Caller, unlimitedCaller } from '../core/caller';
import { presentedKey } from './auth';
import { ServerClock } from '../core/clock';
import { createContext } from '../domains/context';
import { EntryChecks } from './entry-checks';
import type { PreparedOperations } from './prepared-operations';
import { CascadeError } from '../core/errors';
import { Logger } from '../core/logger';
import { buildCascadeSchema } from './schema';
import { ConnectionSubscriptions } from './subscription-caps';
import { withResponseExtensions } from '../domains/shared/methodology';

export interface SubscriptionServer {
  /** Closes every socket with 1001 'server shutting down' and stops the live feed. */
  close(): Promise<void>;
}

export interface SubscriptionOptions {
  httpServer: Server;
  db: Db;
  primaryDb?: Db;
  logger: Logger;
  clock?: ServerClock;
  /** Identifies callers from connectionParams or the upgrade request, and keeps their budgets. */
  access: Access;
  /** The same checks as HTTP's: document size, trusted documents, variables, scopes, cost, budget. */
  checks: EntryChecks;
  /** The one prepared-operation cache, validating with the same rules as Apollo (introspection included). */
  prepared: PreparedOperations;
  /** Where the live feed LISTENs when the primary's pool is behind a transaction pooler. */
  listenUrl?: string;
}

/** Close codes in graphql-ws's private range (4400–4499 mirror HTTP statuses). */
const closeCodes: Record<string, number> = { UNAUTHENTICATED: 4401, RATE_LIMITED: 4429, SERVICE_UNAVAILABLE: 4503 };

type Extra = { socket: WebSocket; request: import('node:http').IncomingMessage; caller?: Caller; live?: ConnectionSubscriptions };

/** Keys may come as connectionParams `{ authorization: 'Bearer …' }` or `{ 'x-api-key': … }`. */
function keyFromParams(params: Record<string, unknown> | undefined): string | undefined {
  if (!params) return undefined;
  const lowered = Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
  return presentedKey(lowered);
}

/** graphql-ws on the same port and path as HTTP: `ws://host:port/graphql`, behind the same gate. */
export function attachSubscriptions(options: SubscriptionOptions): SubscriptionServer {
  const primaryDb = options.primaryDb ?? options.db;
  const schema = buildCascadeSchema();
  const liquidationFeed = liquidationFeedFor(primaryDb, {
    onError: (error, during) => options.logger.warn({ err: error.message, during }, 'live liquidation feed failure'),
    listenUrl: options.listenUrl,
  });
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 1_000_000 });
  const caps = options.access.subscriptionCaps;

  const formatFor = (extra: Extra) => {
    // The same masking as HTTP: expected errors keep their code, anything else becomes
    // INTERNAL_SERVER_ERROR with an id that finds it in the log.
    const mask = maskError({
      logError: ({ errorId, error, path }) =>
        options.logger.error({ errorId, err: error, path, transport: 'graphql-ws', keyPrefix: extra.caller?.keyPrefix }, 'unexpected error in a subscription'),
    });
    return (errors: readonly GraphQLError[]) => errors.map((error) => mask(error.toJSON(), error));
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const extra = ctx.extra as Extra;
        try {
          const key = keyFromParams(ctx.connectionParams) ?? presentedKey(extra.request.headers as Record<string, unknown>);
          extra.caller = await options.access.callerFor(extra.request, key);
          return true;
        } catch (error) {
          const code = error instanceof CascadeError ? String(error.extensions.code) : 'SERVICE_UNAVAILABLE';
          const reason = error instanceof CascadeError ? error.message : 'The server cannot check keys now.';
          extra.socket.close(closeCodes[code] ?? 4403, Buffer.from(reason).subarray(0, 120).toString());
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        // Errors returned here go out through `onError`, which masks them like HTTP's.
        const extra = ctx.extra as Extra;
        let query: string;
        try {
          query = options.checks.beforeParse(payload) ?? '';
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        // Parsed and validated through the one prepared-operation cache, as Apollo does for HTTP.
        const prepared = options.prepared.prepare(query);
        if (!('kind' in prepared)) return [...prepared];
        const document: DocumentNode = prepared;
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [new CascadeError('OPERATION_RESOLUTION_FAILURE', 'Name the operation to run (`operationName`).')];
        const caller = extra.caller ?? unlimitedCaller();
        const live = (extra.live ??= new Set());
        const isSubscription = operation.operation === 'subscription';
        // Refused before the charge: a subscription over the cap costs nothing.
        const overCap = isSubscription ? caps.refusal(live, caller.bucket) : undefined;
        if (overCap) return [overCap];
        const contextValue = createContext({
          db: options.db,
          primaryDb,
          clock: options.clock,
          caller,
          budget: () => options.access.budgets.peek(caller.bucket, caller.budgetPerMinute),
          // Each later tick or check costs what subscribing did: the equivalent query's points.
          chargeTick: () => options.access.chargeTick(caller, contextValue.cost ?? 1),
        });
        // A socket outlives minutes: its caller's first operation in a new one reads the shared total.
        await options.access.budgets.prime(caller.bucket, caller.budgetPerMinute);
        try {
          options.checks.admit(contextValue, 'ws', document, operation, payload.variables ?? undefined);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        if (isSubscription) caps.open(live, id, caller.bucket);
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      // graphql-ws completes every operation it ran, also one that ended in an error (a spent
      // budget, an overflow); a closed socket ends all of its own.
      onComplete: (ctx, id) => {
        const extra = ctx.extra as Extra;
        if (extra.live) caps.close(extra.live, id, (extra.caller ?? unlimitedCaller()).bucket);
      },
      onClose: (ctx) => {
        const extra = ctx.extra as Extra;
        if (extra.live) caps.closeAll(extra.live, (extra.caller ?? unlimitedCaller()).bucket);
      },
      onError: (ctx, _id, _payload, errors) => formatFor(ctx.extra as Extra)(errors),
      // Every pushed result names the methodology its figures follow, as HTTP answers do.
      onNext: (ctx, _id, _payload, _args, result) => ({
        ...result,
        ...(result.errors ? { errors: formatFor(ctx.extra as Extra)(result.errors) } : {}),
        extensions: withResponseExtensions(result.extensions as Record<string, unknown> | undefined),
      }),
    },
    wsServer,
  );
  return {
    async close() {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      await cleanup.dispose();
      await liquidationFeed.close();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
