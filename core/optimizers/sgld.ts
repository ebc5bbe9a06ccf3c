/**
 * Stochastic gradient Langevin dynamics (Welling & Teh, "Bayesian learning via stochastic
 * gradient Langevin dynamics", ICML 2011, eq. (4)): their update
 *   Δθ_t = (ε_t/2)(∇log p(θ_t) + (N/n)Σ_i ∇log p(x_ti | θ_t)) + η_t,   η_t ~ N(0, ε_t),
 * written for a loss L (the negative log posterior per sample) at temperature T, i.e. for the
 * density ∝ exp(−L/T), with α_t = ε_t/(2T):
 *   θ_{t+1} = θ_t − α_t g̃_t + √(2 α_t T) ξ_t,   ξ_t ~ N(0, I),
 * and their polynomial step schedule ε_t = a(b + t)^{−γ} as α_t = α₀ (b/(b + t − 1))^γ, t = 1, 2, …
 * (γ = 0, the default, keeps the step constant; their convergence conditions Σα_t = ∞,
 * Σα_t² < ∞ need γ ∈ (0.5, 1]). Mini-batches when `batchSize` is set (the method is stochastic
 * by design), else the full gradient with only the injected noise. The noise lets SGLD leave the
 * stable manifold of a saddle where GD stalls. `tolerance` is ignored (SGLD samples, it does not
 * converge to a point). Outside the common form of ./optimizer.ts.
 * Math.pow is used only for γ > 0. Cost per step: one gradient, n normal variates, 4n flops.
 */
import type { GradientObjective, OptimizerRun, RunControls, SgldOptions } from './optimizer.ts';
import type { Rng } from '../random/rng.ts';
import { firstOrderLoop } from './trajectory.ts';

export function sgld(objective: GradientObjective, start: Float64Array, options: SgldOptions & RunControls, rng: Rng): OptimizerRun {
  const { learningRate: alpha0, temperature, decay: gamma, decayOffset: b } = options;
  return firstOrderLoop(
    'sgld',
    objective,
    start,
    options,
    rng,
    ({ n }) => (t, theta, g) => {
      const alpha = gamma === 0 ? alpha0 : alpha0 * Math.pow(b / (b + t - 1), gamma);
      const sd = Math.sqrt(2 * alpha * temperature);
      for (let i = 0; i < n; i++) theta[i] += -alpha * g[i] + (sd > 0 ? sd * rng.normal() : 0);
    },
    true,
  );
}
