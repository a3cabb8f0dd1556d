import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import type { Context } from '../domains/context';
import { coerceVariables } from '../domains/shared/planned/operation-plan';
import { PreparedOperations } from './prepared-operations';

/**
 * graphql-jit reports field errors as its own error objects, without `extensions`; Apollo's
 * error formatting (and Cascade's masking, which walks `originalError` to find database faults
 * and coded errors) needs graphql-js errors, so each becomes one, keeping path and locations.
 */
export function withGraphQLErrors<T extends { errors?: readonly unknown[] }>(result: T): T & { errors?: GraphQLError[] } {
  if (!result.errors?.length) return result as T & { errors?: GraphQLError[] };
  const errors = (result.errors as GraphQLError[]).map((error) => {
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
 * Runs operations through graphql-jit, over the one cache of prepared operations
 * (prepared-operations.ts): each operation is compiled once into plain JavaScript and then
 * executed without graphql-js's per-field interpretation, or answered by its SQL plan when it
 * has one. Measured here on long series (720 buckets) compiling takes a third less Node CPU per
 * request (docs/performance.md).
 *
 * Apollo Server's executor hook is its gateway interface: this "gateway" serves the local
 * schema and swaps only the execution step; parsing, validation, plugins (the gate, masking,
 * metrics) and the HTTP protocol stay Apollo's. A document graphql-jit cannot compile runs
 * through graphql-js's `execute`, so nothing is refused for being unusual.
 */
export interface JitGatewayOptions {
  /** Told when a planned statement failed for a reason other than the caller's input. */
  onPlanFailure?: (error: unknown, operationName: string | null) => void;
}

export function jitGateway(schema: GraphQLSchema, prepared: PreparedOperations, options: JitGatewayOptions = {}): GatewayInterface {
  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, request } = requestContext;
    const context = requestContext.context as Context;
    const variables = request.variables ?? {};
    // `request.operationName` is what the caller sent; Apollo's `operationName` is the name of
    // the operation it resolved (null when none matched), so graphql-js must see the former.
    const plain = () => execute({ schema, document, operationName: request.operationName, variableValues: variables, contextValue: context });
    // No such operation in the document: graphql-js's own error, as without this executor.
    if (!operation) return plain();
    const entry = prepared.operation(document, operation);
    // The gate coerced them when it admitted this operation; anything else coerces here.
    // Variables that do not coerce are the caller's mistake, answered by graphql-js exactly as
    // Apollo expects (400, BAD_USER_INPUT); graphql-jit would report them as field errors.
    const coerced = context.admitted === entry && context.coercedVariables ? context.coercedVariables : coerceVariables(schema, operation, variables);
    if (!coerced) return plain();
    const result = withGraphQLErrors(await entry.run(context, coerced, variables, options.onPlanFailure));
    // A query answered without error may be answered again by the fast path (reads only).
    if (!result.errors?.length && operation.operation === 'query') entry.answered = true;
    return result as ExecutionResult;
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
    },
  };
}
