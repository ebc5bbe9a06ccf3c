/**
 * AdaGrad, diagonal version (Duchi, Hazan & Singer, "Adaptive subgradient methods for online
 * learning and stochastic optimization", JMLR 12, 2011, §1, the diagonal update with their
 * δ written ε):
 *   G_t = Σ_{j≤t} g̃_j²  (element-wise),   θ_{t+1} = θ_t − α g̃_t / (√G_t + ε).
 * In the common form: α_k = α, H_k = diag(√G_k) + εI, β_k = 0. Full batch unless `batchSize`.
 * The effective step α/√G_t only shrinks, so AdaGrad slows down on long runs; coordinates whose
 * gradient has always been zero keep G = 0 and do not move (0/(0 + ε) = 0).
 * Cost per step: one gradient, ≈ 6n flops and n square roots.
 */
import type { AdagradOptions, GradientObjective, OptimizerRun, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function adagrad(objective: GradientObjective, start: Float64Array, options: AdagradOptions & RunControls, rng: Rng): OptimizerRun {
  const alpha = options.learningRate;
  const epsilon = options.epsilon;
  const G = new Float64Array(objective.dimension);
  return firstOrderLoop('adagrad', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) {
      G[i] += g[i] * g[i];
      theta[i] -= (alpha * g[i]) / (Math.sqrt(G[i]) + epsilon);
    }
  });
}
