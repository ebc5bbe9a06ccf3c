/**
 * Held-out test splits. A spec's `test` is either a count of samples (an integer ≥ 1) or a
 * fraction of the training count (a number strictly between 0 and 1); 0 means no test split.
 * File data are split by a seeded shuffle of their rows; generated data (Gaussian, MNIST) draw
 * their test samples in addition to the training ones.
 */
import type { Rng } from '../../random/rng.ts';
import { DataError, type Samples } from './data-set.ts';

/** Random streams of one data seed (independent sequences for independent purposes). */
export const DATA_STREAMS = { generate: 0, split: 1, select: 2, rotate: 3 } as const;

/** Number of held-out samples for `test` relative to `base` samples. */
export function testCount(test: number, base: number): number {
  if (!(test >= 0) || !Number.isFinite(test)) throw new DataError(`test must be a count ≥ 0 or a fraction in (0, 1), got ${test}`);
  if (test === 0) return 0;
  if (test < 1) return Math.max(1, Math.round(test * base));
  if (!Number.isInteger(test)) throw new DataError(`test must be a whole number of samples or a fraction in (0, 1), got ${test}`);
  return test;
}

/** Rows `order[from … to)` of an n × k sample-major matrix. */
export function takeRows(X: Float64Array, k: number, order: ArrayLike<number>, from: number, to: number): Float64Array {
  const out = new Float64Array((to - from) * k);
  for (let r = from; r < to; r++) {
    const s = order[r];
    out.set(X.subarray(s * k, s * k + k), (r - from) * k);
  }
  return out;
}

/**
 * Splits samples into (train, test) with `count` test samples chosen by a seeded shuffle; the
 * training samples keep their original order.
 */
export function splitSamples(
  samples: Samples,
  inputDim: number,
  targetDim: number,
  count: number,
  rng: Rng,
  what = 'the data',
): { train: Samples; test: Samples | null } {
  if (count === 0) return { train: samples, test: null };
  if (count >= samples.count) {
    throw new DataError(`${what}: a test split of ${count} leaves no training samples (${samples.count} in all)`);
  }
  const order = rng.permutation(samples.count);
  const testRows = Array.from(order.subarray(0, count)).sort((a, b) => a - b);
  const trainRows = Array.from(order.subarray(count)).sort((a, b) => a - b);
  const part = (rows: number[]): Samples => ({
    count: rows.length,
    inputs: takeRows(samples.inputs, inputDim, rows, 0, rows.length),
    targets: samples.targets ? takeRows(samples.targets, targetDim, rows, 0, rows.length) : null,
  });
  return { train: part(trainRows), test: part(testRows) };
}
