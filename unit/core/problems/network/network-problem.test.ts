import { describe, expect, it } from 'vitest';
import type { DataSet } from '../../../../core/problems/data/data-set.ts';
import { oneHot } from '../../../../core/problems/data/data-set.ts';
import { activationNames } from '../../../../core/problems/network/activations.ts';
import { networkProblem, type NetworkOptions } from '../../../../core/problems/network/network-problem.ts';
import { createRng, type Rng } from '../../../../core/random/rng.ts';
import { GRADIENT_TOLERANCE, HVP_TOLERANCE, SYMMETRY_TOLERANCE, gradientError, hessianAsymmetry, hvpError } from '../derivative-checks.ts';

function syntheticData(rng: Rng, task: 'autoencode' | 'regression' | 'classification', d0: number, dL: number, n: number, nTest = 0): DataSet {
  const make = (count: number) => {
    const inputs = rng.fillNormal(new Float64Array(count * d0));
    let targets: Float64Array | null = null;
    if (task === 'regression') targets = rng.fillNormal(new Float64Array(count * dL));
    if (task === 'classification') targets = oneHot(Array.from({ length: count }, () => rng.int(dL)), dL);
    return { count, inputs, targets };
  };
  return {
    description: `synthetic ${task}`,
    task,
    inputDim: d0,
    targetDim: task === 'autoencode' ? d0 : dL,
    ...(task === 'classification' ? { classes: dL } : {}),
    train: make(n),
    test: nTest > 0 ? make(nTest) : null,
  };
}

describe('networkProblem: derivatives over random architectures (property test)', () => {
  const rng = createRng(2024);
  for (let trial = 0; trial < 36; trial++) {
    const depth = 1 + rng.int(3);
    const task = (['autoencode', 'regression', 'classification'] as const)[trial % 3];
    const d0 = 1 + rng.int(5);
    const dL = task === 'autoencode' ? d0 : task === 'classification' ? 2 + rng.int(3) : 1 + rng.int(4);
    const layers = [d0, ...Array.from({ length: depth }, () => 1 + rng.int(5)), dL];
    const activation = activationNames[trial % activationNames.length];
    const options: NetworkOptions = {
      layers,
      activation,
      bias: rng.uniform() < 0.5,
      loss: task === 'classification' ? 'cross-entropy' : 'mse',
      l2: rng.uniform() < 0.3 ? 0.01 : 0,
      blockRows: 1 + rng.int(6),
    };
    const n = 2 + rng.int(12);
    const data = syntheticData(rng, task, d0, dL, n);
    const label = `${layers.join('-')} ${activation}${options.bias ? ' bias' : ''} ${options.loss}${options.l2 ? ' l2' : ''} n=${n}`;
    it(label, () => {
      const problem = networkProblem(options, data);
      for (let k = 0; k < 3; k++) {
        const theta = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.8);
        const v = rng.fillNormal(new Float64Array(problem.dimension));
        expect(gradientError(problem, theta)).toBeLessThan(GRADIENT_TOLERANCE);
        expect(hvpError(problem, theta, v)).toBeLessThan(HVP_TOLERANCE);
        expect(hessianAsymmetry(problem, theta)).toBeLessThan(SYMMETRY_TOLERANCE);
      }
    });
  }
});

