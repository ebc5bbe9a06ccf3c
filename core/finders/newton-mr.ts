/**
 * Newton-MR for critical points of any index: the step p is the minimum-length least-squares
 * solution of H p = −g, p = −H⁺g, computed by MINRES-QLP from Hessian-vector products only, and
 * a backtracking line search on the merit function ‖g‖² accepts α when
 *   ‖g(θ + αp)‖² ≤ ‖g‖² + 2ρα pᵀHg.
 *
 * Roosta, Liu, Xu & Mahoney, "Newton-MR: Inexact Newton method with minimum residual sub-problem
 * solver" (arXiv:1810.00303; EURO J. Comput. Optim. 10, 2022), Alg. 1 (Newton-MR) with its
 * Armijo-type line search on ‖g‖² (ρ ∈ (0, 1/2)). As a critical-point finder it follows Frye,
 * Simon, Wadia, Ligeralde, DeWeese & Bouchard, Neural Comput. 33 (2021) (their autocrit code):
 * MINRES-QLP (Choi, Paige & Saunders 2011) for the sub-problem and a step size that persists across
 * iterations: α starts at α₀ = 0.1, shrinks by β while the test fails, and after an accepted step
 * grows back as α ← min(1, α/β) (DESIGN.md §4). pᵀHg is the directional derivative of ½‖g‖²
 * along p; with p = −H⁺g it is −‖P_range(H) g‖² ≤ 0 in exact arithmetic.
 *
 * Special cases:
 * - pᵀHg ≥ 0 (e.g. g ∈ ker H, where MINRES-QLP returns p = 0 with flag 'least-squares': a
 *   gradient-flat point) stops with 'no-descent': ‖g‖² cannot decrease along p.
 * - A failed line search (maxBacktracks halvings) stops the run where it is — never jumps
 *   elsewhere (θ = 0 is itself a critical point of bias-free networks).
 * - The MINRES-QLP flag of every step is kept in the trace (and of a final rejected step in
 *   `innerFlag`): 'least-squares' along the way marks g outside the range of H, the signature of
 *   gradient-flat regions (DESIGN.md §4).
 * pᵀHg is evaluated as gᵀ(Hp) with one extra HVP (exact for the returned p; MINRES-QLP's own
 * residual vector is workspace-internal and not relied on).
 *
 * Cost per iteration: one MINRES-QLP solve (its iterations + 2 HVPs for the exact residuals),
 * one HVP for Hp, one gradient per line-search trial; O(n) memory, nothing allocated per iteration.
 */
import { createMinresQlpWorkspace, minresQlp, type MinresQlpOptions } from '../linalg/minres-qlp.ts';
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

export interface NewtonMrOptions extends CommonFinderOptions {
  /** Armijo constant ρ ∈ (0, 1/2) of the ‖g‖² line search. */
  readonly rho: number;
  /** Step size of the first iteration, α₀ ∈ (0, 1]. */
  readonly alpha0: number;
  /** Backtracking factor β ∈ (0, 1); after an accepted step α ← min(1, α/β). */
  readonly beta: number;
  /** Most step-size reductions per iteration before the line search fails. */
  readonly maxBacktracks: number;
  /** MINRES-QLP relative tolerance on relres and relAres (krylov.ts). */
  readonly innerRtol: number;
  /** MINRES-QLP iteration limit; null: 4n (its own default). */
  readonly innerMaxIterations: number | null;
}

/**
 * ρ = 1e-4, α₀ = 0.1, β = 0.5 (DESIGN.md §4), 60 backtracks, inner limit 4n, and an inexact
 * inner solve (rtol 1e-4: Roosta et al.'s inexactness conditions allow it). Measured on the
 * 16-4-16 linear autoencoder (100 trajectory starts): with rtol 1e-10 MINRES-QLP cannot reach
 * relAres 1e-10 on the near-singular, slightly incompatible systems away from critical points
 * (it stalls near 1e-8, see minres-qlp.ts), runs to its iteration limit every time, and its
 * near-null-space components make steps the line search must shrink to nothing: 41% of runs
 * reached ‖g‖² < 1e-10 in 500 iterations; with rtol 1e-4, 94% did, 15× faster.
 */
export const DEFAULT_NEWTON_MR_OPTIONS: NewtonMrOptions = {
  ...DEFAULT_COMMON_FINDER_OPTIONS,
  rho: 1e-4,
  alpha0: 0.1,
  beta: 0.5,
  maxBacktracks: 60,
  innerRtol: 1e-4,
  innerMaxIterations: null,
};

export function* newtonMr(objective: Objective, start: Float64Array, options: NewtonMrOptions = DEFAULT_NEWTON_MR_OPTIONS): FinderRun {
  const n = objective.dimension;
  const { rho, beta, maxBacktracks, tolerance, maxIterations, divergence } = options;
  const theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const minusG = new Float64Array(n);
  const Hp = new Float64Array(n);
  const trial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const workspace = createMinresQlpWorkspace(n);
  const H = (v: Float64Array, out: Float64Array): void => objective.hvp(theta, v, out);
  const solveOptions: MinresQlpOptions = {
    rtol: options.innerRtol,
    ...(options.innerMaxIterations !== null ? { maxIterations: options.innerMaxIterations } : {}),
  };
  const trace = newTrace(options.recordPath);

  let hvps = 0;
  let gradients = 1;
  let loss = objective.gradient(theta, g);
  let gg = sumOfSquares(g);
  pushTrace(trace, loss, gg, 0, theta);
  let iterations = 0;
  let alpha = options.alpha0;
  let innerFlag = '';
  let stop: FinderStop = 'max-iterations';

  while (true) {
    const check = iterationStop(loss, gg, iterations, options);
    if (check) {
      stop = check;
      break;
    }
    // p = MINRES-QLP(H, −g): the minimum-length (least-squares) solution.
    for (let i = 0; i < n; i++) minusG[i] = -g[i];
    const solve = minresQlp(n, H, minusG, solveOptions, workspace);
    hvps += solve.matvecs;
    innerFlag = solve.flag;
    if (solve.flag === 'non-finite') {
      stop = 'non-finite';
      break;
    }
    const p = solve.x;
    // Directional derivative of ½‖g‖² along p: pᵀHg = gᵀ(Hp).
    H(p, Hp);
    hvps++;
    let pHg = 0;
    for (let i = 0; i < n; i++) pHg += g[i] * Hp[i];
    if (Number.isNaN(pHg)) {
      stop = 'non-finite';
      break;
    }
    if (!(pHg < 0)) {
      stop = 'no-descent';
      break;
    }

    let accepted = false;
    let trialLoss = loss;
    let trialGg = gg;
    for (let b = 0; b <= maxBacktracks; b++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i] + alpha * p[i];
      trialLoss = objective.gradient(trial, gTrial);
      gradients++;
      trialGg = sumOfSquares(gTrial);
      if (Number.isFinite(trialLoss) && trialGg <= gg + 2 * rho * alpha * pHg) {
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
    gg = trialGg;
    iterations++;
    pushTrace(trace, loss, gg, alpha, theta, solve.iterations, solve.flag);
    alpha = Math.min(1, alpha / beta);
    if (Math.sqrt(sumOfSquares(theta)) > divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, innerFlag, trace };
  return result;
}
