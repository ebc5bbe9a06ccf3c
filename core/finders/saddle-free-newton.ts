/**
 * Saddle-free Newton (SFN): a minimiser that is repelled by saddles. The Newton step rescales g
 * by |H|⁻¹ instead of H⁻¹, |H| = Σ|λ_i| u_i u_iᵀ, so negative-curvature directions are descended
 * instead of climbed:  p = −|H|⁻¹ g,  computed in the Krylov subspace K_k(H, g):
 *   Lanczos with full reorthogonalisation from v₁ = g/‖g‖ gives V_k (n×k, orthonormal) and the
 *   tridiagonal T_k = V_kᵀ H V_k = Q Λ Qᵀ; since V_kᵀ g = ‖g‖ e₁,
 *   p = −V_k Q D⁻¹ Qᵀ V_kᵀ g = −‖g‖ V_k Q D⁻¹ Qᵀ e₁,   D_ii = max(|λ_i| + λ, ν·max_j|λ_j|),
 * with damping λ (`damping`) and a relative floor ν (`minCurvature`) for near-zero curvature.
 * Then a backtracking (Armijo) line search on the loss: accept α when
 *   L(θ + αp) ≤ L(θ) + ρ α gᵀp,  α = 1, β, β², …
 * (gᵀp = −‖g‖² Σ (Qᵀe₁)_i² / D_ii < 0, so p is always a descent direction for L).
 *
 * Dauphin, Pascanu, Gulcehre, Cho, Ganguli & Bengio, "Identifying and attacking the saddle point
 * problem in high-dimensional non-convex optimization", NeurIPS 2014: the step −|H|⁻¹g derived from
 * a generalised trust region, and Alg. 1 (approximate saddle-free Newton in the subspace of k
 * Lanczos vectors, |Ĥ| from the eigendecomposition of the projected Hessian, λ by a line search on
 * the loss) — the Krylov start vector g is our choice (as in Krylov subspace descent). Lanczos with
 * full reorthogonalisation: Golub & Van Loan, Matrix Computations, 4th ed., Alg. 10.1.1 and
 * §10.3.1 (classical Gram–Schmidt applied twice); T_k's eigensystem by implicit QL
 * (core/linalg/tridiagonal-ql.ts).
 * Choices (documented deviations): the paper picks the damping λ by a line search that minimises
 * the loss over λ and may take several steps per subspace; here λ is fixed, one step is taken per
 * subspace, and a backtracking line search on the step length enforces the loss decrease. Both
 * minimise the loss: SFN is kept as the literature's saddle-escaping minimiser, a comparison
 * baseline that finds minima (it reaches a saddle only from its stable manifold, where g never
 * has a component along the negative-curvature directions, e.g. y = 0 for x² − y²).
 *
 * Special cases: an invariant Krylov subspace (β_j ≤ 100ε‖T‖) ends Lanczos early — p is then exact
 * for that subspace; k is capped at n. A projected Hessian that vanishes (all λ_i = 0) with
 * λ = 0 leaves |H|⁻¹ undefined: the run stops where it is ('singular-hessian'). A failed line
 * search stops where it is ('line-search-failed'). The trace's innerIterations are the Lanczos
 * steps (HVPs) of each iteration, flag ''.
 * Cost per iteration: k HVPs, 4k²n flops of reorthogonalisation, O(k²) for T_k's eigensystem,
 * one gradient per line-search trial; storage k·n; nothing allocated per iteration.
 */
import { implicitQL } from '../linalg/tridiagonal-ql.ts';
import {
  DEFAULT_COMMON_FINDER_OPTIONS,
  iterationStop,
  newTrace,
  pushTrace,
  sumOfSquares,
  type CommonFinderOptions,
  type FinderResult,
  type FinderRun,
  type FinderStop,
  type Objective,
} from './finder.ts';

export interface SaddleFreeNewtonOptions extends CommonFinderOptions {
  /** Krylov subspace dimension k (capped at n). */
  readonly krylovDimension: number;
  /** Damping λ ≥ 0 added to |λ_i|. */
  readonly damping: number;
  /** Relative floor ν: |λ_i| + λ is raised to at least ν·max_j|λ_j|. */
  readonly minCurvature: number;
  /** Armijo constant of the loss line search. */
  readonly rho: number;
  /** Backtracking factor. */
  readonly beta: number;
  /** Most step-size reductions per iteration. */
  readonly maxBacktracks: number;
}

/** k = 30, λ = 0, ν = 1e-8, ρ = 1e-4, β = 0.5, 60 backtracks. */
export const DEFAULT_SADDLE_FREE_NEWTON_OPTIONS: SaddleFreeNewtonOptions = {
  ...DEFAULT_COMMON_FINDER_OPTIONS,
  krylovDimension: 30,
  damping: 0,
  minCurvature: 1e-8,
  rho: 1e-4,
  beta: 0.5,
  maxBacktracks: 60,
};

