import { CohortSupplyRow } from '../../../domains/cohorts/cohort-supply.table';
import { num } from '../../parse';
import { BgeometricsRow } from './client';

/** Supply metrics read, by cohort (slugs as used by their clients ❓ — see docs/data-sources.md). */
export const bgeometricsSupplyMetrics = { LTH: 'lth-supply', STH: 'sth-supply' } as const;

/** `lth-supply` → `lthSupply`, the field the value comes in. */
export function metricField(slug: string): string {
  return slug.replace(/-([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

/** The row's day: `d` when given, else from `unixTs` (seconds). */
export function rowDay(row: BgeometricsRow): string {
  if (typeof row.d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.d)) return row.d;
  return new Date(num(row.unixTs, 'unixTs') * 1000).toISOString().slice(0, 10);
}

/**
 * The value under the metric's camelCase name; if that name is absent but the row holds
 * exactly one other field besides `d`/`unixTs`, that one (the naming is not documented).
 */
export function rowValue(row: BgeometricsRow, slug: string): number {
  const field = metricField(slug);
  if (field in row) return num(row[field], field);
  const others = Object.keys(row).filter((key) => key !== 'd' && key !== 'unixTs');
  if (others.length === 1) return num(row[others[0]], others[0]);
  throw new Error(`bgeometrics ${slug}: no "${field}" in row ${JSON.stringify(row)}`);
}

export function mapSupply(rows: BgeometricsRow[], slug: string, assetId: number, cohortId: number): CohortSupplyRow[] {
  return rows.map((row) => ({ asset_id: assetId, cohort_id: cohortId, day: rowDay(row), supply: rowValue(row, slug), origin: 'LIVE' }));
}
