/**
 * Plain Newton's method for critical points (of any type, not only minima): the step solves
 * H p = −g exactly, and a backtracking line search on the merit function ‖g‖² accepts α when
 *   ‖g(θ + αp)‖² ≤ ‖g‖² + 2ρα pᵀHg
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 3.1 applied to ½‖g‖², whose
 * directional derivative along p is pᵀHg; for the exact Newton step pᵀHg = −‖g‖²).
 * The Hessian is assembled from n Hessian-vector products and factored by LU (small n only);
 * a numerically singular H stops the run where it is rather than jumping elsewhere.
 * Returns the final θ, loss, ‖g‖², counts and the per-iteration trace.
 * Cost per iteration: n HVPs + (2/3)n³ + one gradient per line-search trial.
 */
import { denseFromOperator } from '../linalg/dense-from-operator.ts';
import { luFactor, luSolve } from '../linalg/lu.ts';
import {
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
}

/** Dense Newton is for small problems; larger ones go to Newton-MR. */
export const NEWTON_MAX_DIMENSION = 500;

export function* newton(objective: Objective, start: Float64Array, options: NewtonOptions): FinderRun {
  const n = objective.dimension;
  if (n > NEWTON_MAX_DIMENSION) {
    throw new Error(`plain Newton assembles the dense Hessian and is limited to ${NEWTON_MAX_DIMENSION} parameters (got ${n}); use newton-mr`);
  }
  const theta = Float64Array.from(start);
  const trial = new Float64Array(n);
  const g = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const p = new Float64Array(n);
  const work = new Float64Array(2 * n);
  const hvpAtTheta = (v: Float64Array, out: Float64Array) => objective.hvp(theta, v, out);
  const H = new Float64Array(n * n);
  const Hg = new Float64Array(n);
  const pivots = new Int32Array(n);
  const trace = newTrace(options.recordPath);

  let hvps = 0;
  let gradients = 1;
  let loss = objective.gradient(theta, g);
  let gg = sumOfSquares(g);
  pushTrace(trace, loss, gg, 0, theta);
  let iterations = 0;
  let stop: FinderStop = 'max-iterations';

  while (true) {
    if (!Number.isFinite(loss) || !Number.isFinite(gg)) {
      stop = 'non-finite';
      break;
    }
    if (gg <= options.tolerance) {
      stop = 'converged';
      break;
    }
    if (iterations >= options.maxIterations) {
      stop = 'max-iterations';
      break;
    }
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
    let slope = 0;
    for (let i = 0; i < n; i++) slope += p[i] * Hg[i];
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
    pushTrace(trace, loss, gg, alpha, theta);
    if (Math.sqrt(sumOfSquares(theta)) > options.divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, trace };
  return result;
}
