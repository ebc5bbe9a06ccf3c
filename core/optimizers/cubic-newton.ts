/**
 * Cubic-regularised Newton (Nesterov & Polyak, "Cubic regularization of Newton method and its
 * global performance", Math. Program. 108, 2006): θ_{k+1} = θ_k + s_k with s_k the global
 * minimiser of the cubic model
 *   m_k(s) = gᵀs + ½ sᵀ∇²L(θ_k)s + (M/6)‖s‖³,
 * an upper bound on L(θ_k + s) − L(θ_k) when M ≥ the Lipschitz constant of ∇²L. The model sees
 * negative curvature: at a strict saddle (even with g = 0, or g orthogonal to the negative
 * eigenvectors) its minimiser has length ≥ 2|λ_min|/M along them, so the method escapes saddles
 * that stall gradient descent, and its limit points are second-order stationary (their Thm. 2).
 * In the common form of ./optimizer.ts: α_k = 1, β_k = 0, H_k = ∇²L + (M r_k/2) I.
 *
 * The subproblem is solved from Hessian-vector products only, in a Lanczos subspace of
 * dimension min(n, krylovDimension) continued past breakdowns with random directions
 * (./cubic-subproblem.ts, Cartis–Gould–Toint 2011 §6.2): exact when krylovDimension ≥ n.
 *
 * M: with `adaptive` (default) each step tries M, doubling it until the model bounds the loss at
 * the trial point, L(θ + s) ≤ L(θ) + m(s) (+ a rounding slack of 1e-14·max(|L|, |L(θ + s)|)),
 * and halves M (not below minLipschitz) after each accepted step: Nesterov & Polyak's adaptive
 * choice of M_k (find M_k ∈ [L₀, 2L] with L(T_{M_k}) ≤ the model's value; §3) by doubling, as in
 * their §5, so a wrong initial M costs only a few extra gradients. Without `adaptive` every step
 * is accepted with the given M.
 * Stops: 'stationary' when the model's minimiser is s = 0 (g = 0 and no negative curvature in
 * the subspace), 'stalled' if 60 doublings of M do not give an acceptable step.
 * Cost per step: k HVPs and ≈ 4k²n flops (subproblem) + one gradient per trial M.
 * Allocation: none per step (the basis, tridiagonal and eigenvector buffers are preallocated).
 */
import { sumOfSquares } from '../finders/finder.ts';
import type { CubicNewtonOptions, Objective, OptimizerRun, OptimizerStop, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { createCubicWorkspace, cubicBasis, cubicStep } from './cubic-subproblem.ts';
import { TrajectoryRecorder } from './trajectory.ts';

/** Doublings of M tried in one step before giving up. */
const MAX_DOUBLINGS = 60;

export function* cubicNewton(objective: Objective, start: Float64Array, options: CubicNewtonOptions & RunControls, rng: Rng): OptimizerRun {
  const n = objective.dimension;
  if (start.length !== n) throw new RangeError(`the start has ${start.length} parameters but the problem has ${n}`);
  const theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const trial = new Float64Array(n);
  const s = new Float64Array(n);
  const ws = createCubicWorkspace(n, options.krylovDimension);
  const recorder = new TrajectoryRecorder(n, options.steps, options.recordEvery ?? 0);
  const hvpAtTheta = (v: Float64Array, out: Float64Array) => objective.hvp(theta, v, out);
  const notes: string[] = [];
  if (ws.k < n) notes.push(`cubic-newton: subproblem solved in a ${ws.k}-dimensional Lanczos subspace of the ${n} parameters`);

  let loss = objective.gradient(theta, g);
  let gg = sumOfSquares(g);
  let gradients = 1;
  let hvps = 0;
  recorder.record(theta, loss, gg);
  let stop: OptimizerStop = 'steps';
  if (!Number.isFinite(loss) || !Number.isFinite(gg)) {
    return recorder.result('cubic-newton', theta, 'diverged', gradients, hvps, notes);
  }
  if (n === 0) return recorder.result('cubic-newton', theta, 'stationary', gradients, hvps, notes);
  let M = options.lipschitz;
  for (let t = 1; t <= options.steps; t++) {
    if (options.tolerance > 0 && gg <= options.tolerance) {
      stop = 'converged';
      break;
    }
    hvps += cubicBasis(hvpAtTheta, g, ws, rng);
    let accepted = false;
    let trialLoss = NaN;
    let zeroStep = false;
    for (let attempt = 0; attempt <= MAX_DOUBLINGS; attempt++) {
      cubicStep(ws, M, s, rng);
      if (ws.stepNorm === 0) {
        zeroStep = true;
        break;
      }
      for (let i = 0; i < n; i++) trial[i] = theta[i] + s[i];
      trialLoss = objective.gradient(trial, gTrial);
      gradients++;
      if (!options.adaptive) {
        accepted = true;
        break;
      }
      const slack = 1e-14 * Math.max(Math.abs(loss), Math.abs(trialLoss));
      if (Number.isFinite(trialLoss) && trialLoss - loss <= ws.modelValue + slack) {
        accepted = true;
        break;
      }
      M *= 2;
    }
    if (zeroStep) {
      stop = 'stationary';
      break;
    }
    if (!accepted) {
      stop = 'stalled';
      break;
    }
    const trialGg = sumOfSquares(gTrial);
    if (!Number.isFinite(trialLoss) || !Number.isFinite(trialGg) || Math.sqrt(sumOfSquares(trial)) > options.divergence) {
      stop = 'diverged';
      break;
    }
    theta.set(trial);
    g.set(gTrial);
    loss = trialLoss;
    gg = trialGg;
    if (options.adaptive) M = Math.max(M / 2, options.minLipschitz);
    recorder.record(theta, loss, gg);
    yield { step: t, loss, gradNormSq: gg };
  }
  return recorder.result('cubic-newton', theta, stop, gradients, hvps, notes);
}
