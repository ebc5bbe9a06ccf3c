/**
 * The cubic-regularised Newton subproblem from Hessian-vector products only:
 *
 *   min_s  m(s) = gᵀs + ½ sᵀHs + (M/6)‖s‖³
 *
 * Global minimiser (Nesterov & Polyak 2006, §2 and §5; Cartis, Gould & Toint, "Adaptive cubic
 * regularisation methods for unconstrained optimization. Part I", Math. Program. 127, 2011,
 * Thm. 3.1 with σ = M/2): s* solves (H + λI)s = −g with λ = M‖s*‖/2 and H + λI ⪰ 0.
 *
 * Method (CGT 2011, §6.2, the Lanczos approach): build an orthonormal basis Q_k (rows) of the
 * Krylov space K_k(H, g) by Lanczos with full reorthogonalisation (Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 10.1.1 and §10.3.1), so that T_k = Q_k H Q_kᵀ is tridiagonal and g
 * = ‖g‖ Q_kᵀe₁; eigendecompose T_k = Z diag(d) Zᵀ by implicit QL (core/linalg/tridiagonal-ql.ts);
 * in the eigen-coordinates c the subproblem is separable and λ is the root of the secular
 * equation  ‖c(λ)‖ = 2λ/M,  c_i(λ) = −g̃_i/(d_i + λ),  λ > λ* = max(0, −d_min)
 * (the one-dimensional reduction of Nesterov & Polyak §5), found by bisection to full precision
 * (‖c(λ)‖ − 2λ/M is strictly decreasing on (λ*, ∞)); then s = Q_kᵀ Z c.
 *
 * Special cases.
 * - Breakdown (an invariant Krylov space: β_j ≈ 0) continues with a random unit vector
 *   orthogonal to the basis (as core/linalg/lanczos.ts does), so the basis always reaches
 *   min(n, krylovDimension) vectors. This matters: on the stable manifold of a saddle g is
 *   orthogonal to the negative-curvature directions and K(H, g) never sees them; the random
 *   continuation does. With krylovDimension ≥ n the basis spans Rⁿ, T is H in another basis and
 *   the subproblem is solved exactly (the "eigendecomposition for small n" of the issue).
 * - The hard case (g̃ has no component along the eigenvectors of d_min < 0 and the step at λ*
 *   is short: ‖c(λ*)‖ ≤ 2λ* / M): λ = λ* and the step is c(λ*) + τ z_min with τ chosen so that
 *   ‖c‖ = 2λ* / M (Nesterov & Polyak §5; Moré & Sorensen 1983 for the trust-region analogue);
 *   the sign of τ is drawn from the run's Rng (both signs give the same model value).
 * - g = 0 and d_min ≥ 0: the minimiser is s = 0.
 * Cost: k HVPs, ≈ 4k²n flops for the reorthogonalisation, O(k²) per QL sweep; storage k·n.
 */
import type { LinearOperator } from '../linalg/operator.ts';
import { implicitQL } from '../linalg/tridiagonal-ql.ts';
import type { Rng } from '../random/rng.ts';

export interface CubicWorkspace {
  readonly n: number;
  /** Largest basis size (min(n, krylovDimension)). */
  readonly k: number;
  /** Basis rows q_0 … q_{k−1} (row-major k×n) and views of them. */
  readonly Q: Float64Array;
  readonly rows: readonly Float64Array[];
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly Zt: Float64Array;
  readonly w: Float64Array;
  readonly gt: Float64Array;
  readonly c: Float64Array;
  readonly sT: Float64Array;
  /** Written by cubicStep. */
  modelValue: number;
  stepNorm: number;
  lambda: number;
  hardCase: boolean;
}

export function createCubicWorkspace(n: number, krylovDimension: number): CubicWorkspace {
  const k = Math.max(1, Math.min(n, krylovDimension));
  const Q = new Float64Array(k * n);
  return {
    n,
    k,
    Q,
    rows: Array.from({ length: k }, (_, j) => Q.subarray(j * n, (j + 1) * n)),
    alpha: new Float64Array(k),
    beta: new Float64Array(k),
    d: new Float64Array(k),
    e: new Float64Array(k),
    Zt: new Float64Array(k * k),
    w: new Float64Array(n),
    gt: new Float64Array(k),
    c: new Float64Array(k),
    sT: new Float64Array(k),
    modelValue: 0,
    stepNorm: 0,
    lambda: 0,
    hardCase: false,
  };
}

