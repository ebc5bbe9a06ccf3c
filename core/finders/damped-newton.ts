/**
 * Damped Newton for critical points: for every damping γ of a grid the full step
 *   p(γ) = −(H + γI)⁺ g
 * is computed (MINRES-QLP with shift σ = −γ, since core/linalg solves (A − σI)x = b, giving the
 * minimum-length solution when H + γI is singular), the candidates θ + p(γ) are evaluated, and
 * the one with the smallest ‖g‖² is taken if it is smaller than the current ‖g‖².
 *
 * Dauphin, Pascanu, Gulcehre, Cho, Ganguli & Bengio, "Identifying and attacking the saddle point
 * problem in high-dimensional non-convex optimization", NeurIPS 2014 (damped Newton as the
 * trust-region baseline of saddle-free Newton; there the damping is chosen to minimise the loss —
 * section numbers not cited: the paper's text was not at hand). As a critical-point finder the
 * candidates are ranked by ‖g‖² instead, as in Frye et al., Neural Comput. 33 (2021) (autocrit's
 * NewtonTR, DESIGN.md §4): the grid plays the role of a trust-region radius search. The best
 * candidate over the whole grid is kept — not the last one tried, nor the last one that improved.
 *
 * Special cases: if no candidate lowers ‖g‖² (ties do not count), the run stops where it is
 * ('no-improvement'); candidates with a non-finite loss or gradient, or whose solve returned
 * 'non-finite', are skipped. The trace's step is 1 (full steps), innerIterations the MINRES-QLP
 * iterations summed over the grid, flag the MINRES-QLP flag of the chosen γ.
 * Cost per iteration: one MINRES-QLP solve (its iterations + 2 HVPs) and one gradient per γ;
 * one MINRES-QLP workspace reused for every solve; nothing allocated per iteration.
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

export interface DampedNewtonOptions extends CommonFinderOptions {
  /** The damping grid γ > 0, tried in this order. */
  readonly gammas: readonly number[];
  /** MINRES-QLP relative tolerance. */
  readonly innerRtol: number;
  /** MINRES-QLP iteration limit; null: 4n. */
  readonly innerMaxIterations: number | null;
}

/** γ ∈ {1e-4, 1e-3, 1e-2, 1e-1, 1, 10}, inner rtol 1e-10, inner limit 4n. */
export const DEFAULT_DAMPED_NEWTON_OPTIONS: DampedNewtonOptions = {
  ...DEFAULT_COMMON_FINDER_OPTIONS,
  gammas: [1e-4, 1e-3, 1e-2, 1e-1, 1, 10],
  innerRtol: 1e-10,
  innerMaxIterations: null,
};

export function* dampedNewton(
  objective: Objective,
  start: Float64Array,
  options: DampedNewtonOptions = DEFAULT_DAMPED_NEWTON_OPTIONS,
): FinderRun {
  const n = objective.dimension;
  const { tolerance, maxIterations, divergence } = options;
  if (options.gammas.length === 0) throw new RangeError('damped Newton needs at least one damping γ');
  const theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const minusG = new Float64Array(n);
  let thetaCandidate = new Float64Array(n);
  let gCandidate = new Float64Array(n);
  let thetaBest = new Float64Array(n);
  let gBest = new Float64Array(n);
  const workspace = createMinresQlpWorkspace(n);
  const H = (v: Float64Array, out: Float64Array): void => objective.hvp(theta, v, out);
  // One options record per γ: (H − σI)p = −g with σ = −γ.
  const solveOptions: MinresQlpOptions[] = options.gammas.map((gamma) => ({
    rtol: options.innerRtol,
    shift: -gamma,
    ...(options.innerMaxIterations !== null ? { maxIterations: options.innerMaxIterations } : {}),
  }));
  const trace = newTrace(options.recordPath);

  let hvps = 0;
  let gradients = 1;
  let loss = objective.gradient(theta, g);
  let gg = sumOfSquares(g);
  pushTrace(trace, loss, gg, 0, theta);
  let iterations = 0;
  let innerFlag = '';
  let stop: FinderStop = 'max-iterations';

  while (true) {
    const check = iterationStop(loss, gg, iterations, options);
    if (check) {
      stop = check;
      break;
    }
    for (let i = 0; i < n; i++) minusG[i] = -g[i];
    let innerIterations = 0;
    let bestGg = gg;
    let bestLoss = loss;
    let bestFlag = '';
    let found = false;
    for (let k = 0; k < solveOptions.length; k++) {
      const solve = minresQlp(n, H, minusG, solveOptions[k], workspace);
      hvps += solve.matvecs;
      innerIterations += solve.iterations;
      innerFlag = solve.flag;
      if (solve.flag === 'non-finite') continue;
      const p = solve.x;
      for (let i = 0; i < n; i++) thetaCandidate[i] = theta[i] + p[i];
      const candidateLoss = objective.gradient(thetaCandidate, gCandidate);
      gradients++;
      const candidateGg = sumOfSquares(gCandidate);
      if (Number.isFinite(candidateLoss) && candidateGg < bestGg) {
        // Keep this candidate: swap it into the best buffers (no copy, no allocation).
        const t = thetaBest;
        thetaBest = thetaCandidate;
        thetaCandidate = t;
        const u = gBest;
        gBest = gCandidate;
        gCandidate = u;
        bestGg = candidateGg;
        bestLoss = candidateLoss;
        bestFlag = solve.flag;
        found = true;
      }
    }
    if (!found) {
      stop = 'no-improvement';
      break;
    }
    theta.set(thetaBest);
    g.set(gBest);
    loss = bestLoss;
    gg = bestGg;
    innerFlag = bestFlag;
    iterations++;
    pushTrace(trace, loss, gg, 1, theta, innerIterations, bestFlag);
    if (Math.sqrt(sumOfSquares(theta)) > divergence) {
      stop = 'diverged';
      break;
    }
    yield { iteration: iterations, loss, gradNormSq: gg };
  }
  const result: FinderResult = { theta, loss, gradNormSq: gg, iterations, hvps, gradients, stop, innerFlag, trace };
  return result;
}
