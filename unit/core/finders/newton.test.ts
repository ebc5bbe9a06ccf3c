import { describe, expect, it } from 'vitest';
import { NEWTON_MAX_DIMENSION, newton, type NewtonOptions } from '../../../core/finders/newton.ts';
import type { FinderResult, FinderRun } from '../../../core/finders/finder.ts';
import { analyticProblem, type AnalyticFunction } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, saddle, sixHumpCamel, rosenbrock, rosenbrockN } from '../../../core/problems/functions/library.ts';
import { linspace } from '../../../core/experiment/starts.ts';
import { himmelblauPoints, sixHumpCamelPoints, type ReferencePoint } from '../../fixtures/reference-critical-points.ts';

const options: NewtonOptions = {
  maxIterations: 200,
  tolerance: 1e-20,
  rho: 1e-4,
  beta: 0.5,
  maxBacktracks: 60,
  divergence: 1e8,
  recordPath: false,
};

function finish(run: FinderRun): FinderResult {
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}

/** Type from the closed-form 2×2 Hessian eigenvalues (independent of core/linalg). */
function typeAt(fn: AnalyticFunction, x: Float64Array): string {
  const h = new Float64Array(4);
  fn.hessian(x, h);
  const mean = (h[0] + h[3]) / 2;
  const radius = Math.hypot((h[0] - h[3]) / 2, h[1]);
  const [l1, l2] = [mean - radius, mean + radius];
  if (l1 < 0 && l2 > 0) return 'saddle';
  return l1 > 0 ? 'minimum' : 'maximum';
}

function gridSearch(fn: AnalyticFunction, box: readonly (readonly [number, number])[], nx: number, ny: number) {
  const problem = analyticProblem(fn);
  const found: { x: number; y: number; type: string; f: number }[] = [];
  let converged = 0;
  for (const x of linspace(box[0][0], box[0][1], nx)) {
    for (const y of linspace(box[1][0], box[1][1], ny)) {
      const result = finish(newton(problem, Float64Array.of(x, y), options));
      if (result.stop !== 'converged') continue;
      converged++;
      const p = result.theta;
      if (!found.some((q) => Math.hypot(q.x - p[0], q.y - p[1]) < 1e-6)) {
        found.push({ x: p[0], y: p[1], type: typeAt(fn, p), f: result.loss });
      }
    }
  }
  return { found, converged };
}

function expectMatches(found: { x: number; y: number; type: string; f: number }[], reference: readonly ReferencePoint[]) {
  expect(found).toHaveLength(reference.length);
  for (const ref of reference) {
    // DESIGN.md gives coordinates to 6 decimals: rounding error ≤ 5e-7 per coordinate, so a
    // point converged to ‖g‖² ≤ 1e-20 lies within 1e-6 of the reference in each coordinate.
    const match = found.find((p) => Math.abs(p.x - ref.x) <= 1e-6 && Math.abs(p.y - ref.y) <= 1e-6);
    expect(match, `critical point near (${ref.x}, ${ref.y})`).toBeDefined();
    expect(match!.type).toBe(ref.type);
    // Reference values are given to 4–6 decimals.
    expect(match!.f).toBeCloseTo(ref.f, 3);
  }
}

