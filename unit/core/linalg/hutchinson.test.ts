import { describe, expect, it } from 'vitest';
import { hutchinsonTrace } from '../../../core/linalg/hutchinson.ts';
import { denseOperator } from '../../../core/linalg/operator.ts';
import { mulberry32, randomSymmetric } from './helpers.ts';

describe('hutchinsonTrace', () => {
  it('is exact for a diagonal matrix with Rademacher probes (zᵢ² = 1)', () => {
    const n = 50;
    const D = new Float64Array(n * n);
    let trace = 0;
    for (let i = 0; i < n; i++) {
      D[i * n + i] = i - 20;
      trace += i - 20;
    }
    const res = hutchinsonTrace(n, denseOperator(n, D), { probes: 3, random: mulberry32(1) });
    expect(res.estimate).toBeCloseTo(trace, 10);
    expect(res.standardError).toBeCloseTo(0, 10);
    expect(res.matvecs).toBe(3);
  });

  it('lands within 4 standard errors of the trace of a random symmetric matrix (both probe kinds)', () => {
    const n = 100;
    const A = randomSymmetric(n, mulberry32(2));
    for (let i = 0; i < n; i++) A[i * n + i] += 1; // trace ≈ n
    let trace = 0;
    for (let i = 0; i < n; i++) trace += A[i * n + i];
    for (const distribution of ['rademacher', 'gaussian'] as const) {
      const res = hutchinsonTrace(n, denseOperator(n, A), { probes: 200, random: mulberry32(3), distribution });
      // 4σ: a false failure has probability < 1e-4 for this fixed seed's distribution.
      expect(Math.abs(res.estimate - trace), distribution).toBeLessThan(4 * res.standardError);
      expect(res.standardError).toBeGreaterThan(0);
    }
  });

  it('rejects a non-positive probe count', () => {
    expect(() => hutchinsonTrace(2, denseOperator(2, new Float64Array(4)), { probes: 0, random: Math.random })).toThrow(RangeError);
  });
});
