import { describe, expect, it } from 'vitest';
import { adagrad } from '../../../core/optimizers/adagrad.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

describe('AdaGrad', () => {
  it('matches a hand-computed two-step example on ½(x² + 4y²) from (1, 1)', () => {
    const q = quadratic([1, 4], [0, 0], false);
    const alpha = 0.1;
    const eps = 1e-10;
    const result = finish(adagrad(q, Float64Array.of(1, 1), { ...optimizerOptions('adagrad', { learningRate: alpha, epsilon: eps, steps: 2 }), recordEvery: 1 }, createRng(0)));
    // Step 1: g = (1, 4), G = (1, 16): θ₁ = (1 − 0.1·1/(1 + ε), 1 − 0.1·4/(4 + ε)) ≈ (0.9, 0.9).
    const x1 = 1 - (alpha * 1) / (1 + eps);
    const y1 = 1 - (alpha * 4) / (4 + eps);
    // Step 2: g = (x₁, 4y₁), G = (1 + x₁², 16 + 16y₁²).
    const x2 = x1 - (alpha * x1) / (Math.sqrt(1 + x1 * x1) + eps);
    const y2 = y1 - (alpha * 4 * y1) / (Math.sqrt(16 + 16 * y1 * y1) + eps);
    const path = Array.from(result.path!);
    expect(path[2]).toBeCloseTo(0.9, 9);
    expect(path[3]).toBeCloseTo(0.9, 9);
    // Same operations in a different order: agreement to a few ulps.
    const expected = [1, 1, x1, y1, x2, y2];
    for (let i = 0; i < 6; i++) expect(Math.abs(path[i] - expected[i])).toBeLessThan(4e-16);
    expect(x2).toBeCloseTo(0.9 - 0.09 / Math.sqrt(1.81), 9);
  });
});
