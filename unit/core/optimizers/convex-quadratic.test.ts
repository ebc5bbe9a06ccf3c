/**
 * Every optimiser on one convex quadratic ½(θ − θ*)ᵀA(θ − θ*), A with eigenvalues 1 … 4 in a
 * seeded random basis, from θ = 0: the loss decreases and the run ends at the minimiser, within
 * a tolerance that says why it is what it is.
 */
import { describe, expect, it } from 'vitest';
import { createOptimizer, optimizerSpecSchema, type OptimizerSpecInput } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { distance, finish, quadratic } from './helpers.ts';

const q = quadratic([1, 2, 3, 4], [1, -1, 0.5, 2]);

const cases: { spec: OptimizerSpecInput; tolerance: number; why: string }[] = [
  { spec: { method: 'gd', learningRate: 0.1, steps: 5000 }, tolerance: 1e-12, why: 'linear rate 0.9: rounding level long before 5000 steps' },
  { spec: { method: 'sgd', learningRate: 0.1, steps: 5000 }, tolerance: 1e-12, why: 'no samples: identical to GD' },
  { spec: { method: 'momentum', learningRate: 0.05, steps: 5000 }, tolerance: 1e-12, why: 'linear convergence (β = 0.9)' },
  { spec: { method: 'adagrad', learningRate: 0.5, steps: 5000 }, tolerance: 1e-12, why: 'steps α/√G shrink but stay ≥ α/√(ΣG) > 0: linear convergence' },
  {
    spec: { method: 'rmsprop', learningRate: 1e-3, steps: 5000 },
    tolerance: 4e-3,
    why: 'v tracks g² (ρ = 0.9), so near θ* each coordinate moves by ≈ α per step and hovers within ≈ α: 2α√n',
  },
  { spec: { method: 'adam', learningRate: 0.01, steps: 5000 }, tolerance: 1e-8, why: 'measured ≈ 3e-16; Adam’s deterministic convergence is not guaranteed in general, so a margin' },
  { spec: { method: 'perturbed-gd', learningRate: 0.1, steps: 5000 }, tolerance: 0.01, why: 'at θ* it perturbs by ≤ r = 0.01 every t_thres steps, then GD pulls back' },
  {
    spec: { method: 'sgld', learningRate: 0.1, temperature: 1e-8, steps: 5000 },
    tolerance: 1e-3,
    why: 'its stationary law is ≈ N(θ*, T·A⁻¹): per-coordinate sd ≤ √(T/λ_min) = 1e-4, so ‖θ − θ*‖ ≈ 2e-4; 1e-3 is ≈ 5σ',
  },
  { spec: { method: 'signsgd', learningRate: 1e-3, steps: 5000 }, tolerance: 4e-3, why: 'constant steps of δ per coordinate: oscillates within δ, 2δ√n' },
  { spec: { method: 'cubic-newton', steps: 50 }, tolerance: 1e-12, why: 'Newton steps once M is small: quadratic convergence' },
];

describe('every optimiser on a convex quadratic', () => {
  for (const { spec, tolerance, why } of cases) {
    it(`${spec.method} decreases the loss and reaches θ* within ${tolerance} (${why})`, () => {
      const result = finish(createOptimizer(q, new Float64Array(4), optimizerSpecSchema.parse(spec), createRng(3)));
      expect(result.stop === 'steps' || result.stop === 'stationary').toBe(true);
      expect(result.loss[1]).toBeLessThan(result.loss[0]);
      expect(result.loss[result.steps]).toBeLessThan(1e-3 * result.loss[0]);
      expect(distance(result.theta, q.minimiser)).toBeLessThan(tolerance);
    });
  }
});
