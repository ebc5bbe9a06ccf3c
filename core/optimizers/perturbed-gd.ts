/**
 * Perturbed gradient descent (Jin, Ge, Netrapalli, Kakade & Jordan, "How to escape saddle points
 * efficiently", ICML 2017, Algorithm 2), with its thresholds given directly:
 *   for t = 0, 1, …:
 *     if ‖∇L(θ_t)‖ ≤ g_thres and t − t_noise > t_thres:
 *       θ̃ ← θ_t, t_noise ← t, θ_t ← θ̃ + ξ_t,  ξ_t uniform in the ball B_0(r)
 *     if t − t_noise = t_thres and L(θ_t) − L(θ̃) > −f_thres: return θ̃      (only if f_thres is set)
 *     θ_{t+1} = θ_t − η ∇L(θ_t)
 * with t_noise = −t_thres − 1 at the start. Near a strict saddle the perturbation puts a
 * component along the negative-curvature direction, which gradient descent then amplifies by
 * (1 + η|λ_min|) per step, so PGD escapes where GD stalls. Algorithm 2 derives η, r, g_thres,
 * f_thres, t_thres from (ℓ, ρ, ε, c, δ, Δf): `jinParameters` computes them, for users who know
 * these constants.
 *
 * The issue text asks for noise "on the unit sphere"; Jin et al. sample the ball. `noise: 'ball'`
 * (default) follows the paper: ξ = r·u^{1/n}·z/‖z‖ with u uniform and z Gaussian; 'sphere' uses
 * ξ = r·z/‖z‖. Always full batch; `tolerance` is ignored (small gradients are where PGD acts).
 * The gradient at the perturbed point is evaluated before the step (as in the algorithm), so a
 * perturbing step costs two gradients.
 * Cost per step: one gradient (two when perturbing), 2n flops.
 */
import type { GradientObjective, OptimizerRun, PerturbedGdOptions, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

/**
 * Jin et al. 2017, Algorithm 2's parameters: χ = 3·max(ln(dℓΔf/(cε²δ)), 4), η = c/ℓ,
 * r = (√c/χ²)(ε/ℓ), g_thres = (√c/χ²)ε, f_thres = (c/χ³)√(ε³/ρ), t_thres = (χ/c²)(ℓ/√(ρε)),
 * for an ℓ-gradient-Lipschitz, ρ-Hessian-Lipschitz f in dimension d with L(θ_0) − L* ≤ Δf,
 * target accuracy ε, failure probability δ and a constant c (their theory needs c small enough).
 */
export function jinParameters(p: { ell: number; rho: number; epsilon: number; c: number; delta: number; deltaF: number; dimension: number }): {
  learningRate: number;
  radius: number;
  gradientThreshold: number;
  lossThreshold: number;
  stepThreshold: number;
} {
  const { ell, rho, epsilon, c, delta, deltaF, dimension } = p;
  const chi = 3 * Math.max(Math.log((dimension * ell * deltaF) / (c * epsilon * epsilon * delta)), 4);
  return {
    learningRate: c / ell,
    radius: ((Math.sqrt(c) / (chi * chi)) * epsilon) / ell,
    gradientThreshold: (Math.sqrt(c) / (chi * chi)) * epsilon,
    lossThreshold: (c / (chi * chi * chi)) * Math.sqrt((epsilon * epsilon * epsilon) / rho),
    stepThreshold: Math.max(1, Math.ceil(((chi / (c * c)) * ell) / Math.sqrt(rho * epsilon))),
  };
}

/** Writes a uniform point of the ball (or sphere) of radius r in Rⁿ into xi. */
export function perturbation(xi: Float64Array, r: number, noise: 'ball' | 'sphere', rng: Rng): void {
  rng.unitSphere(xi);
  const scale = noise === 'ball' ? r * Math.pow(rng.uniform(), 1 / xi.length) : r;
  for (let i = 0; i < xi.length; i++) xi[i] *= scale;
}

export function perturbedGd(objective: GradientObjective, start: Float64Array, options: PerturbedGdOptions & RunControls, rng: Rng): OptimizerRun {
  const eta = options.learningRate;
  const gThresSq = options.gradientThreshold * options.gradientThreshold;
  const tThres = options.stepThreshold;
  const fThres = options.lossThreshold;
  const n = objective.dimension;
  const xi = new Float64Array(n);
  const thetaTilde = new Float64Array(n);
  let lossTilde = NaN;
  let tNoise = -tThres - 1;
  return firstOrderLoop(
    'perturbed-gd',
    objective,
    start,
    { ...options, batchSize: null },
    rng,
    ({ oracle }) => (step, theta, g) => {
      const t = step - 1; // Jin et al. count iterations from 0; θ is their x_t here.
      if (oracle.gradNormSq <= gThresSq && t - tNoise > tThres) {
        thetaTilde.set(theta);
        lossTilde = oracle.loss;
        tNoise = t;
        perturbation(xi, options.radius, options.noise, rng);
        for (let i = 0; i < n; i++) theta[i] += xi[i];
        oracle.evaluate(theta, g);
      }
      if (fThres !== null && t - tNoise === tThres && oracle.loss - lossTilde > -fThres) {
        theta.set(thetaTilde);
        return 'stationary';
      }
      for (let i = 0; i < n; i++) theta[i] -= eta * g[i];
      return undefined;
    },
    true,
  );
}
