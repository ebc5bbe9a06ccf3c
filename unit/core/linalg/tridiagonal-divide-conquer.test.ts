import { describe, expect, it } from 'vitest';
import { tridiagonalDivideConquer } from '../../../core/linalg/tridiagonal-divide-conquer.ts';
import { tridiagonalEigen } from '../../../core/linalg/tridiagonal-ql.ts';
import { maxAbsDiff, mulberry32, orthogonalityError } from './helpers.ts';

/** max_j ‖T z_j − λ_j z_j‖ for the columns of Z. */
function residual(n: number, d: ArrayLike<number>, e: ArrayLike<number>, values: Float64Array, Z: Float64Array): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let r = (d[i] - values[j]) * Z[i * n + j];
      if (i > 0) r += e[i - 1] * Z[(i - 1) * n + j];
      if (i < n - 1) r += e[i] * Z[(i + 1) * n + j];
      s += r * r;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

// Backward stable: residuals and eigenvalue errors O(nε‖T‖).
const BACKWARD = 1e-13;

describe('tridiagonalDivideConquer', () => {
  it('matches 2 − 2cos(jπ/(n+1)) with orthonormal vectors (several recursion depths)', () => {
    for (const n of [1, 2, 24, 25, 49, 100, 257]) {
      const d = new Float64Array(n).fill(2);
      const e = new Float64Array(Math.max(n - 1, 0)).fill(-1);
      const { values, vectors } = tridiagonalDivideConquer(n, d, e);
      const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
      expect(maxAbsDiff(values, exact), `n = ${n}`).toBeLessThan(BACKWARD * 4);
      expect(residual(n, d, e, values, vectors), `n = ${n}`).toBeLessThan(BACKWARD * 4);
      expect(orthogonalityError(n, vectors), `n = ${n}`).toBeLessThan(1e-13);
    }
  });

  it('glued Wilkinson matrices: tight clusters handled by deflation', () => {
    const blocks = 12;
    const n = 21 * blocks;
    const d = Float64Array.from({ length: n }, (_, i) => Math.abs(10 - (i % 21)));
    const e = Float64Array.from({ length: n - 1 }, (_, i) => ((i + 1) % 21 === 0 ? 1e-10 : 1));
    const { values, vectors } = tridiagonalDivideConquer(n, d, e);
    expect(maxAbsDiff(values, tridiagonalEigen(n, d, e).values)).toBeLessThan(BACKWARD * 12);
    expect(residual(n, d, e, values, vectors)).toBeLessThan(BACKWARD * 12);
    expect(orthogonalityError(n, vectors)).toBeLessThan(1e-12);
  });

  it('random tridiagonal with zero couplings, repeated diagonals and a tiny scale', () => {
    const random = mulberry32(1);
    const n = 150;
    for (const scale of [1, 1e-200, 1e200]) {
      const d = Float64Array.from({ length: n }, (_, i) => scale * (i % 7 === 0 ? 1 : random() - 0.5));
      const e = Float64Array.from({ length: n - 1 }, (_, i) => scale * (i % 13 === 0 ? 0 : random() - 0.5));
      const { values, vectors } = tridiagonalDivideConquer(n, d, e);
      expect(maxAbsDiff(values, tridiagonalEigen(n, d, e).values) / scale).toBeLessThan(BACKWARD);
      // Residual of the unscaled problem (squares of 1e200 would overflow).
      const unscale = (x: Float64Array): Float64Array => x.map((v) => v / scale);
      expect(residual(n, unscale(d), unscale(e), unscale(values), vectors)).toBeLessThan(BACKWARD);
      expect(orthogonalityError(n, vectors)).toBeLessThan(1e-13);
    }
  });

  it('handles the zero matrix, n = 0, and rejects non-finite input', () => {
    const zero = tridiagonalDivideConquer(30, new Float64Array(30), new Float64Array(29));
    expect(Array.from(zero.values).every((v) => v === 0)).toBe(true);
    expect(orthogonalityError(30, zero.vectors)).toBe(0);
    expect(tridiagonalDivideConquer(0, [], []).values.length).toBe(0);
    expect(() => tridiagonalDivideConquer(2, [1, Infinity], [0])).toThrow(/non-finite/);
  });
});
