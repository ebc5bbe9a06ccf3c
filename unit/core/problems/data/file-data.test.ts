import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../core/problems/data/csv.ts';
import { decodeUtf8, fileDataSet, parseDataFile } from '../../../../core/problems/data/file-data.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('file data sets', () => {
  const csv = parseCsv('a,b,c,label\n1,2,3,0\n4,5,6,1\n7,8,9,2\n10,11,12,1\n13,14,15,0\n', 'd.csv');

  it('autoencodes every column when no targets are given', () => {
    const d = fileDataSet({ table: csv });
    expect(d).toMatchObject({ task: 'autoencode', inputDim: 4, targetDim: 4, test: null });
    expect(d.train.targets).toBeNull();
  });

  it('regression: target columns by index (negative from the end); inputs are the rest', () => {
    const d = fileDataSet({ table: csv, targets: { columns: [-1, 0] } });
    expect(d).toMatchObject({ task: 'regression', inputDim: 2, targetDim: 2 });
    expect([...d.train.inputs.subarray(0, 2)]).toEqual([2, 3]);
    expect([...d.train.targets!.subarray(0, 4)]).toEqual([0, 1, 1, 4]);
  });

  it('classification: integer labels become one-hot rows', () => {
    const d = fileDataSet({ table: csv, targets: { columns: [3] }, classify: true });
    expect(d).toMatchObject({ task: 'classification', classes: 3, targetDim: 3, inputDim: 3 });
    expect([...d.train.targets!.subarray(0, 6)]).toEqual([1, 0, 0, 0, 1, 0]);
    expect(fileDataSet({ table: csv, targets: { columns: [3] }, classify: true, classes: 5 }).targetDim).toBe(5);
  });

  it('targets from a second file (.npy labels) with one row per sample', () => {
    const X = parseDataFile('x.npy', new Uint8Array(fs.readFileSync(path.join(fixtures, 'c-f8.npy'))));
    const y = parseDataFile('y.csv', '0\n1\n1\n');
    const d = fileDataSet({ table: X, targets: { table: y }, classify: true });
    expect(d).toMatchObject({ inputDim: 4, classes: 2 });
    expect(() => fileDataSet({ table: X, targets: { table: parseCsv('0\n1\n', 'y.csv') } })).toThrow('y.csv: has 2 rows but x.npy has 3; targets need one row per sample');
  });

  it('splits off a test set and standardises with training statistics', () => {
    const d = fileDataSet({ table: csv, targets: { columns: [-1] }, test: 2, seed: 1, standardize: 'zscore' });
    expect(d.train.count).toBe(3);
    expect(d.test!.count).toBe(2);
    for (let j = 0; j < 3; j++) {
      const col = [0, 1, 2].map((s) => d.train.inputs[s * 3 + j]);
      expect(col.reduce((a, b) => a + b)).toBeCloseTo(0, 13);
      expect(col.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 13);
    }
    expect(fileDataSet({ table: csv, test: 0.4 }).test!.count).toBe(2);
  });

  it('gives precise errors', () => {
    expect(() => fileDataSet({ table: csv, targets: { columns: [4] } })).toThrow('d.csv: target column 4 does not exist (the file has 4 columns: 0 … 3, or −1 for the last)');
    expect(() => fileDataSet({ table: csv, targets: { columns: [0, 1, 2, 3] } })).toThrow(/no input columns are left/);
    const frac = parseCsv('1,0.5\n2,1\n', 'f.csv');
    expect(() => fileDataSet({ table: frac, targets: { columns: [1] }, classify: true })).toThrow('f.csv: row 1: label 0.5 is not a class index (a whole number ≥ 0)');
    expect(() => fileDataSet({ table: csv, classify: true })).toThrow(/classification needs targets/);
    expect(() => fileDataSet({ table: csv, test: 5 })).toThrow('d.csv: a test split of 5 leaves no training samples (5 in all)');
    expect(() => parseDataFile('x.npy', 'text')).toThrow(/must be given as bytes/);
    expect(() => parseDataFile('x.csv', new Uint8Array([0x31, 0xff]))).toThrow('x.csv: not UTF-8 text (byte 1 is 0xff); binary data must be a .npy file');
  });

  it('decodes UTF-8 (multi-byte characters and surrogate pairs)', () => {
    const s = 'x,ÿ,€,😀\n1,2,3,4';
    expect(decodeUtf8(utf8(s), 'u.csv')).toBe(s);
    expect(parseDataFile('u.csv', utf8(s)).header).toEqual(['x', 'ÿ', '€', '😀']);
  });
});
