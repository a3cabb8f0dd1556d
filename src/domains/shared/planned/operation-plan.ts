import { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLSchema, Kind, OperationDefinitionNode } from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import type { Context } from '../../context';
import { PlanScope, responseKey, selectedFields } from './json-shape';
import { planDeclined } from './plans-declined';
import { RawJson } from './raw-json';

/**
 * An operation's variables as its definitions coerce them, or null when they do not coerce (the
 * caller's mistake, which graphql-js behind Apollo answers with 400 BAD_USER_INPUT).
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> | null {
  if (!operation.variableDefinitions?.length) return {};
  const values = getVariableValues(schema, operation.variableDefinitions, given, { maxErrors: 1 });
  return values.errors ? null : values.coerced;
}

/** One root field answered by one statement that returns the field's JSON. */
export interface RootFieldPlan {
  /**
   * The field's JSON text. It throws whatever the field's resolver would throw for the same
   * arguments; the caller then runs the operation through the resolvers, which answer the
   * error exactly as without a plan.
   */
  run(ctx: Context, args: Record<string, unknown>): Promise<string>;
}

/** Plans a root field from its selection, or returns null when the selection is outside what it knows. */
export type RootFieldPlanner = (field: FieldNode, scope: PlanScope) => RootFieldPlan | null;

export interface OperationPlan {
  run(ctx: Context, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/**
 * A query whose every root field has a planner that accepts its selection becomes one
 * statement per root field, each returning the field's JSON (PostGraphile's approach, for the
 * hot reads only). Anything else — mutations, subscriptions, fields without a planner,
 * directives, fragments on other types — returns null and runs through the resolvers.
 */
export function planOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  planners: Record<string, RootFieldPlanner>,
): OperationPlan | null {
  if (operation.operation !== 'query') return null;
  const queryType = schema.getQueryType();
  if (!queryType) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const fields = selectedFields(operation.selectionSet, queryType.name, { fragments, joins: new Map() });
  if (!fields) return null;
  const steps: Array<{ key: string; typename?: string; definition?: GraphQLField<unknown, unknown>; node: FieldNode; plan?: RootFieldPlan }> = [];
  for (const node of fields) {
    const name = node.name.value;
    if (name === '__typename') {
      steps.push({ key: responseKey(node), typename: queryType.name, node });
      continue;
    }
    const planner = Object.prototype.hasOwnProperty.call(planners, name) ? planners[name] : undefined;
    const definition = queryType.getFields()[name];
    const scope: PlanScope = { fragments, joins: new Map() };
    const plan = planner && definition ? planner(node, scope) : null;
    if (!plan) {
      // Counted once per operation planned (an operation is planned when first prepared, not per request).
      if (scope.declined) planDeclined(scope.declined);
      return null;
    }
    steps.push({ key: responseKey(node), definition, node, plan });
  }
  return {
    async run(ctx, variables) {
      const values = await Promise.all(
        steps.map(async (step) =>
          step.plan ? new RawJson(await step.plan.run(ctx, getArgumentValues(step.definition!, step.node, variables))) : step.typename,
        ),
      );
      const data: Record<string, unknown> = {};
      steps.forEach((step, index) => (data[step.key] = values[index]));
      return data;
    },
  };
}
