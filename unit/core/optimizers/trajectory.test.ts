import { describe, expect, it } from 'vitest';
import { GradientOracle, TrajectoryRecorder } from '../../../core/optimizers/trajectory.ts';
import { createRng } from '../../../core/random/rng.ts';
import { leastSquares, quadratic } from './helpers.ts';

describe('GradientOracle (mini-batches)', () => {
  it('averages to the full gradient over an epoch when the batch size divides the sample count', () => {
    const problem = leastSquares(60, 4);
    const theta = Float64Array.of(0.3, -1, 2, 0.5);
    const full = new Float64Array(4);
    const fullLoss = problem.gradient(theta, full);
    const oracle = new GradientOracle(problem, 12, createRng(9));
    expect(oracle.stochastic).toBe(true);
    const mean = new Float64Array(4);
    const g = new Float64Array(4);
    let meanLoss = 0;
    const seen = new Set<number>();
    for (let b = 0; b < 5; b++) {
      meanLoss += oracle.evaluate(theta, g) / 5;
      for (let i = 0; i < 4; i++) mean[i] += g[i] / 5;
    }
    // Indices of one epoch: a permutation of 0 … 59 (checked on a fresh oracle with the same seed).
    const replay = new GradientOracle(problem, 12, createRng(9));
    for (let b = 0; b < 5; b++) for (const s of replay.nextBatch()) seen.add(s);
    expect(seen.size).toBe(60);
    // Sums of 60 terms in two orders: agreement to 1e-14 relative.
    for (let i = 0; i < 4; i++) expect(Math.abs(mean[i] - full[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(full[i])));
    expect(meanLoss).toBeCloseTo(fullLoss, 13);
    expect(oracle.evaluations).toBe(5);
  });

  it('drops the last partial batch of an epoch (every batch has B distinct samples)', () => {
    const oracle = new GradientOracle(leastSquares(50, 2), 12, createRng(1));
    for (let epoch = 0; epoch < 3; epoch++) {
      const epochSeen = new Set<number>();
      for (let b = 0; b < 4; b++) {
        const batch = oracle.nextBatch();
        expect(batch).toHaveLength(12);
        for (const s of batch) {
          expect(epochSeen.has(s)).toBe(false);
          epochSeen.add(s);
        }
      }
      expect(epochSeen.size).toBe(48);
    }
  });

  it('falls back to full gradients, with a note, without samples or when B ≥ N', () => {
    const q = quadratic([1, 2], [0, 0]);
    const none = new GradientOracle(q, 8, createRng(0), false, 'sgd');
    expect(none.stochastic).toBe(false);
    expect(none.notes[0]).toMatch(/no samples/);
    const big = new GradientOracle(leastSquares(10, 2), 10, createRng(0), false, 'sgd');
    expect(big.stochastic).toBe(false);
    expect(big.notes[0]).toMatch(/batch size 10 ≥ 10 samples/);
    expect(new GradientOracle(q, null, createRng(0)).notes).toEqual([]);
  });

  it('records the full loss with exactLoss', () => {
    const problem = leastSquares(40, 3);
    const theta = Float64Array.of(1, 2, 3);
    const oracle = new GradientOracle(problem, 5, createRng(2), true);
    const g = new Float64Array(3);
    const batchLoss = oracle.evaluate(theta, g);
    const full = new Float64Array(3);
    expect(oracle.loss).toBe(problem.gradient(theta, full));
    expect(oracle.loss).not.toBe(batchLoss);
    expect(oracle.evaluations).toBe(2);
  });
});

describe('TrajectoryRecorder', () => {
  it('refuses a path that would not fit in memory', () => {
    expect(() => new TrajectoryRecorder(1_000_000, 1000, 1)).toThrow(/record less often/);
    expect(() => new TrajectoryRecorder(2, 10, -1)).toThrow(/recordEvery/);
  });
});
