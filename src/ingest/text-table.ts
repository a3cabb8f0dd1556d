import { DefaultTreeAdapterMap, parse } from 'parse5';

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

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (node: Node): node is Element => 'tagName' in node;

/** Child elements of `node` named `names`, looking through wrappers (thead, tbody, spans) but never into a nested table. */
function descendants(node: Node, names: Set<string>, into: Element[] = []): Element[] {
  for (const child of 'childNodes' in node ? node.childNodes : []) {
    if (!isElement(child)) continue;
    if (names.has(child.tagName)) into.push(child);
    else if (child.tagName !== 'table') descendants(child, names, into);
  }
  return into;
}

/** Elements whose text is not shown: a cell's script or style is not part of its value. */
const hiddenText = new Set(['table', 'script', 'style', 'template', 'noscript']);

/** A cell's text nodes in document order (comments, scripts and nested tables' cells are not text of it). */
function textNodes(node: Node, into: DefaultTreeAdapterMap['textNode'][] = []): DefaultTreeAdapterMap['textNode'][] {
  for (const child of 'childNodes' in node ? node.childNodes : []) {
    if (child.nodeName === '#text') into.push(child as DefaultTreeAdapterMap['textNode']);
    else if (isElement(child) && !hiddenText.has(child.tagName)) textNodes(child, into);
  }
  return into;
}

/**
 * Every `<table>` of a page as rows of cells (`<td>`/`<th>`), read by an HTML5 parser (parse5, the
 * WHATWG algorithm browsers use): comments, scripts and markup inside a cell are not cells,
 * entities are decoded, unclosed `<td>`/`<tr>` close where a browser closes them. A cell's
 * position is its first visible character in the source; a cell with `colspan="n"` is followed by
 * n − 1 empty cells so columns line up. A nested table is a table of its own.
 */
export function readHtmlTables(html: string): TextRow[][] {
  const at = positionIndex(html);
  const document = parse(html, { sourceCodeLocationInfo: true });
  const tables: Element[] = [];
  const findTables = (node: Node) => {
    for (const child of 'childNodes' in node ? node.childNodes : []) {
      if (!isElement(child)) continue;
      if (child.tagName === 'table') tables.push(child);
      findTables(child);
    }
  };
  findTables(document);
  return tables.map((table) => {
    const rows: TextRow[] = [];
    for (const tr of descendants(table, new Set(['tr']))) {
      const cells: TextCell[] = [];
      for (const cell of descendants(tr, new Set(['td', 'th']))) {
        const texts = textNodes(cell);
        const text = texts.map((t) => t.value).join('').replace(/\s+/g, ' ').trim();
        cells.push({ text, ...at(firstVisibleOffset(html, texts, cell)) });
        const span = Number(cell.attrs.find((a) => a.name === 'colspan')?.value ?? 1);
        const last = cells[cells.length - 1];
        for (let extra = 1; extra < Math.min(Number.isFinite(span) ? span : 1, 50); extra++) cells.push({ text: '', line: last.line, column: last.column });
      }
      if (cells.length > 0) rows.push({ line: cells[0].line, cells });
    }
    return rows;
  });
}

/** Source offset of a cell's first non-space character (its start tag's end when it has none). */
function firstVisibleOffset(html: string, texts: DefaultTreeAdapterMap['textNode'][], cell: Element): number {
  for (const t of texts) {
    const location = t.sourceCodeLocation;
    if (!location) continue;
    for (let i = location.startOffset; i < location.endOffset; i++) if (!/\s/.test(html[i])) return i;
  }
  return cell.sourceCodeLocation?.startTag?.endOffset ?? cell.sourceCodeLocation?.startOffset ?? 0;
}
