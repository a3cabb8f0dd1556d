import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, OperationDefinitionNode, printSchema, valueFromASTUntyped } from 'graphql';
import type { Context } from '../domains/context';
import { databaseFault } from './db-faults';
import { CascadeError } from '../core/errors';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { KnownOperations } from './fast-path';
import { coerceVariables, OperationPlan, planOperation } from '../domains/shared/planned/operation-plan';
import { rootFieldPlanners } from './planned/planners';

/**
 * Compiled operations kept per process; a document's operations are few and documents repeat.
 * Each keeps its document, and so its source text: the texts held are bounded too.
 */
const maxCompiled = 1000;
const maxCompiledSourceLength = 16 * 1024 * 1024;

const sourceLength = (document: DocumentNode) => document.loc?.source.body.length ?? 0;

/**
 * The variables as sent, with each default the caller left out written in as the caller would
 * send it. graphql-jit coerces a default itself and then hands resolvers its JSON form (a
 * DateTime default arrives as a string, not a Date); as a sent value it is coerced like any other.
 */
function withDefaultsSent(operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> {
  const missing = operation.variableDefinitions?.filter((definition) => definition.defaultValue && given[definition.variable.name.value] === undefined) ?? [];
  if (missing.length === 0) return given;
  const values = { ...given };
  for (const definition of missing) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue!);
  return values;
}

/**
 * graphql-jit reports field errors as its own error objects, without `extensions`; Apollo's
 * error formatting (and Cascade's masking, which walks `originalError` to find database faults
 * and coded errors) needs graphql-js errors, so each becomes one, keeping path and locations.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    if (error instanceof GraphQLError && error.extensions) return error;
    const converted = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError ?? (error as Error),
      extensions: (error.originalError as { extensions?: Record<string, unknown> } | undefined)?.extensions,
    });
    if (error.locations) (converted as { locations?: unknown }).locations = error.locations;
    return converted;
  });
  return { ...result, errors };
}

/**
 * Runs operations through graphql-jit: each distinct document (Apollo hands the same parsed
 * DocumentNode for the same query text, from its document cache) is compiled once into plain
 * JavaScript and then executed without graphql-js's per-field interpretation. Measured here on
 * long series (720 buckets) it takes a third less Node CPU per request (docs/performance.md).
 *
 * Apollo Server's executor hook is its gateway interface: this "gateway" serves the local
 * schema and swaps only the execution step; parsing, validation, plugins (the gate, masking,
 * metrics) and the HTTP protocol stay Apollo's. A document graphql-jit cannot compile runs
 * through graphql-js's `execute`, so nothing is refused for being unusual.
 */
export interface JitGatewayOptions {
  /** Told when a planned statement failed for a reason other than the caller's input. */
  onPlanFailure?: (error: unknown, operationName: string | null) => void;
  /** Where planned operations that answered are remembered, for the fast path. */
  known?: KnownOperations;
}

export function jitGateway(schema: GraphQLSchema, options: JitGatewayOptions = {}): GatewayInterface {
  interface Prepared {
    compiled: CompiledQuery | null;
    /** Set when every root field can be answered by a statement that builds its JSON (planned/). */
    planned: OperationPlan | null;
  }
  const prepared = new Map<DocumentNode, Map<string, Prepared>>();
  let preparedSourceLength = 0;

  const preparedFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): Prepared => {
    let byName = prepared.get(document);
    if (!byName) {
      // Oldest first out, until both the count and the source text held fit.
      while (prepared.size > 0 && (prepared.size >= maxCompiled || preparedSourceLength + sourceLength(document) > maxCompiledSourceLength)) {
        const oldest = prepared.keys().next().value!;
        prepared.delete(oldest);
        preparedSourceLength -= sourceLength(oldest);
      }
      byName = new Map();
      prepared.set(document, byName);
      preparedSourceLength += sourceLength(document);
    }
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      entry = { compiled: isCompiledQuery(result) ? result : null, planned: planOperation(schema, document, operation, rootFieldPlanners) };
      byName.set(key, entry);
    }
    return entry;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operationName, operation, request, context } = requestContext;
    const variables = request.variables ?? {};
    // `request.operationName` is what the caller sent; Apollo's `operationName` is the name of
    // the operation it resolved (null when none matched), so graphql-js must see the former.
    const plain = () => execute({ schema, document, operationName: request.operationName, variableValues: variables, contextValue: context });
    // No such operation in the document: graphql-js's own error, as without this executor.
    if (!operation) return plain();
    // Variables that do not coerce are the caller's mistake, answered by graphql-js exactly as
    // Apollo expects (400, BAD_USER_INPUT); graphql-jit would report them as field errors.
    const coerced = coerceVariables(schema, operation, variables);
    if (!coerced) return plain();
    const entry = preparedFor(document, operation, operationName);
    if (entry.planned) {
      try {
        const planned = entry.planned;
        const data = await planned.run(context as Context, coerced);
        if (request.query !== undefined) {
          options.known?.remember(request.query, request.operationName, { document, operation, run: async (ctx, values) => ({ data: await planned.run(ctx, values) }) });
        }
        return { data };
      } catch (error) {
        // A refused argument or a database fault: the resolvers run the operation and answer
        // the error exactly as they would have (path, code, masking), at the cost of a retry.
        // Anything else is a planner bug that only costs speed; it is logged to be fixed.
        if (!(error instanceof CascadeError) && !databaseFault(error)) options.onPlanFailure?.(error, operationName);
      }
    }
    const compiled = entry.compiled;
    if (!compiled) return plain();
    const result = await compiled.query(undefined, context, withDefaultsSent(operation, variables));
    // A query answered without error is remembered for the fast path (reads only: a repeat that
    // errs there is run again here).
    if (!result.errors?.length && operation.operation === 'query' && request.query !== undefined) {
      options.known?.remember(request.query, request.operationName, { document, operation, run: async (ctx, _coerced, given) => compiled.query(undefined, ctx, withDefaultsSent(operation, given)) });
    }
    return withGraphQLErrors(result);
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {
      prepared.clear();
      preparedSourceLength = 0;
    },
  };
}
