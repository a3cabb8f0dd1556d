import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected under the current field (through fragments and inline
 * fragments), so a resolver computes only what the client asked for.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') names.add(selection.name.value);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet);
  return names;
}

/** True when any of `fields` is selected under the current field. */
export function selectsAny(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const selected = selectedFields(info);
  return fields.some((field) => selected.has(field));
}
