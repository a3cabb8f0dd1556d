import { FieldNode } from 'graphql';
import { Context } from '../context';
import { declineField, jsonArraySql, jsonObjectSql, joinsSql, PlanScope, responseKey, selectedFields } from '../shared/planned/json-shape';
import { RootFieldPlanner } from '../shared/planned/operation-plan';
import { decodeLiquidationCursor, liquidationCursorSql } from './liquidation.cursor';
import { LiquidationFilterInput } from './liquidation.types';
import { resolveLiquidationFilter } from './liquidation.filter';
import { liquidationPageSize, toPageInfo } from './liquidation.page';
import { liquidationEdgeShape } from './liquidation.shape';
import { pageWhere } from './liquidation.service';

interface PageRow {
  edges: string;
  has_next: boolean;
  start_cursor: string | null;
  end_cursor: string | null;
}

/** PageInfo's fields, as toPageInfo answers them (the resolvers' page answers through it too). */
const pageInfoFields = new Set(Object.keys(toPageInfo(false, null, null, null)));

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
    if (selected.arguments?.length) return declineField(scope, 'LiquidationConnection', name);
    if (name === '__typename') parts.push(() => `${key}:"LiquidationConnection"`);
    else if (name === 'edges') {
      if (edges !== null) return null;
      edges = jsonObjectSql(liquidationEdgeShape, selected.selectionSet, scope);
      if (!edges) return null;
      parts.push((row) => `${key}:${row.edges}`);
    } else if (name === 'pageInfo') {
      const info = selected.selectionSet && selectedFields(selected.selectionSet, 'PageInfo', scope);
      if (!info) return null;
      const unknown = info.find((f) => f.arguments?.length || f.selectionSet || (f.name.value !== '__typename' && !pageInfoFields.has(f.name.value)));
      if (unknown) return declineField(scope, 'PageInfo', unknown.name.value);
      const keys = info.map((f) => [JSON.stringify(responseKey(f)), f.name.value] as const);
      parts.push((row, after) => {
        const values: Record<string, unknown> = { ...toPageInfo(row.has_next, row.start_cursor, row.end_cursor, after as string | null), __typename: 'PageInfo' };
        return `${key}:{${keys.map(([k, name]) => `${k}:${JSON.stringify(values[name])}`).join(',')}}`;
      });
    } else return declineField(scope, 'LiquidationConnection', name);
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
