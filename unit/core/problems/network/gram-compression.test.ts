import { describe, expect, it } from 'vitest';
import type { DataSet } from '../../../../core/problems/data/data-set.ts';
import { compressLinearData, pivotedCholesky } from '../../../../core/problems/network/gram-compression.ts';
import { networkProblem } from '../../../../core/problems/network/network-problem.ts';
import { createRng } from '../../../../core/random/rng.ts';

/** Compressed and sample-wise evaluation are the same function: agreement to rounding (√n ε growth). */
const SAME = 1e-12;

describe('Gram compression of linear mse networks', () => {
  const rng = createRng(12);
  const cases = [
    { layers: [5, 2, 5], targets: false, n: 300 },
    { layers: [4, 3, 3, 4], targets: false, n: 50 },
    { layers: [6, 2, 3], targets: true, n: 200 },
    { layers: [3, 4, 2, 2], targets: true, n: 40 },
  ];
  for (const { layers, targets, n } of cases) {
    it(`${layers.join('-')} ${targets ? 'regression' : 'autoencoder'}, ${n} samples: same loss, gradient and HVP`, () => {
      const d0 = layers[0];
      const dL = layers.at(-1)!;
      const data: DataSet = {
        description: 'random',
        task: targets ? 'regression' : 'autoencode',
        inputDim: d0,
        targetDim: dL,
        train: { count: n, inputs: rng.fillNormal(new Float64Array(n * d0)), targets: targets ? rng.fillNormal(new Float64Array(n * dL)) : null },
        test: { count: 9, inputs: rng.fillNormal(new Float64Array(9 * d0)), targets: targets ? rng.fillNormal(new Float64Array(9 * dL)) : null },
      };
      const base = { layers, activation: 'linear' as const, bias: false, loss: 'mse' as const, l2: 0 };
      const compressed = networkProblem(base, data);
      const plain = networkProblem({ ...base, compress: false }, data);
      expect(compressed.compressed).toBe(true);
      expect(plain.compressed).toBe(false);
      for (let trial = 0; trial < 3; trial++) {
        const theta = rng.fillNormal(new Float64Array(plain.dimension));
        const v = rng.fillNormal(new Float64Array(plain.dimension));
        const [g1, g2, h1, h2] = [0, 0, 0, 0].map(() => new Float64Array(plain.dimension));
        const f1 = compressed.gradient(theta, g1);
        const f2 = plain.gradient(theta, g2);
        compressed.hvp(theta, v, h1);
        plain.hvp(theta, v, h2);
        expect(Math.abs(f1 - f2)).toBeLessThan(SAME * f2);
        const gScale = Math.max(...g2.map(Math.abs));
        const hScale = Math.max(...h2.map(Math.abs));
        for (let i = 0; i < theta.length; i++) {
          expect(Math.abs(g1[i] - g2[i])).toBeLessThan(SAME * gScale);
          expect(Math.abs(h1[i] - h2[i])).toBeLessThan(SAME * hScale);
        }
        expect(Math.abs(compressed.testLoss!(theta) - plain.testLoss!(theta))).toBeLessThan(SAME * plain.testLoss!(theta));
      }
    });
  }

  it('uses at most d₀ (autoencoder) or d₀ + d_L virtual samples, fewer for rank-deficient data', () => {
    const n = 100;
    const X = rng.fillNormal(new Float64Array(n * 4));
    expect(compressLinearData({ samples: n, inputs: X, targets: null }, 4, 4).samples).toBe(4);
    expect(compressLinearData({ samples: n, inputs: X, targets: rng.fillNormal(new Float64Array(n * 2)) }, 4, 2).samples).toBe(6);
    // Targets a linear function of the inputs: G has rank 4.
    const Y = new Float64Array(n * 2);
    for (let s = 0; s < n; s++) {
      Y[s * 2] = X[s * 4] + X[s * 4 + 1];
      Y[s * 2 + 1] = 2 * X[s * 4 + 3];
    }
    expect(compressLinearData({ samples: n, inputs: X, targets: Y }, 4, 2).samples).toBe(4);
  });

  it('pivoted Cholesky reproduces a positive semidefinite matrix', () => {
    // G = B Bᵀ with B 5×3: rank 3.
    const B = rng.fillNormal(new Float64Array(15));
    const G = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) for (let t = 0; t < 3; t++) G[i * 5 + j] += B[i * 3 + t] * B[j * 3 + t];
    const { L, rank, perm } = pivotedCholesky(5, Float64Array.from(G));
    expect(rank).toBe(3);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let s = 0;
        for (let t = 0; t < rank; t++) s += L[i * 5 + t] * L[j * 5 + t];
        expect(Math.abs(s - G[perm[i] * 5 + perm[j]])).toBeLessThan(1e-13 * 10);
      }
    }
  });
});
