/**
 * Small dense-matrix helpers on row-major Float64Array with explicit sizes (A[i, j] = A[i·n + j]
 * for an m×n matrix). None of them is a hot loop; the heavy work goes through blas.ts.
 * `fromEigen` builds V·diag(λ)·Vᵀ, the matrix with a prescribed spectrum (Golub & Van Loan,
 * Matrix Computations, 4th ed., Thm 8.1.1), used for ground truth in tests and benchmarks.
 * Cost: O(mn) except `matmul` (2mnk) and `fromEigen` (2n²k).
 */
import { gemm, nrm2 } from './blas.ts';

/** The n×n identity. */
export function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

/** The n×n matrix with `values` on the diagonal. */
export function diagonalMatrix(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) D[i * n + i] = values[i];
  return D;
}

/** Aᵀ (n×m) of an m×n matrix, into `out` when given (must not alias A). */
export function transpose(m: number, n: number, A: Float64Array, out: Float64Array = new Float64Array(m * n)): Float64Array {
  const B = 32; // tile so that both reads and writes stay in cache
  for (let i0 = 0; i0 < m; i0 += B) {
    const i1 = Math.min(m, i0 + B);
    for (let j0 = 0; j0 < n; j0 += B) {
      const j1 = Math.min(n, j0 + B);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * m + i] = A[i * n + j];
      }
    }
  }
  return out;
}

/** A·B for A m×k and B k×n (row-major), into `out` (m×n) when given. */
export function matmul(
  m: number,
  k: number,
  n: number,
  A: Float64Array,
  B: Float64Array,
  out: Float64Array = new Float64Array(m * n),
): Float64Array {
  gemm(false, false, m, n, k, 1, A, k, 0, B, n, 0, 0, out, n, 0);
  return out;
}

/** ‖A‖_F of an m×n matrix. */
export function frobeniusNorm(m: number, n: number, A: Float64Array): number {
  return nrm2(m * n, A, 1, 0);
}

/** max |A[i, j]| (0 for an empty matrix). */
export function maxAbs(A: ArrayLike<number>): number {
  let big = 0;
  for (let i = 0; i < A.length; i++) {
    const a = Math.abs(A[i]);
    if (a > big || Number.isNaN(a)) big = a;
  }
  return big;
}

/** Replaces A by (A + Aᵀ)/2 in place and returns it. */
export function symmetrize(n: number, A: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (A[i * n + j] + A[j * n + i]);
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  return A;
}

/** Whether |A[i, j] − A[j, i]| ≤ tolerance · max|A| for all i, j. */
export function isSymmetric(n: number, A: Float64Array, tolerance = 0): boolean {
  const bound = tolerance * maxAbs(A.subarray(0, n * n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!(Math.abs(A[i * n + j] - A[j * n + i]) <= bound)) return false;
    }
  }
  return true;
}

/**
 * V·diag(λ)·Vᵀ for V n×k (row-major, column j paired with λⱼ): the symmetric matrix with
 * eigenpairs (λⱼ, V[:, j]) when V has orthonormal columns.
 */
export function fromEigen(n: number, values: ArrayLike<number>, V: Float64Array, k = values.length): Float64Array {
  const VL = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) VL[i * k + j] = V[i * k + j] * values[j];
  }
  const A = new Float64Array(n * n);
  gemm(false, true, n, n, k, 1, VL, k, 0, V, k, 0, 0, A, n, 0);
  return symmetrize(n, A);
}
