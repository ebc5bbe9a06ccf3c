import { describe, expect, it } from 'vitest';
import { diagonalMatrix, frobeniusNorm, fromEigen, identity, isSymmetric, matmul, maxAbs, symmetrize, transpose } from '../../../core/linalg/matrix.ts';
import { matMul, maxAbsDiff, mulberry32, randomOrthogonal } from './helpers.ts';

describe('matrix helpers', () => {
  it('identity, diagonalMatrix, transpose (tiled, non-square), maxAbs, frobeniusNorm', () => {
    expect(Array.from(identity(2))).toEqual([1, 0, 0, 1]);
    expect(Array.from(diagonalMatrix([2, -3]))).toEqual([2, 0, 0, -3]);
    const m = 37;
    const n = 70;
    const r = mulberry32(1);
    const A = Float64Array.from({ length: m * n }, () => r());
    const T = transpose(m, n, A);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(T[j * m + i]).toBe(A[i * n + j]);
    expect(maxAbs(Float64Array.of(1, -5, 3))).toBe(5);
    expect(Number.isNaN(maxAbs(Float64Array.of(1, NaN)))).toBe(true);
    expect(frobeniusNorm(2, 2, Float64Array.of(1, 2, 2, 4))).toBe(5);
  });

  it('matmul matches plain loops; symmetrize and isSymmetric', () => {
    const r = mulberry32(2);
    const A = Float64Array.from({ length: 3 * 4 }, () => r());
    const B = Float64Array.from({ length: 4 * 5 }, () => r());
    expect(maxAbsDiff(matmul(3, 4, 5, A, B), matMul(3, 4, 5, A, B))).toBeLessThan(1e-15);
    const S = Float64Array.of(1, 2, 4, 3);
    expect(isSymmetric(2, S)).toBe(false);
    expect(isSymmetric(2, S, 0.5)).toBe(true); // |2 − 4| ≤ 0.5·max|S| = 2
    expect(Array.from(symmetrize(2, S))).toEqual([1, 3, 3, 3]);
    expect(isSymmetric(2, S)).toBe(true);
  });

  it('fromEigen builds V diag(λ) Vᵀ with the given spectrum', () => {
    const n = 6;
    const V = randomOrthogonal(n, mulberry32(3));
    const values = [-2, 0, 0, 1, 3, 7];
    const A = fromEigen(n, values, V);
    expect(isSymmetric(n, A)).toBe(true);
    // A v_j = λ_j v_j
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let q = 0; q < n; q++) s += A[i * n + q] * V[q * n + j];
        expect(Math.abs(s - values[j] * V[i * n + j])).toBeLessThan(1e-14 * 7);
      }
    }
  });
});
