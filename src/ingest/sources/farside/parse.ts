import { readCsv, readHtmlTables, TextCell, TextPositionError, TextRow } from '../../text-table';

/**
 * The common daily ETF flow table (Farside's layout, or our CSV of it): the first cell a date,
 * then one column per ticker, values in US$ millions, negatives in parentheses, `-` (or empty)
 * for "not reported yet" — unknown, never 0. Rows whose first cell is not a date (headers, a
 * fee row, Total/Average/Maximum/Minimum) are skipped; a column headed `Total…` is ignored.
 */
export interface FlowCell {
  /** YYYY-MM-DD. */
  day: string;
  /** Registry ticker (an alias counter is mapped to its fund). */
  ticker: string;
  netFlowUsd: number;
  line: number;
  column: number;
}
export interface ParsedFlowTable {
  tickers: string[];
  flows: FlowCell[];
  /** Cells that were `-` or empty: not reported, not stored. */
  unknownCells: number;
}

export type TableFormat = 'html' | 'csv';

/** By file extension when there is one, else by content. */
export function detectFormat(text: string, fileName?: string): TableFormat {
  if (fileName && /\.html?$/i.test(fileName)) return 'html';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return /<(table|tr|html)\b/i.test(text) ? 'html' : 'csv';
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dateShape = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Starts like a date (a digit, then a separator): a typo there is an error, not a summary row. */
const dateLike = /^\d{1,4}[\s\-/.]\S/;

function isoDay(year: number, month: number, day: number): string | null {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** `DD Mon YYYY` or `YYYY-MM-DD` → YYYY-MM-DD; null when the cell is not a date at all. */
export function parseTableDate(cell: TextCell): string | null {
  const match = dateShape.exec(cell.text);
  if (!match) {
    if (dateLike.test(cell.text)) throw new TextPositionError(cell.line, cell.column, `"${cell.text}" is not a date (expected DD Mon YYYY or YYYY-MM-DD)`);
    return null;
  }
  const month = match[2] ? months.indexOf(match[2].slice(0, 3).toLowerCase()) + 1 : Number(match[5]);
  const day = match[1] ? isoDay(Number(match[3]), month, Number(match[1])) : isoDay(Number(match[4]), month, Number(match[6]));
  if (!month || !day) throw new TextPositionError(cell.line, cell.column, `"${cell.text}" is not a calendar date`);
  return day;
}

const unknownMarks = new Set(['', '-', '–', '—', 'n/a', 'N/A']);
const plain = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^-?\.\d+$/;
const bracketed = /^\(\s*((\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+)\s*\)$/;

/** US$ millions → US$; `(124.3)` is −124.3. Parsed from the decimal text, so 6.3 is exactly 6,300,000. */
export function parseMillions(cell: TextCell, column: string): number | null {
  const text = cell.text.replace(/^\$/, '');
  if (unknownMarks.has(text)) return null;
  const inBrackets = bracketed.exec(text);
  if (!inBrackets && !plain.test(text)) {
    throw new TextPositionError(cell.line, cell.column, `"${cell.text}" in column ${column} is not a flow in US$ millions (negatives in parentheses, "-" for not reported)`);
  }
  const digits = (inBrackets ? inBrackets[1] : text).replace(/,/g, '');
  const value = Number(`${digits}e6`);
  return inBrackets ? -value : value;
}

function dateRowCount(rows: TextRow[]): number {
  return rows.filter((row) => row.cells[0] && dateShape.test(row.cells[0].text)).length;
}

/** The header: among the rows above the first dated one, the one naming the most known tickers. */
function findHeader(rows: TextRow[], known: ReadonlyMap<string, string>): TextRow {
  const firstDated = rows.findIndex((row) => row.cells[0] && dateShape.test(row.cells[0].text));
  const above = rows.slice(0, firstDated < 0 ? rows.length : firstDated);
  let best: { row: TextRow; hits: number } | null = null;
  for (const row of above) {
    const hits = row.cells.slice(1).filter((c) => known.has(c.text.toUpperCase())).length;
    if (!best || hits >= best.hits) best = { row, hits };
  }
  if (!best) {
    const place = rows[0]?.cells[0] ?? { line: 1, column: 1 };
    throw new TextPositionError(place.line, place.column, 'no header row of ETF tickers above the first dated row');
  }
  return best.row;
}

/**
 * Parses a flow table. `known` maps every accepted ticker (and alias counter) to its registry
 * ticker; a header naming anything else is an error naming that column.
 */
export function parseFlowTable(text: string, known: ReadonlyMap<string, string>, format: TableFormat = detectFormat(text)): ParsedFlowTable {
  const tables = format === 'html' ? readHtmlTables(text) : [readCsv(text)];
  const rows = tables.reduce<TextRow[]>((best, table) => (dateRowCount(table) > dateRowCount(best) ? table : best), tables[0] ?? []);
  if (rows.length === 0) throw new TextPositionError(1, 1, format === 'html' ? 'no <table> in the page' : 'empty file');
  const header = findHeader(rows, known);
  const columns = new Map<number, string>();
  header.cells.forEach((cell, index) => {
    const name = cell.text.replace(/[*†]+$/, '').trim().toUpperCase();
    if (index === 0 || name === '' || name.startsWith('TOTAL')) return;
    const ticker = known.get(name);
    if (!ticker) throw new TextPositionError(cell.line, cell.column, `unknown ETF ticker "${cell.text}" in column ${index + 1}: not in the ETF registry`);
    if ([...columns.values()].includes(ticker)) throw new TextPositionError(cell.line, cell.column, `ticker ${cell.text} appears in two columns`);
    columns.set(index, ticker);
  });
  const flows: FlowCell[] = [];
  const seenDays = new Map<string, number>();
  let unknownCells = 0;
  for (const row of rows) {
    if (row === header || !row.cells[0]) continue;
    const day = parseTableDate(row.cells[0]);
    if (!day) continue;
    const earlier = seenDays.get(day);
    if (earlier !== undefined) throw new TextPositionError(row.cells[0].line, row.cells[0].column, `${day} appears twice (first on line ${earlier})`);
    seenDays.set(day, row.line);
    for (const [index, ticker] of columns) {
      const cell = row.cells[index];
      const value = cell ? parseMillions(cell, ticker) : null;
      if (value === null) unknownCells += 1;
      else flows.push({ day, ticker, netFlowUsd: value, line: cell.line, column: cell.column });
    }
  }
  // A table without a single dated row is a changed layout or the wrong file, not "no flows".
  if (seenDays.size === 0) throw new TextPositionError(header.line, 1, 'no dated rows (first cell DD Mon YYYY or YYYY-MM-DD) below the header');
  return { tickers: [...columns.values()], flows, unknownCells };
}
