/**
 * Shared contract of the symmetric Krylov solvers (minres.ts, minres-qlp.ts, cg.ts): options,
 * the readonly result record and its stop flags. The relative residuals are those of Choi, Paige
 * & Saunders, "MINRES-QLP", SIAM J. Sci. Comput. 33 (2011) §2.5 / §6 (and DESIGN.md §4, where
 * gradient-flatness is read off them):
 *   relres  = ‖r‖ / (‖A‖‖x‖ + ‖b‖),     r = b − (A − σI)x      (small: x solves the system)
 *   relAres = ‖Ar‖ / (‖A‖‖r‖)                                  (small: x is a least-squares solution)
 * with ‖A‖ the solver's estimate of ‖A − σI‖₂.
 */

/**
 * Why a solver stopped.
 * - 'x-zero'          b = 0, so x = 0 exactly (no iteration).
 * - 'compatible'      relres ≤ rtol (or as small as machine precision allows): x solves
 *                     (A − σI)x = b; for MINRES-QLP on a singular compatible system it is the
 *                     minimum-length (pseudo-inverse) solution.
 * - 'least-squares'   relAres ≤ rtol (or at machine precision): b appears not to lie in the range
 *                     of A − σI and x minimises ‖b − (A − σI)x‖; both MINRES-QLP and MINRES
 *                     return the minimum-length such x (MINRES through the lifting step below;
 *                     with lift: false its x may carry a multiple of b's null-space part).
 * - 'iteration-limit' maxIterations reached first.
 * - 'condition-limit' the estimate of cond(A − σI) reached acondLimit (or 0.1/ε): the system is
 *                     numerically singular on the Krylov subspace and no test passed.
 * - 'norm-limit'      ‖x‖ reached maxXnorm, or ε‖A‖‖x‖ ≥ ‖b‖ (x has grown like an eigenvector of
 *                     A − σI, as in inverse iteration): typical of incompatible systems solved by
 *                     plain MINRES, or a shift sitting on an eigenvalue.
 * - 'indefinite'      (CG only) a direction p with pᵀAp ≤ 0 was met; x is the last iterate.
 * - 'non-finite'      the operator produced NaN or ±∞; x is the last finite iterate.
 */
export type KrylovFlag =
  | 'x-zero'
  | 'compatible'
  | 'least-squares'
  | 'iteration-limit'
  | 'condition-limit'
  | 'norm-limit'
  | 'indefinite'
  | 'non-finite';

export interface KrylovOptions {
  /** Relative tolerance for both relres and relAres (default 1e-6). */
  readonly rtol?: number;
  /** Iteration limit (default 4n). */
  readonly maxIterations?: number;
  /** Solve (A − shift·I)x = b (default 0). */
  readonly shift?: number;
  /** Stop when ‖x‖ would exceed this (default 1e7, as in the SOL codes). */
  readonly maxXnorm?: number;
  /** Stop when the cond(A) estimate exceeds this (default 1e15, i.e. ≈ 0.1/ε). */
  readonly acondLimit?: number;
  /**
   * Compute r = b − (A − σI)x and A·r explicitly at the end (two extra operator applications) so
   * rnorm, arnorm, relres and relAres are exact for the returned x (default true). Otherwise they
   * are the solver's recurrence estimates (arnorm then refers to the previous iterate).
   */
  readonly computeResiduals?: boolean;
}

export interface KrylovResult {
  /** The solution (for a workspace solve: the workspace's x, overwritten by the next solve). */
  readonly x: Float64Array;
  readonly flag: KrylovFlag;
  /** Iterations (= operator applications inside the loop). */
  readonly iterations: number;
  /** All operator applications, including the final residual check. */
  readonly matvecs: number;
  /** ‖r‖ = ‖b − (A − σI)x‖. */
  readonly rnorm: number;
  /** ‖(A − σI) r‖. */
  readonly arnorm: number;
  /** Estimate of ‖A − σI‖₂ (a lower bound from the Lanczos tridiagonal). */
  readonly anorm: number;
  /** Estimate of cond(A − σI) (usually an underestimate). */
  readonly acond: number;
  /** ‖x‖. */
  readonly xnorm: number;
  /** ‖b‖. */
  readonly bnorm: number;
  /** rnorm / (anorm·xnorm + bnorm). */
  readonly relres: number;
  /** arnorm / (anorm·rnorm) (0 when r = 0). */
  readonly relAres: number;
  /**
   * MINRES / MINRES-QLP: x was lifted to the minimum-length solution (see liftToMinimumLength);
   * rnorm etc. are then those of the lifted x, whose relAres can exceed rtol by the size of the
   * removed null-space component.
   */
  readonly lifted?: boolean;
}

/**
 * r ← b − (A − σI)x and Ar ← (A − σI)r; returns ‖r‖, ‖Ar‖ and ‖x‖ (two operator applications).
 */
export function trueResiduals(
  n: number,
  A: (v: Float64Array, out: Float64Array) => void,
  shift: number,
  b: Float64Array,
  x: Float64Array,
  r: Float64Array,
  Ar: Float64Array,
): { rnorm: number; arnorm: number; xnorm: number } {
  A(x, r);
  let rr = 0;
  let xx = 0;
  for (let i = 0; i < n; i++) {
    const ri = b[i] - r[i] + shift * x[i];
    r[i] = ri;
    rr += ri * ri;
    xx += x[i] * x[i];
  }
  A(r, Ar);
  let ar = 0;
  for (let i = 0; i < n; i++) {
    const t = Ar[i] - shift * r[i];
    Ar[i] = t;
    ar += t * t;
  }
  return { rnorm: Math.sqrt(rr), arnorm: Math.sqrt(ar), xnorm: Math.sqrt(xx) };
}

/**
 * "Lifting" of a Krylov least-squares iterate to the minimum-length solution (Liu, Milzarek &
 * Roosta, "Obtaining pseudo-inverse solutions with MINRES", 2023, §3): every x in K_k(A, b) has
 * null-space component c·b_N, and at a least-squares solution the residual r equals b_N, so
 * x ← x − (rᵀx / rᵀr) r removes it. Valid only when x is (nearly) a least-squares solution.
 */
export function liftToMinimumLength(n: number, x: Float64Array, r: Float64Array): void {
  let rx = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    rx += r[i] * x[i];
    rr += r[i] * r[i];
  }
  if (rr === 0) return;
  const c = rx / rr;
  for (let i = 0; i < n; i++) x[i] -= c * r[i];
}
