/**
 * A few extreme eigenpairs of a symmetric operator: thick-restart Lanczos with full
 * reorthogonalisation.
 *
 * Lanczos process: Golub & Van Loan, Matrix Computations, 4th ed., Alg. 10.1.1, with complete
 * reorthogonalisation (§10.3.1) by Gram–Schmidt applied twice ("twice is enough": Giraud,
 * Langou & Rozložník, Comput. Math. Appl. 50, 2005). Restarting: Wu & Simon,
 * "Thick-restart Lanczos method for large symmetric eigenvalue problems", SIAM J. Matrix Anal.
 * Appl. 22 (2000): when the basis V_m is full, the Rayleigh–Ritz pairs (θ_i, y_i) of
 * H_m = V_mᵀ A V_m are computed, the l most wanted Ritz vectors V_m y_i are kept with the residual
 * direction v_{m+1}, and H restarts as diag(θ) bordered by s_i = β_m y_i[m] (an arrowhead), which
 * is exact because A V_m y_i = θ_i V_m y_i + β_m y_i[m] v_{m+1}. A Ritz pair has converged when
 * its residual |β_m y_i[m]| ≤ tolerance·‖A‖ (‖A‖ estimated by the largest |θ| seen).
 *
 * which: 'largest' (algebraically largest, values descending), 'smallest' (most negative first,
 * values ascending), 'magnitude' (largest |λ| first).
 * Special cases: k ≥ n or a basis as large as n gives the whole spectrum exactly (up to
 * rounding); an invariant subspace (β ≈ 0) is continued with a fresh random direction orthogonal
 * to the basis. Results are seeded by the caller's `random`.
 * Cost per operator application: ≈ 4jn flops for the reorthogonalisation against j vectors;
 * per restart O(m³) for the small eigenproblem and 2mln to form the kept Ritz vectors;
 * storage (m + 1)·n.
 */
import { gemm } from './blas.ts';
import type { LinearOperator } from './operator.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

export type LanczosWhich = 'largest' | 'smallest' | 'magnitude';

export interface LanczosOptions {
  /** Number of eigenpairs wanted (1 ≤ k ≤ n). */
  readonly k: number;
  readonly which: LanczosWhich;
  /** Uniform [0, 1) generator for the start vector and any restart direction. */
  readonly random: () => number;
  /** Convergence: Ritz residual ≤ tolerance·‖A‖ (default 1e-10). */
  readonly tolerance?: number;
  /** Basis size m (default min(n, max(2k + 20, 40))). */
  readonly maxSubspace?: number;
  /** Limit on operator applications (default max(1000, 20n)). */
  readonly maxMatvecs?: number;
  /** Start vector (default: random). Not modified. */
  readonly start?: Float64Array;
  /** Also return the Ritz vectors (default false). */
  readonly vectors?: boolean;
}

export interface LanczosResult {
  /** The k Ritz values, most wanted first (see `which`). */
  readonly values: Float64Array;
  /** If requested: row-major n×k, column j is the unit Ritz vector of values[j]. */
  readonly vectors?: Float64Array;
  /** Residual norms ‖A x_j − θ_j x_j‖ (from the recurrence). */
  readonly residuals: Float64Array;
  /** How many of the k pairs met the tolerance. */
  readonly converged: number;
  readonly flag: 'converged' | 'iteration-limit';
  readonly matvecs: number;
  readonly restarts: number;
}

