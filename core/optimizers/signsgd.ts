/**
 * signSGD (Bernstein, Wang, Azizzadenesheli & Anandkumar, "signSGD: compressed optimisation for
 * non-convex problems", ICML 2018, Algorithm 1): θ_{t+1} = θ_t − δ sign(g̃_t), element-wise,
 * with sign(0) = 0 (Math.sign), so a coordinate with an exactly zero gradient does not move and
 * signSGD stalls on the stable manifold of a saddle. Outside the common form of ./optimizer.ts
 * (sign is not linear in g̃). With a constant δ it does not converge to a point: near a minimum
 * it oscillates within about δ per coordinate. Full batch unless `batchSize`.
 * Cost per step: one gradient, 2n flops.
 */
import type { GradientObjective, OptimizerRun, RunControls, SignsgdOptions } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function signsgd(objective: GradientObjective, start: Float64Array, options: SignsgdOptions & RunControls, rng: Rng): OptimizerRun {
  const delta = options.learningRate;
  return firstOrderLoop('signsgd', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) theta[i] -= delta * Math.sign(g[i]);
  });
}
