/**
 * Test helpers for core/finders: run a finder to the end, type a 2-D critical point from its
 * closed-form Hessian eigenvalues (independent of core/linalg), grid searches against the
 * reference critical points, and the small hand-derived test functions the catalogue lacks.
 */
import { expect } from 'vitest';
import type { FinderResult, FinderRun, Objective } from '../../../core/finders/finder.ts';
import { analyticProblem, type AnalyticFunction } from '../../../core/problems/functions/analytic-function.ts';
import { linspace } from '../../../core/experiment/starts.ts';
import type { ReferencePoint } from '../../fixtures/reference-critical-points.ts';

/** Runs the generator to its end and returns the result; counts the yields. */
export function finish(run: FinderRun): FinderResult & { yields: number } {
  let yields = 0;
  let step = run.next();
  while (!step.done) {
    yields++;
    step = run.next();
  }
  return { ...step.value, yields };
}

/** Eigenvalues of the 2×2 Hessian in closed form, ascending. */
export function eigenvalues2(fn: AnalyticFunction, x: Float64Array): [number, number] {
  const h = new Float64Array(4);
  fn.hessian(x, h);
  const mean = (h[0] + h[3]) / 2;
  const radius = Math.hypot((h[0] - h[3]) / 2, h[1]);
  return [mean - radius, mean + radius];
}

export function typeAt(fn: AnalyticFunction, x: Float64Array): string {
  const [l1, l2] = eigenvalues2(fn, x);
  if (l1 < 0 && l2 > 0) return 'saddle';
  return l1 > 0 ? 'minimum' : 'maximum';
}

export interface FoundPoint {
  x: number;
  y: number;
  type: string;
  f: number;
}

/** Runs `finder` from an nx×ny grid on `box`; collects distinct converged end points. */
export function gridSearch(
  fn: AnalyticFunction,
  box: readonly (readonly [number, number])[],
  nx: number,
  ny: number,
  finder: (objective: Objective, start: Float64Array) => FinderRun,
): { found: FoundPoint[]; results: FinderResult[] } {
  const problem = analyticProblem(fn);
  const found: FoundPoint[] = [];
  const results: FinderResult[] = [];
  for (const x of linspace(box[0][0], box[0][1], nx)) {
    for (const y of linspace(box[1][0], box[1][1], ny)) {
      const result = finish(finder(problem, Float64Array.of(x, y)));
      results.push(result);
      if (result.stop !== 'converged') continue;
      const p = result.theta;
      if (!found.some((q) => Math.hypot(q.x - p[0], q.y - p[1]) < 1e-6)) {
        found.push({ x: p[0], y: p[1], type: typeAt(fn, p), f: result.loss });
      }
    }
  }
  return { found, results };
}

export function expectMatches(found: FoundPoint[], reference: readonly ReferencePoint[]): void {
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

const base = {
  dimension: 2,
  variables: ['x', 'y'],
  box: [
    [-2, 2],
    [-2, 2],
  ],
  twiceDifferentiable: true,
} as const;

/**
 * f(x, y) = x + cosh y: g = (1, sinh y), H = diag(0, cosh y). Every point of the line y = 0 is
 * strictly gradient-flat and not critical: g = (1, 0) ≠ 0 lies in ker H = span{e_x}, the loss is
 * linear along g, and ‖g‖² = 1 + sinh²y has its minimum 1 there (Hg = (0, sinh y cosh y) = 0
 * exactly on the line). H p = −g is incompatible everywhere (g_x = 1 ∉ range H); its
 * minimum-length least-squares solution is p = (0, −tanh y), so x never moves.
 */
export const gradientFlatLine: AnalyticFunction = {
  ...base,
  name: 'gradient-flat-line',
  label: 'x + cosh y',
  value: (p) => p[0] + Math.cosh(p[1]),
  gradient(p, g) {
    g[0] = 1;
    g[1] = Math.sinh(p[1]);
    return p[0] + Math.cosh(p[1]);
  },
  hessian(p, h) {
    h[0] = 0;
    h[1] = 0;
    h[2] = 0;
    h[3] = Math.cosh(p[1]);
  },
};

/**
 * f(x, y) = x + x³/3 + y²: g = (1 + x², 2y), H = diag(2x, 2). The origin is an isolated strict
 * gradient-flat point: g = (1, 0) ≠ 0, H = diag(0, 2), Hg = 0, and ‖g‖² = (1 + x²)² + 4y² has a
 * strict local minimum 1 there; f has no critical point at all (1 + x² > 0).
 */
export const gradientFlatPoint: AnalyticFunction = {
  ...base,
  name: 'gradient-flat-point',
  label: 'x + x³/3 + y²',
  value: (p) => p[0] + p[0] ** 3 / 3 + p[1] ** 2,
  gradient(p, g) {
    g[0] = 1 + p[0] * p[0];
    g[1] = 2 * p[1];
    return p[0] + p[0] ** 3 / 3 + p[1] ** 2;
  },
  hessian(p, h) {
    h[0] = 2 * p[0];
    h[1] = 0;
    h[2] = 0;
    h[3] = 2;
  },
};

/** f = ½(x² + y²): g = θ, H = I; the damped step is θ ↦ θ γ/(1 + γ). */
export const bowl: AnalyticFunction = {
  ...base,
  name: 'bowl',
  label: '½(x² + y²)',
  value: (p) => 0.5 * (p[0] * p[0] + p[1] * p[1]),
  gradient(p, g) {
    g[0] = p[0];
    g[1] = p[1];
    return 0.5 * (p[0] * p[0] + p[1] * p[1]);
  },
  hessian(_p, h) {
    h[0] = 1;
    h[1] = 0;
    h[2] = 0;
    h[3] = 1;
  },
};

/**
 * f = (u² − 1)² with u = (3x + 4y)/5: a flat direction w = (−4x + 3y)/5 (H has a zero
 * eigenvalue everywhere, eigenvector (−4, 3)/5); critical points: the lines u = ±1 (minima,
 * singular H) and u = 0 (maxima along u).
 */
export const rotatedDoubleWell: AnalyticFunction = {
  ...base,
  name: 'rotated-double-well',
  label: '(u² − 1)², u = (3x + 4y)/5',
  value(p) {
    const u = (3 * p[0] + 4 * p[1]) / 5;
    return (u * u - 1) ** 2;
  },
  gradient(p, g) {
    const u = (3 * p[0] + 4 * p[1]) / 5;
    const du = 4 * u * (u * u - 1);
    g[0] = (3 / 5) * du;
    g[1] = (4 / 5) * du;
    return (u * u - 1) ** 2;
  },
  hessian(p, h) {
    const u = (3 * p[0] + 4 * p[1]) / 5;
    const d2u = 12 * u * u - 4;
    h[0] = (9 / 25) * d2u;
    h[1] = (12 / 25) * d2u;
    h[2] = (12 / 25) * d2u;
    h[3] = (16 / 25) * d2u;
  },
};

/** Wraps an objective, counting calls and optionally corrupting gradients away from `start`. */
export function nanAwayFrom(objective: Objective, start: Float64Array): Objective {
  return {
    dimension: objective.dimension,
    gradient(theta, out) {
      const loss = objective.gradient(theta, out);
      const atStart = theta.every((v, i) => v === start[i]);
      if (atStart) return loss;
      out.fill(Number.NaN);
      return Number.NaN;
    },
    hvp: (theta, v, out) => objective.hvp(theta, v, out),
  };
}
