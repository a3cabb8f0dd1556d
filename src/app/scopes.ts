import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { KeyScope } from '../core/caller';

/**
 * Which scope an operation needs, decided from its root fields before anything runs: queries
 * need `read`, subscriptions `stream`, and operator fields `admin`. A caller may always ask
 * about itself and the error list, and introspect (when introspection is on).
 */
const operationScope: Record<OperationDefinitionNode['operation'], KeyScope> = { query: 'read', mutation: 'admin', subscription: 'stream' };

/** Root fields that need more than their operation's scope. */
export const fieldScopes: Record<string, KeyScope> = {
  'Query.ingestionStatus': 'admin',
};

const openFields = new Set(['__typename', '__schema', '__type', 'viewer', 'errorCodes']);

function rootFieldNames(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, into: Set<string>, seen = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFieldNames(selection.selectionSet, fragments, into, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) rootFieldNames(fragment.selectionSet, fragments, into, seen);
    }
  }
  return into;
}

/** The scopes an operation of `document` needs. */
export function requiredScopes(document: DocumentNode, operation: OperationDefinitionNode): Set<KeyScope> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const typeName = operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : 'Subscription';
  const needed = new Set<KeyScope>();
  for (const field of rootFieldNames(operation.selectionSet, fragments, new Set())) {
    if (openFields.has(field)) continue;
    needed.add(fieldScopes[`${typeName}.${field}`] ?? operationScope[operation.operation]);
  }
  return needed;
}
