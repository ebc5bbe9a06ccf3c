import { describe, expect, it } from 'vitest';
import { analyticProblem, type AnalyticFunction } from '../../../../core/problems/functions/analytic-function.ts';
import {
  ackley,
  ackleyN,
  builtinFunctions,
  findBuiltinFunction,
  himmelblau,
  monkeySaddle,
  rastriginN,
  ring,
  rosenbrock,
  rosenbrockN,
  saddle,
  saddle5,
  sixHumpCamel,
} from '../../../../core/problems/functions/library.ts';
import { createRng } from '../../../../core/random/rng.ts';
import { himmelblauPoints, sixHumpCamelPoints } from '../../../fixtures/reference-critical-points.ts';
import { GRADIENT_TOLERANCE, HVP_TOLERANCE, SYMMETRY_TOLERANCE, gradientError, hessianAsymmetry, hvpError } from '../derivative-checks.ts';

/** Eigenvalues of a symmetric 2×2 matrix [a b; b d], ascending (closed form). */
function eig2(h: Float64Array): [number, number] {
  const mean = (h[0] + h[3]) / 2;
  const radius = Math.hypot((h[0] - h[3]) / 2, h[1]);
  return [mean - radius, mean + radius];
}

function gradNorm2(fn: AnalyticFunction, x: number[]): number {
  const g = new Float64Array(fn.dimension);
  fn.gradient(Float64Array.from(x), g);
  return g.reduce((s, v) => s + v * v, 0);
}

function typeOf(fn: AnalyticFunction, x: number[]): string {
  const h = new Float64Array(4);
  fn.hessian(Float64Array.from(x), h);
  const [l1, l2] = eig2(h);
  return l1 < 0 && l2 > 0 ? 'saddle' : l1 > 0 ? 'minimum' : 'maximum';
}

/** Random points in a function's box, from a fixed seed. */
function pointsIn(fn: AnalyticFunction, count: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from(fn.box, ([lo, hi]) => rng.uniformIn(lo, hi)));
}

describe('built-in library', () => {
  it('has every DESIGN.md §3 name, each with a box of its dimension', () => {
    const names = builtinFunctions.map((f) => f.name);
    for (const name of ['saddle', 'saddle-5', 'monkey-saddle', 'rosenbrock', 'himmelblau', 'six-hump-camel', 'ring', 'ackley', 'rastrigin']) {
      expect(names).toContain(name);
    }
    for (const f of builtinFunctions) {
      expect(f.box).toHaveLength(f.dimension);
      expect(f.variables).toHaveLength(f.dimension);
      for (const [lo, hi] of f.box) expect(lo).toBeLessThan(hi);
    }
    expect(findBuiltinFunction('himmelblau')).toBe(himmelblau);
    expect(findBuiltinFunction('nope')).toBeUndefined();
  });

  it('finds n-dimensional variants and refuses impossible dimensions', () => {
    expect(findBuiltinFunction('rosenbrock', 2)).toBe(rosenbrock);
    expect(findBuiltinFunction('rosenbrock', 7)?.dimension).toBe(7);
    expect(findBuiltinFunction('rastrigin', 1)?.variables).toEqual(['x1']);
    expect(findBuiltinFunction('ackley', 12)?.box).toHaveLength(12);
    expect(findBuiltinFunction('rosenbrock', 1)).toBeUndefined();
    expect(findBuiltinFunction('himmelblau', 3)).toBeUndefined();
    expect(findBuiltinFunction('himmelblau', 2)).toBe(himmelblau);
    expect(() => rosenbrockN(1)).toThrow(/dimension/);
  });

  // Every built-in, 2-D and n-D: the closed-form derivatives are checked against differences.
  const catalogue: AnalyticFunction[] = [...builtinFunctions, rosenbrockN(5), rastriginN(6), ackleyN(7), rosenbrockN(3)];
  for (const fn of catalogue) {
    it(`${fn.name} (${fn.dimension}-D): gradient, HVP and Hessian symmetry at random points`, () => {
      const problem = analyticProblem(fn);
      const rng = createRng(fn.dimension);
      for (const x of pointsIn(fn, 10, 17)) {
        expect(gradientError(problem, x)).toBeLessThan(GRADIENT_TOLERANCE);
        const v = rng.fillNormal(new Float64Array(fn.dimension));
        expect(hvpError(problem, x, v)).toBeLessThan(HVP_TOLERANCE);
        expect(hessianAsymmetry(problem, x)).toBeLessThan(SYMMETRY_TOLERANCE);
        // The HVP agrees with the closed-form dense Hessian.
        const n = fn.dimension;
        const H = new Float64Array(n * n);
        fn.hessian(x, H);
        const hv = new Float64Array(n);
        problem.hvp(x, v, hv);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += H[i * n + j] * v[j];
          expect(Math.abs(hv[i] - s)).toBeLessThan(1e-12 * (1 + Math.abs(s)));
        }
      }
    });
  }

  it('n-D Rosenbrock equals the 2-D one at n = 2 and has its minimum at (1, …, 1)', () => {
    const f5 = rosenbrockN(5);
    expect(f5.value(new Float64Array(5).fill(1))).toBe(0);
    expect(gradNorm2(f5, [1, 1, 1, 1, 1])).toBe(0);
    const x = Float64Array.from([0.3, -0.8]);
    expect(rosenbrockN(2).value(x)).toBe(rosenbrock.value(x));
  });
});

