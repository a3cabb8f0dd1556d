import { Db } from '../../db/sql';
import { exchangeFlowTable } from '../../domains/exchange-flows/exchange-flow.table';
import { trackedAssets } from '../catalog';
import { amountCell, dayCell, readCsvTable, symbolCell, uniqueKeys } from './csv-columns';
import { ImportResult, importedRows, knownAssetSymbols } from './import-result';

export const exchangeFlowColumns = ['date', 'asset', 'inflow', 'outflow'] as const;

export interface ExchangeFlowLine {
  day: string;
  asset: string;
  /** Coins moved onto exchanges' known wallets that day. */
  inflow: number;
  outflow: number;
}

/** Reads `date,asset,inflow,outflow` rows (coins, ≥ 0); problems are reported at their line and column. */
export function parseExchangeFlowCsv(text: string, assets: ReadonlySet<string>): ExchangeFlowLine[] {
  const table = readCsvTable(text, exchangeFlowColumns);
  const once = uniqueKeys();
  return table.rows.map((row) => {
    const line = {
      day: dayCell(table.cell(row, 'date')),
      asset: symbolCell(table.cell(row, 'asset'), 'asset', assets),
      inflow: amountCell(table.cell(row, 'inflow'), 'inflow'),
      outflow: amountCell(table.cell(row, 'outflow'), 'outflow'),
    };
    once(`${line.asset}|${line.day}`, table.cell(row, 'date'), `${line.asset} on ${line.day}`);
    return line;
  });
}

export async function importExchangeFlows(db: Db, text: string): Promise<ImportResult> {
  const lines = parseExchangeFlowCsv(text, await knownAssetSymbols(db));
  return db.transaction(async (tx) => {
    const assets = await trackedAssets(tx);
    const rows = lines.map((l) => ({ asset_id: assets.get(l.asset)!, day: l.day, inflow: l.inflow, outflow: l.outflow, origin: 'IMPORT' }));
    return importedRows(tx, exchangeFlowTable, rows);
  });
}
