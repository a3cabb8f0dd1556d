import { Db } from '../../db/sql';
import { cohortSupplyTable } from '../../domains/cohorts/cohort-supply.table';
import { trackedAssets } from '../catalog';
import { cohortKey, cohortSlugs, seedCohorts } from '../sources/cohort-registry';
import { amountCell, dayCell, readCsvTable, symbolCell, uniqueKeys } from './csv-columns';
import { ImportResult, importedRows, knownAssetSymbols } from './import-result';

export const cohortColumns = ['date', 'asset', 'cohort', 'supply'] as const;

export interface CohortSupplyLine {
  day: string;
  asset: string;
  cohort: string;
  /** Coins held by the cohort at the end of the day. */
  supply: number;
}

/** Reads `date,asset,cohort,supply` rows; every problem is reported at its line and column. */
export function parseCohortCsv(text: string, assets: ReadonlySet<string>): CohortSupplyLine[] {
  const table = readCsvTable(text, cohortColumns);
  const once = uniqueKeys();
  return table.rows.map((row) => {
    const line = {
      day: dayCell(table.cell(row, 'date')),
      asset: symbolCell(table.cell(row, 'asset'), 'asset', assets),
      cohort: symbolCell(table.cell(row, 'cohort'), 'cohort', new Set(cohortSlugs)),
      supply: amountCell(table.cell(row, 'supply'), 'supply'),
    };
    once(`${line.asset}|${line.cohort}|${line.day}`, table.cell(row, 'date'), `${line.asset} ${line.cohort} on ${line.day}`);
    return line;
  });
}

/** Parses and checks the whole file, then writes it in one transaction (cohort rows seeded if missing). */
export async function importCohorts(db: Db, text: string): Promise<ImportResult> {
  const lines = parseCohortCsv(text, await knownAssetSymbols(db));
  return db.transaction(async (tx) => {
    const assets = await trackedAssets(tx);
    const used = [...new Set(lines.map((l) => l.asset))].map((symbol) => ({ id: assets.get(symbol)!, symbol }));
    const cohorts = await seedCohorts(tx, used);
    const rows = lines.map((l) => {
      const assetId = assets.get(l.asset)!;
      return { asset_id: assetId, cohort_id: cohorts.get(cohortKey(assetId, l.cohort))!, day: l.day, supply: l.supply, origin: 'IMPORT' };
    });
    return importedRows(tx, cohortSupplyTable, rows);
  });
}
