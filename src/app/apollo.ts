import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { Context } from '../domains/context';
import { databaseFault, databaseFaultError } from './db-faults';
import { CascadeError, errorCodes } from '../core/errors';
import { jitGateway } from './jit-executor';
import { stringifyResponse } from '../domains/shared/planned/raw-json';
import type { PreparedOperations } from './prepared-operations';
import { documentLimitRules, documentLimits } from './limits';
import { buildCascadeSchema } from './schema';
import { withResponseExtensions } from '../domains/shared/methodology';

export interface ApolloOptions {
  introspection: boolean;
  logError: (entry: { errorId: string; error: unknown; path?: readonly (string | number)[] }) => void;
  plugins?: ApolloServerPlugin<Context>[];
  /** false in trusted-documents mode: only the manifest's documents may run, none registered. */
  automaticPersistedQueries?: boolean;
  /** Told when a planned statement failed for a reason other than the caller's input (jit-executor.ts). */
  onPlanFailure?: (error: unknown, operationName: string | null) => void;
  /** The one cache of prepared operations: Apollo's document store, and what the executor runs. */
  prepared: PreparedOperations;
}

const knownCodes = new Set(Object.keys(errorCodes));

/** Bytes of documents the automatic-persisted-query cache keeps (least recently used go first). */
export const persistedQueryCacheBytes = 8 * 1024 * 1024;

/** Every answer names the methodology its figures follow (docs/changes.md), errors included. */
const methodologyPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single') response.body.singleResult.extensions = withResponseExtensions(response.body.singleResult.extensions);
      },
    };
  },
};

function findCascadeError(error: unknown): CascadeError | undefined {
  for (let current = error as { originalError?: unknown } | undefined, hops = 0; current && hops < 5; hops += 1) {
    if (current instanceof CascadeError) return current;
    current = current.originalError as { originalError?: unknown } | undefined;
  }
  return undefined;
}

/**
 * Expected errors (a code from the one list) pass through; a lost or overloaded database
 * becomes SERVICE_UNAVAILABLE (or QUERY_TIMEOUT); anything else is masked to
 * INTERNAL_SERVER_ERROR with an id that finds the full error in the log, so no stack, SQL or
 * message of an unexpected failure reaches a caller.
 */
export function maskError(options: Pick<ApolloOptions, 'logError'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Apollo re-wraps validation errors (code GRAPHQL_VALIDATION_FAILED); a CascadeError
    // reported by a validation rule keeps its own code.
    const found = findCascadeError(error);
    const fault = found ? undefined : databaseFault(original);
    const cascade = found ?? (fault ? databaseFaultError(fault) : undefined);
    let code = (cascade?.extensions.code ?? formatted.extensions?.code) as string | undefined;
    if (code === 'GRAPHQL_PARSE_FAILED' && /more tha[nt] \d+ tokens/.test(formatted.message)) code = 'QUERY_TOO_COMPLEX';
    // Apollo's own protocol refusals (a persisted-query hash that does not match, an unknown
    // persisted-query version) carry a 4xx status but no code; their messages are safe.
    const status = (error as { extensions?: { http?: { status?: number } } })?.extensions?.http?.status;
    if (!found && (code === undefined || code === 'INTERNAL_SERVER_ERROR') && status !== undefined && status >= 400 && status < 500) code = 'BAD_REQUEST';
    const expected = cascade !== undefined || (code !== undefined && code !== 'INTERNAL_SERVER_ERROR' && knownCodes.has(code));
    if (expected) {
      const { stacktrace: _stack, exception: _exception, http: _http, ...extensions } = { ...formatted.extensions, ...cascade?.extensions };
      // A database fault's own message names hosts and SQL states: the caller gets the coded one.
      const message = fault ? cascade!.message : formatted.message;
      return { message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, code } };
    }
    const errorId = randomUUID();
    options.logError({ errorId, error: original, path: formatted.path });
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
  };
}

export function createApollo(options: ApolloOptions): ApolloServer<Context> {
  const limits = documentLimitRules();
  return new ApolloServer<Context>({
    validationRules: limits.validationRules,
    // graphql-js's own token limit: armor's Apollo token plugin turns plain syntax errors into 500s.
    parseOptions: { maxTokens: documentLimits.maxTokens },
    // Documents are parsed and validated once, into the one prepared-operation cache.
    documentStore: options.prepared.documentStore(),
    // The local schema, executed by graphql-jit through Apollo's executor hook (jit-executor.ts).
    gateway: jitGateway(buildCascadeSchema(), options.prepared, { onPlanFailure: options.onPlanFailure }),
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler (main.ts) drains and exits; Apollo's would stop the
    // server a second time, concurrently.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries in a bounded in-memory cache: a hash costs the client a few
    // bytes instead of the document; registration needs the document to hash to it.
    persistedQueries: options.automaticPersistedQueries === false ? false : { cache: new InMemoryLRUCache<string>({ maxSize: persistedQueryCacheBytes }), ttl: 24 * 3600 },
    // GET is allowed for reads but, like POST with a simple media type, needs a header a
    // browser form cannot send (docs/security.md).
    csrfPrevention: { requestHeaders: ['apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'] },
    formatError: maskError(options),
    // Apollo's own (JSON.stringify + newline), except that pages Postgres already wrote as JSON
    // (planned/raw-json.ts) are spliced in as they are.
    stringifyResult: (value) => `${stringifyResponse(value)}\n`,
    plugins: [
      // Apollo's cache-control plugin wraps every field resolver to compute cache hints; Cascade
      // sends no HTTP cache headers for GraphQL, so that per-field work buys nothing.
      ApolloServerPluginCacheControlDisabled(),
      methodologyPlugin,
      ...(limits.plugins as ApolloServerPlugin<Context>[]),
      ...(options.plugins ?? []),
    ],
  });
}
