import { describe, expect, it } from 'vitest';
import { ascendingOrder, implicitQL, tridiagonalEigen } from '../../../core/linalg/tridiagonal-ql.ts';
import { maxAbsDiff, orthogonalityError } from './helpers.ts';

describe('tridiagonalEigen (implicit QL)', () => {
  it('matches 2 − 2cos(jπ/(n+1)) for tridiag(−1, 2, −1), n = 300, with orthonormal vectors', () => {
    const n = 300;
    const { values, vectors } = tridiagonalEigen(n, new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1), { vectors: 'all' });
    const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
    // Backward stable: O(ε‖T‖) with ‖T‖ ≤ 4.
    expect(maxAbsDiff(values, exact)).toBeLessThan(1e-13);
    expect(orthogonalityError(n, vectors!)).toBeLessThan(1e-12);
  });

  it('gives Gauss–Legendre nodes and weights from the Jacobi matrix (Golub–Welsch)', () => {
    // Legendre: α_k = 0, β_k = k/√(4k² − 1); weights = 2·(first component)².
    const n = 5;
    const beta = Float64Array.from({ length: n - 1 }, (_, i) => (i + 1) / Math.sqrt(4 * (i + 1) ** 2 - 1));
    const { values, firstComponents } = tridiagonalEigen(n, new Float64Array(n), beta, { vectors: 'first' });
    const nodes = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
    const weights = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
    expect(maxAbsDiff(values, nodes)).toBeLessThan(1e-15);
    expect(maxAbsDiff(firstComponents!.map((z) => 2 * z * z), weights)).toBeLessThan(1e-15);
  });

  it('first components equal row 0 of the full eigenvector matrix', () => {
    const n = 12;
    const d = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const e = Float64Array.from({ length: n - 1 }, (_, i) => 0.3 + Math.cos(i) ** 2);
    const all = tridiagonalEigen(n, d, e, { vectors: 'all' });
    const first = tridiagonalEigen(n, d, e, { vectors: 'first' });
    expect(maxAbsDiff(first.values, all.values)).toBe(0);
    expect(maxAbsDiff(first.firstComponents!, all.vectors!.subarray(0, n))).toBeLessThan(1e-15);
  });

  it('handles n = 0, 1, split matrices, zero blocks next to large entries, and rejects NaN', () => {
    expect(tridiagonalEigen(0, [], []).values.length).toBe(0);
    expect(Array.from(tridiagonalEigen(1, [7], []).values)).toEqual([7]);
    expect(Array.from(tridiagonalEigen(1, [7], [], { vectors: 'all' }).vectors!)).toEqual([1]);
    const split = tridiagonalEigen(4, [1, 2, 3, 4], [1, 0, 1]);
    const exact = [1.5 - Math.sqrt(1.25), 1.5 + Math.sqrt(1.25), 3.5 - Math.sqrt(1.25), 3.5 + Math.sqrt(1.25)].sort((a, b) => a - b);
    expect(maxAbsDiff(split.values, exact)).toBeLessThan(1e-15);
    // A block of rounding-noise entries below O(1) ones: must converge (absolute deflation test).
    const n = 40;
    const d = Float64Array.from({ length: n }, (_, i) => (i < 5 ? 3 + i : 1e-17 * Math.sin(i)));
    const e = Float64Array.from({ length: n - 1 }, (_, i) => (i < 5 ? 1 : 5e-16 * Math.cos(i)));
    const values = tridiagonalEigen(n, d, e).values;
    expect(values.filter((v) => Math.abs(v) < 1e-14).length).toBe(n - 6);
    const dd = Float64Array.of(1, NaN);
    expect(() => implicitQL(2, dd, new Float64Array(2))).toThrow(/non-finite/);
  });

  it('ascendingOrder is a stable sort permutation', () => {
    expect(Array.from(ascendingOrder([3, 1, 2, 1]))).toEqual([1, 3, 2, 0]);
  });
});
