import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../core/problems/data/data-set.ts';
import { parseNpy } from '../../../../core/problems/data/npy.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
/** A[i, j] = 10·i + j + 0.5 (fixtures/make-npy.py). */
const A = Array.from({ length: 12 }, (_, e) => 10 * Math.floor(e / 4) + (e % 4) + 0.5);

describe('parseNpy (fixtures written by NumPy)', () => {
  it.each(['c-f8.npy', 'c-f4.npy', 'big-endian-f8.npy', 'fortran-f8.npy', 'v2-f8.npy'])('%s: 3 × 4, values row-major', (name) => {
    const t = parseNpy(read(name), name);
    expect([t.rows, t.columns, t.header]).toEqual([3, 4, null]);
    expect([...t.values]).toEqual(A);
  });

  it('integer dtypes are converted', () => {
    expect([...parseNpy(read('c-i8.npy'), 'x').values]).toEqual(A.map(Math.floor));
    expect([...parseNpy(read('c-u1.npy'), 'x').values]).toEqual(A.map(Math.floor));
  });

  it('a 1-D array is one column', () => {
    const t = parseNpy(read('one-d-f8.npy'), 'y.npy');
    expect([t.rows, t.columns, ...t.values]).toEqual([3, 1, 0.5, 10.5, 20.5]);
  });

  it('reads from a Uint8Array view at any byte offset', () => {
    const bytes = read('c-f8.npy');
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect([...parseNpy(shifted.subarray(3), 'x').values]).toEqual(A);
  });

  it('gives precise errors', () => {
    const err = (bytes: Uint8Array, name = 'data.npy') => {
      try {
        parseNpy(bytes, name);
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err(read('nan-f8.npy'))).toBe('data.npy: element [1, 2] (row 2, column 3) is NaN');
    expect(err(read('three-d-f8.npy'))).toBe('data.npy: expected a 1-D or 2-D array (samples × columns), got shape (2, 2, 2)');
    expect(err(read('record.npy'))).toMatch(/structured arrays \(record dtypes\) are not supported/);
    expect(err(read('c-f8.npy').subarray(0, 150))).toBe('data.npy: file is truncated: shape (3, 4) needs 96 bytes of data, found 22');
    expect(err(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toMatch(/not a NumPy \.npy file/);
    const complex = read('c-f8.npy').slice();
    complex[complex.indexOf(0x3c) + 1] = 'c'.charCodeAt(0); // '<f8' → '<c8' (complex64)
    expect(err(complex)).toBe("data.npy: unsupported dtype '<c8' (use float64, float32, integers or bool)");
  });
});
