import { describe, expect, it } from 'vitest';
import { momentum } from '../../../core/optimizers/momentum.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { distance, finish, quadratic } from './helpers.ts';

describe('heavy-ball momentum', () => {
  const q = quadratic([1, 2, 3, 4], [1, -1, 0.5, 2]);

  it('satisfies θ_{t+1} = θ_t − α∇L(θ_t) + β(θ_t − θ_{t−1}) along its path (the common form, H = I)', () => {
    const alpha = 0.05;
    const beta = 0.8;
    const result = finish(momentum(q, new Float64Array(4), { ...optimizerOptions('momentum', { learningRate: alpha, momentum: beta, steps: 30 }), recordEvery: 1 }, createRng(0)));
    const row = (t: number) => result.path!.subarray(t * 4, t * 4 + 4);
    const g = new Float64Array(4);
    for (let t = 0; t < 30; t++) {
      q.gradient(row(t), g);
      const previous = t === 0 ? row(0) : row(t - 1);
      for (let i = 0; i < 4; i++) {
        const expected = row(t)[i] - alpha * g[i] + beta * (row(t)[i] - previous[i]);
        // Velocity form vs this form: a few roundings of O(|θ|) per step.
        expect(Math.abs(row(t + 1)[i] - expected)).toBeLessThan(1e-14 * 10);
      }
    }
  });

  it('converges at Polyak’s accelerated rate (√κ − 1)/(√κ + 1) = 1/3 with his optimal α, β (κ = 4)', () => {
    const alpha = 4 / 9; // 4/(√L + √μ)², L = 4, μ = 1
    const beta = 1 / 9; // ((√L − √μ)/(√L + √μ))²
    const result = finish(momentum(q, new Float64Array(4), { ...optimizerOptions('momentum', { learningRate: alpha, momentum: beta, steps: 60 }), recordEvery: 1 }, createRng(0)));
    const error = (t: number) => distance(result.path!.subarray(t * 4, t * 4 + 4), q.minimiser);
    // The iteration matrix has a double eigenvalue 1/3 at both ends of the spectrum, so the error
    // is ~ t·(1/3)^t: from step 10 to 25 the per-step factor is (1/3)·(25/10)^(1/15) ≈ 0.35
    // (after ~35 steps the error is at rounding level, so the window stays early).
    const rate = Math.pow(error(25) / error(10), 1 / 15);
    expect(rate).toBeLessThan(0.37);
    expect(rate).toBeGreaterThan(0.3);
    // Plain GD's best rate here is (κ − 1)/(κ + 1) = 0.6.
    expect(distance(result.theta, q.minimiser)).toBeLessThan(1e-14);
  });
});
