import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FINDER_SPEC,
  FINDER_METHODS,
  finderSpecSchema,
  type FinderSpec,
} from '../../../core/finders/finder-spec.ts';
import { finders, runFinderSpec } from '../../../core/finders/index.ts';
import { DEFAULT_NEWTON_MR_OPTIONS } from '../../../core/finders/newton-mr.ts';
import { DEFAULT_GNM_OPTIONS } from '../../../core/finders/gnm.ts';
import { analyticProblem } from '../../../core/problems/functions/analytic-function.ts';
import { himmelblau } from '../../../core/problems/functions/library.ts';
import { finish } from './helpers.ts';

describe('finder spec schema', () => {
  it('fills the documented defaults for every method', () => {
    for (const method of FINDER_METHODS) {
      const spec = finderSpecSchema.parse({ method });
      expect(spec.method).toBe(method);
      expect(spec.maxIterations).toBe(500);
      expect(spec.tolerance).toBe(1e-10);
      expect(spec.divergence).toBe(1e8);
      // Every option the finder takes, except the runner's recordPath, has a spec default.
      const { recordPath: _, ...defaults } = finders[method].defaults;
      expect(Object.keys(spec).sort()).toEqual(['method', ...Object.keys(defaults)].sort());
      for (const [key, value] of Object.entries(defaults)) expect((spec as Record<string, unknown>)[key], `${method}.${key}`).toEqual(value);
    }
    expect(DEFAULT_FINDER_SPEC).toEqual({ method: 'newton-mr', ...withoutRecordPath(DEFAULT_NEWTON_MR_OPTIONS) });
    const mr = finderSpecSchema.parse({ method: 'newton-mr' });
    expect(mr.method === 'newton-mr' && [mr.rho, mr.alpha0, mr.beta]).toEqual([1e-4, 0.1, 0.5]);
  });

  it('rejects unknown keys, unknown methods and out-of-range values, naming the field', () => {
    const unknownKey = finderSpecSchema.safeParse({ method: 'newton-mr', gammas: [1] });
    expect(unknownKey.success).toBe(false);
    expect(unknownKey.error!.issues[0].code).toBe('unrecognized_keys');
    expect(unknownKey.error!.issues[0].message).toContain('gammas');

    const unknownMethod = finderSpecSchema.safeParse({ method: 'bisection' });
    expect(unknownMethod.success).toBe(false);
    expect(unknownMethod.error!.issues[0].path).toEqual(['method']);
    expect(finderSpecSchema.safeParse({}).success).toBe(false);

    const bad: [Record<string, unknown>, string][] = [
      [{ method: 'newton-mr', rho: 0.5 }, 'rho'],
      [{ method: 'newton-mr', alpha0: 0 }, 'alpha0'],
      [{ method: 'newton-mr', tolerance: 0 }, 'tolerance'],
      [{ method: 'damped-newton', gammas: [] }, 'gammas'],
      [{ method: 'damped-newton', gammas: [1, -1] }, 'gammas'],
      [{ method: 'gnm', variant: 'newton' }, 'variant'],
      [{ method: 'gnm', c1: 0.5, c2: 0.4 }, 'c2'],
      [{ method: 'saddle-free-newton', krylovDimension: 0 }, 'krylovDimension'],
      [{ method: 'newton', maxIterations: 1.5 }, 'maxIterations'],
    ];
    for (const [input, field] of bad) {
      const result = finderSpecSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(result.error!.issues[0].path[0], JSON.stringify(input)).toBe(field);
    }
  });

  it('accepts method options and null inner limits', () => {
    const spec = finderSpecSchema.parse({ method: 'gnm', variant: 'lbfgs', memory: 5 });
    expect(spec).toEqual({ ...withoutRecordPath(DEFAULT_GNM_OPTIONS), method: 'gnm', variant: 'lbfgs', memory: 5 });
    const mr = finderSpecSchema.parse({ method: 'newton-mr', innerMaxIterations: null, innerRtol: 1e-8 });
    expect(mr.method === 'newton-mr' && mr.innerMaxIterations).toBe(null);
  });
});

describe('finder registry', () => {
  it('runs every method through the registry and from a parsed spec', () => {
    const problem = analyticProblem(himmelblau);
    for (const method of FINDER_METHODS) {
      const start = Float64Array.of(3.3, 1.8); // next to the minimum (3, 2)
      const direct = finish(finders[method].run(problem, start, { tolerance: 1e-16 }));
      expect(direct.stop, method).toBe('converged');
      const spec: FinderSpec = finderSpecSchema.parse({ method, tolerance: 1e-16 });
      const viaSpec = finish(runFinderSpec(spec, problem, start, true));
      expect(viaSpec.stop, method).toBe('converged');
      expect(Array.from(viaSpec.theta)).toEqual(Array.from(direct.theta));
      expect(viaSpec.trace.path).not.toBeNull();
      expect(Math.abs(viaSpec.theta[0] - 3) + Math.abs(viaSpec.theta[1] - 2)).toBeLessThan(1e-6);
      expect(Array.from(start)).toEqual([3.3, 1.8]);
    }
  });

  it('keeps defaults for options passed as undefined', () => {
    const run = finders['newton-mr'].run(analyticProblem(himmelblau), Float64Array.of(3.3, 1.8), { rho: undefined, maxIterations: 1 });
    const r = finish(run);
    expect(r.iterations).toBe(1);
    expect(r.trace.step[1]).toBe(0.1); // α₀ default
  });
});

function withoutRecordPath<T extends { recordPath: boolean }>(options: T): Omit<T, 'recordPath'> {
  const { recordPath: _, ...rest } = options;
  return rest;
}
