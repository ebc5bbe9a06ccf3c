import { describe, expect, it } from 'vitest';
import { gd } from '../../../core/optimizers/gd.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { sgd } from '../../../core/optimizers/sgd.ts';
import { createRng } from '../../../core/random/rng.ts';
import { distance, finish, leastSquares, quadratic } from './helpers.ts';

describe('SGD with mini-batches', () => {
  it('converges to the minimiser of a consistent least-squares problem (every sample fits θ*)', () => {
    // With b = Aθ* every per-sample gradient vanishes at θ*, so constant-step SGD converges
    // linearly (no noise floor); 4000 steps of batch 8 on 64 samples reach rounding level.
    const problem = leastSquares(64, 3);
    const result = finish(sgd(problem, new Float64Array(3), optimizerOptions('sgd', { learningRate: 0.05, batchSize: 8, steps: 4000 }), createRng(4)));
    expect(result.notes).toEqual([]);
    expect(distance(result.theta, problem.minimiser)).toBeLessThan(1e-10);
    expect(result.loss[result.steps]).toBeLessThan(result.loss[0]);
    expect(result.gradients).toBe(4001);
  });

  it('takes steps from mini-batch gradients: its path differs from full-batch GD', () => {
    const problem = leastSquares(64, 3);
    const options = { learningRate: 0.05, steps: 5 };
    const stochastic = finish(sgd(problem, new Float64Array(3), optimizerOptions('sgd', { ...options, batchSize: 8 }), createRng(4)));
    const full = finish(gd(problem, new Float64Array(3), optimizerOptions('gd', options), createRng(4)));
    expect(stochastic.theta).not.toEqual(full.theta);
  });

  it('is full-batch gradient descent on a function (no samples), and says so', () => {
    const q = quadratic([1, 3], [1, 2]);
    const options = { learningRate: 0.1, steps: 50 };
    const result = finish(sgd(q, new Float64Array(2), optimizerOptions('sgd', options), createRng(0)));
    const reference = finish(gd(q, new Float64Array(2), optimizerOptions('gd', options), createRng(0)));
    expect(result.theta).toEqual(reference.theta);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/sgd: this problem has no samples/);
  });
});
