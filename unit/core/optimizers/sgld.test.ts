import { describe, expect, it } from 'vitest';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { sgld } from '../../../core/optimizers/sgld.ts';
import { createRng } from '../../../core/random/rng.ts';
import { distance, finish, leastSquares, quadratic } from './helpers.ts';

const flat = { dimension: 2, gradient: (_t: Float64Array, g: Float64Array) => (g.fill(0), 0) };

describe('SGLD (Welling & Teh 2011)', () => {
  it('injects N(0, 2αT) noise per coordinate and step', () => {
    const alpha = 0.01;
    const T = 0.5;
    const steps = 5000;
    const result = finish(sgld(flat, new Float64Array(2), { ...optimizerOptions('sgld', { learningRate: alpha, temperature: T, steps }), recordEvery: 1 }, createRng(8)));
    let sum = 0;
    let sumSq = 0;
    for (let t = 1; t <= steps; t++) {
      for (let i = 0; i < 2; i++) {
        const d = result.path![2 * t + i] - result.path![2 * (t - 1) + i];
        sum += d;
        sumSq += d * d;
      }
    }
    const count = 2 * steps;
    const variance = sumSq / count;
    // Sample variance of 10,000 normals: relative sd √(2/10000) ≈ 1.4%; tolerance 6%.
    expect(Math.abs(variance / (2 * alpha * T) - 1)).toBeLessThan(0.06);
    expect(Math.abs(sum / count)).toBeLessThan(4 * Math.sqrt((2 * alpha * T) / count));
  });

  it('decays its step as α₀(b/(b + t − 1))^γ', () => {
    // On ½θ² without noise the step t multiplies θ by (1 − α_t).
    const q = quadratic([1], [0], false);
    const [alpha0, gamma, b] = [0.1, 0.55, 10];
    const result = finish(sgld(q, Float64Array.of(1), { ...optimizerOptions('sgld', { learningRate: alpha0, temperature: 0, decay: gamma, decayOffset: b, steps: 20 }), recordEvery: 1 }, createRng(0)));
    let expected = 1;
    for (let t = 1; t <= 20; t++) {
      expected *= 1 - alpha0 * Math.pow(b / (b + t - 1), gamma);
      expect(result.path![t]).toBeCloseTo(expected, 15);
    }
  });

  it('samples around the minimiser with mini-batches', () => {
    const problem = leastSquares(64, 3);
    const result = finish(sgld(problem, new Float64Array(3), optimizerOptions('sgld', { learningRate: 0.05, temperature: 1e-10, batchSize: 16, steps: 3000 }), createRng(2)));
    expect(result.notes).toEqual([]);
    // Consistent data (no gradient noise at θ*) and T = 1e-10: within ≈ 10√T/λ_min of θ*.
    expect(distance(result.theta, problem.minimiser)).toBeLessThan(1e-3);
  });
});
