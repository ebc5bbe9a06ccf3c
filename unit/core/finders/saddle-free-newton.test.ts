import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SADDLE_FREE_NEWTON_OPTIONS,
  saddleFreeNewton,
  type SaddleFreeNewtonOptions,
} from '../../../core/finders/saddle-free-newton.ts';
import { DEFAULT_NEWTON_OPTIONS, newton } from '../../../core/finders/newton.ts';
import { DEFAULT_NEWTON_MR_OPTIONS, newtonMr } from '../../../core/finders/newton-mr.ts';
import type { Objective } from '../../../core/finders/finder.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, rosenbrock, rosenbrockN, saddle } from '../../../core/problems/functions/library.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, nanAwayFrom, typeAt } from './helpers.ts';

const options: SaddleFreeNewtonOptions = { ...DEFAULT_SADDLE_FREE_NEWTON_OPTIONS, tolerance: 1e-20, maxIterations: 200 };

/**
 * f = ½θᵀAθ + bᵀθ with A = Q diag(λ) Q, Q = I − 2uuᵀ (a Householder reflection, symmetric and
 * orthogonal), so |A| = Q diag(|λ|) Q is known in closed form.
 */
function indefiniteQuadratic(lambda: number[], u: number[], b: number[]) {
  const n = lambda.length;
  const norm = Math.hypot(...u);
  const v = u.map((x) => x / norm);
  const Q = (i: number, j: number) => (i === j ? 1 : 0) - 2 * v[i] * v[j];
  const matrix = (values: number[]) => {
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) M[i * n + j] += Q(i, k) * values[k] * Q(k, j);
    return M;
  };
  const A = matrix(lambda);
  const absAInverse = matrix(lambda.map((l) => 1 / Math.abs(l)));
  const objective: Objective = {
    dimension: n,
    gradient(theta, out) {
      let f = 0;
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let j = 0; j < n; j++) s += A[i * n + j] * theta[j];
        out[i] = s;
        f += theta[i] * (0.5 * (s - b[i]) + b[i]);
      }
      return f;
    },
    hvp(_theta, w, out) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i * n + j] * w[j];
        out[i] = s;
      }
    },
  };
  return { objective, A, absAInverse };
}

