import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WOLFE_OPTIONS,
  createWolfeResult,
  hermiteCubicMinimiser,
  wolfeLineSearch,
  type LineFunction,
} from '../../../core/finders/wolfe-line-search.ts';

/** A line function from closed-form φ and φ′ that records every call. */
function lineOf(phi: (a: number) => number, dphi: (a: number) => number) {
  const calls: { kind: 'value' | 'derivative'; alpha: number }[] = [];
  let current = Number.NaN;
  const line: LineFunction = {
    value(alpha) {
      current = alpha;
      calls.push({ kind: 'value', alpha });
      return phi(alpha);
    },
    derivative() {
      calls.push({ kind: 'derivative', alpha: current });
      return dphi(current);
    },
  };
  return { line, calls };
}

/**
 * The test functions of Moré & Thuente, "Line search algorithms with guaranteed sufficient
 * decrease", ACM TOMS 20 (1994), Table 1–3 (functions (5.1) and (5.2)), and a quadratic.
 */
const functions = [
  { name: 'φ(α) = −α/(α² + 2)', phi: (a: number) => -a / (a * a + 2), dphi: (a: number) => (a * a - 2) / (a * a + 2) ** 2 },
  {
    name: 'φ(α) = (α + 0.004)⁵ − 2(α + 0.004)⁴',
    phi: (a: number) => (a + 0.004) ** 5 - 2 * (a + 0.004) ** 4,
    dphi: (a: number) => 5 * (a + 0.004) ** 4 - 8 * (a + 0.004) ** 3,
  },
  { name: 'φ(α) = (α − 3)²', phi: (a: number) => (a - 3) ** 2, dphi: (a: number) => 2 * (a - 3) },
];

describe('wolfe line search (Nocedal & Wright Alg. 3.5/3.6)', () => {
  it('returns steps satisfying the strong Wolfe conditions from small and large first trials', () => {
    const result = createWolfeResult();
    for (const f of functions) {
      for (const c2 of [0.1, 0.9]) {
        for (const alpha1 of [1e-3, 1e-1, 1, 10, 1e3]) {
          const { line, calls } = lineOf(f.phi, f.dphi);
          const phi0 = f.phi(0);
          const dphi0 = f.dphi(0);
          const options = { ...DEFAULT_WOLFE_OPTIONS, c2 };
          wolfeLineSearch(line, phi0, dphi0, alpha1, options, result);
          const where = `${f.name}, c2 = ${c2}, α₁ = ${alpha1}`;
          expect(result.ok, where).toBe(true);
          expect(result.status).toBe('wolfe');
          const a = result.alpha;
          // Exactly the two conditions, evaluated independently of the search.
          expect(f.phi(a), where).toBeLessThanOrEqual(phi0 + options.c1 * a * dphi0);
          expect(Math.abs(f.dphi(a)), where).toBeLessThanOrEqual(-c2 * dphi0);
          expect(result.value).toBe(f.phi(a));
          expect(result.derivative).toBe(f.dphi(a));
          // The caller's trial point is at the accepted step: the last calls were φ(α), φ′(α).
          expect(calls.at(-1)).toEqual({ kind: 'derivative', alpha: a });
          expect(calls.at(-2)).toEqual({ kind: 'value', alpha: a });
          expect(result.evaluations).toBe(calls.filter((c) => c.kind === 'value').length);
          expect(result.derivatives).toBe(calls.filter((c) => c.kind === 'derivative').length);
          expect(result.evaluations).toBeLessThanOrEqual(options.maxEvaluations);
        }
      }
    }
  });

  it('accepts the first trial when it already satisfies both conditions (one φ, one φ′)', () => {
    const f = functions[2];
    const { line, calls } = lineOf(f.phi, f.dphi);
    // φ = (α − 3)²: α = 3 is the exact minimiser, φ′(3) = 0.
    const result = wolfeLineSearch(line, f.phi(0), f.dphi(0), 3);
    expect(result.ok).toBe(true);
    expect(result.alpha).toBe(3);
    expect(calls).toHaveLength(2);
  });

  it('refuses a direction that is not a descent direction, without evaluating', () => {
    const { line, calls } = lineOf((a) => a * a, (a) => 2 * a);
    const result = wolfeLineSearch(line, 0, 0, 1);
    expect(result.ok).toBe(false);
    expect(result.status).toBe('not-descent');
    expect(calls).toHaveLength(0);
    expect(wolfeLineSearch(line, 0, 1, 1).status).toBe('not-descent');
  });

  it('shrinks past a non-finite φ and reports an evaluation limit', () => {
    // φ(α) = −α for α < 1, NaN beyond: the bracket shrinks by bisection below 1.
    const nanBeyond = lineOf(
      (a) => (a < 1 ? -a + a * a : Number.NaN),
      (a) => (a < 1 ? -1 + 2 * a : Number.NaN),
    );
    const result = wolfeLineSearch(nanBeyond.line, 0, -1, 4);
    expect(result.ok).toBe(true);
    expect(result.alpha).toBeLessThan(1);
    expect(Math.abs(-1 + 2 * result.alpha)).toBeLessThanOrEqual(0.9);

    // φ(α) = −α: unbounded below, the curvature condition never holds; growth stops at α_max.
    const linear = lineOf((a) => -a, () => -1);
    const capped = wolfeLineSearch(linear.line, 0, -1, 1, { ...DEFAULT_WOLFE_OPTIONS, alphaMax: 64 });
    expect(capped.ok).toBe(false);
    expect(capped.status).toBe('alpha-max');
    const limited = wolfeLineSearch(linear.line, 0, -1, 1, { ...DEFAULT_WOLFE_OPTIONS, maxEvaluations: 5 });
    expect(limited.status).toBe('max-evaluations');
    expect(limited.evaluations).toBe(5);
  });

  it('interpolates a cubic exactly (eq. 3.59) in either order of the end points', () => {
    // φ(α) = (α − 0.3)²: the Hermite cubic through two points is the quadratic itself.
    const q = (a: number) => (a - 0.3) ** 2;
    const dq = (a: number) => 2 * (a - 0.3);
    expect(hermiteCubicMinimiser(0, q(0), dq(0), 1, q(1), dq(1))).toBeCloseTo(0.3, 14);
    expect(hermiteCubicMinimiser(1, q(1), dq(1), 0, q(0), dq(0))).toBeCloseTo(0.3, 14);
    // φ(α) = α³ − 3α: local minimiser α = 1.
    const c = (a: number) => a ** 3 - 3 * a;
    const dc = (a: number) => 3 * a * a - 3;
    expect(hermiteCubicMinimiser(0, c(0), dc(0), 2, c(2), dc(2))).toBeCloseTo(1, 13);
    // A concave cubic through the points has no minimiser between them.
    expect(hermiteCubicMinimiser(0, 0, 1, 1, 0, -1)).toBeNaN();
  });
});
