/**
 * Gradient-norm minimisation (GNM): critical points of L as minimisers of the merit function
 *   φ(θ) = ½‖g(θ)‖²,  ∇φ = H g  (one Hessian-vector product),
 * minimised along directions d with a strong-Wolfe line search (wolfe-line-search.ts, Nocedal &
 * Wright, Numerical Optimization, 2nd ed., Alg. 3.5/3.6). Directions (option `variant`):
 * - 'steepest-descent': d = −∇φ (N&W §3.3); the first trial step of iteration k is
 *   α_{k−1} ∇φ_{k−1}ᵀd_{k−1} / ∇φ_kᵀd_k (eq. 3.60).
 * - 'bfgs': d = −H_k ∇φ with the inverse-Hessian approximation H_k of N&W Alg. 6.1 (update
 *   eq. 6.17, H₀ = (yᵀs / yᵀy) I set just before the first update, eq. 6.20); dense (n² memory,
 *   O(n²) per iteration) up to `bfgsMaxDimension` parameters, L-BFGS above.
 * - 'lbfgs': the two-loop recursion of N&W Alg. 7.4 with the last `memory` pairs (s, y) and
 *   H₀ = (sᵀy / yᵀy) I (eq. 7.20).
 * Quasi-Newton trial steps start at α = 1; the first iteration (and any restart) uses
 * d = −∇φ with α₁ = min(1, 1/‖∇φ‖).
 *
 * GNM is the baseline of Pennington & Bahri (2017) and Frye et al., Neural Comput. 33 (2021)
 * (DESIGN.md §4); it converges to minimisers of ‖g‖², which include non-critical points where
 * Hg = 0 ≠ g (gradient-flat points), where it stops with 'no-descent'.
 * Special cases: a quasi-Newton direction that is not a descent direction for φ, or whose line
 * search fails, is replaced once by −∇φ with the curvature memory cleared; if that line search
 * fails too, the run stops where it is ('line-search-failed'). A pair with yᵀs ≤ ε‖y‖‖s‖ is not
 * stored (cannot happen under strong Wolfe in exact arithmetic).
 * Trace: step = accepted α (the step is α d), innerIterations = line-search evaluations, flag ''.
 * Cost per line-search trial: one gradient, plus one HVP if it passes sufficient decrease;
 * per iteration O(n²) (dense BFGS) or O(mn) (L-BFGS); nothing allocated per iteration.
 */
import { DEFAULT_WOLFE_OPTIONS, createWolfeResult, wolfeLineSearch, type LineFunction, type WolfeOptions } from './wolfe-line-search.ts';
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

export type GnmVariant = 'steepest-descent' | 'bfgs' | 'lbfgs';

export interface GnmOptions extends CommonFinderOptions {
  readonly variant: GnmVariant;
  /** 'bfgs' keeps a dense n×n inverse Hessian up to this n, and runs L-BFGS above it. */
  readonly bfgsMaxDimension: number;
  /** L-BFGS memory m (pairs kept). */
  readonly memory: number;
  /** Strong-Wolfe constants 0 < c₁ < c₂ < 1. */
  readonly c1: number;
  readonly c2: number;
  /** Most function evaluations per line search. */
  readonly maxEvaluations: number;
}

/** BFGS (dense to n = 200, L-BFGS above, m = 10), c₁ = 1e-4, c₂ = 0.9, 30 evaluations per search. */
export const DEFAULT_GNM_OPTIONS: GnmOptions = {
  ...DEFAULT_COMMON_FINDER_OPTIONS,
  variant: 'bfgs',
  bfgsMaxDimension: 200,
  memory: 10,
  c1: DEFAULT_WOLFE_OPTIONS.c1,
  c2: DEFAULT_WOLFE_OPTIONS.c2,
  maxEvaluations: DEFAULT_WOLFE_OPTIONS.maxEvaluations,
};

