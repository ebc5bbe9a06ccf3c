import { describe, expect, it } from 'vitest';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { jinParameters, perturbation, perturbedGd } from '../../../core/optimizers/perturbed-gd.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, saddle } from './helpers.ts';

/** A constant loss: the gradient is 0 everywhere, so only perturbations move θ. */
const flat = { dimension: 3, gradient: (_t: Float64Array, g: Float64Array) => (g.fill(0), 1) };

describe('perturbed gradient descent (Jin et al. 2017, Alg. 2)', () => {
  it('perturbs when ‖g‖ ≤ g_thres and more than t_thres steps have passed since the last perturbation', () => {
    const options = { ...optimizerOptions('perturbed-gd', { steps: 20, stepThreshold: 5, radius: 0.1 }), recordEvery: 1 };
    const result = finish(perturbedGd(flat, new Float64Array(3), options, createRng(3)));
    const moved: number[] = [];
    for (let t = 1; t <= 20; t++) {
      const changed = [0, 1, 2].some((i) => result.path![3 * t + i] !== result.path![3 * (t - 1) + i]);
      if (changed) moved.push(t);
    }
    // Perturbations at iterations 0, 6, 12, 18 (t − t_noise > 5) change rows 1, 7, 13, 19.
    expect(moved).toEqual([1, 7, 13, 19]);
    expect(result.gradients).toBe(21 + 4);
  });

  it('returns the point before the perturbation as stationary when the loss did not drop by f_thres', () => {
    const options = optimizerOptions('perturbed-gd', { steps: 100, stepThreshold: 5, lossThreshold: 1e-3 });
    const start = Float64Array.of(0.3, -0.2, 0.1);
    const result = finish(perturbedGd(flat, start, options, createRng(3)));
    expect(result.stop).toBe('stationary');
    expect(result.theta).toEqual(start);
    // Perturbed at iteration 0, checked at iteration 5, recorded as step 6.
    expect(result.steps).toBe(6);
  });

  it('does not stop at a strict saddle with f_thres set: the perturbation lowers the loss', () => {
    const options = optimizerOptions('perturbed-gd', { learningRate: 0.05, steps: 300, stepThreshold: 100, lossThreshold: 1e-6 });
    const result = finish(perturbedGd(saddle, Float64Array.of(1, 0), options, createRng(5)));
    expect(result.stop).toBe('steps');
    expect(result.loss[result.steps]).toBeLessThan(-1);
  });

  it('draws ξ uniformly from the ball of radius r (or on its sphere)', () => {
    const rng = createRng(17);
    const xi = new Float64Array(2);
    const samples = 4000;
    let inner = 0;
    for (let s = 0; s < samples; s++) {
      perturbation(xi, 0.5, 'ball', rng);
      const r = Math.hypot(xi[0], xi[1]);
      expect(r).toBeLessThanOrEqual(0.5);
      if (r <= 0.25) inner++;
    }
    // In 2-D P(‖ξ‖ ≤ r/2) = 1/4; binomial sd √(¼·¾/4000) ≈ 0.0068, tolerance 4 sd.
    expect(Math.abs(inner / samples - 0.25)).toBeLessThan(4 * 0.0069);
    perturbation(xi, 0.5, 'sphere', rng);
    expect(Math.hypot(xi[0], xi[1])).toBeCloseTo(0.5, 15);
  });

  it('derives Algorithm 2’s parameters from (ℓ, ρ, ε, c, δ, Δf)', () => {
    // ln(dℓΔf/(cε²δ)) = ln(10·1·1/(1·0.01·1)) = ln 1000 ≈ 6.9 > 4, so χ = 3 ln 1000.
    const p = jinParameters({ ell: 1, rho: 1, epsilon: 0.1, c: 1, delta: 1, deltaF: 1, dimension: 10 });
    const chi = 3 * Math.log(1000);
    expect(p.learningRate).toBe(1);
    expect(p.gradientThreshold).toBeCloseTo(0.1 / chi ** 2, 15);
    expect(p.radius).toBeCloseTo(0.1 / chi ** 2, 15);
    expect(p.lossThreshold).toBeCloseTo(Math.sqrt(1e-3) / chi ** 3, 15);
    expect(p.stepThreshold).toBe(Math.ceil(chi / Math.sqrt(0.1)));
    // Below the floor χ = 12: ln(1·1·1/(1·1·1)) = 0 < 4.
    const floor = jinParameters({ ell: 1, rho: 1, epsilon: 1, c: 1, delta: 1, deltaF: 1, dimension: 1 });
    expect(floor.gradientThreshold).toBeCloseTo(1 / 144, 15);
  });
});
