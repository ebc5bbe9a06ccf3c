import { describe, expect, it } from 'vitest';
import { DEFAULT_GNM_OPTIONS, gnm, type GnmOptions, type GnmVariant } from '../../../core/finders/gnm.ts';
import { analyticProblem, type AnalyticFunction } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, rosenbrock, rosenbrockN } from '../../../core/problems/functions/library.ts';
import { finish, gradientFlatLine, nanAwayFrom, typeAt } from './helpers.ts';

const options: GnmOptions = { ...DEFAULT_GNM_OPTIONS, tolerance: 1e-20, maxIterations: 1000 };

/** φ = ½‖∇f‖² and ∇φ = H∇f from the closed-form gradient and Hessian (independent of the finder). */
function merit(fn: AnalyticFunction, x: Float64Array): { phi: number; gradPhi: Float64Array } {
  const n = fn.dimension;
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  fn.gradient(x, g);
  fn.hessian(x, h);
  const gradPhi = new Float64Array(n);
  let phi = 0;
  for (let i = 0; i < n; i++) {
    phi += 0.5 * g[i] * g[i];
    for (let j = 0; j < n; j++) gradPhi[i] += h[i * n + j] * g[j];
  }
  return { phi, gradPhi };
}

/**
 * Checks the strong Wolfe conditions at every accepted step of a 2-D run from its θ path:
 * d = (θ_{k+1} − θ_k)/α_k. Steps shorter than 1e-6‖θ‖ are skipped: rebuilding d from the path
 * then loses more than 1e-10 of relative accuracy to rounding.
 */
function expectWolfeAlongPath(fn: AnalyticFunction, path: number[], step: number[], c1: number, c2: number): number {
  let checked = 0;
  for (let k = 0; k + 1 < step.length; k++) {
    const x0 = Float64Array.of(path[2 * k], path[2 * k + 1]);
    const x1 = Float64Array.of(path[2 * k + 2], path[2 * k + 3]);
    const alpha = step[k + 1];
    const dx = [x1[0] - x0[0], x1[1] - x0[1]];
    if (Math.hypot(dx[0], dx[1]) < 1e-6 * Math.hypot(x0[0], x0[1])) continue;
    const d = [dx[0] / alpha, dx[1] / alpha];
    const m0 = merit(fn, x0);
    const m1 = merit(fn, x1);
    const dphi0 = m0.gradPhi[0] * d[0] + m0.gradPhi[1] * d[1];
    const dphi1 = m1.gradPhi[0] * d[0] + m1.gradPhi[1] * d[1];
    expect(dphi0).toBeLessThan(0);
    // Slack 1e-8|αφ'(0)| covers the rebuilt d (relative error ≤ 1e-10 by the skip rule above).
    const slack = 1e-8 * Math.abs(alpha * dphi0);
    expect(m1.phi).toBeLessThanOrEqual(m0.phi + c1 * alpha * dphi0 + slack);
    expect(Math.abs(dphi1)).toBeLessThanOrEqual(c2 * Math.abs(dphi0) * (1 + 1e-8));
    checked++;
  }
  return checked;
}

