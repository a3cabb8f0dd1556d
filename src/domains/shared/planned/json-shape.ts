import { FieldNode, FragmentDefinitionNode, Kind, SelectionSetNode } from 'graphql';

/**
 * A planned GraphQL object type's one description (issue 16, item 3): each field the planned
 * statements and the resolvers read from a row is one entry here — its SQL value over the
 * statement's table aliases and its kind — or a nested object reached through a join. From it
 * derive the JSON a planned statement writes (`jsonObjectSql`), the SELECT list the resolvers
 * send (`rowColumns`) and the object they answer from a row (`fromRow`), so a field is written
 * once. The type-graphql class stays the schema's source and is checked against this
 * (tests/unit/planned-shapes.test.ts, docs/decisions.md). A field answered by a resolver with
 * its own logic (one with arguments, a coverage list) is named in `resolverOnly` with the reason;
 * selecting it makes the selection unplannable, and the operation runs through the resolvers.
 */
export interface JsonShape {
  typename: string;
  fields: Record<string, JsonField>;
  /** Values the resolvers' objects carry for their field resolvers (storage ids), never exposed: SQL by property name. */
  carried?: Record<string, string>;
  /** GraphQL fields of the type that only a resolver answers, each with the reason. */
  resolverOnly?: Record<string, string>;
}

export type JsonField =
  /** A scalar: its SQL value and how that is spelled in JSON and read from a row (see `ScalarKind`). */
  | { sql: string; kind: ScalarKind; nullable?: boolean }
  | {
      shape: JsonShape;
      /** The join that brings the nested object's alias into the statement (added once). */
      join?: { alias: string; sql: string };
      /** When this holds, the (nullable) field is null instead of an object. */
      nullWhen?: string;
    };

/**
 * How a scalar's SQL value becomes JSON text, and what a row's value becomes in JS. The JSON is
 * written by concatenation, not with json_build_object: Postgres looks up each argument's type
 * category on every call of that, which made a 100-row page cost 1.3× more database time
 * (docs/performance.md).
 * - `id`: a storage id, written as its text (GraphQL ID; the resolvers' String of it);
 * - `dateTime`: a timestamptz, written as Date#toISOString writes it (`sqlScalar.dateTime`);
 * - `token`: text that needs no escaping (enum values, cursors): quoted as is;
 * - `text`: any text: escaped by to_json;
 * - `number`: float8/int: its text form (stored floats are finite: every writer refuses NaN
 *   and infinities, src/ingest/parse.ts and src/db/binary-array.ts), which parses to the
 *   same double graphql-js would write;
 * - `boolean`: true/false.
 */
export type ScalarKind = 'id' | 'dateTime' | 'token' | 'text' | 'number' | 'boolean';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A JSON text as literal and SQL pieces; adjacent literals are merged, so Postgres concatenates less. */
type Piece = { literal: string } | { sql: string };

function scalarPieces(value: string, valueKind: ScalarKind, nullable: boolean): Piece[] {
  // An id and a time are tokens once spelled as GraphQL writes them.
  const sql = valueKind === 'id' ? sqlScalar.id(value) : valueKind === 'dateTime' ? sqlScalar.dateTime(value) : value;
  const kind = valueKind === 'id' || valueKind === 'dateTime' ? 'token' : valueKind;
  if (nullable) {
    const text = kind === 'token' ? `'"' || (${sql}) || '"'` : kind === 'text' ? `to_json(${sql})::text` : `(${sql})::text`;
    return [{ sql: `coalesce(${text}, 'null')` }];
  }
  if (kind === 'token') return [{ literal: '"' }, { sql: `(${sql})` }, { literal: '"' }];
  return [{ sql: kind === 'text' ? `to_json(${sql})::text` : `(${sql})::text` }];
}

function piecesSql(pieces: Piece[]): string {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if ('literal' in piece && last && 'literal' in last) merged[merged.length - 1] = { literal: last.literal + piece.literal };
    else merged.push(piece);
  }
  return `(${merged.map((piece) => ('literal' in piece ? literal(piece.literal) : piece.sql)).join(' || ')})`;
}

