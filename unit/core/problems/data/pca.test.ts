import { describe, expect, it } from 'vitest';
import { gaussianDataSet, randomOrthogonal } from '../../../../core/problems/data/gaussian.ts';
import { pcaFit, pcaProject } from '../../../../core/problems/data/pca.ts';
import { DATA_STREAMS } from '../../../../core/problems/data/split.ts';
import { Rng } from '../../../../core/random/rng.ts';
import numeric from 'numeric';

describe('pca', () => {
  it('recovers the spectrum and eigenvectors of data with a known covariance', () => {
    const spectrum = [2, 9, 1, 5, 3];
    const d = gaussianDataSet({ samples: 40, spectrum, seed: 4, rotate: true, exact: true });
    const U = randomOrthogonal(5, new Rng(4, DATA_STREAMS.rotate));
    const fit = pcaFit(40, 5, d.train.inputs, 3);
    expect([...fit.variances].map((v) => Number(v.toFixed(10)))).toEqual([9, 5, 3]);
    // Component c is ± column U[:, t] of the eigenvalue it carries.
    [1, 3, 4].forEach((t, c) => {
      let dot = 0;
      for (let i = 0; i < 5; i++) dot += fit.basis[c * 5 + i] * U[i * 5 + t];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-10);
    });
    // Projections are centred with variances equal to the eigenvalues.
    const Z = pcaProject(fit, 40, d.train.inputs);
    for (let c = 0; c < 3; c++) {
      let m = 0;
      let v = 0;
      for (let s = 0; s < 40; s++) m += Z[s * 3 + c] / 40;
      for (let s = 0; s < 40; s++) v += (Z[s * 3 + c] - m) ** 2 / 40;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(v).toBeCloseTo(fit.variances[c], 9);
    }
    expect(() => pcaFit(40, 5, d.train.inputs, 6)).toThrow(/components must be an integer from 1 to 5/);
  });
  it('agrees with numeric.svd of the covariance (an independent SVD)', () => {
    const d = gaussianDataSet({ samples: 300, spectrum: [4, 1, 7, 2, 0.5, 3], seed: 9, rotate: true });
    const k = 6;
    const fit = pcaFit(300, k, d.train.inputs, k);
    const X = d.train.inputs;
    const mean = Array.from({ length: k }, (_, j) => X.filter((_, i) => i % k === j).reduce((a, b) => a + b, 0) / 300);
    const C = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let r = 0; r < 300; r++) s += (X[r * k + i] - mean[i]) * (X[r * k + j] - mean[j]);
      return s / 300;
    }));
    const { S, U } = numeric.svd(C);
    const order = S.map((_, i) => i).sort((a, b) => S[b] - S[a]);
    order.forEach((col, c) => {
      // Distinct variances: eigenvalues to rounding, eigenvectors up to sign.
      expect(Math.abs(fit.variances[c] - S[col])).toBeLessThan(1e-12 * S[order[0]]);
      let dot = 0;
      for (let i = 0; i < k; i++) dot += fit.basis[c * k + i] * U[i][col];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-10);
    });
  });
});
