/**
 * Plain Newton's method for critical points (of any type, not only minima): the step solves
 * H p = −g exactly, and a backtracking line search on the merit function ‖g‖² accepts α when
 *   ‖g(θ + αp)‖² ≤ ‖g‖² + 2ρα pᵀHg
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 3.1 applied to ½‖g‖², whose
 * directional derivative along p is pᵀHg; for the exact Newton step pᵀHg = −‖g‖²).
 * Up to `denseMaxDimension` parameters the Hessian is assembled from n Hessian-vector products
 * and factored by LU; above it, H p = −g is solved by plain MINRES (Paige & Saunders 1975,
 * core/linalg/minres.ts) from HVPs, and pᵀHg costs one more HVP. Either way a numerically
 * singular H stops the run where it is ('singular-hessian': LU breakdown, or a MINRES flag other
 * than 'compatible'/'iteration-limit') rather than jumping elsewhere; Newton-MR
 * (newton-mr.ts) is the method that handles singular and indefinite H properly.
 * Returns the final θ, loss, ‖g‖², counts and the per-iteration trace (MINRES iterations and
 * flag per iteration on the MINRES path; 0 and '' on the LU path).
 * Cost per iteration: dense: n HVPs + (2/3)n³ flops; MINRES: its iterations + 3 HVPs; plus one
 * gradient per line-search trial.
 */
import { denseFromOperator } from '../linalg/dense-from-operator.ts';
import { luFactor, luSolve } from '../linalg/lu.ts';
import { createMinresWorkspace, minres } from '../linalg/minres.ts';
import type { KrylovOptions } from '../linalg/krylov.ts';
import {
  DEFAULT_COMMON_FINDER_OPTIONS,
  iterationStop,
  newTrace,
  pushTrace,
  sumOfSquares,
  type FinderResult,
  type FinderRun,
  type FinderStop,
  type Objective,
} from './finder.ts';

export interface NewtonOptions {
  readonly maxIterations: number;
  /** Stop as converged when ‖g‖² ≤ tolerance. */
  readonly tolerance: number;
  readonly rho: number;
  readonly beta: number;
  readonly maxBacktracks: number;
  /** ‖θ‖ above this is divergence. */
  readonly divergence: number;
  /** Record θ at every iteration in the trace. */
  readonly recordPath: boolean;
  /** Largest n solved by dense LU; above it MINRES (default NEWTON_MAX_DIMENSION). */
  readonly denseMaxDimension?: number;
  /** MINRES relative tolerance (default 1e-10). */
  readonly innerRtol?: number;
  /** MINRES iteration limit (default 4n). */
  readonly innerMaxIterations?: number | null;
}

/** Dense LU up to this many parameters; MINRES above. */
export const NEWTON_MAX_DIMENSION = 500;

/** ρ = 1e-4, β = 0.5, 60 backtracks; dense up to 500 parameters, MINRES rtol 1e-10 above. */
export const DEFAULT_NEWTON_OPTIONS: Required<NewtonOptions> = {
  ...DEFAULT_COMMON_FINDER_OPTIONS,
  rho: 1e-4,
  beta: 0.5,
  maxBacktracks: 60,
  denseMaxDimension: NEWTON_MAX_DIMENSION,
  innerRtol: 1e-10,
  innerMaxIterations: null,
};

export function* newton(objective: Objective, start: Float64Array, options: NewtonOptions): FinderRun {
  const n = objective.dimension;
  const dense = n <= (options.denseMaxDimension ?? NEWTON_MAX_DIMENSION);
  const theta = Float64Array.from(start);
  const trial = new Float64Array(n);
  const g = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const p = new Float64Array(n);
  const hvpAtTheta = (v: Float64Array, out: Float64Array) => objective.hvp(theta, v, out);
  // Dense path: H (n×n), LU pivots, assembly scratch. MINRES path: its workspace and −g.
  const work = dense ? new Float64Array(2 * n) : new Float64Array(0);
  const H = dense ? new Float64Array(n * n) : new Float64Array(0);
  const pivots = dense ? new Int32Array(n) : new Int32Array(0);
  const Hg = dense ? new Float64Array(n) : new Float64Array(0);
  const Hp = dense ? new Float64Array(0) : new Float64Array(n);
  const workspace = dense ? null : createMinresWorkspace(n);
  const minusG = dense ? new Float64Array(0) : new Float64Array(n);
  const innerMaxIterations = options.innerMaxIterations ?? null;
  const solveOptions: KrylovOptions = {
    rtol: options.innerRtol ?? 1e-10,
    ...(innerMaxIterations !== null ? { maxIterations: innerMaxIterations } : {}),
  };
  const trace = newTrace(options.recordPath);
  let innerFlag = '';

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
    let innerIterations = 0;
    let flag = '';
    // slope = 2pᵀHg, the directional derivative of ‖g‖² along p.
    let slope = 0;
    if (workspace === null) {
      // H from n HVPs (column j = H e_j), then Hg for the line-search slope.
      denseFromOperator(n, hvpAtTheta, H, false, work);
      hvps += n;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += H[i * n + j] * g[j];
        Hg[i] = s;
      }
      if (!luFactor(n, H, pivots)) {
        stop = 'singular-hessian';
        break;
      }
      for (let i = 0; i < n; i++) p[i] = -g[i];
      luSolve(n, H, pivots, p);
      for (let i = 0; i < n; i++) slope += p[i] * Hg[i];
    } else {
      // MINRES on H p = −g from HVPs; pᵀHg = gᵀ(Hp) with one more HVP.
      for (let i = 0; i < n; i++) minusG[i] = -g[i];
      const solve = minres(n, hvpAtTheta, minusG, solveOptions, workspace);
      hvps += solve.matvecs;
      innerIterations = solve.iterations;
      flag = solve.flag;
      innerFlag = flag;
      if (solve.flag === 'non-finite') {
        stop = 'non-finite';
        break;
      }
      if (solve.flag !== 'compatible' && solve.flag !== 'iteration-limit') {
        stop = 'singular-hessian';
        break;
      }
      p.set(solve.x);
      hvpAtTheta(p, Hp);
      hvps++;
      for (let i = 0; i < n; i++) slope += g[i] * Hp[i];
    }
    slope *= 2;

    let alpha = 1;
    let accepted = false;
    let trialLoss = loss;
    let trialGg = gg;
    for (let b = 0; b < options.maxBacktracks; b++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i] + alpha * p[i];
      trialLoss = objective.gradient(trial, gTrial);
      gradients++;
      trialGg = sumOfSquares(gTrial);
      if (Number.isFinite(trialGg) && trialGg <= gg + options.rho * alpha * slope) {
        accepted = true;
        break;
      }
      alpha *= options.beta;
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
    pushTrace(trace, loss, gg, alpha, theta, innerIterations, flag);
    if (Math.sqrt(sumOfSquares(theta)) > options.divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, innerFlag, trace };
  return result;
}