/** SQL spelling of GraphQL scalars whose text differs from graphql-js's output. */
export const sqlScalar = {
  /** DateTime as graphql-scalars writes it (Date#toISOString: UTC, milliseconds, truncated). */
  // The colons are quoted literals of the format, so no `:name` appears in the statement's text
  // (pgbench, in the bench, reads `:MI` as a variable).
  // Years 1–9999 as four digits (the common case, one to_char); outside them the ISO 8601
  // astronomical year as Date#toISOString writes it: 1 BC is 0000 (Postgres's year −1, which
  // 'YYYY' spells 0001), 2 BC −000001, 10000 +010000.
  dateTime: (column: string) =>
    `(CASE WHEN ${column} >= timestamptz '0001-01-01 UTC' AND ${column} < timestamptz '10000-01-01 UTC'
       THEN to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"')
       ELSE (SELECT CASE WHEN y = -1 THEN '0000' WHEN y < -1 THEN '-' || lpad((-(y + 1))::text, 6, '0') ELSE '+' || lpad(y::text, 6, '0') END
                    || to_char(t, '-MM-DD"T"HH24":"MI":"SS.MS"Z"')
             FROM (SELECT ${column} AT TIME ZONE 'UTC' AS t, extract(year FROM ${column} AT TIME ZONE 'UTC')::int AS y) d) END)`,
  id: (column: string) => `${column}::text`,
};

/** What a plan accumulates while walking a document: its fragments and the joins needed. */
export interface PlanScope {
  fragments: Record<string, FragmentDefinitionNode>;
  joins: Map<string, string>;
  /** The first field ("Type.field") a planner declined for not knowing it (counted on /metrics, plans-declined.ts). */
  declined?: string;
}

/** Records that the plan stops at `typename.field`, a field it does not know (or knows only without arguments); returns null. */
export function declineField(scope: PlanScope, typename: string, field: string): null {
  scope.declined ??= `${typename}.${field}`;
  return null;
}

/**
 * The fields a selection set asks of one type, in response order, with fragments on that type
 * flattened; null when anything would need graphql-js's rules to answer (directives, a
 * response key given twice, a fragment on another type).
 */