describe('known critical points (DESIGN.md §4)', () => {
  // References are given to 6 decimals, so ‖∇f‖ there is only ≈ 1e-5·‖H‖ small.
  const NEAR = 1e-3;

  it('saddle, saddle-5 and monkey saddle at the origin', () => {
    const h = new Float64Array(4);
    saddle.hessian(new Float64Array(2), h);
    expect([...h]).toEqual([2, 0, 0, -2]);
    saddle5.hessian(new Float64Array(2), h);
    expect([...h]).toEqual([10, 0, 0, -2]);
    monkeySaddle.hessian(new Float64Array(2), h);
    expect([...h].map(Math.abs)).toEqual([0, 0, 0, 0]);
    for (const fn of [saddle, saddle5, monkeySaddle]) expect(gradNorm2(fn, [0, 0])).toBe(0);
  });

  it('Rosenbrock: minimum (1, 1) with Hessian eigenvalues ≈ 1001.6 and 0.3994', () => {
    expect(gradNorm2(rosenbrock, [1, 1])).toBe(0);
    const h = new Float64Array(4);
    rosenbrock.hessian(Float64Array.from([1, 1]), h);
    const [l1, l2] = eig2(h);
    expect(l2).toBeCloseTo(1001.6, 1);
    expect(l1).toBeCloseTo(0.3994, 4);
  });

  it('Himmelblau: the 9 critical points, values and types', () => {
    for (const p of himmelblauPoints) {
      expect(gradNorm2(himmelblau, [p.x, p.y])).toBeLessThan(NEAR);
      expect(himmelblau.value(Float64Array.from([p.x, p.y]))).toBeCloseTo(p.f, 3);
      expect(typeOf(himmelblau, [p.x, p.y])).toBe(p.type);
    }
  });

  it('six-hump camel: the 15 critical points, values and types', () => {
    for (const p of sixHumpCamelPoints) {
      expect(gradNorm2(sixHumpCamel, [p.x, p.y])).toBeLessThan(NEAR);
      expect(sixHumpCamel.value(Float64Array.from([p.x, p.y]))).toBeCloseTo(p.f, 5);
      expect(typeOf(sixHumpCamel, [p.x, p.y])).toBe(p.type);
    }
  });

  it('ring: minima on the unit circle with one zero eigenvalue, a maximum at 0', () => {
    const h = new Float64Array(4);
    for (const t of [0, 0.7, 2, 4]) {
      const x = [Math.cos(t), Math.sin(t)];
      expect(gradNorm2(ring, x)).toBeLessThan(1e-28);
      ring.hessian(Float64Array.from(x), h);
      const [l1, l2] = eig2(h);
      expect(Math.abs(l1)).toBeLessThan(1e-14);
      expect(l2).toBeCloseTo(8, 12);
    }
    ring.hessian(new Float64Array(2), h);
    expect(eig2(h)).toEqual([-4, -4]);
  });

  it('Rastrigin: minimum 0 at the origin with H = (2 + 40π²) I', () => {
    const f = rastriginN(3);
    expect(f.value(new Float64Array(3))).toBe(0);
    expect(gradNorm2(f, [0, 0, 0])).toBe(0);
    const h = new Float64Array(9);
    f.hessian(new Float64Array(3), h);
    expect(h[0]).toBeCloseTo(2 + 40 * Math.PI * Math.PI, 10);
  });

  it('Ackley is the non-smooth negative control: flagged, minimum 0 at the origin, gradient jumps there', () => {
    expect(ackley.twiceDifferentiable).toBe(false);
    expect(ackley.value(new Float64Array(2))).toBeCloseTo(0, 14);
    // Along a ray the directional derivative tends to 4/√n·e⁰ ≈ 2.83 (n = 2), not 0: a cone.
    const g = new Float64Array(2);
    ackley.gradient(Float64Array.from([1e-12, 0]), g);
    expect(g[0]).toBeCloseTo(4 / Math.sqrt(2), 6);
    ackley.gradient(Float64Array.from([-1e-12, 0]), g);
    expect(g[0]).toBeCloseTo(-4 / Math.sqrt(2), 6);
  });
});
