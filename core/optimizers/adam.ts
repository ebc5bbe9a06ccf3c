/**
 * Adam (Kingma & Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1):
 *   m_t = β₁ m_{t−1} + (1 − β₁) g̃_t,      v_t = β₂ v_{t−1} + (1 − β₂) g̃_t²,
 *   m̂_t = m_t / (1 − β₁ᵗ),   v̂_t = v_t / (1 − β₂ᵗ),   θ_t = θ_{t−1} − α m̂_t / (√v̂_t + ε),
 * m_0 = v_0 = 0, t counted from 1. The bias corrections make the first step exactly
 * α g̃₁/(|g̃₁| + ε) ≈ α sign(g̃₁) per coordinate, and |Δθ_i| ≲ α while the gradient keeps its
 * sign (Kingma & Ba §2.1). In the common form (./optimizer.ts, Wilson et al. 2017 Table 1):
 * α_k = α(1−β₁)/(1−β₁ᵏ), β_k = β₁(1−β₁^{k−1})/(1−β₁ᵏ), H_k = diag(√v̂_k) + εI.
 * A coordinate whose gradient is exactly zero from the start keeps m = v = 0 and never moves:
 * Adam stalls on the stable manifold of a saddle like GD. Full batch unless `batchSize`.
 * β₁ᵗ and β₂ᵗ are kept as running products (no Math.pow).
 * Cost per step: one gradient, ≈ 12n flops and n square roots.
 */
import type { AdamOptions, GradientObjective, OptimizerRun, RunControls } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function adam(objective: GradientObjective, start: Float64Array, options: AdamOptions & RunControls, rng: Rng): OptimizerRun {
  const { learningRate: alpha, beta1, beta2, epsilon } = options;
  const m = new Float64Array(objective.dimension);
  const v = new Float64Array(objective.dimension);
  let beta1Power = 1;
  let beta2Power = 1;
  return firstOrderLoop('adam', objective, start, options, rng, ({ n }) => (_t, theta, g) => {
    beta1Power *= beta1;
    beta2Power *= beta2;
    const c1 = 1 / (1 - beta1Power);
    const c2 = 1 / (1 - beta2Power);
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      theta[i] -= (alpha * (m[i] * c1)) / (Math.sqrt(v[i] * c2) + epsilon);
    }
  });
}