export function* gnm(objective: Objective, start: Float64Array, options: GnmOptions = DEFAULT_GNM_OPTIONS): FinderRun {
  const n = objective.dimension;
  const { tolerance, maxIterations, divergence } = options;
  const mode: 'sd' | 'dense' | 'limited' =
    options.variant === 'steepest-descent' ? 'sd' : options.variant === 'bfgs' && n <= options.bfgsMaxDimension ? 'dense' : 'limited';
  const m = Math.max(1, Math.floor(options.memory));
  const wolfe: WolfeOptions = { ...DEFAULT_WOLFE_OPTIONS, c1: options.c1, c2: options.c2, maxEvaluations: options.maxEvaluations };
  const search = createWolfeResult();

  const theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const Hg = new Float64Array(n); // ∇φ
  const d = new Float64Array(n);
  const thetaTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const HgTrial = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  // Dense BFGS: inverse Hessian approximation (row-major) and H y.
  const Hinv = mode === 'dense' ? new Float64Array(n * n) : new Float64Array(0);
  const Hy = mode === 'dense' ? new Float64Array(n) : new Float64Array(0);
  // L-BFGS: ring buffers of s and y (row j = pair j), ρ_j = 1/(y_jᵀs_j), and α_j of the two-loop.
  const S = mode === 'limited' ? new Float64Array(m * n) : new Float64Array(0);
  const Y = mode === 'limited' ? new Float64Array(m * n) : new Float64Array(0);
  const rhoPairs = new Float64Array(m);
  const alphaPairs = new Float64Array(m);
  let pairs = 0;
  let newest = -1;
  let bfgsScaled = false;

  let gradients = 0;
  let hvps = 0;
  let trialLoss = 0;
  const line: LineFunction = {
    value(alpha) {
      for (let i = 0; i < n; i++) thetaTrial[i] = theta[i] + alpha * d[i];
      trialLoss = objective.gradient(thetaTrial, gTrial);
      gradients++;
      return 0.5 * sumOfSquares(gTrial);
    },
    derivative() {
      objective.hvp(thetaTrial, gTrial, HgTrial);
      hvps++;
      let dphi = 0;
      for (let i = 0; i < n; i++) dphi += HgTrial[i] * d[i];
      return dphi;
    },
  };

  const trace = newTrace(options.recordPath);
  let loss = objective.gradient(theta, g);
  gradients++;
  let gg = sumOfSquares(g);
  objective.hvp(theta, g, Hg);
  hvps++;
  pushTrace(trace, loss, gg, 0, theta);
  let iterations = 0;
  let stop: FinderStop = 'max-iterations';
  let restart = true;
  let previousAlpha = 0;
  let previousSlope = 0;

  while (true) {
    const check = allFinite(Hg) ? iterationStop(loss, gg, iterations, options) : 'non-finite';
    if (check) {
      stop = check;
      break;
    }
    const gradPhiSq = sumOfSquares(Hg);
    if (gradPhiSq === 0) {
      // ∇φ = Hg = 0 with g ≠ 0: a stationary point of ½‖g‖² that is not critical.
      stop = 'no-descent';
      break;
    }
    const phi = 0.5 * gg;
    let evaluations = 0;
    let accepted = false;
    // At most two attempts: the method's direction, then (quasi-Newton only) steepest descent.
    for (let attempt = 0; attempt < 2 && !accepted; attempt++) {
      if (attempt === 1) {
        if (mode === 'sd' || restart) break; // −∇φ was tried already
        clearMemory();
        restart = true;
      }
      const steepest = restart || mode === 'sd';
      if (steepest) for (let i = 0; i < n; i++) d[i] = -Hg[i];
      else if (mode === 'dense') denseDirection();
      else limitedDirection();
      let slope = 0;
      for (let i = 0; i < n; i++) slope += Hg[i] * d[i];
      if (!(slope < 0)) continue; // not a descent direction: retry with −∇φ
      let alpha1 = 1;
      if (restart) alpha1 = Math.min(1, 1 / Math.sqrt(gradPhiSq));
      else if (mode === 'sd') alpha1 = (previousAlpha * previousSlope) / slope;
      wolfeLineSearch(line, phi, slope, alpha1, wolfe, search);
      evaluations += search.evaluations;
      if (search.ok) {
        accepted = true;
        previousAlpha = search.alpha;
        previousSlope = slope;
      }
    }
    if (!accepted) {
      stop = 'line-search-failed';
      break;
    }
    // s = θ₊ − θ = αd, y = ∇φ₊ − ∇φ; then move.
    const alpha = search.alpha;
    for (let i = 0; i < n; i++) {
      s[i] = alpha * d[i];
      y[i] = HgTrial[i] - Hg[i];
    }
    theta.set(thetaTrial);
    g.set(gTrial);
    Hg.set(HgTrial);
    loss = trialLoss;
    gg = sumOfSquares(g);
    if (mode !== 'sd') storePair();
    restart = false;
    iterations++;
    pushTrace(trace, loss, gg, alpha, theta, evaluations, '');
    if (Math.sqrt(sumOfSquares(theta)) > divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, innerFlag: '', trace };
  return result;

  function clearMemory(): void {
    pairs = 0;
    newest = -1;
    bfgsScaled = false;
  }

  /** Stores (s, y) if yᵀs is safely positive: the dense update (6.17) or the L-BFGS ring. */
  function storePair(): void {
    let ys = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ys += y[i] * s[i];
      yy += y[i] * y[i];
      ss += s[i] * s[i];
    }
    if (!(ys > Number.EPSILON * Math.sqrt(yy * ss))) return;
    const rho = 1 / ys;
    if (mode === 'dense') {
      if (!bfgsScaled) {
        // H₀ = (yᵀs / yᵀy) I before the first update (eq. 6.20).
        Hinv.fill(0);
        const gamma = ys / yy;
        for (let i = 0; i < n; i++) Hinv[i * n + i] = gamma;
        bfgsScaled = true;
      }
      // H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ = H − ρ(s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ.
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let t = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) t += Hinv[row + j] * y[j];
        Hy[i] = t;
        yHy += y[i] * t;
      }
      const c = rho * rho * yHy + rho;
      for (let i = 0; i < n; i++) {
        const row = i * n;
        const si = s[i];
        const Hyi = Hy[i];
        for (let j = 0; j < n; j++) Hinv[row + j] += -rho * (si * Hy[j] + Hyi * s[j]) + c * si * s[j];
      }
      return;
    }
    newest = (newest + 1) % m;
    S.set(s, newest * n);
    Y.set(y, newest * n);
    rhoPairs[newest] = rho;
    if (pairs < m) pairs++;
  }

  /** d = −H_k ∇φ (dense BFGS; H₀ = I until the first update). */
  function denseDirection(): void {
    if (!bfgsScaled) {
      for (let i = 0; i < n; i++) d[i] = -Hg[i];
      return;
    }
    for (let i = 0; i < n; i++) {
      let t = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) t += Hinv[row + j] * Hg[j];
      d[i] = -t;
    }
  }

  /** d = −H_k ∇φ by the L-BFGS two-loop recursion (Alg. 7.4). */
  function limitedDirection(): void {
    for (let i = 0; i < n; i++) d[i] = Hg[i]; // q
    if (pairs === 0) {
      for (let i = 0; i < n; i++) d[i] = -d[i];
      return;
    }
    let j = newest;
    for (let k = 0; k < pairs; k++) {
      const off = j * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += S[off + i] * d[i];
      a *= rhoPairs[j];
      alphaPairs[j] = a;
      for (let i = 0; i < n; i++) d[i] -= a * Y[off + i];
      j = (j - 1 + m) % m;
    }
    // r = γ q with γ = sᵀy / yᵀy of the newest pair (eq. 7.20).
    const off = newest * n;
    let yy = 0;
    for (let i = 0; i < n; i++) yy += Y[off + i] * Y[off + i];
    const gamma = 1 / (rhoPairs[newest] * yy);
    for (let i = 0; i < n; i++) d[i] *= gamma;
    j = (newest - pairs + 1 + m) % m; // oldest
    for (let k = 0; k < pairs; k++) {
      const o = j * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += Y[o + i] * d[i];
      b *= rhoPairs[j];
      const c = alphaPairs[j] - b;
      for (let i = 0; i < n; i++) d[i] += c * S[o + i];
      j = (j + 1) % m;
    }
    for (let i = 0; i < n; i++) d[i] = -d[i];
  }
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
