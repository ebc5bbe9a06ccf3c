import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, pointsToCsv } from '../../../core/report/csv.ts';
import { parseCsv } from '../../../core/problems/data/csv.ts';
import { point, RECORDS } from './fixtures.ts';

/** A minimal RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r') continue;
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

describe('pointsToCsv', () => {
  const rows = readCsv(pointsToCsv(RECORDS));
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);

  it('has a header of the scalar columns and θ columns for small problems', () => {
    expect(header.slice(0, CSV_COLUMNS.length)).toEqual([...CSV_COLUMNS]);
    expect(header.slice(CSV_COLUMNS.length)).toEqual(['theta_0', 'theta_1', 'theta_2', 'theta_3']);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('writes one row per start in id order, exact numbers, non-finite as inf', () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual(['0', '1', '2', '3']);
    expect(rows[1][col('gradNormSq')]).toBe('1e-30');
    expect(rows[1][col('truth_subset')]).toBe('0 3');
    expect(rows[1][col('truth_productError')]).toBe('1e-9');
    expect(rows[2][col('loss')]).toBe('inf');
    expect(rows[2][col('cluster')]).toBe('');
    expect(Number(rows[2][col('theta_1')])).toBe(-1);
  });

  it('quotes fields with commas and quotes (RFC 4180)', () => {
    expect(rows[3][col('stopReason')]).toBe('line search failed, "stuck"');
    expect(rows[3][col('flatness_r')]).toBe('0.95');
    expect(rows[4][col('status')]).toBe('failed');
    expect(rows[4][col('error')]).toBe('worker crashed twice, <again>');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(-0.5)).toBe('-0.5');
  });

  it('leaves θ out of wide problems', () => {
    const wide = pointsToCsv([point(0, { theta: Array.from({ length: 40 }, (_, i) => i) })]);
    expect(wide.split('\r\n')[0]).not.toContain('theta_0');
  });

  it('reads back with the data loader (numeric columns)', () => {
    const numeric = pointsToCsv([point(0), point(1)], { maxThetaColumns: 0 })
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','))
      .map((cells) => [cells[col('loss')], cells[col('index')], cells[col('iterations')]].join(','))
      .join('\n');
    const table = parseCsv(numeric, 'points.csv');
    expect(table.header).toEqual(['loss', 'index', 'iterations']);
    expect(Array.from(table.values)).toEqual([1, 0.25, 12, 1.1, 0.25, 12]);
  });
});