export function* saddleFreeNewton(
  objective: Objective,
  start: Float64Array,
  options: SaddleFreeNewtonOptions = DEFAULT_SADDLE_FREE_NEWTON_OPTIONS,
): FinderRun {
  const n = objective.dimension;
  const { tolerance, maxIterations, divergence, damping, minCurvature, rho, beta, maxBacktracks } = options;
  const k = Math.max(1, Math.min(Math.floor(options.krylovDimension), n));
  const eps = Number.EPSILON;

  const theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const w = new Float64Array(n);
  const p = new Float64Array(n);
  const trial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const V = new Float64Array(k * n); // Lanczos vectors v_1..v_k as rows
  const rows = Array.from({ length: k }, (_, j) => V.subarray(j * n, j * n + n));
  const h = new Float64Array(k); // Gram–Schmidt coefficients of one step
  const alphaT = new Float64Array(k); // diagonal of T_k
  const betaT = new Float64Array(k); // off-diagonal of T_k
  const lambda = new Float64Array(k); // eigenvalues of T_k (implicit QL works in place)
  const e = new Float64Array(k);
  const Qt = new Float64Array(k * k); // rows: eigenvectors of T_k
  const c = new Float64Array(k); // coefficients of p in the Lanczos basis
  const trace = newTrace(options.recordPath);

  let hvps = 0;
  let gradients = 1;
  let loss = objective.gradient(theta, g);
  let gg = sumOfSquares(g);
  pushTrace(trace, loss, gg, 0, theta);
  let iterations = 0;
  let stop: FinderStop = 'max-iterations';

  while (true) {
    const check = iterationStop(loss, gg, iterations, options);
    if (check) {
      stop = check;
      break;
    }
    // Lanczos with full reorthogonalisation from v₁ = g/‖g‖.
    const gNorm = Math.sqrt(gg);
    for (let i = 0; i < n; i++) V[i] = g[i] / gNorm;
    let m = k;
    let normT = 0;
    let finite = true;
    for (let j = 0; j < k; j++) {
      objective.hvp(theta, rows[j], w);
      hvps++;
      h.fill(0, 0, j + 1);
      for (let pass = 0; pass < 2; pass++) {
        for (let q = 0; q <= j; q++) {
          const off = q * n;
          let sq = 0;
          for (let i = 0; i < n; i++) sq += V[off + i] * w[i];
          h[q] += sq;
          for (let i = 0; i < n; i++) w[i] -= sq * V[off + i];
        }
      }
      alphaT[j] = h[j];
      const b = Math.sqrt(sumOfSquares(w));
      betaT[j] = b;
      if (!Number.isFinite(h[j]) || !Number.isFinite(b)) {
        finite = false;
        break;
      }
      normT = Math.max(normT, Math.abs(h[j]) + b + (j > 0 ? betaT[j - 1] : 0));
      if (j + 1 === k) break;
      if (b <= 100 * eps * normT) {
        m = j + 1; // invariant subspace: T_m is exact
        break;
      }
      const next = (j + 1) * n;
      for (let i = 0; i < n; i++) V[next + i] = w[i] / b;
    }
    if (!finite) {
      stop = 'non-finite';
      break;
    }
    // T_m = Q Λ Qᵀ (rows of Qt are the eigenvectors).
    for (let i = 0; i < m; i++) {
      lambda[i] = alphaT[i];
      e[i] = i < m - 1 ? betaT[i] : 0;
    }
    Qt.fill(0, 0, m * m);
    for (let i = 0; i < m; i++) Qt[i * m + i] = 1;
    implicitQL(m, lambda, e, Qt, m);
    let maxAbs = 0;
    for (let i = 0; i < m; i++) maxAbs = Math.max(maxAbs, Math.abs(lambda[i]));
    if (maxAbs === 0 && damping === 0) {
      stop = 'singular-hessian';
      break;
    }
    // c = −‖g‖ Q D⁻¹ Qᵀ e₁; p = V_m c.
    const floor = minCurvature * maxAbs;
    c.fill(0, 0, m);
    for (let i = 0; i < m; i++) {
      const D = Math.max(Math.abs(lambda[i]) + damping, floor);
      const weight = (-gNorm * Qt[i * m]) / D; // (Qᵀe₁)_i = first entry of eigenvector i
      const off = i * m;
      for (let j = 0; j < m; j++) c[j] += weight * Qt[off + j];
    }
    p.fill(0);
    for (let j = 0; j < m; j++) {
      const off = j * n;
      const cj = c[j];
      for (let i = 0; i < n; i++) p[i] += cj * V[off + i];
    }
    let slope = 0; // gᵀp
    for (let i = 0; i < n; i++) slope += g[i] * p[i];
    if (!(slope < 0)) {
      // Only by rounding (gᵀp = −‖g‖² Σ(Qᵀe₁)²/D < 0 in exact arithmetic).
      stop = Number.isNaN(slope) ? 'non-finite' : 'no-descent';
      break;
    }

    let alpha = 1;
    let accepted = false;
    let trialLoss = loss;
    for (let b = 0; b <= maxBacktracks; b++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i] + alpha * p[i];
      trialLoss = objective.gradient(trial, gTrial);
      gradients++;
      if (Number.isFinite(trialLoss) && trialLoss <= loss + rho * alpha * slope && allFinite(gTrial)) {
        accepted = true;
        break;
      }
      if (b < maxBacktracks) alpha *= beta;
    }
    if (!accepted) {
      stop = 'line-search-failed';
      break;
    }
    theta.set(trial);
    g.set(gTrial);
    loss = trialLoss;
    gg = sumOfSquares(g);
    iterations++;
    pushTrace(trace, loss, gg, alpha, theta, m, '');
    if (Math.sqrt(sumOfSquares(theta)) > divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, innerFlag: '', trace };
  return result;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
