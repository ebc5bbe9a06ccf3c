import { describe, expect, it } from 'vitest';
import {
  createOptimizer,
  optimizerMethods,
  optimizerOptions,
  optimizers,
  optimizerSpecSchema,
  type OptimizerSpec,
} from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

const methods = ['gd', 'sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'perturbed-gd', 'sgld', 'signsgd', 'cubic-newton'];

describe('optimizer registry and spec schema', () => {
  it('has exactly the ten methods, each with a generator', () => {
    expect([...optimizerMethods].sort()).toEqual([...methods].sort());
    for (const m of methods) expect(typeof optimizers[m as keyof typeof optimizers]).toBe('function');
  });

  it('fills in the documented defaults', () => {
    expect(optimizerSpecSchema.parse({ method: 'gd' })).toEqual({ method: 'gd', steps: 1000, tolerance: 0, divergence: 1e8, learningRate: 0.01 });
    expect(optimizerOptions('adam')).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, batchSize: null, exactLoss: false });
    expect(optimizerOptions('sgd')).toMatchObject({ learningRate: 0.01, batchSize: 32 });
    expect(optimizerOptions('momentum')).toMatchObject({ momentum: 0.9 });
    expect(optimizerOptions('rmsprop')).toMatchObject({ learningRate: 0.001, decay: 0.9, epsilon: 1e-8 });
    expect(optimizerOptions('adagrad')).toMatchObject({ learningRate: 0.01, epsilon: 1e-10 });
    expect(optimizerOptions('perturbed-gd')).toMatchObject({ radius: 0.01, gradientThreshold: 1e-3, stepThreshold: 100, lossThreshold: null, noise: 'ball' });
    expect(optimizerOptions('sgld')).toMatchObject({ temperature: 1e-3, decay: 0, decayOffset: 1 });
    expect(optimizerOptions('cubic-newton')).toMatchObject({ steps: 100, lipschitz: 1, adaptive: true, krylovDimension: 40 });
  });

  it('refuses bad options with the field named', () => {
    const bad = optimizerSpecSchema.safeParse({ method: 'adam', beta1: 1 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['beta1']);
    const unknown = optimizerSpecSchema.safeParse({ method: 'gd', momentum: 0.9 });
    expect(unknown.success).toBe(false);
    expect(optimizerSpecSchema.safeParse({ method: 'lbfgs' }).success).toBe(false);
  });
});

describe('the optimiser contract (every method)', () => {
  const q = quadratic([1, 2, 3, 4], [1, -1, 0.5, 2]);
  for (const method of methods) {
    it(`${method}: never mutates the start, records loss per step and the path every recordEvery steps`, () => {
      const start = Float64Array.of(0.3, -0.2, 0.1, 0.4);
      const copy = Float64Array.from(start);
      const spec = optimizerSpecSchema.parse({ method, steps: 10 }) as OptimizerSpec;
      const result = finish(createOptimizer(q, start, spec, createRng(5), { recordEvery: 4 }));
      expect(start).toEqual(copy);
      expect(result.method).toBe(method);
      expect(result.loss).toHaveLength(result.steps + 1);
      expect(result.gradNormSq).toHaveLength(result.steps + 1);
      expect(result.loss[0]).toBeCloseTo(q.loss(start), 14);
      // Rows at 0, 4, 8 and the last step.
      const expectedSteps = [0, 4, 8, result.steps].filter((s, i, a) => s <= result.steps && a.indexOf(s) === i);
      expect(result.pathSteps).toEqual(expectedSteps);
      expect(result.path).toHaveLength(expectedSteps.length * 4);
      expect(Array.from(result.path!.subarray(0, 4))).toEqual(Array.from(start));
      expect(Array.from(result.path!.subarray(result.path!.length - 4))).toEqual(Array.from(result.theta));
      // The recorded final loss is the loss at θ.
      expect(result.loss[result.steps]).toBeCloseTo(q.loss(result.theta), 12);
    });
  }

  it('records no path by default', () => {
    const result = finish(createOptimizer(q, new Float64Array(4), optimizerOptions('gd', { steps: 3 }), createRng(0)));
    expect(result.path).toBeNull();
    expect(result.pathSteps).toEqual([]);
  });

  it('is reproducible for a seed and differs across seeds (stochastic methods)', () => {
    const spec = optimizerOptions('sgld', { steps: 50, temperature: 0.1 });
    const a = finish(createOptimizer(q, new Float64Array(4), spec, createRng(11)));
    const b = finish(createOptimizer(q, new Float64Array(4), spec, createRng(11)));
    const c = finish(createOptimizer(q, new Float64Array(4), spec, createRng(12)));
    expect(b.theta).toEqual(a.theta);
    expect(c.theta).not.toEqual(a.theta);
  });

  it('stops cleanly at divergence, at the last finite point', () => {
    // GD with α = 1 on curvature 4 multiplies that component by −3 per step: ‖θ‖ passes 1e8 after ~17 steps.
    const result = finish(createOptimizer(q, new Float64Array(4), optimizerOptions('gd', { learningRate: 1, steps: 1000 }), createRng(0)));
    expect(result.stop).toBe('diverged');
    expect(result.steps).toBeLessThan(40);
    expect(result.theta.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...result.theta)).toBeLessThanOrEqual(1e8);
    expect(result.loss.every(Number.isFinite)).toBe(true);
  });

  it('stops on a non-finite loss without recording it', () => {
    const blowUp = { dimension: 1, gradient: (t: Float64Array, g: Float64Array) => ((g[0] = -1), t[0] > 3 ? NaN : -t[0]) };
    const result = finish(createOptimizer(blowUp, Float64Array.of(0), optimizerOptions('gd', { learningRate: 1, steps: 10 }), createRng(0)));
    expect(result.stop).toBe('diverged');
    expect(Array.from(result.theta)).toEqual([3]);
    expect(result.loss).toEqual([-0, -1, -2, -3]);
  });

  it('stops as converged when ‖g‖² ≤ tolerance', () => {
    const result = finish(createOptimizer(q, new Float64Array(4), optimizerOptions('gd', { learningRate: 0.1, tolerance: 1e-12 }), createRng(0)));
    expect(result.stop).toBe('converged');
    expect(result.gradNormSq[result.steps]).toBeLessThanOrEqual(1e-12);
    expect(result.gradNormSq[result.steps - 1]).toBeGreaterThan(1e-12);
  });

  it('checks the start dimension and that cubic Newton has an HVP', () => {
    expect(() => createOptimizer(q, new Float64Array(3), optimizerOptions('gd'), createRng(0))).toThrow(/3 parameters/);
    const noHvp = { dimension: 4, gradient: q.gradient };
    expect(() => createOptimizer(noHvp, new Float64Array(4), optimizerOptions('cubic-newton'), createRng(0))).toThrow(/Hessian-vector/);
  });
});
