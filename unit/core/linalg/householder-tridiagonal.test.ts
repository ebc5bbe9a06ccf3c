import { describe, expect, it } from 'vitest';
import { applyHouseholderQ, householderTridiagonalize } from '../../../core/linalg/householder-tridiagonal.ts';
import { catalogue } from './catalogue.ts';
import { matMul, mulberry32, orthogonalityError, randomSymmetric, spectralNorm } from './helpers.ts';

// Backward stability of the reduction: ‖Q T Qᵀ − A‖ = O(nε‖A‖), entrywise 1e-13‖A‖ for n ≤ 130.
const BACKWARD = 1e-13;

function explicitQ(t: ReturnType<typeof householderTridiagonalize>): Float64Array {
  const n = t.n;
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  applyHouseholderQ(t, Q, n);
  return Q;
}

function reconstruct(n: number, t: ReturnType<typeof householderTridiagonalize>, Q: Float64Array): Float64Array {
  const T = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    T[i * n + i] = t.diagonal[i];
    if (i > 0) T[i * n + i - 1] = T[(i - 1) * n + i] = t.offDiagonal[i - 1];
  }
  const Qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Qt[j * n + i] = Q[i * n + j];
  return matMul(n, n, n, matMul(n, n, n, Q, T), Qt);
}

describe('householderTridiagonalize / applyHouseholderQ', () => {
  // Sizes around the 8-row unrolling and the 64-reflector blocks of the back-transformation.
  for (const n of [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 17, 33, 34, 35, 66, 130]) {
    it(`A = Q T Qᵀ with orthogonal Q, n = ${n}`, () => {
      const A = randomSymmetric(n, mulberry32(n));
      const copy = A.slice();
      const t = householderTridiagonalize(n, A);
      expect(A).toEqual(copy);
      const Q = explicitQ(t);
      expect(orthogonalityError(n, Q)).toBeLessThan(BACKWARD);
      const B = reconstruct(n, t, Q);
      let worst = 0;
      for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(B[i] - A[i]));
      let norm = 0;
      for (let i = 0; i < n * n; i++) norm = Math.max(norm, Math.abs(A[i]));
      expect(worst).toBeLessThan(BACKWARD * n * norm);
    });
  }

  it('preserves the trace and Frobenius norm on the catalogue', () => {
    for (const entry of catalogue) {
      const { n, A, eigenvalues } = entry;
      const t = householderTridiagonalize(n, A);
      let trace = 0;
      let frob = 0;
      for (let i = 0; i < n; i++) {
        trace += A[i * n + i];
        for (let j = 0; j < n; j++) frob += A[i * n + j] ** 2;
      }
      let traceT = 0;
      let frobT = 0;
      for (let i = 0; i < n; i++) {
        traceT += t.diagonal[i];
        frobT += t.diagonal[i] ** 2 + (i < n - 1 ? 2 * t.offDiagonal[i] ** 2 : 0);
      }
      const scale = Math.max(spectralNorm(eigenvalues), 1e-300);
      expect(Math.abs(trace - traceT) / scale, entry.name).toBeLessThan(1e-12 * n);
      expect(Math.abs(Math.sqrt(frob) - Math.sqrt(frobT)) / scale, entry.name).toBeLessThan(1e-12 * n);
    }
  });

  it('leaves an already tridiagonal matrix tridiagonal with the same entries up to sign', () => {
    const entry = catalogue.find((c) => c.name === 'wilkinson-21+')!;
    const t = householderTridiagonalize(entry.n, entry.A);
    for (let i = 0; i < entry.n; i++) expect(t.diagonal[i]).toBe(entry.A[i * entry.n + i]);
    for (let i = 0; i < entry.n - 1; i++) expect(Math.abs(t.offDiagonal[i])).toBe(1);
    expect(Array.from(t.tau).every((x) => x === 0)).toBe(true);
  });

  it('applies Q to a rectangular block of columns', () => {
    const n = 40;
    const t = householderTridiagonalize(n, randomSymmetric(n, mulberry32(9)));
    const Q = explicitQ(t);
    const c = 3;
    const Z = new Float64Array(n * c);
    const r = mulberry32(10);
    for (let i = 0; i < Z.length; i++) Z[i] = r() - 0.5;
    const expected = matMul(n, n, c, Q, Z);
    applyHouseholderQ(t, Z, c);
    let worst = 0;
    for (let i = 0; i < Z.length; i++) worst = Math.max(worst, Math.abs(Z[i] - expected[i]));
    expect(worst).toBeLessThan(1e-14 * n);
  });
});