export function selectedFields(selectionSet: SelectionSetNode, typename: string, scope: PlanScope): FieldNode[] | null {
  const fields: FieldNode[] = [];
  const keys = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (keys.has(key)) return false;
        keys.add(key);
        fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== typename) return false;
        if (!walk(selection.selectionSet)) return false;
      } else {
        const fragment = scope.fragments[selection.name.value];
        if (!fragment || fragment.directives?.length || fragment.typeCondition.name.value !== typename) return false;
        if (!walk(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return walk(selectionSet) ? fields : null;
}

/** The response key of a field: its alias, else its name. */
export const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * A SQL expression whose value is the JSON text of the selection set on `shape` (an object,
 * keys in response order), or null when the selection is not plannable.
 */
export function jsonObjectSql(shape: JsonShape, selectionSet: SelectionSetNode | undefined, scope: PlanScope): string | null {
  const pieces = objectPieces(shape, selectionSet, scope);
  return pieces && piecesSql(pieces);
}

function objectPieces(shape: JsonShape, selectionSet: SelectionSetNode | undefined, scope: PlanScope): Piece[] | null {
  if (!selectionSet) return null;
  const fields = selectedFields(selectionSet, shape.typename, scope);
  if (!fields || fields.length === 0) return null;
  const pieces: Piece[] = [];
  for (const field of fields) {
    const name = field.name.value;
    if (field.arguments?.length) return declineField(scope, shape.typename, name);
    // Keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): nothing to escape in JSON or SQL.
    pieces.push({ literal: `${pieces.length ? ',' : '{'}"${responseKey(field)}":` });
    if (name === '__typename') {
      pieces.push({ literal: JSON.stringify(shape.typename) });
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(shape.fields, name) ? shape.fields[name] : undefined;
    if (!spec) return declineField(scope, shape.typename, name);
    if ('sql' in spec) {
      if (field.selectionSet) return null;
      pieces.push(...scalarPieces(spec.sql, spec.kind, spec.nullable ?? false));
      continue;
    }
    if (spec.join && !scope.joins.has(spec.join.alias)) scope.joins.set(spec.join.alias, spec.join.sql);
    const nested = objectPieces(spec.shape, field.selectionSet, scope);
    if (!nested) return null;
    if (spec.nullWhen) pieces.push({ sql: `CASE WHEN ${spec.nullWhen} THEN 'null' ELSE ${piecesSql(nested)} END` });
    else pieces.push(...nested);
  }
  pieces.push({ literal: '}' });
  return pieces;
}

/** `[a,b,…]` of an object expression over the rows of a statement (`[]` for none). */
export const jsonArraySql = (object: string, orderBy: string, filter = '') =>
  `coalesce('[' || string_agg(${object}, ',' ORDER BY ${orderBy})${filter ? ` FILTER (WHERE ${filter})` : ''} || ']', '[]')`;

/** The joins a walk collected, in the order they were met (a nested join after its parent's). */
export const joinsSql = (scope: PlanScope) => [...scope.joins.values()].join('\n');

const has = (record: object | undefined, key: string) => record !== undefined && Object.prototype.hasOwnProperty.call(record, key);

/** A nested field of a shape, or an error naming it (a typo in a caller's path is a bug, not a decline). */
function nestedField(shape: JsonShape, name: string): Extract<JsonField, { shape: JsonShape }> {
  const spec = has(shape.fields, name) ? shape.fields[name] : undefined;
  if (!spec || !('shape' in spec)) throw new Error(`${shape.typename}.${name} is not a nested object of its shape`);
  return spec;
}

const within = (nested: readonly string[], path: string) => nested.filter((p) => p.startsWith(`${path}.`)).map((p) => p.slice(path.length + 1));

/**
 * The SELECT list of a shape's row for the resolvers: every scalar field's SQL value named after
 * the field, every carried value, and the nested objects named in `nested` (paths such as
 * `instrument`; their joins are the caller's) as `"<path>.<field>"`, with `"<path>!null"` where
 * the nested object has a null rule. Read back with `fromRow`.
 */
export function rowColumns(shape: JsonShape, nested: readonly string[] = [], prefix = ''): string {
  const columns: string[] = [];
  for (const [name, spec] of Object.entries(shape.fields)) {
    if ('sql' in spec) columns.push(`${spec.sql} AS "${prefix}${name}"`);
    else if (nested.includes(name)) columns.push(nestedColumns(shape, name, prefix, within(nested, name)));
  }
  for (const [name, sql] of Object.entries(shape.carried ?? {})) columns.push(`${sql} AS "${prefix}${name}"`);
  return columns.join(', ');
}

/** The columns of one nested object of a shape (`rowColumns` of it, prefixed with its path, and its null rule). */
export function nestedColumns(shape: JsonShape, name: string, prefix = '', nested: readonly string[] = []): string {
  const spec = nestedField(shape, name);
  const own = rowColumns(spec.shape, nested, `${prefix}${name}.`);
  return spec.nullWhen ? `${own}, (${spec.nullWhen}) AS "${prefix}${name}!null"` : own;
}

/** The join a nested object of a shape needs (what `nestedColumns` reads). */
export const nestedJoin = (shape: JsonShape, name: string): string => nestedField(shape, name).join?.sql ?? '';

function valueOf(kind: ScalarKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'id') return String(value);
  // node-postgres reads bigint and numeric as text; a row read through JSON spells times as text.
  if (kind === 'number' && typeof value === 'string') return Number(value);
  if (kind === 'dateTime' && !(value instanceof Date)) return new Date(value as string);
  return value;
}

/** The object a row of `rowColumns(shape, nested)` stands for: GraphQL field names with their values, carried values, nested objects. */
export function fromRow<T>(shape: JsonShape, row: Record<string, unknown>, nested: readonly string[] = [], prefix = ''): T {
  const object: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(shape.fields)) {
    if ('sql' in spec) object[name] = valueOf(spec.kind, row[`${prefix}${name}`]);
    else if (nested.includes(name)) object[name] = nestedFromRow(shape, name, row, prefix, within(nested, name));
  }
  for (const name of Object.keys(shape.carried ?? {})) object[name] = row[`${prefix}${name}`];
  return object as T;
}

/** One nested object of a shape from a row holding its `nestedColumns`: null where its null rule held. */
export function nestedFromRow<T>(shape: JsonShape, name: string, row: Record<string, unknown>, prefix = '', nested: readonly string[] = []): T | null {
  const spec = nestedField(shape, name);
  // As the JSON's CASE WHEN: null only where the rule holds.
  if (spec.nullWhen && row[`${prefix}${name}!null`] === true) return null;
  return fromRow<T>(spec.shape, row, nested, `${prefix}${name}.`);
}
