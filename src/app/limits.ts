import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, ValidationContext, ValidationRule } from 'graphql';
import { CascadeError } from '../core/errors';

/** Bounds on a document's shape: generous for real dashboards, fatal for floods. */
export const documentLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5_000,
  /** Points one operation may cost (src/app/cost.ts), whatever the caller's budget. */
  maxCost: 5_000,
  /** Bytes of JSON variables one request may carry. */
  maxVariablesBytes: 64 * 1024,
  /** Levels of nesting in variables; the schema's inputs are a few levels deep. */
  maxVariablesDepth: 32,
  /** Bytes of one document's text, comments included (CASCADE_MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: 64 * 1024,
};

/**
 * graphql-armor's validation rules for depth, aliases and directives, with every rejection
 * reported as QUERY_TOO_COMPLEX so a client can tell "too big" from "wrong". Cost is not
 * armor's: one estimator (cost.ts) both bounds an operation and charges it, with the request's
 * variables (list sizes and series ranges are usually variables).
 */
export function documentLimitRules() {
  const report = (ctx: ValidationContext | null, error: GraphQLError) =>
    ctx?.reportError(new CascadeError('QUERY_TOO_COMPLEX', error.message.replace(/^Syntax Error: /, '')));
  const callbacks = { onReject: [report], propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { n: documentLimits.maxDepth, ignoreIntrospection: true, ...callbacks },
    maxAliases: { n: documentLimits.maxAliases, ...callbacks },
    maxDirectives: { n: documentLimits.maxDirectives, ...callbacks },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect();
}

/**
 * Every rule a document is validated with, as Apollo validates it (graphql-js's own, the limits
 * above, and no introspection when it is off): WebSocket validates with these too, and both
 * store what passes in the one prepared-operation cache.
 */
export function operationValidationRules(introspection: boolean): ValidationRule[] {
  return [...specifiedRules, ...documentLimitRules().validationRules, ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}
