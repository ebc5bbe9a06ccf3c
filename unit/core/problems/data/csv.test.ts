import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../core/problems/data/csv.ts';
import { DataError } from '../../../../core/problems/data/data-set.ts';

const err = (text: string, name = 'data.csv', maxValues?: number) => {
  try {
    parseCsv(text, name, maxValues === undefined ? {} : { maxValues });
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  return 'no error';
};

describe('parseCsv', () => {
  it('reads numbers, one sample per row', () => {
    const t = parseCsv('1,2,3\n4.5,-6e-1,+7\n', 'a.csv');
    expect([t.rows, t.columns, t.header]).toEqual([2, 3, null]);
    expect([...t.values]).toEqual([1, 2, 3, 4.5, -0.6, 7]);
  });

  it('detects a header row, delimiters, quotes, comments, CRLF and a BOM', () => {
    const t = parseCsv('\ufeffx,"y, label",z\r\n# a comment\r\n1,"2",3\r\n\r\n4,5,6\r\n', 'a.csv');
    expect(t.header).toEqual(['x', 'y, label', 'z']);
    expect([...t.values]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...parseCsv('1;2\n3;4', 'b.csv').values]).toEqual([1, 2, 3, 4]);
    expect([...parseCsv('1\t2\n3\t4', 'b.tsv').values]).toEqual([1, 2, 3, 4]);
    expect([...parseCsv('  1   2\n3 4  ', 'b.txt').values]).toEqual([1, 2, 3, 4]);
    expect(parseCsv('1,2\n3,4', 'c.csv', { header: true }).header).toEqual(['1', '2']);
  });

  it('names the row and column of a bad value (rows are file lines, from 1)', () => {
    const lines = ['a,b,c', ...Array.from({ length: 15 }, (_, i) => `${i},${i},${i}`), '1,2,abc'];
    expect(err(lines.join('\n'))).toBe("data.csv: row 17, column 3: 'abc' is not a number");
    expect(err('1,2\n3,NaN')).toBe("data.csv: row 2, column 2: 'NaN' is not a finite number");
    expect(err('1,2\n-inf,2')).toBe("data.csv: row 2, column 1: '-inf' is not a finite number");
    expect(err('1,2\n3,')).toBe('data.csv: row 2, column 2: empty field');
    expect(err('1,2\n0x1F,2')).toBe("data.csv: row 2, column 1: '0x1F' is not a number");
    expect(err('1,2\n1e999,2')).toBe("data.csv: row 2, column 1: '1e999' overflows (not a finite double)");
  });

  it('checks the column count, emptiness and the size limit', () => {
    expect(err('1,2,3,4\n1,2,3,4\n\n1,2,3')).toBe('data.csv: row 4 has 3 columns, expected 4 (as in row 1)');
    expect(err('')).toBe('data.csv: no data (the file is empty)');
    expect(err('x,y\n')).toBe('data.csv: no data rows after the header');
    expect(err('1,2\n3,4\n5,6', 'big.csv', 5)).toBe('big.csv: too many values (more than 5); the limit is 5 numbers');
  });
});
