import { describe, expect, it } from 'vitest';
import { DEFAULT_NEWTON_MR_OPTIONS, newtonMr, type NewtonMrOptions } from '../../../core/finders/newton-mr.ts';
import { sumOfSquares } from '../../../core/finders/finder.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, ring, sixHumpCamel } from '../../../core/problems/functions/library.ts';
import { createRng } from '../../../core/random/rng.ts';
import { himmelblauPoints, sixHumpCamelPoints } from '../../fixtures/reference-critical-points.ts';
import {
  eigenvalues2,
  expectMatches,
  finish,
  gradientFlatLine,
  gradientFlatPoint,
  gridSearch,
  nanAwayFrom,
  rotatedDoubleWell,
} from './helpers.ts';

/** Paper defaults (ρ = 1e-4, α₀ = 0.1, β = 0.5) with a strict success threshold. */
const options: NewtonMrOptions = { ...DEFAULT_NEWTON_MR_OPTIONS, tolerance: 1e-20, maxIterations: 200 };
/** Rounding level of a coordinate of size ≈ 1 moved by Krylov-basis arithmetic: a few ulps. */
const ULPS = 4 * Number.EPSILON;

describe('newton-mr', () => {
  it('finds all 9 critical points of Himmelblau from a 20×20 grid on [−5, 5]², each typed right', () => {
    const { found, results } = gridSearch(himmelblau, [[-5, 5], [-5, 5]], 20, 20, (o, s) => newtonMr(o, s, options));
    expectMatches(found, himmelblauPoints);
    // Every start reaches some critical point (the ‖g‖² line search never stalls here).
    expect(results.every((r) => r.stop === 'converged')).toBe(true);
  });

  it('finds all 15 critical points of the six-hump camel from a 30×20 grid, each typed right', () => {
    const { found } = gridSearch(sixHumpCamel, [[-2.2, 2.2], [-1.2, 1.2]], 30, 20, (o, s) => newtonMr(o, s, options));
    expectMatches(found, sixHumpCamelPoints);
  });

  it('converges quadratically to ‖g‖² < 1e-20 near a nondegenerate minimum and saddle', () => {
    // Himmelblau's minimum (3, 2) and saddle (3.385154, 0.073852): H nonsingular at both.
    for (const start of [Float64Array.of(3.5, 2.5), Float64Array.of(3.45, 0.15)]) {
      const r = finish(newtonMr(analyticProblem(himmelblau), start, options));
      expect(r.stop).toBe('converged');
      expect(r.gradNormSq).toBeLessThan(1e-20);
      const { gradNormSq: gg, step } = r.trace;
      // α grows 0.1, 0.2, 0.4, 0.8, 1 and then stays at 1 (full Newton steps).
      expect(step.slice(1, 6)).toEqual([0.1, 0.2, 0.4, 0.8, 1]);
      // Quadratic rate once α = 1: ‖g₊‖ ≤ (L/2)‖H⁻¹‖²‖g‖², with L ≈ 72 (third derivatives ≈ 12x)
      // and ‖H⁻¹‖ ≤ 1/|λ_min| (≈ 1/25.7 at the minimum, ≈ 1/18 at the saddle): ‖g₊‖² ≤ 0.05‖g‖⁴.
      // K = 1 leaves a 20× margin; inexact solves (rtol 1e-10) add only ≈ 1e-20·‖g‖².
      const K = 1;
      // Rounding floor: Himmelblau's gradient sums terms of size ≈ 10², so ‖g‖² cannot be
      // resolved below ≈ (10² ε)² ≈ 5e-28; allow 1e-26.
      const floor = 1e-26;
      let checked = 0;
      for (let k = 5; k + 1 < gg.length; k++) {
        if (step[k + 1] === 1 && gg[k] < 1e-2) {
          expect(gg[k + 1]).toBeLessThanOrEqual(Math.max(K * gg[k] * gg[k], floor));
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(2);
      const [l1, l2] = eigenvalues2(himmelblau, r.theta);
      expect(Math.abs(l1)).toBeGreaterThan(1);
      expect(Math.abs(l2)).toBeGreaterThan(1);
    }
  });

  it('never increases ‖g‖² (seeded random starts), yields once per iteration and records the inner solves', () => {
    const rng = createRng(7);
    const problem = analyticProblem(himmelblau);
    for (let trial = 0; trial < 50; trial++) {
      const start = Float64Array.of(-6 + 12 * rng.uniform(), -6 + 12 * rng.uniform());
      const r = finish(newtonMr(problem, start, { ...options, recordPath: true }));
      const { gradNormSq: gg, innerIterations, flag, step, loss, path } = r.trace;
      expect(gg).toHaveLength(r.iterations + 1);
      for (const column of [innerIterations, flag, step, loss]) expect(column).toHaveLength(r.iterations + 1);
      expect(path).toHaveLength(2 * (r.iterations + 1));
      for (let k = 1; k < gg.length; k++) {
        // The acceptance test ‖g₊‖² ≤ ‖g‖² + 2ρα pᵀHg with pᵀHg < 0.
        expect(gg[k]).toBeLessThanOrEqual(gg[k - 1]);
        expect(innerIterations[k]).toBeGreaterThan(0);
        expect(['compatible', 'least-squares']).toContain(flag[k]);
      }
      expect(flag[0]).toBe('');
      expect(r.yields).toBe(r.iterations);
      // HVPs: each MINRES-QLP solve (≤ n = 2 iterations + 2 residual products) + 1 for Hp.
      expect(r.hvps).toBeLessThanOrEqual(5 * (r.iterations + 1));
    }
  });

  it('stops where it is when the line search fails (never jumps)', () => {
    const start = Float64Array.of(1.25, -0.5);
    // Every trial point returns a NaN gradient, so every backtrack fails.
    const objective = nanAwayFrom(analyticProblem(himmelblau), start);
    const r = finish(newtonMr(objective, start, { ...options, maxBacktracks: 5 }));
    expect(r.stop).toBe('line-search-failed');
    expect(r.iterations).toBe(0);
    expect(Array.from(r.theta)).toEqual([1.25, -0.5]);
    // One gradient at the start and maxBacktracks + 1 trials.
    expect(r.gradients).toBe(1 + 6);
    expect(r.trace.gradNormSq).toHaveLength(1);
    // The start is never mutated and θ is a copy.
    expect(Array.from(start)).toEqual([1.25, -0.5]);
    expect(r.theta).not.toBe(start);
  });

  it('converges on singular-Hessian problems without moving the flat coordinate', () => {
    // Ring (x² + y² − 1)²: at the circle H has a zero tangential eigenvalue; g is radial, so the
    // minimum-length step never moves the angle. From r = 0.9 the radial Newton iteration
    // converges to r = 1 (H is singular there: linear, not quadratic, conditioning of the kernel).
    const angle = 0.7;
    const ringStart = Float64Array.of(0.9 * Math.cos(angle), 0.9 * Math.sin(angle));
    const r = finish(newtonMr(analyticProblem(ring), ringStart, options));
    expect(r.stop).toBe('converged');
    expect(Math.hypot(r.theta[0], r.theta[1])).toBeCloseTo(1, 10);
    expect(Math.abs(Math.atan2(r.theta[1], r.theta[0]) - angle)).toBeLessThanOrEqual(ULPS);
    const [l1, l2] = eigenvalues2(ring, r.theta);
    expect(Math.abs(l1)).toBeLessThan(1e-9); // the zero eigenvalue of the circle of minima
    expect(l2).toBeCloseTo(8, 8);

    // (u² − 1)² with u = (3x + 4y)/5: H = (12u² − 4)·aaᵀ, a = (3, 4)/5, singular everywhere.
    // The flat coordinate w = (−4x + 3y)/5 must keep its start value.
    const start = Float64Array.of(0.2, 1.1);
    const w = (p: Float64Array) => (-4 * p[0] + 3 * p[1]) / 5;
    const d = finish(newtonMr(analyticProblem(rotatedDoubleWell), start, options));
    expect(d.stop).toBe('converged');
    expect(Math.abs((3 * d.theta[0] + 4 * d.theta[1]) / 5)).toBeCloseTo(1, 12);
    expect(Math.abs(w(d.theta) - w(start))).toBeLessThanOrEqual(ULPS);
  });

  it('takes the minimum-length least-squares step and stalls at a gradient-flat line (flag least-squares)', () => {
    // x + cosh y (helpers.ts): H p = −g is incompatible everywhere; the minimum-length solution
    // p = (0, −tanh y) drives y → 0 while x stays, and ‖g‖² → 1: the gradient-flat line y = 0.
    const start = Float64Array.of(0.7, 1.3);
    const r = finish(newtonMr(analyticProblem(gradientFlatLine), start, { ...options, recordPath: true }));
    const { gradNormSq: gg, flag, path } = r.trace;
    // First step: α₀ = 0.1 along p = (0, −tanh 1.3).
    expect(path![2]).toBeCloseTo(0.7, 15);
    expect(path![3]).toBeCloseTo(1.3 - 0.1 * Math.tanh(1.3), 14);
    for (let k = 1; k < flag.length; k++) expect(flag[k]).toBe('least-squares');
    // On y = 0 exactly, g = (1, 0) ∈ ker H: MINRES-QLP returns p = 0 ('least-squares') and
    // pᵀHg = 0, so the run stops there — not converged, ‖g‖² stationary at 1.
    expect(r.stop).toBe('no-descent');
    expect(r.innerFlag).toBe('least-squares');
    expect(r.gradNormSq).toBe(1);
    expect(gg[gg.length - 2]).toBeCloseTo(1, 14);
    for (let k = 1; k < gg.length; k++) expect(gg[k]).toBeLessThanOrEqual(gg[k - 1]);
    expect(Math.abs(r.theta[0] - 0.7)).toBeLessThanOrEqual(ULPS);
    expect(r.theta[1]).toBe(0);
    // Independent check of gradient-flatness at the end: Hg = 0 while ‖g‖ = 1.
    const g = new Float64Array(2);
    const h = new Float64Array(4);
    gradientFlatLine.gradient(r.theta, g);
    gradientFlatLine.hessian(r.theta, h);
    expect(h[0] * g[0] + h[1] * g[1]).toBe(0);
    expect(h[2] * g[0] + h[3] * g[1]).toBe(0);
    expect(sumOfSquares(g)).toBe(1);
  });

  it('stalls near an isolated strict gradient-flat point with ‖g‖² stationary', () => {
    // x + x³/3 + y² has no critical point; ‖g‖² has a strict minimum 1 at the origin, where
    // g = (1, 0) ∈ ker H. Near it H p = −g is nearly singular and the steps (≈ 1/(2x) in x) force
    // ever smaller α: Newton-MR stalls with ‖g‖² → 1 and does not report convergence.
    const r = finish(newtonMr(analyticProblem(gradientFlatPoint), Float64Array.of(0.7, 1.3), options));
    expect(r.stop).not.toBe('converged');
    expect(['no-descent', 'line-search-failed', 'max-iterations']).toContain(r.stop);
    // Within 1e-9 of the stationary value 1 (the last x and y are below 1e-6 here).
    expect(Math.abs(r.gradNormSq - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.theta[0])).toBeLessThan(1e-6);
    expect(Math.abs(r.theta[1])).toBeLessThan(1e-6);
    const gg = r.trace.gradNormSq;
    for (let k = 1; k < gg.length; k++) expect(gg[k]).toBeLessThanOrEqual(gg[k - 1]);
  });

  it('does not mutate the start and counts gradients and HVPs', () => {
    const start = Float64Array.of(1, 1);
    const r = finish(newtonMr(analyticProblem(himmelblau), start, options));
    expect(Array.from(start)).toEqual([1, 1]);
    expect(r.stop).toBe('converged');
    expect(r.gradients).toBeGreaterThanOrEqual(r.iterations + 1);
    expect(r.hvps).toBeGreaterThanOrEqual(r.iterations);
  });
});
