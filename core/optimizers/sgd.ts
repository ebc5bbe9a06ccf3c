/**
 * Stochastic (mini-batch) gradient descent: θ_{t+1} = θ_t − α g̃_t with g̃_t the gradient of the
 * mean loss over a mini-batch of B samples (Robbins & Monro 1951; Bottou, Curtis & Nocedal,
 * "Optimization methods for large-scale machine learning", SIAM Review 60, 2018, Alg. 4.1 with
 * a fixed step). Batches are drawn without replacement within each epoch (./trajectory.ts), so
 * E[g̃_t] = ∇L(θ_t). In the common form: α_k = α, H_k = I, β_k = 0.
 *
 * Problems without samples (test functions) have no mini-batches: SGD then is plain gradient
 * descent, and the result's `notes` say so. The recorded loss and ‖g‖² are the mini-batch
 * estimates at θ_t unless `exactLoss` (one more full gradient per step).
 * Cost per step: one mini-batch gradient (B/N of a full one), 2n flops.
 */
import type { GradientObjective, OptimizerRun, RunControls, SgdOptions } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function sgd(objective: GradientObjective, start: Float64Array, options: SgdOptions & RunControls, rng: Rng): OptimizerRun {
  const alpha = options.learningRate;
  return firstOrderLoop('sgd', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    for (let i = 0; i < n; i++) theta[i] -= alpha * g[i];
  });
}