describe('newton', () => {
  it('finds all 9 critical points of Himmelblau from a 20×20 grid on [−5, 5]², each typed right', () => {
    const { found } = gridSearch(himmelblau, [[-5, 5], [-5, 5]], 20, 20);
    expectMatches(found, himmelblauPoints);
  });

  it('finds all 15 critical points of the six-hump camel from a grid, each typed right', () => {
    const { found } = gridSearch(sixHumpCamel, [[-2.2, 2.2], [-1.2, 1.2]], 30, 20);
    expectMatches(found, sixHumpCamelPoints);
  });

  it('reaches the saddle of x² − y² in one step and Rosenbrock\'s minimum (1, 1)', () => {
    const s = finish(newton(analyticProblem(saddle), Float64Array.of(1.5, -0.7), options));
    expect(s.stop).toBe('converged');
    expect(s.iterations).toBe(1);
    expect(Math.abs(s.theta[0]) + Math.abs(s.theta[1])).toBeLessThan(1e-15);

    const r = finish(newton(analyticProblem(rosenbrock), Float64Array.of(-1.2, 1), options));
    expect(r.stop).toBe('converged');
    // Quadratic convergence ends with ‖g‖² at rounding level; θ within 1e-10 of (1, 1).
    expect(Math.abs(r.theta[0] - 1)).toBeLessThan(1e-10);
    expect(Math.abs(r.theta[1] - 1)).toBeLessThan(1e-10);
  });

  it('records a monotone ‖g‖² trace (the line search is on ‖g‖²) and yields once per iteration', () => {
    const run = newton(analyticProblem(himmelblau), Float64Array.of(0.5, 0.5), { ...options, recordPath: true });
    let yields = 0;
    let step = run.next();
    while (!step.done) {
      yields++;
      step = run.next();
    }
    const { trace, iterations } = step.value;
    expect(trace.gradNormSq).toHaveLength(iterations + 1);
    expect(trace.path).toHaveLength(2 * (iterations + 1));
    for (let k = 1; k < trace.gradNormSq.length; k++) expect(trace.gradNormSq[k]).toBeLessThanOrEqual(trace.gradNormSq[k - 1]);
    // Every iteration but a final divergence yields; the converged run yields each one.
    expect(yields).toBe(iterations);
  });

  it('stops where it is when H is numerically singular', () => {
    const flat: AnalyticFunction = {
      ...saddle,
      name: 'flat-quartic',
      value: (p) => p[0] ** 4 + p[1] ** 4,
      gradient(p, g) {
        g[0] = 4 * p[0] ** 3;
        g[1] = 4 * p[1] ** 3;
        return p[0] ** 4 + p[1] ** 4;
      },
      hessian(p, h) {
        h[0] = 12 * p[0] ** 2; h[1] = 0; h[2] = 0; h[3] = 12 * p[1] ** 2;
      },
    };
    const result = finish(newton(analyticProblem(flat), Float64Array.of(0, 1), options));
    // H = diag(0, 12) at x = 0: numerically singular, so the run must stop, not jump.
    expect(result.stop).toBe('singular-hessian');
    expect(result.theta[0]).toBe(0);
    expect(result.theta[1]).toBe(1);
  });

  it('does not mutate the start', () => {
    const start = Float64Array.of(1, 1);
    finish(newton(analyticProblem(himmelblau), start, options));
    expect(Array.from(start)).toEqual([1, 1]);
  });

  it('solves H p = −g by MINRES above the dense limit instead of refusing (Rosenbrock, n = 600)', () => {
    const n = 600;
    expect(n).toBeGreaterThan(NEWTON_MAX_DIMENSION);
    const start = Float64Array.from({ length: n }, (_, i) => 1 + 0.01 * Math.sin(i));
    const r = finish(newton(analyticProblem(rosenbrockN(n)), start, options));
    expect(r.stop).toBe('converged');
    for (let i = 0; i < n; i++) expect(Math.abs(r.theta[i] - 1)).toBeLessThan(1e-10);
    const { flag, innerIterations, gradNormSq } = r.trace;
    expect(flag[0]).toBe('');
    for (let k = 1; k < flag.length; k++) {
      expect(flag[k]).toBe('compatible');
      expect(innerIterations[k]).toBeGreaterThan(0);
      expect(gradNormSq[k]).toBeLessThanOrEqual(gradNormSq[k - 1]);
    }
    // Far fewer HVPs than the n per iteration of the dense assembly.
    expect(r.hvps).toBeLessThan(n * r.iterations);
  });

  it('gives the dense path\'s points on the MINRES path (denseMaxDimension 0) and records no flags on the LU path', () => {
    const dense = finish(newton(analyticProblem(himmelblau), Float64Array.of(0.5, 0.5), options));
    const krylov = finish(newton(analyticProblem(himmelblau), Float64Array.of(0.5, 0.5), { ...options, denseMaxDimension: 0 }));
    expect(krylov.stop).toBe('converged');
    // Same iterates up to the solvers' rounding; both converge to the same critical point.
    expect(Math.abs(krylov.theta[0] - dense.theta[0])).toBeLessThan(1e-10);
    expect(Math.abs(krylov.theta[1] - dense.theta[1])).toBeLessThan(1e-10);
    expect(dense.trace.flag.every((f) => f === '')).toBe(true);
    expect(dense.trace.innerIterations.every((k) => k === 0)).toBe(true);
    expect(dense.innerFlag).toBe('');
    expect(krylov.trace.flag.slice(1).every((f) => f === 'compatible')).toBe(true);
  });

  it('stops where it is on the MINRES path when H p = −g has no solution', () => {
    const flatLine: AnalyticFunction = {
      ...saddle,
      name: 'flat-line',
      value: (p) => p[0] + p[1] * p[1],
      gradient(p, g) {
        g[0] = 1;
        g[1] = 2 * p[1];
        return p[0] + p[1] * p[1];
      },
      hessian(_p, h) {
        h[0] = 0; h[1] = 0; h[2] = 0; h[3] = 2;
      },
    };
    // H = diag(0, 2), g = (1, 2y): incompatible, MINRES cannot return a Newton step.
    const r = finish(newton(analyticProblem(flatLine), Float64Array.of(0.3, 0.4), { ...options, denseMaxDimension: 0 }));
    expect(r.stop).toBe('singular-hessian');
    expect(r.innerFlag).not.toBe('compatible');
    expect(Array.from(r.theta)).toEqual([0.3, 0.4]);
  });
});
