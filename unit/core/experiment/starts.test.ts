import { describe, expect, it } from 'vitest';
import { linspace, planStarts } from '../../../core/experiment/starts.ts';
import { SpecError } from '../../../core/experiment/spec.ts';

describe('linspace', () => {
  it('includes both endpoints exactly', () => {
    const xs = linspace(-5, 5, 20);
    expect(xs).toHaveLength(20);
    expect(xs[0]).toBe(-5);
    expect(xs[19]).toBe(5);
    expect(xs[1] - xs[0]).toBeCloseTo(10 / 19, 15);
  });
  it('puts a single point at the centre', () => {
    expect(linspace(0, 2, 1)).toEqual([1]);
  });
});

describe('planStarts', () => {
  const never = () => {
    throw new Error('grid sampling must not draw random numbers');
  };

  it('enumerates a grid with the first variable slowest and stable ids', () => {
    const starts = planStarts({ strategy: 'grid', box: [[0, 1], [0, 2]], count: [2, 3], seed: 0 }, 2, undefined, never);
    expect(starts.map((s) => s.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(starts.map((s) => Array.from(s.theta))).toEqual([
      [0, 0], [0, 1], [0, 2],
      [1, 0], [1, 1], [1, 2],
    ]);
  });

  it('uses the problem box when the spec gives none', () => {
    const starts = planStarts({ strategy: 'grid', count: 2, seed: 0 }, 1, [[-3, 3]], never);
    expect(starts.map((s) => s.theta[0])).toEqual([-3, 3]);
  });

  it('draws uniform starts inside the box, reproducibly', () => {
    let state = 1;
    const lcg = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const a = planStarts({ strategy: 'uniform', box: [[2, 3], [-1, 0]], starts: 50, seed: 0 }, 2, undefined, lcg);
    for (const s of a) {
      expect(s.theta[0]).toBeGreaterThanOrEqual(2);
      expect(s.theta[0]).toBeLessThan(3);
      expect(s.theta[1]).toBeGreaterThanOrEqual(-1);
      expect(s.theta[1]).toBeLessThan(0);
    }
  });

  it('refuses a box or count of the wrong dimension, and grids over the limit', () => {
    expect(() => planStarts({ strategy: 'grid', box: [[0, 1]], count: 2, seed: 0 }, 2, undefined, never)).toThrow(SpecError);
    expect(() => planStarts({ strategy: 'grid', box: [[0, 1], [0, 1]], count: [2], seed: 0 }, 2, undefined, never)).toThrow(/sampling\.count: needs 2 entries/);
    expect(() => planStarts({ strategy: 'grid', box: [[0, 1], [0, 1]], count: [1000, 1001], seed: 0 }, 2, undefined, never)).toThrow(/exceeds the limit/);
    expect(() => planStarts({ strategy: 'grid', count: 2, seed: 0 }, 2, undefined, never)).toThrow(/sampling\.box: this problem has no default box/);
  });
});
