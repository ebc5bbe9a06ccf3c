/**
 * Heavy-ball momentum (Polyak, "Some methods of speeding up the convergence of iteration
 * methods", USSR Comput. Math. Math. Phys. 4(5), 1964):
 *   θ_{t+1} = θ_t − α g̃_t + β (θ_t − θ_{t−1}),   θ_{−1} = θ_0,
 * run as v_{t+1} = β v_t − α g̃_t, θ_{t+1} = θ_t + v_{t+1} (v_0 = 0; v_t is exactly θ_t − θ_{t−1}).
 * In the common form: α_k = α, H_k = I, β_k = β. Full batch unless `batchSize` is set.
 *
 * On a quadratic with curvatures in [μ, L], α = 4/(√L + √μ)² and β = ((√L − √μ)/(√L + √μ))²
 * give the rate (√κ − 1)/(√κ + 1), κ = L/μ (Polyak's local analysis). Like GD it cannot leave the stable
 * manifold of a saddle: the velocity's unstable component stays exactly zero.
 * Cost per step: one gradient, 4n flops.
 */
import type { GradientObjective, MomentumOptions, OptimizerRun, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function momentum(objective: GradientObjective, start: Float64Array, options: MomentumOptions & RunControls, rng: Rng): OptimizerRun {
  const alpha = options.learningRate;
  const beta = options.momentum;
  const v = new Float64Array(objective.dimension);
  return firstOrderLoop('momentum', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) {
      v[i] = beta * v[i] - alpha * g[i];
      theta[i] += v[i];
    }
  });
}
