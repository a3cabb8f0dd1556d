import { FieldNode, FragmentDefinitionNode, Kind, SelectionSetNode } from 'graphql';

/**
 * How a GraphQL object type reads from SQL, for operations planned into one statement whose
 * JSON Postgres builds (json_build_object / json_agg): each exposed field is a SQL expression
 * over the statement's table aliases, or a nested object reached through a join. A field not
 * listed here (one with arguments, or answered by a resolver with its own logic) makes the
 * selection unplannable, and the operation runs through the resolvers instead.
 */
export interface JsonShape {
  typename: string;
  fields: Record<string, JsonField>;
}

export type JsonField =
  /** A scalar: a SQL expression and how its value is spelled in JSON (see `jsonText`). */
  | { sql: string; kind: ScalarKind; nullable?: boolean }
  | {
      shape: JsonShape;
      /** The join that brings the nested object's alias into the statement (added once). */
      join?: { alias: string; sql: string };
      /** When this holds, the (nullable) field is null instead of an object. */
      nullWhen?: string;
    };

/**
 * How a scalar's SQL value becomes JSON text. The JSON is written by concatenation, not with
 * json_build_object: Postgres looks up each argument's type category on every call of that,
 * which made a 100-row page cost 1.3× more database time (docs/performance.md).
 * - `token`: text that needs no escaping (ids, enum values, ISO times, cursors): quoted as is;
 * - `text`: any text: escaped by to_json;
 * - `number`: float8/int: its text form (stored floats are finite: every writer refuses NaN
 *   and infinities, src/ingest/parse.ts and src/db/binary-array.ts), which parses to the
 *   same double graphql-js would write;
 * - `boolean`: true/false.
 */
export type ScalarKind = 'token' | 'text' | 'number' | 'boolean';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A JSON text as literal and SQL pieces; adjacent literals are merged, so Postgres concatenates less. */
type Piece = { literal: string } | { sql: string };

function scalarPieces(sql: string, kind: ScalarKind, nullable: boolean): Piece[] {
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
    if (field.arguments?.length) return null;
    // Keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): nothing to escape in JSON or SQL.
    pieces.push({ literal: `${pieces.length ? ',' : '{'}"${responseKey(field)}":` });
    if (name === '__typename') {
      pieces.push({ literal: JSON.stringify(shape.typename) });
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(shape.fields, name) ? shape.fields[name] : undefined;
    if (!spec) return null;
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
