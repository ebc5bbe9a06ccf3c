/**
 * Full eigendecomposition of a dense real symmetric matrix: A = V diag(λ) Vᵀ, eigenvalues
 * ascending, eigenvectors as the columns of V (row-major n×n).
 *
 * The classical three-phase method (Golub & Van Loan, Matrix Computations, 4th ed., §8.3–8.4;
 * LAPACK dsyevd/dsyevx): Householder tridiagonalisation A = Q T Qᵀ (householder-tridiagonal.ts,
 * GVL Alg. 8.3.1); T split into unreduced blocks where |e_i| ≤ ε(|d_i| + |d_{i+1}|); eigenvalues
 * alone by implicit QL with Wilkinson's shift (tridiagonal-ql.ts, GVL Alg. 8.3.2); eigenvectors of
 * T by inverse iteration (tridiagonal-inverse-iteration.ts, LAPACK dstein) when the spectrum has
 * only small clusters, else by divide and conquer (tridiagonal-divide-conquer.ts, Cuppen /
 * Gu–Eisenstat, LAPACK dstedc), back-transformed by the blocked compact-WY application of Q.
 * Each eigenvector's largest-magnitude entry is made positive, so results are reproducible.
 *
 * Accuracy: backward stable; |λ̂ − λ| = O(ε‖A‖), ‖Av − λv‖ = O(ε‖A‖), ‖VᵀV − I‖ = O(ε) (both
 * eigenvector methods, inverse iteration keeping its clusters orthogonal by Gram–Schmidt).
 * Special cases: n = 0 gives empty arrays; only the lower triangle of A is read; A is not
 * modified; non-finite entries throw.
 * Cost: (4/3)n³ flops for eigenvalues only; with vectors + 2n³ (back-transformation) +
 * O(n²) (inverse iteration, small clusters) or ≤ (4/3)n³ (divide and conquer, less with
 * clustering, which deflates).
 */
import { applyHouseholderQ, householderTridiagonalize } from './householder-tridiagonal.ts';
import { tridiagonalDivideConquer } from './tridiagonal-divide-conquer.ts';
import { tridiagonalInverseIteration } from './tridiagonal-inverse-iteration.ts';
import { ascendingOrder, implicitQL } from './tridiagonal-ql.ts';

export interface SymmetricEigenOptions {
  /** Also compute the eigenvectors (default false). */
  readonly vectors?: boolean;
  /**
   * Eigenvectors of the tridiagonal matrix by 'divide-conquer', 'inverse-iteration', or 'auto'
   * (default): inverse iteration when the eigenvalues form only small clusters (it is then ≈ 4×
   * cheaper), divide and conquer otherwise (its cost falls with clustering, inverse iteration's
   * Gram–Schmidt grows as the square of the cluster size).
   */
  readonly method?: 'auto' | 'divide-conquer' | 'inverse-iteration';
}

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. Present iff requested. */
  readonly vectors?: Float64Array;
}

