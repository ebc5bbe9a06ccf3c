import { describe, expect, it } from 'vitest';
import { gaussianDataSet, randomOrthogonal } from '../../../../core/problems/data/gaussian.ts';
import { DATA_STREAMS } from '../../../../core/problems/data/split.ts';
import { Mlp, mlpLayout, mlpParameterNames } from '../../../../core/problems/network/mlp.ts';
import { networkProblem } from '../../../../core/problems/network/network-problem.ts';
import { assembleHessian } from '../../../../core/problems/problem.ts';
import { createRng, Rng } from '../../../../core/random/rng.ts';
import { jacobiEigenvalues } from '../symmetric-eigenvalues.ts';

describe('mlp layout', () => {
  it('concatenates W1 (rows = outputs), b1, W2, b2, … with names and offsets', () => {
    const layout = mlpLayout({ layers: [3, 2, 4], bias: true });
    expect(layout.dimension).toBe(3 * 2 + 2 + 2 * 4 + 4);
    expect(layout.blocks).toEqual([
      { name: 'W1', shape: [2, 3], offset: 0 },
      { name: 'b1', shape: [2], offset: 6 },
      { name: 'W2', shape: [4, 2], offset: 8 },
      { name: 'b2', shape: [4], offset: 16 },
    ]);
    const names = mlpParameterNames(layout);
    expect(names.slice(0, 4)).toEqual(['W1[0,0]', 'W1[0,1]', 'W1[0,2]', 'W1[1,0]']);
    expect(names[6]).toBe('b1[0]');
    expect(names.at(-1)).toBe('b2[3]');
    expect(mlpLayout({ layers: [3, 2, 4], bias: false }).blocks.map((b) => b.offset)).toEqual([0, 6]);
  });

  it('computes W x + b with W row-major [out, in] (a hand-checked forward pass)', () => {
    // One linear layer, 2 inputs → 1 output, one sample x = (1, 2), target 0: loss = (w·x + b)².
    const net = new Mlp({ layers: [2, 1], activation: 'linear', bias: true, loss: 'mse' }, { samples: 1, inputs: Float64Array.from([1, 2]), targets: Float64Array.from([0]) }, 1);
    expect(net.loss(Float64Array.from([3, 4, 0.5]))).toBe((3 + 8 + 0.5) ** 2);
  });

  it('results do not depend on the block size beyond rounding', () => {
    const rng = createRng(3);
    const n = 23;
    const X = rng.fillNormal(new Float64Array(n * 3));
    const Y = rng.fillNormal(new Float64Array(n * 2));
    const arch = { layers: [3, 5, 2], activation: 'tanh' as const, bias: true, loss: 'mse' as const };
    const theta = rng.fillNormal(new Float64Array(mlpLayout(arch).dimension));
    const v = rng.fillNormal(new Float64Array(theta.length));
    const results = [1, 4, 7, 23].map((blockRows) => {
      const net = new Mlp(arch, { samples: n, inputs: X, targets: Y }, 1 / (2 * n), { blockRows });
      const g = new Float64Array(theta.length);
      const hv = new Float64Array(theta.length);
      const f = net.gradient(theta, g);
      net.hvp(theta, v, hv);
      return { f, g, hv };
    });
    for (const r of results.slice(1)) {
      expect(Math.abs(r.f - results[0].f)).toBeLessThan(1e-14 * results[0].f);
      for (let i = 0; i < theta.length; i++) {
        expect(Math.abs(r.g[i] - results[0].g[i])).toBeLessThan(1e-13);
        expect(Math.abs(r.hv[i] - results[0].hv[i])).toBeLessThan(1e-13);
      }
    }
  });

  it('writes every entry of out (stale contents are overwritten)', () => {
    const net = new Mlp({ layers: [2, 2, 2], activation: 'swish', bias: false, loss: 'mse' }, { samples: 3, inputs: Float64Array.from([1, 2, 3, 4, 5, 6]), targets: null }, 1 / 6);
    const theta = Float64Array.from([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8]);
    const a = new Float64Array(8);
    const b = new Float64Array(8).fill(Number.NaN);
    net.gradient(theta, a);
    net.gradient(theta, b);
    expect([...b]).toEqual([...a]);
    net.hvp(theta, theta, a);
    b.fill(Number.NaN);
    net.hvp(theta, theta, b);
    expect([...b]).toEqual([...a]);
  });
});

