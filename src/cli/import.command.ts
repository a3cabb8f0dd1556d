import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { Db } from '../db/sql';
import { importCohorts } from '../ingest/import/cohorts.import';
import { importEtfFlows } from '../ingest/import/etf-flows.import';
import { importExchangeFlows } from '../ingest/import/exchange-flows.import';
import { ImportResult } from '../ingest/import/import-result';
import { TextPositionError } from '../ingest/text-table';
import { withCliDatabase } from './database';

type Importer = (db: Db, text: string, fileName: string) => Promise<ImportResult>;

/**
 * Reads the file, lets the importer validate all of it and write it in one transaction, and
 * turns a bad cell into a compiler-style `file:line:column: message` error (the CLI prints it
 * and exits 1; nothing was written).
 */
async function importFile(file: string, what: string, importer: Importer): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Node's fs errors may come from another realm (jest): read the message by duck typing.
    throw new Error(`${file}: cannot read the file (${(error as { message?: string })?.message ?? String(error)})`);
  }
  const result = await withCliDatabase(async (db) => {
    try {
      return await importer(db, text, file);
    } catch (error) {
      if (error instanceof TextPositionError) throw new Error(`${file}:${error.line}:${error.column}: ${error.reason}`);
      throw error;
    }
  });
  console.log(`import ${what} ${file}: ${result.rows} rows — ${result.inserted} new, ${result.revised} revised (old values kept), ${result.unchanged} unchanged`);
}

export function importCommand(): Command {
  const command = new Command('import').description('Import daily data from a file: checked whole first, then written in one transaction (origin IMPORT)');
  command
    .command('etf-flows')
    .description('ETF daily net flows from a flow table: first cell a date (DD Mon YYYY or YYYY-MM-DD), one column per ticker, US$ millions, negatives in parentheses, "-" = not reported')
    .argument('<file>', 'an HTML page with the table, or a CSV (by extension, else by content)')
    .action((file: string) => importFile(file, 'etf-flows', importEtfFlows));
  command
    .command('cohorts')
    .description('Holder cohort supply (coins at the end of each day); cohorts LTH, STH, WHALES, EXCHANGES, MINERS are created if missing')
    .argument('<file>', 'CSV with the header date,asset,cohort,supply (date YYYY-MM-DD)')
    .action((file: string) => importFile(file, 'cohorts', (db, text) => importCohorts(db, text)));
  command
    .command('exchange-flows')
    .description('Daily coins moved onto (inflow) and off (outflow) exchanges’ known wallets')
    .argument('<file>', 'CSV with the header date,asset,inflow,outflow (date YYYY-MM-DD, coins)')
    .action((file: string) => importFile(file, 'exchange-flows', (db, text) => importExchangeFlows(db, text)));
  return command;
}