function dot(n: number, x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/** Two passes of classical Gram–Schmidt of w against rows 0 … j; returns ‖w‖ after. */
function orthogonalise(ws: CubicWorkspace, j: number): number {
  const { n, rows, w } = ws;
  for (let pass = 0; pass < 2; pass++) {
    for (let q = 0; q <= j; q++) {
      const row = rows[q];
      const s = dot(n, row, w);
      for (let i = 0; i < n; i++) w[i] -= s * row[i];
    }
  }
  return Math.sqrt(dot(n, w, w));
}

/** A random unit vector orthogonal to rows 0 … j, written into rows[j + 1]. */
function randomContinuation(ws: CubicWorkspace, j: number, rng: Rng): void {
  const { n, w } = ws;
  for (let attempt = 0; attempt < 10; attempt++) {
    rng.fillNormal(w);
    const norm = j >= 0 ? orthogonalise(ws, j) : Math.sqrt(dot(n, w, w));
    if (norm > 1e-8) {
      const row = ws.rows[j + 1];
      for (let i = 0; i < n; i++) row[i] = w[i] / norm;
      return;
    }
  }
  throw new Error('cubic subproblem: could not extend the Lanczos basis');
}

/**
 * Lanczos on v ↦ Hv from q_0 = g/‖g‖ (a random unit vector when g = 0), continued past any
 * breakdown, then T's eigendecomposition into ws.d / ws.Zt and g̃ = ‖g‖ Zᵀe₁ into ws.gt.
 * Returns the number of HVPs (= ws.k).
 */
export function cubicBasis(H: LinearOperator, g: Float64Array, ws: CubicWorkspace, rng: Rng): number {
  const { n, k, rows, w, alpha, beta, d, e, Zt, gt } = ws;
  const gNorm = Math.sqrt(dot(n, g, g));
  if (gNorm > 0) {
    for (let i = 0; i < n; i++) rows[0][i] = g[i] / gNorm;
  } else {
    randomContinuation(ws, -1, rng);
  }
  let scale = 0;
  for (let j = 0; j < k; j++) {
    H(rows[j], w);
    const a = dot(n, rows[j], w);
    alpha[j] = a;
    const b = orthogonalise(ws, j);
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? beta[j - 1] : 0));
    if (j === k - 1) break;
    if (!(b > 1e-12 * scale)) {
      if (!Number.isFinite(b)) throw new Error('cubic subproblem: the Hessian-vector product is not finite');
      beta[j] = 0;
      randomContinuation(ws, j, rng);
    } else {
      beta[j] = b;
      const row = rows[j + 1];
      for (let i = 0; i < n; i++) row[i] = w[i] / b;
    }
  }
  for (let i = 0; i < k; i++) {
    d[i] = alpha[i];
    e[i] = i < k - 1 ? beta[i] : 0;
  }
  Zt.fill(0, 0, k * k);
  for (let i = 0; i < k; i++) Zt[i * k + i] = 1;
  implicitQL(k, d, e, Zt, k);
  for (let i = 0; i < k; i++) gt[i] = gNorm * Zt[i * k];
  return k;
}

/** ‖c(λ)‖ for c_i = −g̃_i/(d_i + λ), skipping components with g̃_i = 0 and those with d_i ≤ clusterTop. */
function stepNormAt(ws: CubicWorkspace, lambda: number, clusterTop: number): number {
  let s = 0;
  for (let i = 0; i < ws.k; i++) {
    const gi = ws.gt[i];
    if (gi === 0 || ws.d[i] <= clusterTop) continue;
    const ci = gi / (ws.d[i] + lambda);
    s += ci * ci;
  }
  return Math.sqrt(s);
}

