import { parseTableDate } from '../sources/farside/parse';
import { readCsv, TextCell, TextPositionError, TextRow } from '../text-table';

/**
 * A CSV file with a header naming its columns (in any order, any case). Every data cell is
 * read through here, so a bad one is reported at its line and column.
 */
export interface CsvTable {
  rows: TextRow[];
  cell(row: TextRow, column: string): TextCell;
}

export function readCsvTable(text: string, columns: readonly string[]): CsvTable {
  const [header, ...rows] = readCsv(text);
  if (!header) throw new TextPositionError(1, 1, `empty file: expected a header ${columns.join(',')}`);
  const index = new Map(header.cells.map((cell, i) => [cell.text.toLowerCase(), i]));
  for (const column of columns) {
    if (!index.has(column)) throw new TextPositionError(header.line, 1, `missing column "${column}" (the header must name ${columns.join(', ')})`);
  }
  for (const row of rows) {
    const extra = row.cells.slice(header.cells.length).find((cell) => cell.text !== '');
    if (extra) throw new TextPositionError(extra.line, extra.column, `${row.cells.length} values but the header names ${header.cells.length} columns`);
  }
  return {
    rows,
    cell(row, column) {
      const found = row.cells[index.get(column)!];
      if (found) return found;
      const last = row.cells[row.cells.length - 1];
      throw new TextPositionError(row.line, last.column + last.text.length, `missing value for "${column}"`);
    },
  };
}

/** A day: YYYY-MM-DD (or DD Mon YYYY). */
export function dayCell(cell: TextCell): string {
  const day = parseTableDate(cell);
  if (!day) throw new TextPositionError(cell.line, cell.column, `"${cell.text}" is not a date (expected YYYY-MM-DD)`);
  return day;
}

/** A finite number, ≥ 0 unless `signed`; thousands separators are refused (ambiguous in CSV). */
export function amountCell(cell: TextCell, column: string, signed = false): number {
  const value = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell.text) ? Number(cell.text) : NaN;
  if (!Number.isFinite(value)) throw new TextPositionError(cell.line, cell.column, `${column}: "${cell.text}" is not a number`);
  if (!signed && value < 0) throw new TextPositionError(cell.line, cell.column, `${column}: ${cell.text} is negative`);
  return value;
}

/** An upper-case symbol known to the caller. */
export function symbolCell(cell: TextCell, column: string, known: ReadonlySet<string>): string {
  const symbol = cell.text.toUpperCase();
  if (!known.has(symbol)) throw new TextPositionError(cell.line, cell.column, `${column}: unknown ${column} "${cell.text}" (known: ${[...known].sort().join(', ')})`);
  return symbol;
}

/** A (key) pair seen twice in one file is an error, reported at the second one. */
export function uniqueKeys() {
  const seen = new Map<string, number>();
  return (key: string, cell: TextCell, what: string) => {
    const first = seen.get(key);
    if (first !== undefined) throw new TextPositionError(cell.line, cell.column, `${what} appears twice (first on line ${first})`);
    seen.set(key, cell.line);
  };
}
