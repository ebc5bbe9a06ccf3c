import { describe, expect, it } from 'vitest';
import { gemmNT, gemmTN, transpose } from '../../../../core/problems/network/kernels.ts';
import { createRng } from '../../../../core/random/rng.ts';

/** Same sums in possibly different order: rounding-level agreement. */
const TOL = 1e-13;

function naiveNT(m: number, n: number, k: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) C[i * n + j] += A[aOff + i * k + p] * B[bOff + j * k + p];
  return C;
}

function naiveTN(m: number, n: number, k: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) C[i * n + j] += A[aOff + p * m + i] * B[bOff + p * n + j];
  return C;
}

describe('kernels', () => {
  const rng = createRng(8);
  const shapes: [number, number, number][] = [
    [0, 3, 2], [3, 0, 2], [3, 2, 0], [1, 1, 1], [2, 4, 3], [5, 7, 3], [7, 5, 9], [16, 4, 16], [3, 13, 1],
  ];

  for (const [m, n, k] of shapes) {
    it(`gemmNT and gemmTN match naive products for m=${m}, n=${n}, k=${k}, with offsets`, () => {
      const aOff = 3;
      const bOff = 5;
      const cOff = 2;
      const A = rng.fillNormal(new Float64Array(aOff + m * k + 4));
      const B = rng.fillNormal(new Float64Array(bOff + n * k + 4));
      const C = rng.fillNormal(new Float64Array(cOff + m * n + 3));
      const before = Float64Array.from(C);
      gemmNT(m, n, k, A, aOff, B, bOff, C, cOff, false);
      const ref = naiveNT(m, n, k, A, aOff, B, bOff);
      for (let i = 0; i < m * n; i++) expect(Math.abs(C[cOff + i] - ref[i])).toBeLessThan(TOL * (1 + Math.abs(ref[i])));
      // Entries outside the block are untouched.
      for (let i = 0; i < cOff; i++) expect(C[i]).toBe(before[i]);
      for (let i = cOff + m * n; i < C.length; i++) expect(C[i]).toBe(before[i]);
      // Accumulating adds the product once more.
      gemmNT(m, n, k, A, aOff, B, bOff, C, cOff, true);
      for (let i = 0; i < m * n; i++) expect(Math.abs(C[cOff + i] - 2 * ref[i])).toBeLessThan(2 * TOL * (1 + Math.abs(ref[i])));

      // gemmTN: A is k×m, B is k×n.
      const At = rng.fillNormal(new Float64Array(aOff + k * m + 1));
      const Bt = rng.fillNormal(new Float64Array(bOff + k * n + 1));
      const D = rng.fillNormal(new Float64Array(cOff + m * n + 1));
      const start = Float64Array.from(D);
      gemmTN(m, n, k, At, aOff, Bt, bOff, D, cOff);
      const refTN = naiveTN(m, n, k, At, aOff, Bt, bOff);
      for (let i = 0; i < m * n; i++) expect(Math.abs(D[cOff + i] - start[cOff + i] - refTN[i])).toBeLessThan(TOL * (1 + Math.abs(refTN[i]) + Math.abs(start[cOff + i])));
      expect(D[D.length - 1]).toBe(start[start.length - 1]);
    });
  }

  it('transpose', () => {
    const S = Float64Array.from([9, 1, 2, 3, 4, 5, 6]);
    const T = new Float64Array(8);
    transpose(2, 3, S, 1, T, 2);
    expect([...T]).toEqual([0, 0, 1, 4, 2, 5, 3, 6]);
  });
});