export function lanczos(n: number, A: LinearOperator, options: LanczosOptions): LanczosResult {
  const { k, which, random } = options;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`lanczos: need 1 ≤ k ≤ n (k = ${k}, n = ${n})`);
  const tolerance = options.tolerance ?? 1e-10;
  const m = Math.min(n, Math.max(options.maxSubspace ?? Math.max(2 * k + 20, 40), k + 2));
  const maxMatvecs = options.maxMatvecs ?? Math.max(1000, 20 * n);
  const eps = Number.EPSILON;

  // Basis rows V[0..m] (row m is the residual direction), projected matrix H (m×m).
  const V = new Float64Array((m + 1) * n);
  const H = new Float64Array(m * m);
  const h = new Float64Array(m + 1);
  const w = new Float64Array(n);
  const rows = Array.from({ length: m + 1 }, (_, j) => V.subarray(j * n, j * n + n));

  const v0 = rows[0];
  if (options.start !== undefined) v0.set(options.start.subarray(0, n));
  else for (let i = 0; i < n; i++) v0[i] = random() - 0.5;
  if (normalise(n, V, 0) === 0) {
    for (let i = 0; i < n; i++) v0[i] = random() - 0.5;
    normalise(n, V, 0);
  }

  let l = 0; // kept Ritz vectors at the front of the basis
  let j = 0; // next basis vector to expand
  let matvecs = 0;
  let restarts = 0;
  let normEstimate = 0;
  let betaLast = 0;
  let theta: Float64Array = new Float64Array(0);
  let Y: Float64Array = new Float64Array(0);
  let selected: Int32Array = new Int32Array(0);
  let size = m;

  for (;;) {
    // Expand the basis to size m (or n).
    size = m;
    for (; j < m; j++) {
      A(rows[j], w);
      matvecs++;
      // Two passes of (modified) Gram–Schmidt against V[0..j]; h accumulates the projections.
      h.fill(0, 0, j + 1);
      for (let pass = 0; pass < 2; pass++) {
        for (let q = 0; q <= j; q++) {
          const row = q * n;
          let s = 0;
          for (let i = 0; i < n; i++) s += V[row + i] * w[i];
          h[q] += s;
          for (let i = 0; i < n; i++) w[i] -= s * V[row + i];
        }
      }
      for (let q = 0; q <= j; q++) {
        // Column j of the projected matrix; rows < l carry the arrowhead already set at restart.
        if (q >= l || j !== l) {
          H[q * m + j] = h[q];
          H[j * m + q] = h[q];
        }
      }
      normEstimate = Math.max(normEstimate, Math.abs(h[j]));
      let beta = 0;
      for (let i = 0; i < n; i++) beta += w[i] * w[i];
      beta = Math.sqrt(beta);
      normEstimate = Math.max(normEstimate, beta);
      const next = (j + 1) * n;
      if (j + 1 >= n) {
        // The basis spans the whole space: the residual is zero.
        betaLast = 0;
        size = j + 1;
        break;
      }
      if (beta <= 100 * eps * Math.max(normEstimate, Number.MIN_VALUE)) {
        // Invariant subspace: continue from a random direction orthogonal to the basis.
        if (!randomOrthogonalDirection(n, V, j + 1, next, random)) {
          betaLast = 0;
          size = j + 1;
          break;
        }
        betaLast = 0;
        if (j + 1 < m) {
          H[(j + 1) * m + j] = 0;
          H[j * m + j + 1] = 0;
        }
        continue;
      }
      const inv = 1 / beta;
      for (let i = 0; i < n; i++) V[next + i] = w[i] * inv;
      betaLast = beta;
      if (j + 1 < m) {
        H[(j + 1) * m + j] = beta;
        H[j * m + j + 1] = beta;
      }
    }

    // Rayleigh–Ritz on the projected matrix.
    const Hs = size === m ? H : leadingBlock(H, m, size);
    const eig = symmetricEigen(size, Hs, { vectors: true });
    theta = eig.values;
    Y = eig.vectors;
    for (let i = 0; i < size; i++) normEstimate = Math.max(normEstimate, Math.abs(theta[i]));
    selected = preferenceOrder(theta, which);
    const threshold = tolerance * normEstimate;
    let converged = 0;
    for (let q = 0; q < k; q++) {
      const res = Math.abs(betaLast * Y[(size - 1) * size + selected[q]]);
      if (res <= threshold) converged++;
    }
    const exhausted = size < m || betaLast === 0;
    if (converged === k || exhausted || matvecs >= maxMatvecs) {
      return finish(size, converged === k || exhausted ? 'converged' : 'iteration-limit', converged);
    }

    // Thick restart: keep the l most wanted Ritz vectors and the residual direction.
    restarts++;
    l = Math.min(size - 1, k + Math.max(1, Math.floor((size - k) / 2)));
    restartBasis(n, V, size, Y, selected, l);
    H.fill(0);
    for (let q = 0; q < l; q++) {
      const s = betaLast * Y[(size - 1) * size + selected[q]];
      H[q * m + q] = theta[selected[q]];
      H[q * m + l] = s;
      H[l * m + q] = s;
    }
    j = l;
  }

  function finish(basisSize: number, flag: 'converged' | 'iteration-limit', converged: number): LanczosResult {
    const values = new Float64Array(k);
    const residuals = new Float64Array(k);
    for (let q = 0; q < k; q++) {
      values[q] = theta[selected[q]];
      residuals[q] = Math.abs(betaLast * Y[(basisSize - 1) * basisSize + selected[q]]);
    }
    const exhaustedCount = Math.min(k, basisSize);
    const result: LanczosResult = { values, residuals, converged: flag === 'converged' ? exhaustedCount : converged, flag, matvecs, restarts };
    if (options.vectors !== true) return result;
    // X = V_mᵀ Y[:, selected]: n×k.
    const Ysel = new Float64Array(basisSize * k);
    for (let r = 0; r < basisSize; r++) {
      for (let q = 0; q < k; q++) Ysel[r * k + q] = Y[r * basisSize + selected[q]];
    }
    const X = new Float64Array(n * k);
    gemm(true, false, n, k, basisSize, 1, V, n, 0, Ysel, k, 0, 0, X, k, 0);
    return { ...result, vectors: X };
  }
}

