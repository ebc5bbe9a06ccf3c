/**
 * RMSProp (Tieleman & Hinton, Neural Networks for Machine Learning, Coursera lecture 6.5,
 * 2012): divide the gradient by a running root mean square of its recent magnitudes,
 *   v_t = ρ v_{t−1} + (1 − ρ) g̃_t²,   θ_{t+1} = θ_t − α g̃_t / (√v_t + ε),   v_0 = 0
 * (ε outside the root, as in PyTorch's RMSprop; the lecture gives no ε). In the common form:
 * α_k = α, H_k = diag(√v_k) + εI, β_k = 0. Full batch unless `batchSize`.
 * Cost per step: one gradient, ≈ 7n flops and n square roots.
 */
import type { GradientObjective, OptimizerRun, RmspropOptions, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function rmsprop(objective: GradientObjective, start: Float64Array, options: RmspropOptions & RunControls, rng: Rng): OptimizerRun {
  const alpha = options.learningRate;
  const rho = options.decay;
  const epsilon = options.epsilon;
  const v = new Float64Array(objective.dimension);
  return firstOrderLoop('rmsprop', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) {
      v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
      theta[i] -= (alpha * g[i]) / (Math.sqrt(v[i]) + epsilon);
    }
  });
}
