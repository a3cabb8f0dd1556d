import { readCsv, readHtmlTables } from '../../src/ingest/text-table';

const cells = (text: string) => readCsv(text).map((row) => row.cells.map((cell) => [cell.text, cell.line, cell.column]));

describe('CSV line endings', () => {
  const rows = ['day,symbol,amount', '2025-10-10,BTC,12.5', '2025-10-11,ETH,-3'];

  it('reads a file with CR-only line endings row for row, first characters kept', () => {
    expect(cells(rows.join('\r'))).toEqual([
      [['day', 1, 1], ['symbol', 1, 5], ['amount', 1, 12]],
      [['2025-10-10', 2, 1], ['BTC', 2, 12], ['12.5', 2, 16]],
      [['2025-10-11', 3, 1], ['ETH', 3, 12], ['-3', 3, 16]],
    ]);
  });

  it('reads LF, CRLF and CR files alike, positions included', () => {
    const lf = cells(rows.join('\n'));
    expect(cells(rows.join('\r\n'))).toEqual(lf);
    expect(cells(rows.join('\r'))).toEqual(lf);
    expect(cells(`${rows.join('\r')}\r`)).toEqual(lf);
  });
});

describe('HTML tables, read by a real parser', () => {
  const htmlCells = (html: string) => readHtmlTables(html).map((table) => table.map((row) => row.cells.map((cell) => [cell.text, cell.line, cell.column])));
  /** [line, column] (1-based) of the `nth` occurrence of `needle` in `text`, worked out independently of the reader. */
  const place = (text: string, needle: string, nth = 1): [number, number] => {
    let offset = -1;
    for (let k = 0; k < nth; k++) offset = text.indexOf(needle, offset + 1);
    const before = text.slice(0, offset).split('\n');
    return [before.length, before[before.length - 1].length + 1];
  };

  it('does not take a commented-out cell for a column, so later columns stay on their ETF', () => {
    const page = ['<table>', '<tr><th>Date</th><!-- <th>GBTC</th> --><th>IBIT</th><th>FBTC</th></tr>', '<tr><td>10 Oct 2025</td><!-- <td>9.9</td> --><td>12.5</td><td>(3.0)</td></tr>', '</table>'].join('\n');
    expect(htmlCells(page)).toEqual([
      [
        [['Date', ...place(page, 'Date')], ['IBIT', ...place(page, 'IBIT')], ['FBTC', ...place(page, 'FBTC')]],
        [['10 Oct 2025', ...place(page, '10 Oct')], ['12.5', ...place(page, '12.5')], ['(3.0)', ...place(page, '(3.0)')]],
      ],
    ]);
  });

  it('closes unclosed cells and rows as a browser does, decodes entities, keeps scripts out of the text', () => {
    const page = '<table><tr><td><span class="tabletext">1&nbsp;Oct</span><td>&minus;4.2<script>ignored()</script>\n<tr><td colspan="2">Total</table>';
    const total = place(page, 'Total');
    expect(htmlCells(page)).toEqual([
      [
        [['1 Oct', ...place(page, '1&nbsp;')], ['\u22124.2', ...place(page, '&minus;')]],
        [['Total', ...total], ['', ...total]],
      ],
    ]);
  });

  it('reads a nested table as a table of its own, not as cells of the outer one', () => {
    const page = '<table><tr><td>outer</td><td><table><tr><td>inner</td></tr></table></td></tr></table>';
    const emptyCellContent: [number, number] = [1, page.indexOf('<td><table>') + '<td>'.length + 1];
    expect(htmlCells(page)).toEqual([[[['outer', ...place(page, 'outer')], ['', ...emptyCellContent]]], [[['inner', ...place(page, 'inner')]]]]);
  });
});
