import { describe, expect, it } from 'vitest';
import type { SpecInput } from '../../core/experiment/spec.ts';
import { DATA_LIMITS } from '../../core/problems/data/data-set.ts';
import { checkFileSize, dataFilesOf, describeFile, filesForRun, type PickedFile } from '../../renderer/src/lib/data-files.ts';

const network = (data: Record<string, unknown>): SpecInput => ({ problem: { kind: 'network', layers: [3, 2, 3], data } }) as unknown as SpecInput;
const bytes = (text: string) => new TextEncoder().encode(text);
const table = (name: string, rows: number, columns: number): PickedFile => ({ name, serial: 1, bytes: bytes('1,2,3\n'), summary: { rows, columns, header: null }, problem: null });

describe('picked data files', () => {
  it('lists the data files a spec names, with their fields', () => {
    expect(dataFilesOf({ problem: { kind: 'function', name: 'himmelblau' } } as SpecInput)).toEqual([]);
    expect(dataFilesOf(network({ kind: 'gaussian', samples: 10, spectrum: [1, 2, 3] }))).toEqual([]);
    expect(dataFilesOf(network({ kind: 'file', path: 'x.csv' }))).toEqual([{ field: 'problem.data.path', name: 'x.csv' }]);
    expect(dataFilesOf(network({ kind: 'file', path: 'x.csv', targets: { columns: [-1] } }))).toHaveLength(1);
    expect(dataFilesOf(network({ kind: 'file', path: 'x.npy', targets: { path: 'y.csv' } }))).toEqual([
      { field: 'problem.data.path', name: 'x.npy' },
      { field: 'problem.data.targets.path', name: 'y.csv' },
    ]);
  });

  it('gives a run the picked files its spec names, and an issue at each field whose file is missing or unreadable', () => {
    const picked = new Map<string, PickedFile>([
      ['x.csv', table('x.csv', 10, 3)],
      ['junk.csv', { name: 'junk.csv', serial: 2, bytes: bytes('a,b\n1,zz\n'), summary: null, problem: "junk.csv: row 2, column 2: 'zz' is not a number" }],
      ['other.csv', table('other.csv', 4, 4)],
    ]);
    const ok = filesForRun(network({ kind: 'file', path: 'x.csv' }), picked);
    expect(ok.issues).toEqual([]);
    expect(Object.keys(ok.files)).toEqual(['x.csv']);
    expect(ok.files['x.csv']).toBe(picked.get('x.csv')!.bytes);

    const missing = filesForRun(network({ kind: 'file', path: 'x.csv', targets: { path: 'y.csv' } }), picked);
    expect(missing.issues).toEqual([{ path: 'problem.data.targets.path', message: expect.stringMatching(/^y\.csv is not loaded: choose the file/) }]);
    const unreadable = filesForRun(network({ kind: 'file', path: 'junk.csv' }), picked);
    expect(unreadable.issues).toEqual([{ path: 'problem.data.path', message: "junk.csv: row 2, column 2: 'zz' is not a number" }]);
    expect(unreadable.files).toEqual({});
  });

  it('refuses empty and oversized files before reading them, and describes a table by its shape', () => {
    expect(checkFileSize('a.csv', 0)).toMatch(/empty/);
    expect(checkFileSize('a.csv', DATA_LIMITS.maxBytes + 1)).toMatch(/too large/);
    expect(checkFileSize('a.csv', 10)).toBeNull();
    expect(describeFile(table('x.csv', 1000, 17))).toBe('1,000 rows × 17 columns');
    expect(describeFile({ ...table('x.csv', 1, 1), summary: { rows: 1, columns: 1, header: ['a', 'b', 'c', 'd', 'e'] } })).toBe('1 row × 1 column · header a, b, c, d, …');
  });
});
