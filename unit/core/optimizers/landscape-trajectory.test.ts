import { describe, expect, it } from 'vitest';
import { landscapeTrajectory, landscapeTrajectoryRun } from '../../../core/optimizers/landscape-trajectory.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau } from '../../../core/problems/functions/library.ts';

const problem = analyticProblem(himmelblau);

describe('landscape trajectories', () => {
  it('returns every θ of the run with its loss (GD from a clicked start)', () => {
    const start = Float64Array.of(0, 0);
    const path = landscapeTrajectory(problem, start, { method: 'gd', learningRate: 0.01, steps: 200 });
    expect(path.method).toBe('gd');
    expect(path.steps).toEqual(Array.from({ length: 201 }, (_, i) => i));
    expect(path.path).toHaveLength(2 * 201);
    for (let r = 0; r < 201; r += 50) {
      expect(path.loss[r]).toBe(himmelblau.value(path.path.subarray(2 * r, 2 * r + 2)));
    }
    // GD from (0, 0) with α = 0.01 ends at the minimum (3, 2).
    expect(path.path[400]).toBeCloseTo(3, 6);
    expect(path.path[401]).toBeCloseTo(2, 6);
  });

  it('thins the path with recordEvery and keeps the last point', () => {
    const path = landscapeTrajectory(problem, Float64Array.of(1, 1), { method: 'adam', learningRate: 0.05, steps: 95 }, { recordEvery: 10 });
    expect(path.steps).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
  });

  it('is reproducible for a seed (SGLD), differs across seeds, and yields per step', () => {
    const spec = { method: 'sgld' as const, learningRate: 0.01, temperature: 0.1, steps: 50 };
    const a = landscapeTrajectory(problem, Float64Array.of(0, 0), spec, { seed: 4 });
    const b = landscapeTrajectory(problem, Float64Array.of(0, 0), spec, { seed: 4 });
    const c = landscapeTrajectory(problem, Float64Array.of(0, 0), spec, { seed: 5 });
    expect(b.path).toEqual(a.path);
    expect(c.path).not.toEqual(a.path);
    let yields = 0;
    const run = landscapeTrajectoryRun(problem, Float64Array.of(0, 0), spec);
    for (let next = run.next(); !next.done; next = run.next()) yields++;
    expect(yields).toBe(50);
  });

  it('refuses an invalid spec', () => {
    expect(() => landscapeTrajectory(problem, Float64Array.of(0, 0), { method: 'gd', learningRate: -1 })).toThrow(/learningRate/);
  });
});