describe('saddle-free-newton', () => {
  it('escapes the saddle of x² − y² (moving away, lowering the loss) where Newton converges to it', () => {
    const start = Float64Array.of(0.5, 1e-3);
    const sfn = finish(saddleFreeNewton(analyticProblem(saddle), start, { ...options, maxIterations: 12, recordPath: true }));
    // p = −|H|⁻¹g = (−x, y): the first step lands on (0, 2y) and y doubles every step.
    // Exact up to one rounding of the Lanczos eigendecomposition (|x| ≤ a few ε).
    expect(Math.abs(sfn.trace.path![2])).toBeLessThan(1e-15);
    expect(sfn.trace.path![3]).toBeCloseTo(2e-3, 15);
    expect(sfn.theta[1]).toBeCloseTo(1e-3 * 2 ** 12, 12);
    const { loss } = sfn.trace;
    for (let k = 1; k < loss.length; k++) expect(loss[k]).toBeLessThan(loss[k - 1]);
    expect(Math.hypot(sfn.theta[0], sfn.theta[1])).toBeGreaterThan(Math.hypot(start[0], start[1]));
    expect(sfn.stop).toBe('max-iterations');

    // Plain Newton and Newton-MR converge to the saddle (0, 0) from the same start.
    const plain = finish(newton(analyticProblem(saddle), start, { ...DEFAULT_NEWTON_OPTIONS, tolerance: 1e-20 }));
    expect(plain.stop).toBe('converged');
    expect(Math.hypot(plain.theta[0], plain.theta[1])).toBeLessThan(1e-10);
    const mr = finish(newtonMr(analyticProblem(saddle), start, { ...DEFAULT_NEWTON_MR_OPTIONS, tolerance: 1e-20 }));
    expect(mr.stop).toBe('converged');
    expect(Math.hypot(mr.theta[0], mr.theta[1])).toBeLessThan(1e-10);
  });

  it('takes p = −|H|⁻¹g exactly when the Krylov space is the whole space (indefinite quadratic, n = 5)', () => {
    const { objective, absAInverse } = indefiniteQuadratic([-3, -0.5, 0.7, 2, 5], [1, -2, 0.5, 1, 3], [0.3, -1, 0.2, 0.8, -0.4]);
    const rng = createRng(11);
    for (let trial = 0; trial < 5; trial++) {
      const start = Float64Array.from({ length: 5 }, () => rng.uniform() * 2 - 1);
      const r = finish(saddleFreeNewton(objective, start, { ...options, maxIterations: 1 }));
      const g = new Float64Array(5);
      objective.gradient(start, g);
      // For a quadratic f(θ + p) − f(θ) = Σ(−1 + ½sign λ_i) g̃_i²/|λ_i| ≤ ½gᵀp, so α = 1 passes
      // Armijo.
      expect(r.trace.step[1]).toBe(1);
      expect(r.trace.innerIterations[1]).toBe(5);
      for (let i = 0; i < 5; i++) {
        let p = 0;
        for (let j = 0; j < 5; j++) p -= absAInverse[i * 5 + j] * g[j];
        // cond(A) = 10; Lanczos with full reorthogonalisation is backward stable: 1e-12.
        expect(r.theta[i]).toBeCloseTo(start[i] + p, 12);
      }
    }
  });

  it('is a minimiser: reaches minima of Rosenbrock and Himmelblau, even from next to a maximum', () => {
    const r = finish(saddleFreeNewton(analyticProblem(rosenbrock), Float64Array.of(-1.2, 1), options));
    expect(r.stop).toBe('converged');
    expect(Math.abs(r.theta[0] - 1)).toBeLessThan(1e-10);
    expect(Math.abs(r.theta[1] - 1)).toBeLessThan(1e-10);

    // Next to Himmelblau's maximum (−0.270845, −0.923039): Newton-MR converges to the maximum,
    // saddle-free Newton leaves it and ends at a minimum.
    const start = Float64Array.of(-0.25, -0.9);
    const mr = finish(newtonMr(analyticProblem(himmelblau), start, { ...DEFAULT_NEWTON_MR_OPTIONS, tolerance: 1e-20 }));
    expect(typeAt(himmelblau, mr.theta)).toBe('maximum');
    const sfn = finish(saddleFreeNewton(analyticProblem(himmelblau), start, options));
    expect(sfn.stop).toBe('converged');
    expect(typeAt(himmelblau, sfn.theta)).toBe('minimum');
    expect(sfn.loss).toBeLessThan(1e-20);
  });

  it('works in a Krylov subspace smaller than n (Rosenbrock, n = 100, k = 10)', () => {
    const n = 100;
    const start = Float64Array.from({ length: n }, (_, i) => 1 + 0.02 * Math.cos(i));
    const r = finish(saddleFreeNewton(analyticProblem(rosenbrockN(n)), start, { ...options, krylovDimension: 10 }));
    expect(r.stop).toBe('converged');
    for (let i = 0; i < n; i++) expect(Math.abs(r.theta[i] - 1)).toBeLessThan(1e-9);
    for (let k = 1; k < r.trace.innerIterations.length; k++) expect(r.trace.innerIterations[k]).toBeLessThanOrEqual(10);
    // k HVPs per iteration.
    expect(r.hvps).toBeLessThanOrEqual(10 * r.iterations);
  });

  it('stops where it is on a failed line search or a vanishing Hessian', () => {
    const start = Float64Array.of(1.25, -0.5);
    const failed = finish(saddleFreeNewton(nanAwayFrom(analyticProblem(himmelblau), start), start, { ...options, maxBacktracks: 4 }));
    expect(failed.stop).toBe('line-search-failed');
    expect(Array.from(failed.theta)).toEqual([1.25, -0.5]);
    expect(failed.gradients).toBe(1 + 5);

    // f(x, y) = x: H = 0, so |H|⁻¹ is undefined without damping.
    const linear: Objective = {
      dimension: 2,
      gradient(theta, out) {
        out[0] = 1;
        out[1] = 0;
        return theta[0];
      },
      hvp(_theta, _v, out) {
        out.fill(0);
      },
    };
    const singular = finish(saddleFreeNewton(linear, Float64Array.of(0.5, 0.5), options));
    expect(singular.stop).toBe('singular-hessian');
    expect(Array.from(singular.theta)).toEqual([0.5, 0.5]);
    // With damping λ = 2 the step is −g/2, a plain descent step.
    const damped = finish(saddleFreeNewton(linear, Float64Array.of(0.5, 0.5), { ...options, damping: 2, maxIterations: 1 }));
    expect(Array.from(damped.theta)).toEqual([0, 0.5]);
  });
});
