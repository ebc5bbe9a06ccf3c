import { describe, expect, it } from 'vitest';
import { landscapeOf } from '../../renderer/src/lib/landscape.ts';
import type { SpecInput } from '../../core/experiment/spec.ts';

describe('landscapeOf', () => {
  it('uses the sampling box when the spec gives one, else the function\'s own', () => {
    const camel = landscapeOf({
      problem: { kind: 'function', name: 'six-hump-camel' },
      sampling: { strategy: 'grid', box: [[-2.2, 2.2], [-1.2, 1.2]], count: [30, 20] },
    });
    expect(camel?.name).toBe('six-hump-camel');
    expect(camel?.box).toEqual([[-2.2, 2.2], [-1.2, 1.2]]);
    expect(landscapeOf({ problem: { kind: 'function', name: 'himmelblau' } })?.box).toEqual([[-5, 5], [-5, 5]]);
  });

  it('draws typed expressions in two variables', () => {
    const saddle = landscapeOf({ problem: { kind: 'function', expression: 'x^2 - y^2' } } as SpecInput);
    expect(saddle?.variables).toEqual(['x', 'y']);
    expect(saddle?.value(Float64Array.from([1, 2]))).toBe(-3);
    expect(saddle?.box).toEqual([[-3, 3], [-3, 3]]);
  });

  it('has no landscape for problems that are not 2-D', () => {
    expect(landscapeOf({ problem: { kind: 'function', name: 'rosenbrock', dimension: 5 } } as SpecInput)).toBeNull();
    expect(landscapeOf({ problem: { kind: 'function', expression: 'x^2 + y^2 + z^2' } } as SpecInput)).toBeNull();
    expect(landscapeOf({ problem: { kind: 'function', expression: 'x^2 +' } } as SpecInput)).toBeNull();
    expect(landscapeOf({ problem: { kind: 'network', layers: [2, 1, 2] } } as unknown as SpecInput)).toBeNull();
  });
});
