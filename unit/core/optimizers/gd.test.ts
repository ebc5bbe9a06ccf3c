import { describe, expect, it } from 'vitest';
import { gd } from '../../../core/optimizers/gd.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

describe('gradient descent', () => {
  it('follows θ_t = (I − αD)ᵗθ_0 exactly on a diagonal quadratic (linear rate max|1 − αd_i|)', () => {
    const d = [0.5, 1, 3, 7];
    const q = quadratic(d, [0, 0, 0, 0], false);
    const alpha = 0.2;
    const start = Float64Array.of(1, -2, 0.5, 0.25);
    const result = finish(gd(q, start, { ...optimizerOptions('gd', { learningRate: alpha, steps: 60 }), recordEvery: 1 }, createRng(0)));
    expect(result.steps).toBe(60);
    for (let t = 0; t <= 60; t++) {
      let loss = 0;
      for (let i = 0; i < 4; i++) {
        const expected = Math.pow(1 - alpha * d[i], t) * start[i];
        // 60 multiplications vs one pow: a few hundred ulps at most.
        expect(Math.abs(result.path![t * 4 + i] - expected)).toBeLessThanOrEqual(1e-13 * Math.abs(start[i]));
        loss += 0.5 * d[i] * expected * expected;
      }
      expect(result.loss[t]).toBeCloseTo(loss, 13);
    }
    // The slowest mode (|1 − 0.2·7| = 0.4 vs |1 − 0.2·0.5| = 0.9) sets the rate: error ratio → 0.9.
    const ratio = Math.abs(result.path![60 * 4] / result.path![59 * 4]);
    expect(ratio).toBeCloseTo(0.9, 14);
  });
});
