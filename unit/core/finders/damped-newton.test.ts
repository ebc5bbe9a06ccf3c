import { describe, expect, it } from 'vitest';
import { DEFAULT_DAMPED_NEWTON_OPTIONS, dampedNewton, type DampedNewtonOptions } from '../../../core/finders/damped-newton.ts';
import type { Objective } from '../../../core/finders/finder.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, saddle } from '../../../core/problems/functions/library.ts';
import { himmelblauPoints } from '../../fixtures/reference-critical-points.ts';
import { bowl, finish, gradientFlatLine, typeAt } from './helpers.ts';

const options: DampedNewtonOptions = { ...DEFAULT_DAMPED_NEWTON_OPTIONS, tolerance: 1e-20, maxIterations: 200 };

describe('damped-newton', () => {
  it('keeps the best damping of the grid, not the last one (nor the last improving one)', () => {
    // ½‖θ‖²: g = θ, H = I, so θ + p(γ) = θ γ/(1 + γ) and ‖g‖² grows with γ. In the grid
    // [1, 1e-3, 10] every candidate improves; the best is the middle one, the last is worse than
    // the first.
    const start = Float64Array.of(0.8, -0.6);
    const r = finish(dampedNewton(analyticProblem(bowl), start, { ...options, gammas: [1, 1e-3, 10], maxIterations: 1 }));
    expect(r.iterations).toBe(1);
    const shrink = 1e-3 / (1 + 1e-3);
    // MINRES-QLP solves (1 + γ)p = −θ to rounding (b is an eigenvector): a few ulps.
    expect(r.theta[0]).toBeCloseTo(0.8 * shrink, 15);
    expect(r.theta[1]).toBeCloseTo(-0.6 * shrink, 15);
    expect(r.gradNormSq).toBeCloseTo(shrink * shrink, 15);
    expect(r.trace.step[1]).toBe(1);
    expect(r.trace.flag[1]).toBe('compatible');
  });

  it('solves with shift −γ, i.e. (H + γI)p = −g, on an indefinite Hessian', () => {
    // x² − y² at (1, 1): H = diag(2, −2), g = (2, −2); p(γ) = −(2/(2 + γ), −2/(γ − 2)).
    // With a single γ = 1: p = (−2/3, −2), θ + p = (1/3, −1), ‖g‖² = 4/9 + 4 < 8.
    const r = finish(dampedNewton(analyticProblem(saddle), Float64Array.of(1, 1), { ...options, gammas: [1], maxIterations: 1 }));
    expect(r.theta[0]).toBeCloseTo(1 / 3, 14);
    expect(r.theta[1]).toBeCloseTo(-1, 14);
  });

  it('finds critical points of every type on Himmelblau from a coarse grid, with ‖g‖² monotone', () => {
    const problem = analyticProblem(himmelblau);
    const types = new Set<string>();
    for (const x of [-4, -1, 0.5, 2, 4]) {
      for (const y of [-4, -1, 0.5, 2, 4]) {
        const r = finish(dampedNewton(problem, Float64Array.of(x, y), options));
        const gg = r.trace.gradNormSq;
        for (let k = 1; k < gg.length; k++) expect(gg[k]).toBeLessThan(gg[k - 1]);
        if (r.stop !== 'converged') continue;
        const ref = himmelblauPoints.find((p) => Math.abs(p.x - r.theta[0]) < 1e-6 && Math.abs(p.y - r.theta[1]) < 1e-6);
        expect(ref, `end point of the start (${x}, ${y})`).toBeDefined();
        expect(typeAt(himmelblau, r.theta)).toBe(ref!.type);
        types.add(ref!.type);
      }
    }
    expect([...types].sort()).toEqual(['maximum', 'minimum', 'saddle']);
  });

  it('stops where it is when no damping lowers ‖g‖² (gradient-flat line)', () => {
    // x + cosh y on y = 0: g = (1, 0), (H + γI)⁻¹g = (1/γ, 0); θ + p keeps ‖g‖² = 1 for every γ.
    const start = Float64Array.of(0.3, 0);
    const r = finish(dampedNewton(analyticProblem(gradientFlatLine), start, options));
    expect(r.stop).toBe('no-improvement');
    expect(r.iterations).toBe(0);
    expect(Array.from(r.theta)).toEqual([0.3, 0]);
    // One gradient at the start, one per candidate.
    expect(r.gradients).toBe(1 + options.gammas.length);
  });

  it('skips non-finite candidates and does not mutate the start', () => {
    // ½‖θ‖² whose loss is NaN where max|θ| < 1e-3: from (1, 1) the candidates of γ = 1e-4 and
    // 1e-3 land there (θ γ/(1 + γ) ≈ 1e-4, 9.99e-4) and must be skipped; γ = 1e-2 is the best
    // finite one.
    const base = analyticProblem(bowl);
    const objective: Objective = {
      dimension: 2,
      gradient(theta, out) {
        const loss = base.gradient(theta, out);
        return Math.max(Math.abs(theta[0]), Math.abs(theta[1])) < 1e-3 ? Number.NaN : loss;
      },
      hvp: (theta, v, out) => base.hvp(theta, v, out),
    };
    const start = Float64Array.of(1, 1);
    const r = finish(dampedNewton(objective, start, { ...options, maxIterations: 1 }));
    expect(Array.from(start)).toEqual([1, 1]);
    expect(r.iterations).toBe(1);
    expect(r.theta[0]).toBeCloseTo(1e-2 / (1 + 1e-2), 15);
    expect(Number.isFinite(r.loss)).toBe(true);
  });
});
