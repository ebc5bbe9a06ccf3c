/**
 * Gradient descent with a constant step: θ_{t+1} = θ_t − α ∇L(θ_t) (Cauchy 1847; Nocedal &
 * Wright, Numerical Optimization, 2nd ed., §3.1 with a fixed step length). Always full batch.
 * In the common form of ./optimizer.ts: α_k = α, H_k = I, β_k = 0.
 *
 * On a quadratic ½θᵀDθ with D = diag(d) the iterates are exactly θ_t = (I − αD)ᵗθ_0: linear
 * convergence at rate max_i |1 − αd_i| when α < 2/max d_i. Started on the stable manifold of a
 * strict saddle (e.g. y = 0 for x² − y²), it converges to the saddle: the unstable component of
 * the gradient is exactly zero there, so nothing ever leaves the manifold (Lee et al. 2016 show
 * this set has measure zero, not that it is empty).
 * Cost per step: one gradient, 2n flops.
 */
import type { GdOptions, GradientObjective, OptimizerRun, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function gd(objective: GradientObjective, start: Float64Array, options: GdOptions & RunControls, rng: Rng): OptimizerRun {
  const alpha = options.learningRate;
  return firstOrderLoop('gd', objective, start, { ...options, batchSize: null }, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) theta[i] -= alpha * g[i];
  });
}
