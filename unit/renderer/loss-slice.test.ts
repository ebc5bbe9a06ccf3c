import { describe, expect, it } from 'vitest';
import { filterNormalizedDirection, hessianDirections, planePoint, projectPath, sliceField, slicePlane } from '../../renderer/src/lib/loss-slice.ts';
import type { Problem } from '../../core/problems/problem.ts';
import { createProblem } from '../../core/problems/create-problem.ts';

const TOL = 1e-10;

/** L(θ) = ½ θᵀ diag(d) θ: Hessian diag(d), eigenvectors the axes. */
function quadratic(d: number[]): Problem {
  return {
    dimension: d.length,
    parameterNames: d.map((_, i) => `x${i}`),
    shapes: [{ name: 'x', shape: [d.length], offset: 0 }],
    twiceDifferentiable: true,
    label: 'quadratic',
    loss: (t) => 0.5 * d.reduce((a, di, i) => a + di * t[i] * t[i], 0),
    gradient: (t, out) => {
      d.forEach((di, i) => (out[i] = di * t[i]));
      return 0.5 * d.reduce((a, di, i) => a + di * t[i] * t[i], 0);
    },
    hvp: (_t, v, out) => d.forEach((di, i) => (out[i] = di * v[i])),
  };
}

describe('loss slices', () => {
  it('filter-normalises random directions: each weight row has the norm of θ’s row, biases 0', () => {
    const theta = Float64Array.from({ length: 2 * 3 + 2 }, (_, i) => (i + 1) / 3);
    const shapes = [
      { name: 'W', shape: [2, 3], offset: 0 },
      { name: 'b', shape: [2], offset: 6 },
    ];
    const d = filterNormalizedDirection(theta, shapes, 4);
    for (const row of [0, 1]) {
      const norm = (v: Float64Array) => Math.hypot(...v.subarray(row * 3, row * 3 + 3));
      expect(norm(d)).toBeCloseTo(norm(theta), 12);
    }
    expect(Array.from(d.subarray(6))).toEqual([0, 0]);
    expect(filterNormalizedDirection(theta, shapes, 4)).toEqual(d);
  });

  it('takes Hessian eigenvectors: most negative and most positive', () => {
    const p = quadratic([3, -2, 0.5, -7]);
    const h = hessianDirections(p, new Float64Array(4), 'hessian-min-max');
    expect(h.l1).toBeCloseTo(-7, 10);
    expect(h.l2).toBeCloseTo(3, 10);
    expect(Math.abs(h.d1[3])).toBeCloseTo(1, 10);
    expect(Math.abs(h.d2[0])).toBeCloseTo(1, 10);
    const twoMin = hessianDirections(p, new Float64Array(4), 'hessian-min');
    expect([twoMin.l1, twoMin.l2].map((v) => Math.round(v))).toEqual([-7, -2]);
  });

  it('samples L(θ* + a·d₁ + b·d₂) on the grid and projects paths back onto the plane', () => {
    const p = quadratic([1, 4, 9]);
    const center = Float64Array.from([0.5, -0.5, 1]);
    const plane = slicePlane(p, center, 'hessian-max', 0);
    const field = sliceField((t) => p.loss(t), plane, 1, 11);
    expect(field.box).toEqual([[-1, 1], [-1, 1]]);
    // Grid point (i, j) = (5, 5) is the centre (cell centres at −1 + (k + ½)·2/11).
    expect(field.values[5 * 11 + 5]).toBeCloseTo(p.loss(center), TOL);
    const rows = new Float64Array(9);
    [[0.2, -0.3], [0, 0], [-0.7, 0.1]].forEach(([a, b], r) => rows.set(planePoint(plane, a, b), 3 * r));
    const projected = projectPath(rows, plane);
    expect(Array.from(projected).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0.2, -0.3, 0, 0, -0.7, 0.1]);
  });

  it('slices a network through a point with random directions', () => {
    const p = createProblem({ kind: 'network', layers: [3, 2, 3], data: { kind: 'gaussian', samples: 50, spectrum: [1, 2, 3], seed: 1 } });
    const theta = Float64Array.from({ length: p.dimension }, (_, i) => Math.sin(i + 1));
    const plane = slicePlane(p, theta, 'random', 1);
    const field = sliceField((t) => p.loss(t), plane, 0.5, 9);
    expect(field.values.every(Number.isFinite)).toBe(true);
    expect(field.min).toBeLessThanOrEqual(field.max);
    expect(plane.labels[0]).toContain('filter-normalised');
  });
});