/**
 * The deep linear autoencoder of DESIGN.md §4 at its analytic critical points: for the data
 * covariance S = XXᵀ/n = U Λ Uᵀ and a subset I of m ≤ p eigenvectors, W₁ = U_Iᵀ (padded with
 * zero rows to p) and W₂ = U_I (padded with zero columns) is critical with loss
 * (Σλ − Σ_{i∈I}λ_i)/k, #negative eigenvalues #{(i ∈ I, j ∉ I): λ_j > λ_i} + (p − m)(k − m) and
 * m(2p − m) zero eigenvalues.
 */
describe('linear autoencoder: closed forms at analytic critical points', () => {
  const k = 6;
  const p = 2;
  const spectrum = [1, 2, 3, 4, 5, 6];
  // Exact covariance: S = U diag(spectrum) Uᵀ to rounding, U the identity or a known rotation.
  const cases = [
    { name: 'axis-aligned', rotate: false },
    { name: 'rotated', rotate: true },
  ];

  /** W₁ (p×k) and W₂ (k×p) for the subset I. */
  function criticalPoint(U: Float64Array, subset: number[]): Float64Array {
    const theta = new Float64Array(2 * k * p);
    subset.forEach((col, r) => {
      for (let i = 0; i < k; i++) {
        theta[r * k + i] = U[i * k + col]; // W1[r, i] = U[i, col]
        theta[k * p + i * p + r] = U[i * k + col]; // W2[i, r] = U[i, col]
      }
    });
    return theta;
  }

  /** Closed-form gradient and HVP of L = tr((I−P) S (I−P)ᵀ)/k, P = W₂W₁ (independent of the network code). */
  function closedForm(S: Float64Array, theta: Float64Array, v: Float64Array) {
    const W1 = (i: number, j: number) => theta[i * k + j];
    const W2 = (i: number, j: number) => theta[k * p + i * p + j];
    const V1 = (i: number, j: number) => v[i * k + j];
    const V2 = (i: number, j: number) => v[k * p + i * p + j];
    const mat = (rows: number, cols: number, f: (i: number, j: number) => number) => {
      const M = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M[i * cols + j] = f(i, j);
      return M;
    };
    const mul = (A: Float64Array, B: Float64Array, r: number, inner: number, c: number) =>
      mat(r, c, (i, j) => {
        let s = 0;
        for (let t = 0; t < inner; t++) s += A[i * inner + t] * B[t * c + j];
        return s;
      });
    const T = (A: Float64Array, r: number, c: number) => mat(c, r, (i, j) => A[j * c + i]);
    const w1 = mat(p, k, W1);
    const w2 = mat(k, p, W2);
    const v1 = mat(p, k, V1);
    const v2 = mat(k, p, V2);
    const P = mul(w2, w1, k, p, k);
    const R = mat(k, k, (i, j) => (i === j ? 1 : 0) - P[i * k + j]); // I − P
    const RS = mul(R, S, k, k, k);
    const loss = mul(RS, T(R, k, k), k, k, k).reduce((s, x, idx) => (idx % (k + 1) === 0 ? s + x : s), 0) / k;
    const g2 = mul(RS, T(w1, p, k), k, k, p).map((x) => (-2 / k) * x); // ∇W₂ = −(2/k)(I−P)S W₁ᵀ
    const g1 = mul(T(w2, k, p), RS, p, k, k).map((x) => (-2 / k) * x); // ∇W₁ = −(2/k)W₂ᵀ(I−P)S
    const dP = mul(v2, w1, k, p, k).map((x, i) => x + mul(w2, v1, k, p, k)[i]);
    const dPS = mul(dP, S, k, k, k);
    // d∇W₂ = −(2/k)(−dP S W₁ᵀ + (I−P) S V₁ᵀ), d∇W₁ = −(2/k)(V₂ᵀ(I−P)S − W₂ᵀ dP S).
    const h2 = mul(dPS, T(w1, p, k), k, k, p).map((x, i) => (-2 / k) * (-x + mul(RS, T(v1, p, k), k, k, p)[i]));
    const h1 = mul(T(v2, k, p), RS, p, k, k).map((x, i) => (-2 / k) * (x - mul(T(w2, k, p), dPS, p, k, k)[i]));
    const grad = new Float64Array(2 * k * p);
    grad.set(g1, 0);
    grad.set(g2, k * p);
    const hvp = new Float64Array(2 * k * p);
    hvp.set(h1, 0);
    hvp.set(h2, k * p);
    return { loss, grad, hvp };
  }

  function subsets(size: number): number[][] {
    const out: number[][] = [];
    const rec = (start: number, acc: number[]) => {
      if (acc.length === size) return void out.push([...acc]);
      for (let i = start; i < k; i++) rec(i + 1, [...acc, i]);
    };
    rec(0, []);
    return out;
  }

  for (const { name, rotate } of cases) {
    for (const compress of [true, false]) {
      it(`${name} data, ${compress ? 'Gram-compressed' : 'sample-wise'}: loss, ‖g‖² ≤ 1e-25, HVP and the index formula`, () => {
        const seed = 5;
        const data = gaussianDataSet({ samples: 500, spectrum, seed, rotate, exact: true });
        const U = rotate ? randomOrthogonal(k, new Rng(seed, DATA_STREAMS.rotate)) : Float64Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : 0));
        const problem = networkProblem({ layers: [k, p, k], activation: 'linear', bias: false, loss: 'mse', l2: 0, compress }, data);
        expect(problem.compressed).toBe(compress);
        // S = XᵀX/n in sample-major storage (DESIGN's XXᵀ/n).
        const X = data.train.inputs;
        const n = data.train.count;
        const S = new Float64Array(k * k);
        for (let s = 0; s < n; s++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) S[i * k + j] += (X[s * k + i] * X[s * k + j]) / n;
        const total = spectrum.reduce((a, b) => a + b, 0);
        const rng = createRng(1);
        const dim = problem.dimension;
        for (const m of [0, 1, 2]) {
          for (const I of subsets(m)) {
            const theta = criticalPoint(U, I);
            const g = new Float64Array(dim);
            const loss = problem.gradient(theta, g);
            const expected = (total - I.reduce((s, i) => s + spectrum[i], 0)) / k;
            // Loss of the class: relative 1e-13 (the data covariance is exact to rounding).
            expect(Math.abs(loss - expected)).toBeLessThan(1e-13 * expected);
            expect(g.reduce((s, x) => s + x * x, 0)).toBeLessThanOrEqual(1e-25);
            // HVP against the closed form (relative to ‖H‖ ≈ 2λ_max/k).
            const v = rng.fillNormal(new Float64Array(dim));
            const hv = new Float64Array(dim);
            problem.hvp(theta, v, hv);
            const ref = closedForm(S, theta, v);
            expect(Math.abs(ref.loss - loss)).toBeLessThan(1e-13 * expected);
            for (let i = 0; i < dim; i++) expect(Math.abs(hv[i] - ref.hvp[i])).toBeLessThan(1e-12 * 2 * 6);
            // Index: count eigenvalues below / within a cutoff relative to ‖H‖.
            const eig = jacobiEigenvalues(dim, assembleHessian(problem, theta));
            const scale = Math.max(...eig.map(Math.abs));
            const cutoff = 1e-9 * scale;
            const negative = eig.filter((l) => l < -cutoff).length;
            const zero = eig.filter((l) => Math.abs(l) <= cutoff).length;
            let expectedNegative = (p - m) * (k - m);
            for (const i of I) for (let j = 0; j < k; j++) if (!I.includes(j) && spectrum[j] > spectrum[i]) expectedNegative++;
            expect({ I, negative, zero }).toEqual({ I, negative: expectedNegative, zero: m * (2 * p - m) });
          }
        }
        // Away from critical points the gradient matches the closed form too.
        const theta = rng.fillNormal(new Float64Array(dim));
        const g = new Float64Array(dim);
        const f = problem.gradient(theta, g);
        const ref = closedForm(S, theta, theta);
        expect(Math.abs(f - ref.loss)).toBeLessThan(1e-12 * ref.loss);
        for (let i = 0; i < dim; i++) expect(Math.abs(g[i] - ref.grad[i])).toBeLessThan(1e-12 * (1 + Math.abs(ref.grad[i])));
      });
    }
  }

  it('16-4-16 on Gaussian data with spectrum 1…16: the global minimum and a saddle, ‖g‖² ≤ 1e-25', () => {
    const spec16 = Array.from({ length: 16 }, (_, i) => i + 1);
    const data = gaussianDataSet({ samples: 2000, spectrum: spec16, seed: 1, exact: true });
    const problem = networkProblem({ layers: [16, 4, 16], activation: 'linear', bias: false, loss: 'mse', l2: 0 }, data);
    const at = (I: number[]) => {
      const theta = new Float64Array(problem.dimension);
      I.forEach((col, r) => {
        theta[r * 16 + col] = 1;
        theta[64 + col * 4 + r] = 1;
      });
      return theta;
    };
    for (const I of [[12, 13, 14, 15], [0, 5, 9], []]) {
      const g = new Float64Array(problem.dimension);
      const loss = problem.gradient(at(I), g);
      expect(loss).toBeCloseTo((136 - I.reduce((s, i) => s + spec16[i], 0)) / 16, 12);
      expect(g.reduce((s, x) => s + x * x, 0)).toBeLessThanOrEqual(1e-25);
    }
  });
});
