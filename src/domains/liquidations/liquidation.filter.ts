import { badInput, CascadeError } from '../../core/errors';
import { PositionSide } from '../shared/enums';
import { Registry } from '../shared/registry';
import { LiquidationFilterInput } from './liquidation.types';

/** A `LiquidationFilter` checked and turned into storage ids; null fields match everything. */
export interface ResolvedLiquidationFilter {
  assetId: number | null;
  venueIds: number[] | null;
  side: PositionSide | null;
  from: Date | null;
  to: Date | null;
  minNotionalUsd: number | null;
}

/** Validates a filter argument (query or subscription); every error names `<argument>.<field>`. */
export async function resolveLiquidationFilter(
  registry: Registry,
  filter: LiquidationFilterInput | null | undefined,
  argument = 'filter',
): Promise<ResolvedLiquidationFilter> {
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  for (const [name, time] of [['from', from], ['to', to]] as const) {
    if (time && Number.isNaN(time.getTime())) {
      throw new CascadeError('INVALID_TIME_RANGE', `\`${argument}.${name}\` is not a valid time.`, { argument: `${argument}.${name}` });
    }
  }
  if (from && to && from.getTime() >= to.getTime()) {
    throw new CascadeError(
      'INVALID_TIME_RANGE',
      `\`${argument}.from\` (${from.toISOString()}) must be before \`${argument}.to\` (${to.toISOString()}).`,
      { argument: `${argument}.from` },
    );
  }
  const minNotionalUsd = filter?.minNotionalUsd ?? null;
  if (minNotionalUsd !== null && !(minNotionalUsd >= 0)) {
    throw badInput(`${argument}.minNotionalUsd`, `\`${argument}.minNotionalUsd\` must be zero or more (USD); got ${minNotionalUsd}.`);
  }
  const assetId = filter?.asset ? (await registry.requireAsset(filter.asset, `${argument}.asset`)).id : null;
  const venueIds = await registry.requireVenues(filter?.venues, `${argument}.venues`);
  return { assetId, venueIds, side: filter?.side ?? null, from, to, minNotionalUsd };
}

export interface FilterableLiquidation {
  assetId: number;
  venueId: number;
  side: string;
  notionalUsd: number;
  occurredAt: Date;
}

/** The same conditions in memory, for the live feed (rows are already in hand, as `Liquidation` objects). */
export function matchesLiquidationFilter(filter: ResolvedLiquidationFilter, row: FilterableLiquidation): boolean {
  return (
    (filter.assetId === null || row.assetId === filter.assetId) &&
    (filter.venueIds === null || filter.venueIds.includes(row.venueId)) &&
    (filter.side === null || row.side === filter.side) &&
    (filter.from === null || row.occurredAt.getTime() >= filter.from.getTime()) &&
    (filter.to === null || row.occurredAt.getTime() < filter.to.getTime()) &&
    (filter.minNotionalUsd === null || row.notionalUsd >= filter.minNotionalUsd)
  );
}