export function symmetricEigen(n: number, A: Float64Array, options: SymmetricEigenOptions & { readonly vectors: true }): SymmetricEigen & { readonly vectors: Float64Array };
export function symmetricEigen(n: number, A: Float64Array, options?: SymmetricEigenOptions): SymmetricEigen;
export function symmetricEigen(n: number, A: Float64Array, options: SymmetricEigenOptions = {}): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`symmetricEigen: invalid dimension ${n}`);
  if (A.length < n * n) throw new RangeError(`symmetricEigen: matrix has ${A.length} entries, expected ${n * n}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      if (!Number.isFinite(A[i * n + j])) throw new Error(`symmetricEigen: A[${i}, ${j}] is not finite`);
    }
  }
  const wantVectors = options.vectors === true;
  if (n === 0) return wantVectors ? { values: new Float64Array(0), vectors: new Float64Array(0) } : { values: new Float64Array(0) };

  const t = householderTridiagonalize(n, A);
  const d = t.diagonal;
  const e = new Float64Array(n);
  e.set(t.offDiagonal);
  // Split into unreduced blocks (the same test the QL iteration uses for deflation).
  const eps = Number.EPSILON;
  for (let i = 0; i < n - 1; i++) {
    if (Math.abs(e[i]) <= eps * (Math.abs(d[i]) + Math.abs(d[i + 1]))) e[i] = 0;
  }

  const lambda = new Float64Array(n);
  lambda.set(d);
  const scratch = new Float64Array(n + 1);
  if (!wantVectors) {
    scratch.set(e.subarray(0, n - 1));
    implicitQL(n, lambda, scratch);
    lambda.sort();
    return { values: lambda };
  }

  // Eigenvalues per unreduced block (ascending within each block) for inverse iteration, and
  // the Gram–Schmidt work its clusters would cost.
  let method = options.method ?? 'auto';
  const blockStarts: number[] = [];
  let clusterWork = 0;
  if (method !== 'divide-conquer') {
    let start = 0;
    while (start < n) {
      let end = start;
      while (end < n - 1 && e[end] !== 0) end++;
      const m = end - start + 1;
      const blockValues = lambda.subarray(start, end + 1);
      const blockOff = scratch.subarray(0, m);
      blockOff.fill(0);
      blockOff.set(e.subarray(start, end));
      implicitQL(m, blockValues, blockOff);
      blockValues.sort();
      blockStarts.push(start);
      clusterWork += clusterCost(d, e, start, end, blockValues);
      start = end + 1;
    }
    if (method === 'auto') method = clusterWork <= CLUSTER_WORK_LIMIT * n ? 'inverse-iteration' : 'divide-conquer';
  }

  const values = new Float64Array(n);
  let Z: Float64Array;
  if (method === 'divide-conquer') {
    const dc = tridiagonalDivideConquer(n, d, e.subarray(0, n - 1));
    values.set(dc.values);
    Z = dc.vectors;
  } else {
    // Vectors as rows of Zt (row j ↔ lambda[j]), nonzero only on the block's index range.
    const Zt = new Float64Array(n * n);
    for (let b = 0; b < blockStarts.length; b++) {
      const start = blockStarts[b];
      const end = b + 1 < blockStarts.length ? blockStarts[b + 1] - 1 : n - 1;
      tridiagonalInverseIteration(d.subarray(start, end + 1), e.subarray(start, end), lambda.subarray(start, end + 1), Zt, start * n + start, n);
    }
    // Global ascending order; Z (row-major, column j = vector j) from the rows of Zt.
    const order = ascendingOrder(lambda);
    Z = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const src = order[j];
      values[j] = lambda[src];
      const row = src * n;
      for (let i = 0; i < n; i++) {
        const z = Zt[row + i];
        if (z !== 0) Z[i * n + j] = z;
      }
    }
  }
  applyHouseholderQ(t, Z, n);
  normaliseSigns(n, Z);
  return { values, vectors: Z };
}

/** Inverse iteration is chosen while Σ (cluster size)² ≤ this · n. */
const CLUSTER_WORK_LIMIT = 16;

/**
 * Σ c² over the clusters of one block's eigenvalues, a cluster being a chain of eigenvalues
 * within 1e-3‖T_block‖₁ of the next (inverse iteration's reorthogonalisation criterion).
 */
function clusterCost(d: Float64Array, e: Float64Array, start: number, end: number, values: Float64Array): number {
  let oneNorm = 0;
  for (let i = start; i <= end; i++) {
    const left = i > start ? Math.abs(e[i - 1]) : 0;
    const right = i < end ? Math.abs(e[i]) : 0;
    oneNorm = Math.max(oneNorm, Math.abs(d[i]) + left + right);
  }
  const tolerance = 1e-3 * oneNorm;
  let cost = 0;
  let size = 1;
  for (let j = 1; j < values.length; j++) {
    if (values[j] - values[j - 1] > tolerance) {
      cost += size * size;
      size = 1;
    } else size++;
  }
  return cost + size * size;
}

/** Flips each column so that its first largest-magnitude entry is positive. */
function normaliseSigns(n: number, V: Float64Array): void {
  const best = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const a = Math.abs(V[row + j]);
      // Tolerate rounding ties so the choice does not depend on the last bit.
      if (a > best[j] * (1 + 1e-12)) {
        best[j] = a;
        sign[j] = V[row + j] < 0 ? -1 : 1;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) if (sign[j] < 0) V[row + j] = -V[row + j];
  }
}
