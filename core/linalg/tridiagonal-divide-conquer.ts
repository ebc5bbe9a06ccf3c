/**
 * All eigenvalues and eigenvectors of a symmetric tridiagonal matrix by Cuppen's divide and
 * conquer, with Gu & Eisenstat's stable eigenvectors.
 *
 * Cuppen, "A divide and conquer method for the symmetric tridiagonal eigenproblem", Numer. Math.
 * 36 (1981); Gu & Eisenstat, "A divide-and-conquer algorithm for the symmetric tridiagonal
 * eigenproblem", SIAM J. Matrix Anal. Appl. 16 (1995) (Löwner's formula for ẑ); Golub & Van Loan,
 * Matrix Computations, 4th ed., §8.4.4 (the secular equation, Thm 8.4.3); the deflation and the
 * column bookkeeping follow LAPACK's dstedc/dlaed2/dlaed3. T = diag(T₁, T₂) + ρvvᵀ with
 * v = e_k ± e_{k+1} and ρ = |β_k|; recursively T_i = Q_i Λ_i Q_iᵀ; then D + ρzzᵀ (D = diag(Λ₁, Λ₂),
 * z = Qᵀv) is solved: entries with ρ|z_i| ≤ tol, or pairs of nearly equal d_i made to have one
 * zero z by a Givens rotation, deflate (eigenvalue d_i, vector unchanged); the others' eigenvalues
 * are the roots of the secular equation f(λ) = 1 + ρ Σ z_i²/(d_i − λ), found by safeguarded
 * Bunch–Nielsen–Sorensen (two-pole rational) iteration from the nearer pole so that every
 * d_i − λ_j is computed accurately; ẑ_i² = Π_j (λ_j − d_i) / Π_{j≠i} (d_j − d_i) makes the
 * vectors u_j ∝ (ẑ_i / (d_i − λ_j))_i numerically orthogonal. Q = diag(Q₁, Q₂)·U is two gemm
 * calls, one per half, over the columns that are nonzero there.
 *
 * The matrix is scaled to unit max-norm first (deflation tolerance 8ε). Blocks of at most 24
 * rows use implicit QL with vectors. Clusters of close eigenvalues deflate, so they make the
 * method faster, not slower (unlike inverse iteration).
 * Cost: ≈ (4/3)n³ flops without deflation (mostly gemm), much less with it; O(n²) memory.
 */
import { gemm } from './blas.ts';
import { tridiagonalEigen } from './tridiagonal-ql.ts';

const LEAF = 24;

export interface TridiagonalEigenvectors {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric tridiagonal matrix with `diagonal` (n) and `offDiagonal`
 * (n − 1). Inputs are not modified; non-finite entries throw.
 */
export function tridiagonalDivideConquer(n: number, diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>): TridiagonalEigenvectors {
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(diagonal[i]);
    const b = i < n - 1 ? Math.abs(offDiagonal[i]) : 0;
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new Error('tridiagonalDivideConquer: non-finite entry');
    scale = Math.max(scale, a, b);
  }
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  if (scale === 0) {
    const vectors = new Float64Array(n * n);
    for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
    return { values: new Float64Array(n), vectors };
  }
  const d = Float64Array.from({ length: n }, (_, i) => diagonal[i] / scale);
  const e = Float64Array.from({ length: Math.max(n - 1, 0) }, (_, i) => offDiagonal[i] / scale);
  const { values, vectors } = solve(n, d, e);
  for (let i = 0; i < n; i++) values[i] *= scale;
  return { values, vectors };
}

/** Recursive step on d (length m) and e (length m − 1); both may be modified. */
function solve(m: number, d: Float64Array, e: Float64Array): TridiagonalEigenvectors {
  if (m <= LEAF) {
    const r = tridiagonalEigen(m, d, e, { vectors: 'all' });
    return { values: r.values as Float64Array, vectors: r.vectors as Float64Array };
  }
  const k = m >> 1; // T₁ = rows 0..k−1, T₂ = rows k..m−1
  const beta = e[k - 1];
  const rho = Math.abs(beta);
  const sign = beta >= 0 ? 1 : -1;
  const d1 = d.slice(0, k);
  const d2 = d.slice(k);
  d1[k - 1] -= rho;
  d2[0] -= rho;
  const top = solve(k, d1, e.slice(0, k - 1));
  const bottom = solve(m - k, d2, e.slice(k));
  return merge(m, k, top, bottom, rho, sign);
}

