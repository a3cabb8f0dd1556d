import { CohortSupplyRow } from '../../../domains/cohorts/cohort-supply.table';
import { ExchangeFlowRow } from '../../../domains/exchange-flows/exchange-flow.table';
import { num } from '../../parse';
import { GlassnodePoint } from './client';

/** Cohort supply metrics, coins (◐ paths as used by Glassnode's clients; see docs/data-sources.md). */
export const glassnodeCohortMetrics = {
  LTH: 'supply/lth_sum',
  STH: 'supply/sth_sum',
  EXCHANGES: 'distribution/balance_exchanges',
} as const;

export const glassnodeFlowMetrics = {
  inflow: 'transactions/transfers_volume_to_exchanges_sum',
  outflow: 'transactions/transfers_volume_from_exchanges_sum',
} as const;

/** `t` is unix seconds at the start of the (UTC) day. */
export function pointDay(point: GlassnodePoint): string {
  return new Date(num(point.t, 't') * 1000).toISOString().slice(0, 10);
}

/** Points with a numeric `v`; null values (not computed yet) are left out. */
function values(points: GlassnodePoint[]): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const point of points) {
    if (point.v === null || point.v === undefined) continue;
    byDay.set(pointDay(point), num(point.v, 'v'));
  }
  return byDay;
}

export function mapCohortSupply(points: GlassnodePoint[], assetId: number, cohortId: number): CohortSupplyRow[] {
  return [...values(points)].map(([day, supply]) => ({ asset_id: assetId, cohort_id: cohortId, day, supply, origin: 'LIVE' }));
}

/** Days with both an inflow and an outflow; a day with one side only is not a complete row. */
export function mapExchangeFlows(inflows: GlassnodePoint[], outflows: GlassnodePoint[], assetId: number): { rows: ExchangeFlowRow[]; incomplete: string[] } {
  const inflow = values(inflows);
  const outflow = values(outflows);
  const rows: ExchangeFlowRow[] = [];
  const incomplete: string[] = [];
  for (const day of new Set([...inflow.keys(), ...outflow.keys()])) {
    const [into, out] = [inflow.get(day), outflow.get(day)];
    if (into === undefined || out === undefined) incomplete.push(day);
    else rows.push({ asset_id: assetId, day, inflow: into, outflow: out, origin: 'LIVE' });
  }
  return { rows, incomplete };
}
