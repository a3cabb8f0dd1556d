import { CascadeError } from '../../core/errors';
import { Db } from '../../db/sql';
import { PageInfoType } from '../shared/page-info';
import { decodeLiquidationCursor } from './liquidation.cursor';
import { ResolvedLiquidationFilter } from './liquidation.filter';
import { findLiquidationPage } from './liquidation.service';
import { LiquidationConnectionType, LiquidationEdgeType } from './liquidation.types';

/** The most rows one `liquidations` page may return. */
export const maxLiquidationPageSize = 500;

/** `first` as a page size (50 when omitted), refused outside 0…maxLiquidationPageSize. */
export function liquidationPageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (size < 0 || size > maxLiquidationPageSize) {
    throw new CascadeError('INVALID_PAGE_SIZE', `\`first\` must be between 0 and ${maxLiquidationPageSize}; got ${size}.`, { argument: 'first' });
  }
  return size;
}

/**
 * A page's PageInfo from what its statement tells: whether a row follows the page and its first
 * and last cursors. The resolvers' page and the planned one (liquidation.plan.ts, which reads
 * the three from SQL) both answer through this, so the rules are written once.
 */
export function toPageInfo(hasNextPage: boolean, startCursor: string | null, endCursor: string | null, after: string | null | undefined): PageInfoType {
  return Object.assign(new PageInfoType(), { hasNextPage, hasPreviousPage: after !== null && after !== undefined, startCursor, endCursor });
}

/** One cursor page of a resolved filter, newest first (the `liquidations` query and episodes). */
export async function liquidationPage(db: Db, resolved: ResolvedLiquidationFilter, first: number | null, after: string | null): Promise<LiquidationConnectionType> {
  const size = liquidationPageSize(first);
  const position = after ? decodeLiquidationCursor(after) : null;
  // One row more than asked tells whether another page follows, in the same statement.
  const nodes = await findLiquidationPage(db, resolved, position, size + 1);
  const edges = nodes.slice(0, size).map((node) => Object.assign(new LiquidationEdgeType(), { cursor: node.cursor, node }));
  const pageInfo = toPageInfo(nodes.length > size, edges[0]?.cursor ?? null, edges.at(-1)?.cursor ?? null, after);
  return Object.assign(new LiquidationConnectionType(), { edges, pageInfo });
}