// Column types of diag(Q₁, Q₂) during deflation (LAPACK dlaed2): nonzero only in the top rows,
// in both halves (after a rotation mixed a top and a bottom column), or only in the bottom rows.
const TOP = 1;
const MIXED = 2;
const BOTTOM = 3;

function merge(m: number, k: number, top: TridiagonalEigenvectors, bottom: TridiagonalEigenvectors, rhoIn: number, sign: number): TridiagonalEigenvectors {
  const eps = Number.EPSILON;
  const m2 = m - k;
  const D = new Float64Array(m);
  D.set(top.values);
  D.set(bottom.values, k);
  // z = Qᵀv: last row of Q₁ and ±first row of Q₂, normalised (‖z‖² = 2 before), ρ ← 2ρ.
  const z = new Float64Array(m);
  const inv = Math.SQRT1_2;
  for (let i = 0; i < k; i++) z[i] = top.vectors[(k - 1) * k + i] * inv;
  for (let i = 0; i < m2; i++) z[k + i] = sign * bottom.vectors[i] * inv;
  const rho = 2 * rhoIn;

  // Q = diag(Q₁, Q₂), explicit, so deflating rotations can mix columns.
  const Q = new Float64Array(m * m);
  for (let i = 0; i < k; i++) Q.set(top.vectors.subarray(i * k, i * k + k), i * m);
  for (let i = 0; i < m2; i++) Q.set(bottom.vectors.subarray(i * m2, i * m2 + m2), (k + i) * m + k);
  const type = new Uint8Array(m);
  for (let c = 0; c < m; c++) type[c] = c < k ? TOP : BOTTOM;

  // Visit the poles in ascending order (merge of two sorted lists).
  const order = new Int32Array(m);
  for (let a = 0, b = k, o = 0; o < m; o++) order[o] = b >= m || (a < k && D[a] <= D[b]) ? a++ : b++;

  let dmax = 0;
  let zmax = 0;
  for (let i = 0; i < m; i++) {
    dmax = Math.max(dmax, Math.abs(D[i]));
    zmax = Math.max(zmax, Math.abs(z[i]));
  }
  const tol = 8 * eps * Math.max(dmax, zmax);

  const kept: number[] = []; // non-deflated columns, ascending D
  const deflated: number[] = [];
  let pj = -1;
  for (let o = 0; o < m; o++) {
    const j = order[o];
    if (rho * Math.abs(z[j]) <= tol) {
      deflated.push(j);
      continue;
    }
    if (pj < 0) {
      pj = j;
      continue;
    }
    // Nearly equal poles: rotate so that z[pj] = 0 if the off-diagonal this creates is negligible.
    let s = z[pj];
    let c = z[j];
    const tau = Math.hypot(c, s);
    const t = D[j] - D[pj];
    c /= tau;
    s = -s / tau;
    if (Math.abs(t * c * s) <= tol) {
      z[j] = tau;
      z[pj] = 0;
      for (let r = 0; r < m; r++) {
        const x = Q[r * m + pj];
        const y = Q[r * m + j];
        Q[r * m + pj] = c * x + s * y;
        Q[r * m + j] = c * y - s * x;
      }
      const dp = D[pj] * c * c + D[j] * s * s;
      D[j] = D[pj] * s * s + D[j] * c * c;
      D[pj] = dp;
      if (type[pj] !== type[j]) type[j] = MIXED;
      deflated.push(pj);
      pj = j;
    } else {
      kept.push(pj);
      pj = j;
    }
  }
  if (pj >= 0) kept.push(pj);

  const K = kept.length;
  const lambda = new Float64Array(K);
  const U = new Float64Array(K * K); // row i ↔ kept[i], column j ↔ root j
  if (K > 0) secularVectors(K, kept, D, z, rho, lambda, U);

  // Z = Q[:, kept]·U, by halves: the top rows see TOP and MIXED columns, the bottom MIXED and BOTTOM.
  const Z = new Float64Array(m * K);
  multiplyHalf(Q, m, 0, k, kept, type, TOP, U, K, Z);
  multiplyHalf(Q, m, k, m, kept, type, BOTTOM, U, K, Z);

  // Assemble all eigenpairs in ascending order.
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  deflated.sort((a, b) => D[a] - D[b]);
  let a = 0; // roots
  let b = 0; // deflated
  for (let col = 0; col < m; col++) {
    if (b >= deflated.length || (a < K && lambda[a] <= D[deflated[b]])) {
      values[col] = lambda[a];
      for (let r = 0; r < m; r++) vectors[r * m + col] = Z[r * K + a];
      a++;
    } else {
      const src = deflated[b];
      values[col] = D[src];
      for (let r = 0; r < m; r++) vectors[r * m + col] = Q[r * m + src];
      b++;
    }
  }
  return { values, vectors };
}

