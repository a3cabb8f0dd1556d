import { getNamedType, GraphQLSchema, isEnumType, isListType, isNonNullType, isObjectType } from 'graphql';
import { JsonField, JsonShape, ScalarKind } from '../../src/domains/shared/planned/json-shape';

const has = (record: object | undefined, key: string) => record !== undefined && Object.prototype.hasOwnProperty.call(record, key);

/** Every shape reachable from `roots` (nested ones included), in the order met, each type with every alias it is reached under. */
export function reachableShapes(roots: JsonShape[]): Map<string, JsonShape[]> {
  const found = new Map<string, JsonShape[]>();
  const walk = (shape: JsonShape) => {
    found.set(shape.typename, [...(found.get(shape.typename) ?? []), shape]);
    for (const spec of Object.values(shape.fields)) if ('shape' in spec) walk(spec.shape);
  };
  roots.forEach(walk);
  return found;
}

/** The GraphQL scalar names each kind may stand for (`token` also stands for any enum). */
const scalarsOf: Record<ScalarKind, string[]> = {
  id: ['ID'],
  dateTime: ['DateTime'],
  token: ['String'],
  text: ['String'],
  number: ['Float', 'Int'],
  boolean: ['Boolean'],
};

const describe = (spec: JsonField) => ('sql' in spec ? `${spec.kind}${spec.nullable ? '?' : ''}` : `${spec.shape.typename}${spec.nullWhen ? '?' : ''}`);

/**
 * Where a shape and its GraphQL type disagree, one line each: a GraphQL field neither in the
 * shape nor resolver-only; a field defined twice (in the shape and resolver-only, or a carried
 * value named like a field); a shape or resolver-only entry with no GraphQL field; a kind,
 * nullability or nested type that is not the field's; one type whose aliases differ in fields.
 */
export function shapeProblems(schema: GraphQLSchema, roots: JsonShape[]): string[] {
  const problems: string[] = [];
  for (const [typename, shapes] of reachableShapes(roots)) {
    const type = schema.getType(typename);
    if (!isObjectType(type)) {
      problems.push(`${typename}: no such object type in the schema`);
      continue;
    }
    const signature = (shape: JsonShape) => JSON.stringify([Object.entries(shape.fields).map(([n, s]) => `${n}:${describe(s)}`), Object.keys(shape.resolverOnly ?? {}), Object.keys(shape.carried ?? {})]);
    if (new Set(shapes.map(signature)).size > 1) problems.push(`${typename}: its shapes differ from one alias to another`);
    const shape = shapes[0];
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const inShape = has(shape.fields, name);
      const resolverOnly = has(shape.resolverOnly, name);
      if (inShape && resolverOnly) problems.push(`${typename}.${name} is defined twice: in the shape and on its resolver-only list`);
      else if (!inShape && !resolverOnly) problems.push(`${typename}.${name} is neither in the shape nor on its resolver-only list (with the reason)`);
      if (resolverOnly && !String(shape.resolverOnly![name]).trim()) problems.push(`${typename}.${name} is resolver-only without a reason`);
      if (has(shape.carried, name)) problems.push(`${typename}.${name} is defined twice: a GraphQL field and a carried value`);
      if (!inShape) continue;
      const spec = shape.fields[name];
      const nullable = !isNonNullType(field.type);
      const named = getNamedType(field.type);
      const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
      if (field.args.length) problems.push(`${typename}.${name} takes arguments, which a shape cannot`);
      if (list) problems.push(`${typename}.${name} is a list, which a shape field cannot be`);
      if ('sql' in spec) {
        const fits = spec.kind === 'token' && isEnumType(named) ? true : scalarsOf[spec.kind].includes(named.name);
        if (!fits) problems.push(`${typename}.${name} is ${named.name} in the schema but ${spec.kind} in the shape`);
        if (nullable !== (spec.nullable ?? false)) problems.push(`${typename}.${name} is ${nullable ? 'nullable' : 'non-null'} in the schema but not in the shape`);
      } else {
        if (named.name !== spec.shape.typename) problems.push(`${typename}.${name} is ${named.name} in the schema but ${spec.shape.typename} in the shape`);
        if (nullable !== (spec.nullWhen !== undefined)) problems.push(`${typename}.${name} is ${nullable ? 'nullable' : 'non-null'} in the schema; its shape ${spec.nullWhen ? 'has' : 'has no'} null rule`);
      }
    }
    for (const name of [...Object.keys(shape.fields), ...Object.keys(shape.resolverOnly ?? {})]) {
      if (!has(fields, name)) problems.push(`${typename}.${name} is in the shape but is no field of the GraphQL type`);
    }
  }
  return problems;
}

/**
 * A GraphQL selection of every field a shape plans, nested shapes included: what an
 * equivalence test asks both ways, so a field added to a shape is compared without editing it.
 */
export function everyPlannedField(shape: JsonShape, depth = 3): string {
  return Object.entries(shape.fields)
    .flatMap(([name, spec]) => ('sql' in spec ? [name] : depth > 1 ? [`${name} { ${everyPlannedField(spec.shape, depth - 1)} }`] : []))
    .join(' ');
}
