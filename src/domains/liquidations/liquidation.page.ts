import { CascadeError } from '../../core/errors';
import { Db } from '../../db/sql';
import { PageInfoType } from '../shared/page-info';
import { decodeLiquidationCursor, encodeLiquidationCursor } from './liquidation.cursor';
import { ResolvedLiquidationFilter } from './liquidation.filter';
import { findLiquidationPage, toLiquidationType } from './liquidation.service';
import { LiquidationConnectionType, LiquidationEdgeType } from './liquidation.types';

/** The most rows one `liquidations` page may return. */
export const maxLiquidationPageSize = 500;

/** One cursor page of a resolved filter, newest first (the `liquidations` query and episodes). */
/** `first` as a page size (50 when omitted), refused outside 0…maxLiquidationPageSize. */
export function liquidationPageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (size < 0 || size > maxLiquidationPageSize) {
    throw new CascadeError('INVALID_PAGE_SIZE', `\`first\` must be between 0 and ${maxLiquidationPageSize}; got ${size}.`, { argument: 'first' });
  }
  return size;
}

export async function liquidationPage(db: Db, resolved: ResolvedLiquidationFilter, first: number | null, after: string | null): Promise<LiquidationConnectionType> {
    const size = liquidationPageSize(first);
    const position = after ? decodeLiquidationCursor(after) : null;
    // One row more than asked tells whether another page follows, in the same statement.
    const records = await findLiquidationPage(db, resolved, position, size + 1);
    const edges = records.slice(0, size).map((record) =>
      Object.assign(new LiquidationEdgeType(), {
        cursor: encodeLiquidationCursor({ occurredAtMicros: record.occurred_at_us, id: record.id }),
        node: toLiquidationType(record),
      }),
    );
    const pageInfo = Object.assign(new PageInfoType(), {
      hasNextPage: records.length > size,
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    });
    return Object.assign(new LiquidationConnectionType(), { edges, pageInfo });
}
