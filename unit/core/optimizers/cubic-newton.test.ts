import { describe, expect, it } from 'vitest';
import { cubicNewton } from '../../../core/optimizers/cubic-newton.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau, rosenbrock } from '../../../core/problems/functions/library.ts';
import { createRng } from '../../../core/random/rng.ts';
import { himmelblauPoints } from '../../fixtures/reference-critical-points.ts';
import { finish, quadratic } from './helpers.ts';

describe('cubic-regularised Newton (Nesterov & Polyak 2006)', () => {
  it('reaches the Rosenbrock minimum (1, 1) from (−1.2, 1), never increasing the loss (adaptive M)', () => {
    const result = finish(cubicNewton(analyticProblem(rosenbrock), Float64Array.of(-1.2, 1), optimizerOptions('cubic-newton', { steps: 200 }), createRng(0)));
    expect(Math.hypot(result.theta[0] - 1, result.theta[1] - 1)).toBeLessThan(1e-8);
    // Accepted steps satisfy L(θ + s) ≤ L(θ) + m(s) ≤ L(θ) (m(0) = 0), up to the 1e-14 relative slack.
    for (let t = 1; t <= result.steps; t++) expect(result.loss[t]).toBeLessThanOrEqual(result.loss[t - 1] * (1 + 1e-13) + 1e-300);
  });

  it('leaves a Himmelblau saddle for a minimum using negative curvature', () => {
    const saddlePoint = himmelblauPoints.find((p) => p.type === 'saddle')!;
    const start = Float64Array.of(saddlePoint.x, saddlePoint.y);
    const result = finish(cubicNewton(analyticProblem(himmelblau), start, optimizerOptions('cubic-newton', { steps: 100 }), createRng(1)));
    // The reference saddle is given to 6 decimals: ‖g‖ there is ~1e-5, far too small for GD to move.
    expect(result.loss[0]).toBeCloseTo(saddlePoint.f, 3);
    expect(result.loss[result.steps]).toBeLessThan(1e-16);
    const minima = himmelblauPoints.filter((p) => p.type === 'minimum');
    expect(minima.some((m) => Math.hypot(result.theta[0] - m.x, result.theta[1] - m.y) < 1e-6)).toBe(true);
  });

  it('stops as stationary at a minimiser (the model’s minimiser is the zero step)', () => {
    const q = quadratic([1, 2, 3], [0.5, -0.5, 1]);
    const result = finish(cubicNewton(q, q.minimiser, optimizerOptions('cubic-newton'), createRng(0)));
    expect(result.stop).toBe('stationary');
    expect(result.steps).toBe(0);
    expect(result.hvps).toBe(3);
  });

  it('says when the subproblem is solved in a subspace', () => {
    const q = quadratic([1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 1]);
    const result = finish(cubicNewton(q, new Float64Array(6), optimizerOptions('cubic-newton', { krylovDimension: 3, steps: 30 }), createRng(0)));
    expect(result.notes[0]).toMatch(/3-dimensional Lanczos subspace of the 6 parameters/);
    expect(result.hvps).toBe(3 * result.steps + (result.stop === 'stationary' ? 3 : 0));
    expect(result.loss[result.steps]).toBeLessThan(1e-20);
  });
});
