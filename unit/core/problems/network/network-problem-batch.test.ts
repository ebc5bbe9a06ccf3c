/**
 * Mini-batch gradients of the network problem (the StochasticObjective used by SGD and the other
 * mini-batch optimisers): over a partition of the training samples into equal batches, the mean
 * of the batch gradients (and losses) is the full-batch gradient (and loss), L2 term included.
 */
import { describe, expect, it } from 'vitest';
import { oneHot, type DataSet } from '../../../../core/problems/data/data-set.ts';
import { networkProblem, type NetworkOptions } from '../../../../core/problems/network/network-problem.ts';
import { createOptimizer, optimizerOptions } from '../../../../core/optimizers/optimizer.ts';
import { createRng, type Rng } from '../../../../core/random/rng.ts';

function data(rng: Rng, task: 'autoencode' | 'regression' | 'classification', d0: number, dL: number, n: number): DataSet {
  const inputs = rng.fillNormal(new Float64Array(n * d0));
  const targets =
    task === 'regression'
      ? rng.fillNormal(new Float64Array(n * dL))
      : task === 'classification'
        ? oneHot(Array.from({ length: n }, () => rng.int(dL)), dL)
        : null;
  return {
    description: `synthetic ${task}`,
    task,
    inputDim: d0,
    targetDim: task === 'autoencode' ? d0 : dL,
    ...(task === 'classification' ? { classes: dL } : {}),
    train: { count: n, inputs, targets },
    test: null,
  };
}

const cases: { label: string; options: NetworkOptions; task: 'autoencode' | 'regression' | 'classification' }[] = [
  { label: 'linear autoencoder 5-2-5, no biases (full batch runs on compressed data)', options: { layers: [5, 2, 5], activation: 'linear', bias: false, loss: 'mse', l2: 0 }, task: 'autoencode' },
  { label: 'tanh 3-4-2 regression with biases and L2', options: { layers: [3, 4, 2], activation: 'tanh', bias: true, loss: 'mse', l2: 0.05 }, task: 'regression' },
  { label: 'swish 4-3-3-3 classifier, cross-entropy, L2, small blocks', options: { layers: [4, 3, 3, 3], activation: 'swish', bias: true, loss: 'cross-entropy', l2: 0.01, blockRows: 2 }, task: 'classification' },
];

describe('networkProblem.batchGradient', () => {
  for (const { label, options, task } of cases) {
    it(`${label}: the mean over a partition into equal batches is the full gradient`, () => {
      const rng = createRng(31);
      const N = 24;
      const last = options.layers[options.layers.length - 1];
      const problem = networkProblem(options, data(rng, task, options.layers[0], last, N));
      expect(problem.sampleCount).toBe(N);
      expect(problem.compressed).toBe(task === 'autoencode');
      const theta = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.7);
      const full = new Float64Array(problem.dimension);
      const fullLoss = problem.gradient(theta, full);
      for (const B of [1, 6, 8, 24]) {
        const order = rng.permutation(N);
        const mean = new Float64Array(problem.dimension);
        const g = new Float64Array(problem.dimension);
        let meanLoss = 0;
        for (let b = 0; b < N / B; b++) {
          meanLoss += problem.batchGradient(theta, order.slice(b * B, (b + 1) * B), g) / (N / B);
          for (let i = 0; i < g.length; i++) mean[i] += g[i] / (N / B);
        }
        // Same sums in other orders (and, for the linear autoencoder, against the exactly
        // compressed data): 1e-12 relative to the gradient's scale.
        const scale = Math.max(...full.map(Math.abs));
        for (let i = 0; i < g.length; i++) expect(Math.abs(mean[i] - full[i])).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(meanLoss - fullLoss)).toBeLessThanOrEqual(1e-12 * fullLoss);
      }
    });
  }

  it('weights repeated samples and refuses indices outside the training set', () => {
    const rng = createRng(2);
    const problem = networkProblem(cases[1].options, data(rng, 'regression', 3, 2, 10));
    const theta = rng.fillNormal(new Float64Array(problem.dimension));
    const once = new Float64Array(problem.dimension);
    const twice = new Float64Array(problem.dimension);
    expect(problem.batchGradient(theta, Int32Array.of(4, 4), twice)).toBeCloseTo(problem.batchGradient(theta, Int32Array.of(4), once), 14);
    for (let i = 0; i < once.length; i++) expect(twice[i]).toBeCloseTo(once[i], 14);
    expect(() => problem.batchGradient(theta, Int32Array.of(10), once)).toThrow(/outside 0 … 9/);
    expect(() => problem.batchGradient(theta, new Int32Array(0), once)).toThrow(/at least one sample/);
  });

  it('runs SGD on mini-batches (no full-batch fallback note) and lowers the loss', () => {
    const rng = createRng(5);
    const problem = networkProblem(cases[1].options, data(rng, 'regression', 3, 2, 64));
    const start = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.5);
    const run = createOptimizer(problem, start, optimizerOptions('sgd', { learningRate: 0.05, batchSize: 8, steps: 400 }), createRng(0));
    let next = run.next();
    while (!next.done) next = run.next();
    expect(next.value.notes).toEqual([]);
    expect(problem.loss(next.value.theta)).toBeLessThan(problem.loss(start));
  });
});
