import { describe, expect, it } from 'vitest';
import { svd } from '../../../core/linalg/svd.ts';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { mulberry32 } from './helpers.ts';

describe('svd (numeric)', () => {
  for (const [m, n] of [
    [8, 5],
    [5, 8],
    [6, 6],
  ]) {
    it(`reconstructs a ${m}×${n} matrix with orthonormal factors and descending values`, () => {
      const r = mulberry32(m * 10 + n);
      const A = Float64Array.from({ length: m * n }, () => r() - 0.5);
      const { values, U, V } = svd(m, n, A);
      const k = Math.min(m, n);
      for (let j = 1; j < k; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
      // A = U Σ Vᵀ to rounding (numeric's Golub–Reinsch is backward stable).
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let q = 0; q < k; q++) s += U[i * k + q] * values[q] * V[j * k + q];
          expect(Math.abs(s - A[i * n + j])).toBeLessThan(1e-13);
        }
      }
      for (const [F, rows] of [
        [U, m],
        [V, n],
      ] as const) {
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) {
            let s = 0;
            for (let i = 0; i < rows; i++) s += F[i * k + a] * F[i * k + b];
            expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-13);
          }
        }
      }
      // Cross-check: σ² are the eigenvalues of AᵀA (or AAᵀ).
      const small = m >= n ? n : m;
      const G = new Float64Array(small * small);
      for (let a = 0; a < small; a++) {
        for (let b = 0; b < small; b++) {
          let s = 0;
          if (m >= n) for (let i = 0; i < m; i++) s += A[i * n + a] * A[i * n + b];
          else for (let j = 0; j < n; j++) s += A[a * n + j] * A[b * n + j];
          G[a * small + b] = s;
        }
      }
      const eig = symmetricEigen(small, G).values.reverse();
      for (let j = 0; j < k; j++) expect(Math.abs(values[j] ** 2 - eig[j])).toBeLessThan(1e-13);
    });
  }

  it('returns empty factors for an empty matrix', () => {
    expect(svd(0, 3, new Float64Array(0)).values.length).toBe(0);
  });
});