/**
 * Z[r0:r1, :] = Q[r0:r1, cols]·U[rows of cols, :] over the kept columns that are nonzero in these
 * rows (type `own` or MIXED), packed contiguously for gemm.
 */
function multiplyHalf(
  Q: Float64Array,
  m: number,
  r0: number,
  r1: number,
  kept: number[],
  type: Uint8Array,
  own: number,
  U: Float64Array,
  K: number,
  Z: Float64Array,
): void {
  const rows = r1 - r0;
  const cols: number[] = [];
  const uRows: number[] = [];
  for (let i = 0; i < K; i++) {
    const t = type[kept[i]];
    if (t === own || t === MIXED) {
      cols.push(kept[i]);
      uRows.push(i);
    }
  }
  const c = cols.length;
  if (rows === 0 || c === 0) return;
  const Qp = new Float64Array(rows * c);
  for (let r = 0; r < rows; r++) {
    const src = (r0 + r) * m;
    for (let q = 0; q < c; q++) Qp[r * c + q] = Q[src + cols[q]];
  }
  const Up = new Float64Array(c * K);
  for (let q = 0; q < c; q++) Up.set(U.subarray(uRows[q] * K, uRows[q] * K + K), q * K);
  gemm(false, false, rows, K, c, 1, Qp, c, 0, Up, K, 0, 0, Z, K, r0 * K);
}

/**
 * Roots λ_j of 1 + ρ Σ z_i²/(d_i − λ) over the kept poles (ascending), and the eigenvectors of
 * D + ρzzᵀ restricted to them: U[i, j] = ẑ_i / (d_i − λ_j), normalised, with Löwner's ẑ.
 */
function secularVectors(K: number, kept: number[], D: Float64Array, z: Float64Array, rho: number, lambda: Float64Array, U: Float64Array): void {
  const d = Float64Array.from(kept, (c) => D[c]);
  const z2 = Float64Array.from(kept, (c) => z[c] * z[c]);
  const sgn = Float64Array.from(kept, (c) => (z[c] >= 0 ? 1 : -1));
  // delta[i·K + j] = d_i − λ_j, computed from the root's origin pole.
  const delta = U;
  const shifted = new Float64Array(K);
  if (K === 1) {
    lambda[0] = d[0] + rho * z2[0];
    U[0] = 1;
    return;
  }
  let zz = 0;
  for (let i = 0; i < K; i++) zz += z2[i];
  for (let j = 0; j < K; j++) {
    let origin: number;
    let lo: number;
    let hi: number;
    if (j < K - 1) {
      const half = 0.5 * (d[j + 1] - d[j]);
      let f = 1;
      for (let i = 0; i < K; i++) f += (rho * z2[i]) / (d[i] - d[j] - half);
      if (f >= 0) {
        origin = j;
        lo = 0;
        hi = half;
      } else {
        origin = j + 1;
        lo = -half;
        hi = 0;
      }
    } else {
      origin = K - 1;
      lo = 0;
      hi = rho * zz;
    }
    const dOrigin = d[origin];
    for (let i = 0; i < K; i++) shifted[i] = d[i] - dOrigin;
    const tau = secularRoot(K, j, shifted, z2, rho, lo, hi);
    lambda[j] = dOrigin + tau;
    for (let i = 0; i < K; i++) delta[i * K + j] = shifted[i] - tau;
  }
  // Löwner: ẑ_i² = −Π_j (d_i − λ_j) / Π_{j≠i} (d_i − d_j) (times ρ, irrelevant after normalising).
  const zhat = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let w = delta[i * K + i];
    for (let j = 0; j < K; j++) {
      if (j !== i) w *= delta[i * K + j] / (d[i] - d[j]);
    }
    zhat[i] = sgn[i] * Math.sqrt(Math.max(-w, 0));
  }
  // U[i, j] = ẑ_i / (d_i − λ_j), columns normalised (overwrites delta in place).
  const norms = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    const row = i * K;
    for (let j = 0; j < K; j++) {
      const u = zhat[i] / delta[row + j];
      U[row + j] = u;
      norms[j] += u * u;
    }
  }
  for (let j = 0; j < K; j++) norms[j] = 1 / Math.sqrt(norms[j]);
  for (let i = 0; i < K; i++) {
    const row = i * K;
    for (let j = 0; j < K; j++) U[row + j] *= norms[j];
  }
}