/** The secular function φ(λ) = ‖c(λ)‖ − 2λ/M. */
function secular(ws: CubicWorkspace, lambda: number, M: number): number {
  return stepNormAt(ws, lambda, -Infinity) - (2 * lambda) / M;
}

/**
 * Solves the subproblem in the basis built by cubicBasis for regularisation M and writes the step
 * s into `out` (length n). Sets ws.modelValue = m(s), ws.stepNorm = ‖s‖, ws.lambda, ws.hardCase.
 */
export function cubicStep(ws: CubicWorkspace, M: number, out: Float64Array, rng: Rng): void {
  const { n, k, d, gt, c, Zt, sT, rows } = ws;
  let dMin = Infinity;
  let iMin = 0;
  let dScale = 0;
  let gNormSq = 0;
  for (let i = 0; i < k; i++) {
    if (d[i] < dMin) {
      dMin = d[i];
      iMin = i;
    }
    dScale = Math.max(dScale, Math.abs(d[i]));
    gNormSq += gt[i] * gt[i];
  }
  const lambdaStar = Math.max(0, -dMin);
  // Eigenvalues within this of d_min count as the same (negative-curvature) eigenspace.
  const clusterTop = dMin + 1e-10 * dScale;
  let hardMass = 0;
  for (let i = 0; i < k; i++) if (d[i] <= clusterTop) hardMass += gt[i] * gt[i];
  ws.hardCase = false;
  c.fill(0, 0, k);

  if (gNormSq === 0 && dMin >= 0) {
    ws.lambda = 0;
  } else if (dMin < 0 && hardMass <= 1e-24 * gNormSq && stepNormAt(ws, lambdaStar, clusterTop) <= (2 * lambdaStar) / M) {
    // Hard case: λ = λ*, the step's length made up along the d_min eigenvector.
    ws.hardCase = true;
    ws.lambda = lambdaStar;
    let ss = 0;
    for (let i = 0; i < k; i++) {
      if (gt[i] === 0 || d[i] <= clusterTop) continue;
      c[i] = -gt[i] / (d[i] + lambdaStar);
      ss += c[i] * c[i];
    }
    const radius = (2 * lambdaStar) / M;
    const tau = Math.sqrt(Math.max(0, radius * radius - ss));
    c[iMin] = rng.uniform() < 0.5 ? tau : -tau;
  } else {
    // Bisection on φ(λ) = ‖c(λ)‖ − 2λ/M, decreasing on (λ*, ∞), φ(λ*⁺) > 0.
    let lo = lambdaStar;
    let width = Math.max(1, lambdaStar);
    let hi = lambdaStar + width;
    for (let i = 0; i < 1100 && secular(ws, hi, M) > 0; i++) {
      lo = hi;
      width *= 2;
      hi = lambdaStar + width;
    }
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (secular(ws, mid, M) > 0) lo = mid;
      else hi = mid;
    }
    const lambda = hi;
    ws.lambda = lambda;
    for (let i = 0; i < k; i++) if (gt[i] !== 0) c[i] = -gt[i] / (d[i] + lambda);
  }

  let cc = 0;
  let linear = 0;
  let quadratic = 0;
  for (let i = 0; i < k; i++) {
    cc += c[i] * c[i];
    linear += gt[i] * c[i];
    quadratic += d[i] * c[i] * c[i];
  }
  const norm = Math.sqrt(cc);
  ws.stepNorm = norm;
  ws.modelValue = linear + 0.5 * quadratic + (M / 6) * norm * norm * norm;
  // s = Qᵀ Z c: first the T-coordinates sT = Z c (column i of Z is row i of Zt), then Qᵀ sT.
  sT.fill(0, 0, k);
  for (let i = 0; i < k; i++) {
    const ci = c[i];
    if (ci === 0) continue;
    for (let j = 0; j < k; j++) sT[j] += ci * Zt[i * k + j];
  }
  out.fill(0, 0, n);
  for (let j = 0; j < k; j++) {
    const sj = sT[j];
    if (sj === 0) continue;
    const row = rows[j];
    for (let i = 0; i < n; i++) out[i] += sj * row[i];
  }
}
