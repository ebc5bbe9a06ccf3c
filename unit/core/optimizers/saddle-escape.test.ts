/**
 * The saddle x² − y² (H = diag(2, −2)) started exactly on the stable manifold y = 0 of gradient
 * descent, at (1, 0): methods driven only by the gradient keep y = 0 exactly (its y-component is
 * −2y = 0) and converge to the saddle; methods with injected noise (perturbed GD, SGLD) or that
 * use curvature (cubic-regularised Newton) leave it, after which |y| grows geometrically and the
 * loss falls below the saddle's value 0.
 */
import { describe, expect, it } from 'vitest';
import { createOptimizer, optimizerSpecSchema, type OptimizerSpecInput } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, saddle } from './helpers.ts';

const start = Float64Array.of(1, 0);

const stallers: OptimizerSpecInput[] = [
  { method: 'gd', learningRate: 0.05, steps: 400 },
  { method: 'sgd', learningRate: 0.05, steps: 400 },
  { method: 'momentum', learningRate: 0.05, momentum: 0.9, steps: 400 },
  { method: 'adagrad', learningRate: 0.1, steps: 400 },
  { method: 'rmsprop', learningRate: 0.01, steps: 400 },
  { method: 'adam', learningRate: 0.01, steps: 400 },
  { method: 'signsgd', learningRate: 0.01, steps: 400 },
];

describe('on the stable manifold of the saddle x² − y²', () => {
  for (const spec of stallers) {
    it(`${spec.method} stalls: y stays exactly 0 and x approaches the saddle`, () => {
      const result = finish(createOptimizer(saddle, start, optimizerSpecSchema.parse(spec), createRng(1), { recordEvery: 1 }));
      for (let t = 0; t <= result.steps; t++) expect(result.path![2 * t + 1]).toBe(0);
      expect(result.stop).toBe('steps');
      // Every loss is x² ≥ 0: never below the saddle's value.
      expect(Math.min(...result.loss)).toBeGreaterThanOrEqual(0);
      // |x| shrinks from 1 towards the saddle; signSGD and RMSProp take steps of ≈ α and hover
      // within ≈ α of it, the others converge.
      expect(Math.abs(result.theta[0])).toBeLessThan(spec.method === 'signsgd' || spec.method === 'rmsprop' ? 0.02 : 1e-3);
    });
  }

  const escapers: { spec: OptimizerSpecInput; why: string }[] = [
    { spec: { method: 'perturbed-gd', learningRate: 0.05, steps: 300 }, why: 'a perturbation of radius 0.01 once ‖g‖ ≤ 1e-3, then growth 1.1× per step' },
    { spec: { method: 'sgld', learningRate: 0.05, temperature: 1e-3, steps: 200 }, why: 'noise of sd √(2αT) = 0.01 per step, then growth 1.1× per step' },
    { spec: { method: 'cubic-newton', steps: 5 }, why: 'the cubic model’s minimiser moves along the negative-curvature direction' },
  ];
  for (const { spec, why } of escapers) {
    it(`${spec.method} escapes (${why}) for every one of 10 seeds`, () => {
      for (let seed = 0; seed < 10; seed++) {
        const result = finish(createOptimizer(saddle, start, optimizerSpecSchema.parse(spec), createRng(seed)));
        expect(result.stop).toBe('steps');
        expect(Math.abs(result.theta[1])).toBeGreaterThan(1);
        expect(result.loss[result.steps]).toBeLessThan(-1);
      }
    });
  }

  it('perturbed GD first converges to the saddle, then perturbs once and leaves', () => {
    const result = finish(createOptimizer(saddle, start, optimizerSpecSchema.parse({ method: 'perturbed-gd', learningRate: 0.05, steps: 300 }), createRng(2), { recordEvery: 1 }));
    // x = 0.9ᵗ reaches ‖g‖ = 2x ≤ 1e-3 at t = 73; until then y is exactly 0.
    for (let t = 0; t <= 72; t++) expect(result.path![2 * t + 1]).toBe(0);
    expect(Math.abs(result.loss[72])).toBeLessThan(1e-5);
    // After the perturbation (|ξ| ≤ 0.01) |y| grows by 1.1 per step.
    const y = (t: number) => Math.abs(result.path![2 * t + 1]);
    expect(y(74)).toBeGreaterThan(0);
    expect(y(74)).toBeLessThanOrEqual(0.011);
    expect(y(200) / y(150)).toBeCloseTo(Math.pow(1.1, 50), 6);
  });

  it('cubic Newton with fixed M = 1 leaves in its first step along ±y with ‖s‖ = 2|λ_min|/M (the hard case)', () => {
    const result = finish(createOptimizer(saddle, start, optimizerSpecSchema.parse({ method: 'cubic-newton', adaptive: false, lipschitz: 1, steps: 1 }), createRng(0), { recordEvery: 1 }));
    // Solution of min 2s_x + s_x² − s_y² + ‖s‖³/6: λ = 2 = −λ_min, s_x = −g_x/(2 + λ) = −0.5,
    // and ‖s‖ = 2λ/M = 4, so |s_y| = √(16 − 0.25).
    expect(result.theta[0]).toBeCloseTo(0.5, 12);
    expect(Math.abs(result.theta[1])).toBeCloseTo(Math.sqrt(15.75), 12);
    expect(result.loss[1]).toBeCloseTo(0.25 - 15.75, 11);
    expect(result.hvps).toBe(2);
  });
});
