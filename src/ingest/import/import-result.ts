import { upsertObservations, UpsertResult } from '../../db/bulk';
import { Db } from '../../db/sql';
import { defaultTrackedAssets } from '../catalog';

/** What an import wrote: rows read from the file, and how the upsert treated them. */
export interface ImportResult extends UpsertResult {
  rows: number;
}

export async function importedRows(db: Db, spec: Parameters<typeof upsertObservations>[1], rows: object[]): Promise<ImportResult> {
  return { rows: rows.length, ...(await upsertObservations(db, spec, rows as Array<Record<string, unknown>>)) };
}

/** Asset symbols a file may name: the asset table's, and the defaults created on first use. */
export async function knownAssetSymbols(db: Db): Promise<Set<string>> {
  const stored = await db.query<{ symbol: string }>('SELECT symbol FROM asset');
  return new Set([...defaultTrackedAssets.map((a) => a.symbol), ...stored.map((r) => r.symbol)]);
}
