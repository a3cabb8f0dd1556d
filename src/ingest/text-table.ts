/**
 * Tables read from text (CSV files, HTML pages) with the position of every cell, so a bad value
 * can be reported as `file:line:column` — line and column 1-based, column counted in characters
 * of that line, as compilers do.
 */
export interface TextCell {
  text: string;
  line: number;
  column: number;
}
export interface TextRow {
  line: number;
  cells: TextCell[];
}

/** An input problem at a place in the text. */
export class TextPositionError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'TextPositionError';
  }
}

/** Offset → (line, column) for one text; a line ends at LF, CRLF or a lone CR (old Mac files). */
export function positionIndex(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}

/**
 * RFC 4180 CSV: commas, double-quoted fields with `""` escapes, LF, CRLF or CR alone. Blank lines are
 * dropped; cells keep their surrounding spaces trimmed.
 */
export function readCsv(text: string): TextRow[] {
  const at = positionIndex(text);
  const rows: TextRow[] = [];
  let cells: TextCell[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    if (cells.some((c) => c.text !== '') || cells.length > 1) rows.push({ line: cells[0].line, cells });
    cells = [];
  };
  while (i <= text.length) {
    const start = i;
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new TextPositionError(at(start).line, at(start).column, 'quoted field is never closed');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else value += text[i++];
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] !== ' ') throw new TextPositionError(at(i).line, at(i).column, 'text after a closing quote');
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    const leading = value.length - value.trimStart().length;
    cells.push({ text: value.trim(), ...at(text[start] === '"' ? start : start + leading) });
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    endRow();
    // The line break: CRLF is two characters, LF or a lone CR one (skipping two ate the next
    // row's first character in CR-only files).
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  return rows;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', minus: '-', ndash: '–', mdash: '—' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Offset of the first visible character of a cell's markup (tags and spaces skipped). */
function firstVisible(html: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (html[i] === '<') {
      const close = html.indexOf('>', i);
      i = close < 0 || close >= to ? to : close + 1;
    } else if (/\s/.test(html[i])) i += 1;
    else return i;
  }
  return from;
}

/**
 * Every `<table>` of a page as rows of cells (`<td>`/`<th>`), tags stripped and entities
 * decoded; a cell with `colspan="n"` is followed by n − 1 empty cells so columns line up.
 */
export function readHtmlTables(html: string): TextRow[][] {
  const at = positionIndex(html);
  const tables: TextRow[][] = [];
  for (const table of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table\s*>/gi)) {
    const tableStart = table.index! + table[0].indexOf('>') + 1;
    const rows: TextRow[] = [];
    for (const row of table[1].matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/tr\s*>|$)/gi)) {
      const rowStart = tableStart + row.index! + row[0].length - row[1].length;
      const cells: TextCell[] = [];
      for (const cell of row[1].matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)(?=<\/?(?:td|th)\b|$)/gi)) {
        const contentStart = rowStart + cell.index! + cell[0].length - cell[3].length;
        const text = decodeEntities(cell[3].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
        cells.push({ text, ...at(firstVisible(html, contentStart, contentStart + cell[3].length)) });
        const span = Number(/colspan\s*=\s*["']?(\d+)/i.exec(cell[2])?.[1] ?? 1);
        for (let extra = 1; extra < Math.min(span, 50); extra++) cells.push({ text: '', line: cells[cells.length - 1].line, column: cells[cells.length - 1].column });
      }
      if (cells.length > 0) rows.push({ line: cells[0].line, cells });
    }
    tables.push(rows);
  }
  return tables;
}
