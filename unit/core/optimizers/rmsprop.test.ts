import { describe, expect, it } from 'vitest';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { rmsprop } from '../../../core/optimizers/rmsprop.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

describe('RMSProp', () => {
  it('matches a hand-computed two-step example on ½(x² + 4y²) from (1, 1)', () => {
    const q = quadratic([1, 4], [0, 0], false);
    const alpha = 0.01;
    const rho = 0.9;
    const eps = 1e-8;
    const result = finish(rmsprop(q, Float64Array.of(1, 1), { ...optimizerOptions('rmsprop', { learningRate: alpha, decay: rho, epsilon: eps, steps: 2 }), recordEvery: 1 }, createRng(0)));
    // Step 1: g = (1, 4), v = 0.1·g² = (0.1, 1.6): each coordinate moves by α/√0.1 ≈ 0.0316.
    const x1 = 1 - alpha / (Math.sqrt(0.1) + eps);
    const y1 = 1 - (alpha * 4) / (Math.sqrt(1.6) + eps);
    // Step 2: g = (x₁, 4y₁), v = 0.9·v + 0.1·g².
    const vx = 0.9 * 0.1 + 0.1 * x1 * x1;
    const vy = 0.9 * 1.6 + 0.1 * 16 * y1 * y1;
    const x2 = x1 - (alpha * x1) / (Math.sqrt(vx) + eps);
    const y2 = y1 - (alpha * 4 * y1) / (Math.sqrt(vy) + eps);
    const path = Array.from(result.path!);
    expect(path[2]).toBeCloseTo(1 - 0.01 * Math.sqrt(10), 7);
    const expected = [1, 1, x1, y1, x2, y2];
    // Same formulas, operations possibly reassociated: a few ulps.
    for (let i = 0; i < 6; i++) expect(Math.abs(path[i] - expected[i])).toBeLessThan(4e-16);
  });
});
