import { readCsv } from '../../src/ingest/text-table';

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
