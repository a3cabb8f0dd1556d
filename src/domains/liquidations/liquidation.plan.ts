import { FieldNode } from 'graphql';
import { Context } from '../context';
import { jsonArraySql, JsonShape, jsonObjectSql, joinsSql, PlanScope, responseKey, selectedFields, sqlScalar } from '../shared/planned/json-shape';
import { RootFieldPlanner } from '../shared/planned/operation-plan';
import { assetShape } from '../assets/asset.shape';
import { instrumentShape, venueShape } from '../venues/venue.shape';
import { decodeLiquidationCursor, liquidationCursorSql } from './liquidation.cursor';
import { LiquidationFilterInput } from './liquidation.types';
import { resolveLiquidationFilter } from './liquidation.filter';
import { liquidationPageSize } from './liquidation.page';
import { pageWhere } from './liquidation.service';

const liquidationShape = (l: string): JsonShape => ({
  typename: 'Liquidation',
  fields: {
    id: { sql: sqlScalar.id(`${l}.id`), kind: 'token' },
    side: { sql: `${l}.side`, kind: 'token' },
    price: { sql: `${l}.price`, kind: 'number' },
    quantity: { sql: `${l}.quantity`, kind: 'number' },
    notionalUsd: { sql: `${l}.notional_usd`, kind: 'number' },
    occurredAt: { sql: sqlScalar.dateTime(`${l}.occurred_at`), kind: 'token' },
    origin: { sql: `${l}.origin`, kind: 'token' },
    // Computed once per row in the page's subquery (column c): the edge and the node share it.
    cursor: { sql: `${l}.c`, kind: 'token' },
    venue: { shape: venueShape('v'), join: { alias: 'v', sql: `JOIN venue v ON v.id = ${l}.venue_id` } },
    asset: { shape: assetShape('a'), join: { alias: 'a', sql: `JOIN asset a ON a.id = ${l}.asset_id` } },
    instrument: { shape: instrumentShape('i'), join: { alias: 'i', sql: `JOIN instrument i ON i.id = ${l}.instrument_id` } },
  },
});

const edgeShape: JsonShape = {
  typename: 'LiquidationEdge',
  fields: { cursor: { sql: 'l.c', kind: 'token' }, node: { shape: liquidationShape('l') } },
};

interface PageRow {
  edges: string;
  has_next: boolean;
  start_cursor: string | null;
  end_cursor: string | null;
}

type PageInfoValue = (row: PageRow, after: unknown) => unknown;
const pageInfoValues: Record<string, PageInfoValue> = {
  __typename: () => 'PageInfo',
  hasNextPage: (row) => row.has_next,
  hasPreviousPage: (_row, after) => after !== null && after !== undefined,
  startCursor: (row) => row.start_cursor,
  endCursor: (row) => row.end_cursor,
};

/** The connection's own fields, assembled in JS around the edges' JSON (key order as selected). */
function connectionParts(field: FieldNode, scope: PlanScope): { edges: string | null; parts: Array<(row: PageRow, after: unknown) => string> } | null {
  if (!field.selectionSet) return null;
  const fields = selectedFields(field.selectionSet, 'LiquidationConnection', scope);
  if (!fields) return null;
  let edges: string | null = null;
  const parts: Array<(row: PageRow, after: unknown) => string> = [];
  for (const selected of fields) {
    const key = JSON.stringify(responseKey(selected));
    const name = selected.name.value;
    if (selected.arguments?.length) return null;
    if (name === '__typename') parts.push(() => `${key}:"LiquidationConnection"`);
    else if (name === 'edges') {
      if (edges !== null) return null;
      edges = jsonObjectSql(edgeShape, selected.selectionSet, scope);
      if (!edges) return null;
      parts.push((row) => `${key}:${row.edges}`);
    } else if (name === 'pageInfo') {
      const info = selected.selectionSet && selectedFields(selected.selectionSet, 'PageInfo', scope);
      if (!info || info.some((f) => f.arguments?.length || f.selectionSet || !pageInfoValues[f.name.value])) return null;
      const values = info.map((f) => [JSON.stringify(responseKey(f)), pageInfoValues[f.name.value]] as const);
      parts.push((row, after) => `${key}:{${values.map(([k, value]) => `${k}:${JSON.stringify(value(row, after))}`).join(',')}}`);
    } else return null;
  }
  return { edges, parts };
}

/**
 * `liquidations(filter, first, after)` planned into one statement: the page of findLiquidationPage
 * (same WHERE, same index walk, one row more than asked to tell whether another page follows)
 * with each edge's JSON built by Postgres, so a page of 100 crosses into Node as one string.
 * Arguments are checked exactly as the resolver checks them (liquidation.page.ts).
 */
export const planLiquidations: RootFieldPlanner = (field, scope) => {
  const connection = connectionParts(field, scope);
  if (!connection) return null;
  // One row more than asked (n = size + 1 tells whether another page follows); each row's
  // cursor once, in the subquery; the end cursor is the last row within the page.
  const build = (where: string, limit: string, size: string) => `/* planned liquidations */
    SELECT ${connection.edges ? jsonArraySql(connection.edges, 'l.n', `l.n <= ${size}`) : `'[]'`} AS edges,
           count(*) > ${size} AS has_next,
           min(l.c) FILTER (WHERE l.n = 1 AND l.n <= ${size}) AS start_cursor,
           min(l.c) FILTER (WHERE l.n = least(l.total, ${size})) AS end_cursor
    FROM (SELECT l.*, ${liquidationCursorSql('l')} AS c,
                 row_number() OVER (ORDER BY l.occurred_at DESC, l.id DESC) AS n, count(*) OVER () AS total
          FROM (SELECT * FROM liquidation l ${where} ORDER BY l.occurred_at DESC, l.id DESC LIMIT ${limit}) l) l
    ${joinsSql(scope)}`;
  return {
    async run(ctx: Context, args) {
      const { filter, first, after } = args as { filter?: LiquidationFilterInput | null; first?: number | null; after?: string | null };
      const resolved = await resolveLiquidationFilter(ctx.registry, filter ?? null);
      // Bad sizes and foreign cursors are refused as liquidationPage refuses them.
      const size = liquidationPageSize(first);
      const position = after ? decodeLiquidationCursor(after) : null;
      const params: unknown[] = [];
      const where = pageWhere(resolved, position, params);
      const limit = `$${params.push(size + 1)}::int`;
      const sizeParam = `$${params.push(size)}::int`;
      const [row] = await ctx.db.query<PageRow>(build(where, limit, sizeParam), params);
      return `{${connection.parts.map((part) => part(row, after)).join(',')}}`;
    },
  };
};
