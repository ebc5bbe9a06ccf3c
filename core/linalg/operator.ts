/**
 * Linear operators: the interface every iterative solver in core/linalg takes (Lanczos, SLQ,
 * Hutchinson, MINRES, MINRES-QLP, CG), as in SciPy's `LinearOperator` and JAX's `fun`.
 * An operator writes A·v into `out` (length n, never aliased with `v`) and must not keep or
 * modify `v`. The dimension n is passed next to it, never inferred.
 *
 * `denseOperator` wraps a row-major n×n matrix (a full symmetric matrix, or any square matrix
 * for the non-symmetric callers); `shiftedOperator` gives v ↦ (A − σI)v.
 * Cost: one call = one operator application; the dense wrapper costs 2n² flops.
 */
import { gemv } from './blas.ts';

/** v ↦ A v, written into `out`. */
export type LinearOperator = (v: Float64Array, out: Float64Array) => void;

/** The operator of a dense row-major n×n matrix (not copied: later changes to `A` show). */
export function denseOperator(n: number, A: Float64Array): LinearOperator {
  if (A.length < n * n) throw new RangeError(`denseOperator: matrix has ${A.length} entries, expected ${n * n}`);
  return (v, out) => gemv(false, n, n, 1, A, n, 0, v, 1, 0, 0, out, 1, 0);
}

/** v ↦ (A − σI) v. */
export function shiftedOperator(n: number, A: LinearOperator, sigma: number): LinearOperator {
  if (sigma === 0) return A;
  return (v, out) => {
    A(v, out);
    for (let i = 0; i < n; i++) out[i] -= sigma * v[i];
  };
}
