import { describe, expect, it } from 'vitest';
import type { LinearOperator } from '../../../core/linalg/operator.ts';
import { slqDensity, slqIndex, slqTrace, stochasticLanczosQuadrature } from '../../../core/linalg/slq.ts';
import { mulberry32, randomVector } from './helpers.ts';

/**
 * A = H₃H₂H₁ D H₁H₂H₃ with random Householder reflectors H_i: a dense-looking operator with an
 * exactly known spectrum D that costs O(n) per product.
 */
function knownSpectrumOperator(values: Float64Array, seed: number): LinearOperator {
  const n = values.length;
  const random = mulberry32(seed);
  const reflectors = [0, 1, 2].map(() => {
    const u = randomVector(n, random);
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * u[i];
    return u.map((x) => x / Math.sqrt(s));
  });
  const t = new Float64Array(n);
  const reflect = (u: Float64Array, x: Float64Array): void => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * x[i];
    for (let i = 0; i < n; i++) x[i] -= 2 * s * u[i];
  };
  return (v, out) => {
    t.set(v);
    for (let k = 2; k >= 0; k--) reflect(reflectors[k], t);
    for (let i = 0; i < n; i++) t[i] *= values[i];
    for (let k = 0; k < 3; k++) reflect(reflectors[k], t);
    out.set(t);
  };
}

describe('stochasticLanczosQuadrature', () => {
  const n = 2000;

  it('estimates the index within 0.02 on a spectrum with a gap at zero (n = 2000)', () => {
    const random = mulberry32(1);
    const values = Float64Array.from({ length: n }, (_, i) => (i < 600 ? -2 + 1.95 * random() : 0.05 + 3.95 * random()));
    const truth = 600 / n;
    const result = stochasticLanczosQuadrature(n, knownSpectrumOperator(values, 2), { probes: 10, steps: 60, random: mulberry32(3) });
    const { negative, standardError } = slqIndex(result);
    // Issue tolerance; probe noise alone is ≈ √(2·0.3·0.7/n/10) ≈ 0.005.
    expect(Math.abs(negative - truth)).toBeLessThan(0.02);
    expect(standardError).toBeLessThan(0.01);
    expect(result.matvecs).toBe(10 * 60);
  });

  it('estimates the index within 0.02 when the density is continuous through zero', () => {
    const values = Float64Array.from({ length: n }, (_, i) => -1 + (4 * (i + 0.5)) / n); // uniform on [−1, 3]
    const result = stochasticLanczosQuadrature(n, knownSpectrumOperator(values, 4), { probes: 20, steps: 80, random: mulberry32(5) });
    // Quadrature error ≈ one node's weight near 0 (≈ 1/80) on top of probe noise.
    expect(Math.abs(slqIndex(result).negative - 0.25)).toBeLessThan(0.02);
  });

  it('gives weights that sum to one, an exact-for-polynomials trace, and a normalised density', () => {
    const random = mulberry32(6);
    const values = Float64Array.from({ length: n }, () => 2 * random() - 0.5);
    const result = stochasticLanczosQuadrature(n, knownSpectrumOperator(values, 7), { probes: 8, steps: 30, random: mulberry32(8) });
    for (let p = 0; p < result.probes; p++) {
      let s = 0;
      for (let i = 0; i < result.counts[p]; i++) s += result.weights[p * result.steps + i];
      expect(Math.abs(s - 1)).toBeLessThan(1e-12); // Σ τ = ‖e₁‖² = 1
    }
    // tr(A²) by Gauss quadrature is exact per probe for degree ≤ 2·steps − 1; the estimate then
    // has only Hutchinson noise: relative standard deviation ≈ √(2/n/probes) ≈ 0.011 here.
    let trueSq = 0;
    for (const v of values) trueSq += v * v;
    expect(Math.abs(slqTrace(result, (x) => x * x) / trueSq - 1)).toBeLessThan(0.05);
    // The density integrates to ≈ 1 on a grid covering the spectrum.
    const grid = Float64Array.from({ length: 401 }, (_, i) => -1.5 + (4 * i) / 400);
    const density = slqDensity(result, grid, 0.05);
    let integral = 0;
    for (let i = 0; i < grid.length; i++) integral += density[i] * (4 / 400);
    expect(Math.abs(integral - 1)).toBeLessThan(1e-3);
  });

  it('works without reorthogonalisation and stops early on a low-rank operator', () => {
    const values = new Float64Array(n);
    values[0] = -1;
    values[1] = 2;
    values[2] = 5; // three distinct eigenvalues: 0 and these
    const result = stochasticLanczosQuadrature(n, knownSpectrumOperator(values, 9), { probes: 3, steps: 20, random: mulberry32(10), reorthogonalize: false });
    for (let p = 0; p < 3; p++) expect(result.counts[p]).toBeLessThanOrEqual(4);
    const index = slqIndex(result, 1e-8);
    expect(index.zero).toBeGreaterThan(0.99);
    expect(index.negative).toBeLessThan(0.01);
  });
});
