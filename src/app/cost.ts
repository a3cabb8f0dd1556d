import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  GraphQLCompositeType,
} from 'graphql';
import { intervalMs, maxBuckets } from '../domains/shared/series';

/**
 * One estimate of what an operation costs, used both to bound it (QUERY_TOO_COMPLEX) and to
 * charge the caller's budget. Its unit is the object (a row, a bucket, an edge) the answer
 * holds, weighted by depth — each level down adds a quarter, as deeper objects mean more joins
 * and loaders — and a point is ten of them plus one per root field (one SQL statement at
 * least). Scalars are free: they come in the same row.
 *
 * Sizes: a series is (to − from) / interval buckets (`to` defaults to now, capped at 10,000 as
 * the API caps it); `first` sizes a page (the connection's `edges` below it; its default is
 * 50); a range with no interval is daily rows; any other list is taken as 50 at the root and
 * 20 below it (an asset's instruments, a venue's instruments). Sizes are read from the
 * variables as coerced (defaults applied: EntryChecks.admit); a sized list whose size cannot be
 * read from them is charged at the most it can hold.
 */
export const costRules = {
  defaultListSize: 50,
  nestedListSize: 20,
  depthWeight: 0.25,
  objectsPerPoint: 10,
  rootFieldObjects: 10,
  /** Introspection answers are large but fixed. */
  introspectionObjects: 500,
};

const dayMs = 86_400_000;

interface PlanField {
  def: GraphQLField<unknown, unknown>;
  node: FieldNode;
  list: boolean;
  /** Whether the field's own arguments size it (then they are read per request). */
  sized: boolean;
  children: PlanField[];
}

/** What an operation's cost is computed from, made once per prepared operation (prepared-operations.ts). */
export interface CostShape {
  roots: PlanField[];
  rootFields: number;
  introspectionFields: number;
}

/** Fields that hold no objects: scalars, enums and `__typename`. */
function planSelections(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  plan: CostShape,
  visiting: Set<string> = new Set(),
): PlanField[] {
  if (depth > 64) return [];
  const fields: PlanField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__typename') continue;
      if (name === '__schema' || name === '__type') {
        plan.introspectionFields += 1;
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const def = parent.getFields()[name];
      if (!def) continue;
      const named = getNamedType(def.type);
      if (depth === 1) plan.rootFields += 1;
      if (!isCompositeType(named) || !selection.selectionSet) continue;
      const argNames = new Set(def.args.map((a) => a.name));
      fields.push({
        def,
        node: selection,
        list: isListType(getNullableType(def.type)),
        sized: argNames.has('first') || argNames.has('from'),
        children: planSelections(schema, named, selection.selectionSet, fragments, depth + 1, plan, visiting),
      });
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      // Validation refuses fragment cycles; this guard only keeps a bad document from looping.
      const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (key && visiting.has(key)) continue;
      if (key) visiting.add(key);
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? schema.getType(typeName) : parent;
      if (type && isCompositeType(type)) fields.push(...planSelections(schema, type, fragment.selectionSet, fragments, depth, plan, visiting));
      if (key) visiting.delete(key);
    }
  }
  return fields;
}

function timeOf(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  return value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** A list holds at most `maxBuckets` objects; a size that is not a number is charged that. */
function clampSize(value: number): number {
  return Number.isFinite(value) ? Math.min(maxBuckets, Math.max(1, Math.ceil(value))) : maxBuckets;
}

/** How many objects a sized field stands for, from its arguments in this request. */
function sizeOf(field: PlanField, variables: Record<string, unknown>, now: number): number | undefined {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field.def, field.node, variables);
  } catch {
    // Arguments that cannot be read leave the size unknown: the most the list can hold.
    return maxBuckets;
  }
  if (typeof args.first === 'number') return clampSize(args.first);
  if (args.from === undefined || args.from === null) return undefined;
  const span = timeOf(args.to, now) - timeOf(args.from, now);
  const step = typeof args.interval === 'string' ? (intervalMs as Record<string, number>)[args.interval] ?? dayMs : dayMs;
  return clampSize(span / step);
}

function objectsOf(fields: PlanField[], multiplier: number, depth: number, inherited: number | undefined, variables: Record<string, unknown>, now: number): number {
  let total = 0;
  for (const field of fields) {
    const size = field.sized ? sizeOf(field, variables, now) : undefined;
    // A page size on a connection object sizes the list just below it (`edges`).
    const unsized = depth === 1 ? costRules.defaultListSize : costRules.nestedListSize;
    const count = field.list ? multiplier * (size ?? inherited ?? unsized) : multiplier;
    total += count * (1 + (depth - 1) * costRules.depthWeight) + objectsOf(field.children, count, depth + 1, field.list ? undefined : size, variables, now);
  }
  return total;
}

/** The cost shape of one operation of a document. */
export function costShapeOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CostShape {
  const plan: CostShape = { roots: [], rootFields: 0, introspectionFields: 0 };
  const root = schema.getRootType(operation.operation);
  if (!root) return plan;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  plan.roots = planSelections(schema, root, operation.selectionSet, fragments, 1, plan);
  return plan;
}

/** Points of an operation with these coerced variables (defaults applied), at time `now`. */
export function estimateCost(shape: CostShape, variables: Record<string, unknown>, now: number): number {
  const objects = objectsOf(shape.roots, 1, 1, undefined, variables, now) + shape.rootFields * costRules.rootFieldObjects + shape.introspectionFields * costRules.introspectionObjects;
  return Math.max(1, Math.ceil(objects / costRules.objectsPerPoint));
}
