import { describe, expect, it } from 'vitest';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { signsgd } from '../../../core/optimizers/signsgd.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

describe('signSGD (Bernstein et al. 2018, Alg. 1)', () => {
  it('moves every coordinate by exactly δ against the sign of its gradient, and not at all where it is 0', () => {
    const q = quadratic([1e-6, 1, 1e6], [0, 0, 0], false);
    const start = Float64Array.of(1, -2, 0);
    const delta = 0.125; // a power of two: the steps are exact
    const result = finish(signsgd(q, start, { ...optimizerOptions('signsgd', { learningRate: delta, steps: 1 }), recordEvery: 1 }, createRng(0)));
    expect(Array.from(result.theta)).toEqual([1 - delta, -2 + delta, 0]);
  });
});