describe('gnm (gradient-norm minimisation)', () => {
  it('converges on Himmelblau with every variant, to minima and to the maximum', () => {
    const variants: GnmVariant[] = ['steepest-descent', 'bfgs', 'lbfgs'];
    for (const variant of variants) {
      for (const [start, expected] of [
        [[3.5, 2.5], [3, 2]],
        [[0, 0], [-0.270845, -0.923039]],
      ] as const) {
        const r = finish(gnm(analyticProblem(himmelblau), Float64Array.from(start), { ...options, variant }));
        expect(r.stop, `${variant} from ${start}`).toBe('converged');
        expect(r.gradNormSq).toBeLessThanOrEqual(1e-20);
        // Reference coordinates are given to 6 decimals.
        expect(Math.abs(r.theta[0] - expected[0])).toBeLessThan(1e-6);
        expect(Math.abs(r.theta[1] - expected[1])).toBeLessThan(1e-6);
      }
    }
    const max = finish(gnm(analyticProblem(himmelblau), Float64Array.of(0, 0), options));
    expect(typeAt(himmelblau, max.theta)).toBe('maximum');
  });

  it('converges on Rosenbrock with BFGS and L-BFGS (‖g‖² conditioning ≈ (1001.6/0.3994)² ≈ 6e6)', () => {
    for (const variant of ['bfgs', 'lbfgs'] as const) {
      for (const start of [[0, 0], [2, 2]]) {
        const r = finish(gnm(analyticProblem(rosenbrock), Float64Array.from(start), { ...options, variant }));
        expect(r.stop, `${variant} from ${start}`).toBe('converged');
        // ‖g‖² ≤ 1e-20 with ‖H⁻¹‖ ≈ 2.5 puts θ within ≈ 2.5e-10 of (1, 1).
        expect(Math.abs(r.theta[0] - 1)).toBeLessThan(1e-9);
        expect(Math.abs(r.theta[1] - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('runs L-BFGS when BFGS is asked for above bfgsMaxDimension (Rosenbrock, n = 300)', () => {
    const n = 300;
    const start = Float64Array.from({ length: n }, (_, i) => 1 + 0.01 * Math.sin(i));
    const r = finish(gnm(analyticProblem(rosenbrockN(n)), start, options));
    expect(r.stop).toBe('converged');
    for (let i = 0; i < n; i++) expect(Math.abs(r.theta[i] - 1)).toBeLessThan(1e-8);
  });

  it('accepts only steps that satisfy the strong Wolfe conditions on ½‖g‖²', () => {
    const cases: [AnalyticFunction, number[], GnmVariant][] = [
      [himmelblau, [3.5, 2.5], 'steepest-descent'],
      [himmelblau, [0, 0], 'bfgs'],
      [himmelblau, [-1, 3], 'lbfgs'],
      [rosenbrock, [0, 0], 'bfgs'],
    ];
    for (const [fn, start, variant] of cases) {
      const r = finish(gnm(analyticProblem(fn), Float64Array.from(start), { ...options, variant, recordPath: true }));
      expect(r.stop).toBe('converged');
      const checked = expectWolfeAlongPath(fn, r.trace.path!, r.trace.step, options.c1, options.c2);
      expect(checked).toBeGreaterThanOrEqual(Math.min(5, r.iterations - 2));
      // The merit function never increases (sufficient decrease).
      const gg = r.trace.gradNormSq;
      for (let k = 1; k < gg.length; k++) expect(gg[k]).toBeLessThanOrEqual(gg[k - 1]);
      for (let k = 1; k < gg.length; k++) expect(r.trace.innerIterations[k]).toBeGreaterThan(0);
    }
  });

  it('stops with no-descent at a gradient-flat point (Hg = 0, ‖g‖² = 1), never moving the flat coordinate', () => {
    const r = finish(gnm(analyticProblem(gradientFlatLine), Float64Array.of(0.7, 1.3), options));
    expect(r.stop).toBe('no-descent');
    expect(r.gradNormSq).toBe(1);
    // d = −Hg = (0, −sinh y cosh y): x is never touched.
    expect(r.theta[0]).toBe(0.7);
  });

  it('stops where it is when the line search fails', () => {
    const start = Float64Array.of(1.25, -0.5);
    const r = finish(gnm(nanAwayFrom(analyticProblem(himmelblau), start), start, { ...options, maxEvaluations: 8 }));
    expect(r.stop).toBe('line-search-failed');
    expect(r.iterations).toBe(0);
    expect(Array.from(r.theta)).toEqual([1.25, -0.5]);
    expect(Array.from(start)).toEqual([1.25, -0.5]);
    expect(r.gradients).toBe(1 + 8);
  });

  it('records one trace entry per iteration and yields each', () => {
    const r = finish(gnm(analyticProblem(himmelblau), Float64Array.of(-3, -3), { ...options, recordPath: true }));
    const { trace } = r;
    expect(trace.gradNormSq).toHaveLength(r.iterations + 1);
    expect(trace.flag.every((f) => f === '')).toBe(true);
    expect(trace.path).toHaveLength(2 * (r.iterations + 1));
    expect(r.yields).toBe(r.iterations);
    expect(r.innerFlag).toBe('');
  });
});
