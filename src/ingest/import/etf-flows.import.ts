import { Db } from '../../db/sql';
import { etfFlowTable } from '../../domains/etfs/etf-flow.table';
import { seedEtfRegistry } from '../sources/etf-registry';
import { flowRows, parseEtfFlows } from '../sources/farside';
import { detectFormat } from '../sources/farside/parse';
import { ImportResult, importedRows } from './import-result';

/**
 * Imports a daily ETF flow table (HTML or CSV, by extension or content). The whole file is
 * parsed and checked first — a bad cell throws a TextPositionError — and only then written, in
 * one transaction with origin IMPORT; a value that differs from a stored one is kept as a revision.
 */
export async function importEtfFlows(db: Db, text: string, fileName?: string): Promise<ImportResult> {
  const parsed = parseEtfFlows(text, detectFormat(text, fileName));
  return db.transaction(async (tx) => importedRows(tx, etfFlowTable, flowRows(parsed.flows, await seedEtfRegistry(tx), 'IMPORT')));
}