describe('networkProblem', () => {
  it('the L2 term is (l2/2)‖θ‖²: gradient + l2·θ, HVP + l2·v', () => {
    const rng = createRng(4);
    const data = syntheticData(rng, 'regression', 3, 2, 10);
    const base = { layers: [3, 4, 2], activation: 'tanh' as const, bias: true, loss: 'mse' as const };
    const plain = networkProblem({ ...base, l2: 0 }, data);
    const reg = networkProblem({ ...base, l2: 0.3 }, data);
    const theta = rng.fillNormal(new Float64Array(plain.dimension));
    const v = rng.fillNormal(new Float64Array(plain.dimension));
    const norm2 = theta.reduce((s, x) => s + x * x, 0);
    expect(reg.loss(theta)).toBeCloseTo(plain.loss(theta) + 0.15 * norm2, 12);
    expect(reg.dataLoss(theta)).toBe(plain.loss(theta));
    const g0 = new Float64Array(theta.length);
    const g1 = new Float64Array(theta.length);
    plain.gradient(theta, g0);
    reg.gradient(theta, g1);
    const h0 = new Float64Array(theta.length);
    const h1 = new Float64Array(theta.length);
    plain.hvp(theta, v, h0);
    reg.hvp(theta, v, h1);
    for (let i = 0; i < theta.length; i++) {
      expect(g1[i]).toBeCloseTo(g0[i] + 0.3 * theta[i], 13);
      expect(h1[i]).toBeCloseTo(h0[i] + 0.3 * v[i], 13);
    }
  });

  it('mse is the mean over outputs × samples; cross-entropy the mean over samples', () => {
    const data: DataSet = {
      description: 'two samples',
      task: 'regression',
      inputDim: 1,
      targetDim: 2,
      train: { count: 2, inputs: Float64Array.from([1, 2]), targets: Float64Array.from([0, 0, 1, 1]) },
      test: null,
    };
    // W = [a; b], no bias: outputs (a, b)·x. Loss = Σ (out − y)²/(2·2).
    const mse = networkProblem({ layers: [1, 2], activation: 'linear', bias: false, loss: 'mse', l2: 0, compress: false }, data);
    expect(mse.loss(Float64Array.from([1, 2]))).toBe((1 + 4 + 1 + 9) / 4);
    const ce = networkProblem({ layers: [1, 2], activation: 'linear', bias: false, loss: 'cross-entropy', l2: 0 }, { ...data, task: 'classification', classes: 2, train: { ...data.train, targets: Float64Array.from([1, 0, 0, 1]) } });
    expect(ce.loss(Float64Array.from([0, 0]))).toBeCloseTo(Math.LN2, 15);
  });

  it('reports the held-out loss on the test split', () => {
    const rng = createRng(6);
    const data = syntheticData(rng, 'classification', 3, 3, 20, 7);
    const problem = networkProblem({ layers: [3, 4, 3], activation: 'softplus', bias: true, loss: 'cross-entropy', l2: 0.1 }, data);
    expect(problem.testLoss).toBeDefined();
    const test = networkProblem({ layers: [3, 4, 3], activation: 'softplus', bias: true, loss: 'cross-entropy', l2: 0 }, { ...data, train: data.test!, test: null });
    const theta = rng.fillNormal(new Float64Array(problem.dimension));
    // Held-out loss: the data loss on the test samples (no L2 term).
    expect(problem.testLoss!(theta)).toBe(test.loss(theta));
    expect(networkProblem({ layers: [3, 4, 3], activation: 'softplus', bias: true, loss: 'cross-entropy', l2: 0 }, { ...data, test: null }).testLoss).toBeUndefined();
  });

  it('flags ReLU networks as not twice differentiable', () => {
    const data = syntheticData(createRng(1), 'autoencode', 2, 2, 3);
    expect(networkProblem({ layers: [2, 3, 2], activation: 'relu', bias: true, loss: 'mse', l2: 0 }, data).twiceDifferentiable).toBe(false);
    expect(networkProblem({ layers: [2, 3, 2], activation: 'swish', bias: true, loss: 'mse', l2: 0 }, data).twiceDifferentiable).toBe(true);
  });

  it('names parameters and blocks in θ order and describes itself', () => {
    const data = syntheticData(createRng(1), 'autoencode', 2, 2, 3);
    const problem = networkProblem({ layers: [2, 1, 2], activation: 'linear', bias: false, loss: 'mse', l2: 0 }, data);
    expect(problem.parameterNames).toEqual(['W1[0,0]', 'W1[0,1]', 'W2[0,0]', 'W2[1,0]']);
    expect(problem.shapes.map((b) => b.name)).toEqual(['W1', 'W2']);
    expect(problem.label).toMatch(/^Network 2-1-2, linear, no biases, mse on synthetic autoencode/);
  });

  it('refuses a network that does not fit the data, with the mismatch named', () => {
    const rng = createRng(1);
    const ae = syntheticData(rng, 'autoencode', 4, 4, 5);
    const cls = syntheticData(rng, 'classification', 4, 3, 5);
    const base = { activation: 'tanh' as const, bias: true, l2: 0 };
    expect(() => networkProblem({ ...base, layers: [3, 2, 4], loss: 'mse' }, ae)).toThrow('the input layer has 3 units but the data have 4 features per sample');
    expect(() => networkProblem({ ...base, layers: [4, 2, 3], loss: 'mse' }, ae)).toThrow('the output layer has 3 units but the data have 4 features to reconstruct');
    expect(() => networkProblem({ ...base, layers: [4, 2, 4], loss: 'cross-entropy' }, cls)).toThrow('the output layer has 4 units but the data have 3 classes');
    expect(() => networkProblem({ ...base, layers: [4, 2, 4], loss: 'cross-entropy' }, ae)).toThrow(/cross-entropy needs class targets/);
    const bad = { ...cls, train: { ...cls.train, targets: cls.train.targets!.map((x) => 2 * x) } };
    expect(() => networkProblem({ ...base, layers: [4, 2, 3], loss: 'cross-entropy' }, bad)).toThrow('cross-entropy needs targets that are class probabilities (rows summing to 1); sample 1 sums to 2');
    expect(() => networkProblem({ ...base, layers: [4, 2, 4], loss: 'mse', l2: -1 }, ae)).toThrow(/l2 must be/);
  });
});