/**
 * τ in (lo, hi) with 1 + ρ Σ z_i²/(δ_i − τ) = 0, the poles δ shifted so that one end of the
 * bracket is the origin pole. Bunch–Nielsen–Sorensen step: ψ (poles ≤ j) and φ (poles > j) are
 * each replaced by one pole plus a constant matching value and slope at τ; the model's root is
 * taken when it stays inside the bracket, else the bracket is bisected.
 */
function secularRoot(K: number, j: number, delta: Float64Array, z2: Float64Array, rho: number, lo: number, hi: number): number {
  const eps = Number.EPSILON;
  let tau = 0.5 * (lo + hi);
  for (let it = 0; it < 200; it++) {
    let psi = 0;
    let dpsi = 0;
    for (let i = 0; i <= j; i++) {
      const t = 1 / (delta[i] - tau);
      const w = rho * z2[i] * t;
      psi += w;
      dpsi += w * t;
    }
    let phi = 0;
    let dphi = 0;
    for (let i = j + 1; i < K; i++) {
      const t = 1 / (delta[i] - tau);
      const w = rho * z2[i] * t;
      phi += w;
      dphi += w * t;
    }
    const f = 1 + psi + phi;
    if (f === 0) return tau;
    if (f > 0) hi = tau;
    else lo = tau;
    const bound = eps * (8 * (Math.abs(psi) + Math.abs(phi)) + 1 + Math.abs(tau) * (dpsi + dphi));
    if (Math.abs(f) <= bound) return tau;

    let next: number;
    const Dj = delta[j] - tau;
    const a = dpsi * Dj * Dj;
    const b = psi - dpsi * Dj;
    if (j < K - 1) {
      const Dj1 = delta[j + 1] - tau;
      const c = dphi * Dj1 * Dj1;
      const dd = phi - dphi * Dj1;
      const w = 1 + b + dd;
      // w(Dj − s)(Dj1 − s) + a(Dj1 − s) + c(Dj − s) = 0 for the step s.
      const A2 = w;
      const B2 = -(w * (Dj + Dj1) + a + c);
      const C2 = w * Dj * Dj1 + a * Dj1 + c * Dj;
      const disc = B2 * B2 - 4 * A2 * C2;
      next = NaN;
      if (disc >= 0) {
        const q = -0.5 * (B2 + (B2 >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)));
        const s1 = A2 !== 0 ? q / A2 : NaN;
        const s2 = q !== 0 ? C2 / q : NaN;
        const t1 = tau + s1;
        const t2 = tau + s2;
        if (t1 > lo && t1 < hi) next = t1;
        if (t2 > lo && t2 < hi && (!(next > lo) || Math.abs(s2) < Math.abs(s1))) next = t2;
      }
    } else {
      const w = 1 + b;
      next = tau + Dj + a / w;
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - tau) <= 2 * eps * Math.max(Math.abs(next), Math.abs(tau)) || hi - lo <= 2 * eps * Math.max(Math.abs(lo), Math.abs(hi))) {
      return next;
    }
    tau = next;
  }
  return tau;
}