/** Scales row `row` of V to unit norm; returns its former norm. */
function normalise(n: number, V: Float64Array, row: number): number {
  const off = row * n;
  let s = 0;
  for (let i = 0; i < n; i++) s += V[off + i] * V[off + i];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let i = 0; i < n; i++) V[off + i] /= norm;
  return norm;
}

/** Writes into V at `offset` a random unit vector orthogonal to rows 0..count−1; false if none. */
function randomOrthogonalDirection(n: number, V: Float64Array, count: number, offset: number, random: () => number): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    for (let i = 0; i < n; i++) V[offset + i] = random() - 0.5;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < count; q++) {
        const row = q * n;
        let s = 0;
        for (let i = 0; i < n; i++) s += V[row + i] * V[offset + i];
        for (let i = 0; i < n; i++) V[offset + i] -= s * V[row + i];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += V[offset + i] * V[offset + i];
    if (s > 1e-20) {
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < n; i++) V[offset + i] *= inv;
      return true;
    }
  }
  return false;
}

function leadingBlock(H: Float64Array, m: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) out.set(H.subarray(i * m, i * m + size), i * size);
  return out;
}

/** Indices of the Ritz values, most wanted first. */
function preferenceOrder(theta: Float64Array, which: LanczosWhich): Int32Array {
  const order = Int32Array.from({ length: theta.length }, (_, i) => i);
  if (which === 'largest') order.sort((a, b) => theta[b] - theta[a]);
  else if (which === 'smallest') order.sort((a, b) => theta[a] - theta[b]);
  else order.sort((a, b) => Math.abs(theta[b]) - Math.abs(theta[a]) || theta[b] - theta[a]);
  return order;
}

/**
 * In place: rows 0..l−1 of V become V_mᵀ y_{selected[q]} (the kept Ritz vectors) and row l the
 * residual direction (row `size` before). Works on column chunks so the scratch stays small.
 */
function restartBasis(n: number, V: Float64Array, size: number, Y: Float64Array, selected: Int32Array, l: number): void {
  const Ysel = new Float64Array(l * size); // l × size: row q = y_{selected[q]}ᵀ
  for (let q = 0; q < l; q++) {
    for (let r = 0; r < size; r++) Ysel[q * size + r] = Y[r * size + selected[q]];
  }
  const chunk = 256;
  const tmp = new Float64Array(l * chunk);
  for (let c0 = 0; c0 < n; c0 += chunk) {
    const cw = Math.min(chunk, n - c0);
    gemm(false, false, l, cw, size, 1, Ysel, size, 0, V, n, c0, 0, tmp, cw, 0);
    for (let q = 0; q < l; q++) V.set(tmp.subarray(q * cw, q * cw + cw), q * n + c0);
  }
  V.copyWithin(l * n, size * n, size * n + n);
}
