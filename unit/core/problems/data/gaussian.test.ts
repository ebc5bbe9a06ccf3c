import { describe, expect, it } from 'vitest';
import { gaussianDataSet, randomOrthogonal } from '../../../../core/problems/data/gaussian.ts';
import { DATA_STREAMS } from '../../../../core/problems/data/split.ts';
import { createRng, Rng } from '../../../../core/random/rng.ts';

function covariance(n: number, k: number, X: Float64Array): Float64Array {
  const S = new Float64Array(k * k);
  for (let s = 0; s < n; s++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) S[i * k + j] += (X[s * k + i] * X[s * k + j]) / n;
  return S;
}

function means(n: number, k: number, X: Float64Array): number[] {
  return Array.from({ length: k }, (_, j) => {
    let m = 0;
    for (let s = 0; s < n; s++) m += X[s * k + j];
    return m / n;
  });
}

describe('gaussianDataSet', () => {
  const spectrum = [1, 2, 3, 4, 5];

  it('is reproducible from its seed and centred', () => {
    const a = gaussianDataSet({ samples: 300, spectrum, seed: 7 });
    const b = gaussianDataSet({ samples: 300, spectrum, seed: 7 });
    const c = gaussianDataSet({ samples: 300, spectrum, seed: 8 });
    expect([...a.train.inputs]).toEqual([...b.train.inputs]);
    expect(a.train.inputs[0]).not.toBe(c.train.inputs[0]);
    for (const m of means(300, 5, a.train.inputs)) expect(Math.abs(m)).toBeLessThan(1e-15 * 10);
    expect(a).toMatchObject({ task: 'autoencode', inputDim: 5, targetDim: 5, test: null });
    expect(a.train.targets).toBeNull();
  });

  it('has covariance ≈ diag(spectrum) (sampling error ~ √(2/n))', () => {
    const n = 20_000;
    const d = gaussianDataSet({ samples: n, spectrum, seed: 1 });
    const S = covariance(n, 5, d.train.inputs);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = i === j ? spectrum[i] : 0;
        // 5 standard errors: sd(S_ij) = √((λ_iλ_j + [i=j]λ_i²)/n).
        expect(Math.abs(S[i * 5 + j] - expected)).toBeLessThan(5 * Math.sqrt((spectrum[i] * spectrum[j] * (i === j ? 2 : 1)) / n));
      }
    }
  });

  it('exact: the training covariance is U diag(spectrum) Uᵀ to rounding, with U the known rotation', () => {
    for (const rotate of [false, true]) {
      const d = gaussianDataSet({ samples: 50, spectrum, seed: 3, exact: true, rotate });
      const S = covariance(50, 5, d.train.inputs);
      const U = rotate ? randomOrthogonal(5, new Rng(3, DATA_STREAMS.rotate)) : Float64Array.from({ length: 25 }, (_, i) => (i % 6 === 0 ? 1 : 0));
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          let expected = 0;
          for (let t = 0; t < 5; t++) expected += U[i * 5 + t] * spectrum[t] * U[j * 5 + t];
          expect(Math.abs(S[i * 5 + j] - expected)).toBeLessThan(1e-13 * 5);
        }
      }
    }
  });

  it('randomOrthogonal is orthogonal and seeded', () => {
    const Q = randomOrthogonal(7, createRng(1));
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        let dot = 0;
        for (let t = 0; t < 7; t++) dot += Q[t * 7 + i] * Q[t * 7 + j];
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-14);
      }
    }
    expect([...randomOrthogonal(3, createRng(2))]).toEqual([...randomOrthogonal(3, createRng(2))]);
  });

  it('holds out test samples centred with the training mean', () => {
    const d = gaussianDataSet({ samples: 100, spectrum, seed: 2, test: 0.25 });
    expect(d.train.count).toBe(100);
    expect(d.test?.count).toBe(25);
    // The test mean is a sample mean (≈ λ/√25), not forced to 0.
    expect(Math.max(...means(25, 5, d.test!.inputs).map(Math.abs))).toBeGreaterThan(1e-6);
    // Same training data with and without a test split (test samples are drawn after them).
    const noTest = gaussianDataSet({ samples: 100, spectrum, seed: 2 });
    expect(d.train.inputs.length).toBe(noTest.train.inputs.length);
  });

  it('refuses bad parameters', () => {
    expect(() => gaussianDataSet({ samples: 10, spectrum: [1, -2], seed: 0 })).toThrow('gaussian data: spectrum[1] must be a finite number ≥ 0, got -2');
    expect(() => gaussianDataSet({ samples: 10, spectrum: [], seed: 0 })).toThrow(/at least one eigenvalue/);
    expect(() => gaussianDataSet({ samples: 3, spectrum: [1, 2, 3], seed: 0, exact: true })).toThrow(/more samples than features/);
  });
});
