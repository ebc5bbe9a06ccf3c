import { describe, expect, it } from 'vitest';
import {
  initialise,
  sampleTrajectoryStart,
  trajectorySamplingSchema,
  trajectoryStart,
  trajectoryStartRun,
  type TrajectorySamplingInput,
} from '../../../core/experiment/trajectory-sampling.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { sgd } from '../../../core/optimizers/sgd.ts';
import type { ParameterBlock } from '../../../core/problems/problem.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, leastSquares, quadratic } from '../optimizers/helpers.ts';

/** ½Σ d_i θ_i², so GD's iterates are known in closed form: θ_k = (1 − αd)^k θ_0. */
const d = [1, 2, 3, 4];
const q = quadratic(d, [0, 0, 0, 0], false);

function sampling(input: Omit<TrajectorySamplingInput, 'strategy'>) {
  return trajectorySamplingSchema.parse({ strategy: 'trajectory', ...input });
}

describe('trajectory sampling schema', () => {
  it('has the documented defaults (DESIGN.md’s reference protocol)', () => {
    const parsed = trajectorySamplingSchema.parse({ strategy: 'trajectory' });
    expect(parsed).toEqual({
      strategy: 'trajectory',
      starts: 100,
      seed: 0,
      init: { kind: 'auto' },
      optimizer: { method: 'gd', learningRate: 0.1, steps: 1000, tolerance: 0, divergence: 1e8 },
      pick: 'uniform-loss',
      perturbProbability: 0.5,
      perturbScale: 0.1,
    });
  });

  it('refuses bad fields by name', () => {
    const bad = trajectorySamplingSchema.safeParse({ strategy: 'trajectory', perturbProbability: 2 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['perturbProbability']);
    const badOptimizer = trajectorySamplingSchema.safeParse({ strategy: 'trajectory', optimizer: { method: 'adam', beta2: 1 } });
    expect(badOptimizer.error!.issues[0].path).toEqual(['optimizer', 'beta2']);
  });
});

describe('a trajectory start', () => {
  const alpha = 0.005;
  const steps = 2000;
  const base = sampling({ seed: 3, init: { kind: 'normal', scale: 1 }, optimizer: { method: 'gd', learningRate: alpha, steps }, perturbProbability: 0 });

  it('is the GD iterate θ_k = (1 − αd)^k θ_0 at the picked step, with θ_0 from the start’s own stream', () => {
    for (let id = 0; id < 20; id++) {
      const start = trajectoryStart(q, base, id);
      const theta0 = createRng(3, id).fillNormal(new Float64Array(4));
      const k = start.provenance.step;
      for (let i = 0; i < 4; i++) {
        const expected = Math.pow(1 - alpha * d[i], k) * theta0[i];
        // k ≤ 2000 multiplications against one pow: ≲ 1e-12 relative.
        expect(Math.abs(start.theta[i] - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(theta0[i]));
      }
      expect(start.provenance).toMatchObject({ seed: 3, stream: id, init: 'normal', method: 'gd', optimizerSteps: steps, optimizerStop: 'steps', perturbed: false, perturbScale: 0 });
      expect(start.provenance.loss).toBeCloseTo(q.loss(start.theta), 14);
    }
  });

  it('picks uniformly in loss height: the first step at or below a uniform target between the lowest and the initial loss', () => {
    const N = 200;
    let belowQuarter = 0;
    let meanTarget = 0;
    for (let id = 0; id < N; id++) {
      const { provenance: p } = trajectoryStart(q, base, id);
      const theta0 = createRng(3, id).fillNormal(new Float64Array(4));
      const lossAt = (k: number) => d.reduce((s, di, i) => s + 0.5 * di * (Math.pow(1 - alpha * di, k) * theta0[i]) ** 2, 0);
      const lowest = lossAt(steps); // GD on a convex quadratic: the loss decreases monotonically
      expect(p.initLoss).toBeCloseTo(lossAt(0), 12);
      expect(p.targetLoss!).toBeGreaterThanOrEqual(lowest);
      expect(p.targetLoss!).toBeLessThanOrEqual(p.initLoss);
      expect(p.loss).toBeLessThanOrEqual(p.targetLoss!);
      if (p.step > 0) expect(lossAt(p.step - 1)).toBeGreaterThan(p.targetLoss! * (1 - 1e-12));
      const u = (p.targetLoss! - lowest) / (p.initLoss - lowest);
      meanTarget += u / N;
      if (u < 0.25) belowQuarter++;
    }
    // u ~ U(0, 1): mean sd 0.29/√200 ≈ 0.020, tolerance 4 sd; P(u < ¼) sd √(3/16/200) ≈ 0.031, 4 sd.
    expect(Math.abs(meanTarget - 0.5)).toBeLessThan(0.082);
    expect(Math.abs(belowQuarter / N - 0.25)).toBeLessThan(0.123);
  });

  it('picks uniformly in step with pick "uniform-step"', () => {
    const s = sampling({ ...base, pick: 'uniform-step' });
    const N = 300;
    let mean = 0;
    for (let id = 0; id < N; id++) {
      const { provenance: p } = trajectoryStart(q, s, id);
      expect(p.step).toBeGreaterThanOrEqual(0);
      expect(p.step).toBeLessThanOrEqual(steps);
      expect(p.targetLoss).toBeNull();
      mean += p.step / N;
    }
    // Uniform on 0 … 2000: sd of the mean 2001/√12/√300 ≈ 33, tolerance 4 sd.
    expect(Math.abs(mean - 1000)).toBeLessThan(134);
  });

  it('is reproducible for (seed, id) and differs across ids and seeds', () => {
    const s = sampling({ ...base, perturbProbability: 0.5 });
    const a = trajectoryStart(q, s, 7);
    const b = trajectoryStart(q, s, 7);
    expect(b.theta).toEqual(a.theta);
    expect(b.provenance).toEqual(a.provenance);
    expect(trajectoryStart(q, s, 8).theta).not.toEqual(a.theta);
    expect(trajectoryStart(q, sampling({ ...s, seed: 4 }), 7).theta).not.toEqual(a.theta);
  });

  it('perturbs the requested fraction with N(0, σ²) noise', () => {
    const sigma = 0.1;
    const p = 0.3;
    const noisy = sampling({ ...base, optimizer: { method: 'gd', learningRate: 0.05, steps: 100 }, perturbProbability: p, perturbScale: sigma });
    const clean = sampling({ ...noisy, perturbProbability: 0 });
    const N = 400;
    let perturbed = 0;
    let sumSq = 0;
    let count = 0;
    for (let id = 0; id < N; id++) {
      const a = trajectoryStart(q, noisy, id);
      // The coin is drawn either way and the noise last, so p = 0 gives this start without its noise.
      const b = trajectoryStart(q, clean, id);
      expect(b.provenance.step).toBe(a.provenance.step);
      if (!a.provenance.perturbed) {
        expect(a.theta).toEqual(b.theta);
        continue;
      }
      perturbed++;
      expect(a.provenance.perturbScale).toBe(sigma);
      for (let i = 0; i < 4; i++) {
        sumSq += (a.theta[i] - b.theta[i]) ** 2;
        count++;
      }
    }
    // Binomial(400, 0.3): sd √(400·0.21) ≈ 9.2, tolerance 4 sd.
    expect(Math.abs(perturbed - p * N)).toBeLessThan(37);
    // ≈ 480 noise values: the sample sd is within 4·(1/√(2·480)) ≈ 13% of σ.
    expect(Math.abs(Math.sqrt(sumSq / count) / sigma - 1)).toBeLessThan(0.13);
  });

  it('replays stochastic optimisers exactly (SGD mini-batches): θ is the k-th SGD iterate of the same stream', () => {
    const problem = leastSquares(40, 3);
    const s = sampling({ seed: 1, optimizer: { method: 'sgd', learningRate: 0.02, batchSize: 8, steps: 300 }, pick: 'uniform-step', perturbProbability: 0 });
    for (let id = 0; id < 5; id++) {
      const start = trajectoryStart(problem, s, id);
      // Reference: the same draws made by hand (auto init = normal(1) for a problem without weight matrices).
      const rng = createRng(1, id);
      const theta0 = rng.fillNormal(new Float64Array(3));
      const k = start.provenance.step;
      const direct = finish(sgd(problem, theta0, optimizerOptions('sgd', { learningRate: 0.02, batchSize: 8, steps: Math.max(k, 1) }), rng));
      expect(start.theta).toEqual(k === 0 ? theta0 : direct.theta);
      expect(start.provenance.init).toBe('normal');
    }
  });

  it('uses only the finite part of a diverging run and says so', () => {
    const s = sampling({ seed: 0, init: { kind: 'normal', scale: 1 }, optimizer: { method: 'gd', learningRate: 1, steps: 1000 }, perturbProbability: 0 });
    const start = trajectoryStart(q, s, 0);
    expect(start.provenance.optimizerStop).toBe('diverged');
    expect(start.provenance.notes.some((n) => /diverged/.test(n))).toBe(true);
    expect(start.theta.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(start.provenance.loss)).toBe(true);
  });

  it('yields the optimiser’s steps so a runner can interleave', () => {
    const run = trajectoryStartRun(q, sampling({ ...base, optimizer: { method: 'gd', learningRate: alpha, steps: 50 }, pick: 'uniform-step' }), 0);
    let yields = 0;
    let next = run.next();
    for (; !next.done; next = run.next()) yields++;
    const k = next.value.provenance.step;
    // The first run's 50 steps plus the replay's k (none when k is 0 or 50).
    expect(yields).toBe(50 + (k === 0 || k === 50 ? 0 : k));
  });

  it('works with a single Rng too (sampleTrajectoryStart)', () => {
    const sample = sampleTrajectoryStart(q, base, createRng(3, 0));
    expect(sample.theta).toEqual(trajectoryStart(q, base, 0).theta);
  });
});

describe('initialisation', () => {
  const blocks: ParameterBlock[] = [
    { name: 'W1', shape: [4, 16], offset: 0 },
    { name: 'b1', shape: [4], offset: 64 },
    { name: 'W2', shape: [16, 4], offset: 68 },
    { name: 'b2', shape: [16], offset: 132 },
  ];

  it('Glorot: U[±√(6/(fan_in + fan_out))] per weight matrix, biases 0 (variance 2/(fan_in + fan_out))', () => {
    const rng = createRng(5);
    let sumSq = 0;
    let count = 0;
    for (let draw = 0; draw < 50; draw++) {
      const theta = new Float64Array(148);
      expect(initialise(theta, { kind: 'glorot', distribution: 'uniform' }, blocks, rng)).toBe('glorot');
      const limit = Math.sqrt(6 / 20);
      for (let i = 0; i < 64; i++) expect(Math.abs(theta[i])).toBeLessThanOrEqual(limit);
      for (let i = 68; i < 132; i++) expect(Math.abs(theta[i])).toBeLessThanOrEqual(limit);
      for (let i = 64; i < 68; i++) expect(theta[i]).toBe(0);
      for (let i = 132; i < 148; i++) expect(theta[i]).toBe(0);
      for (let i = 0; i < 64; i++) sumSq += theta[i] ** 2;
      count += 64;
    }
    // 3200 uniform draws: the variance estimate's relative sd is ≈ √(0.8/3200) ≈ 1.6%; tolerance 7%.
    expect(Math.abs(sumSq / count / (2 / 20) - 1)).toBeLessThan(0.07);
  });

  it('Glorot normal, auto, and the refusal for functions', () => {
    const theta = new Float64Array(148);
    expect(initialise(theta, { kind: 'glorot', distribution: 'normal' }, blocks, createRng(1))).toBe('glorot');
    expect(theta[64]).toBe(0);
    expect(initialise(theta, { kind: 'auto' }, blocks, createRng(1))).toBe('glorot');
    const flat: ParameterBlock[] = [{ name: 'x', shape: [2], offset: 0 }];
    expect(initialise(new Float64Array(2), { kind: 'auto' }, flat, createRng(1))).toBe('normal');
    expect(() => initialise(new Float64Array(2), { kind: 'glorot', distribution: 'uniform' }, flat, createRng(1))).toThrow(/init 'normal' for functions/);
    const scaled = new Float64Array(2000);
    initialise(scaled, { kind: 'normal', scale: 0.01 }, undefined, createRng(2));
    const sd = Math.sqrt(scaled.reduce((s, x) => s + x * x, 0) / 2000);
    // 2000 normals: relative sd of the sd ≈ 1.6%, tolerance 7%.
    expect(Math.abs(sd / 0.01 - 1)).toBeLessThan(0.07);
  });
});
