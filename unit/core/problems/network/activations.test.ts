import { describe, expect, it } from 'vitest';
import { activate, activationNames, isTwiceDifferentiable } from '../../../../core/problems/network/activations.ts';

/** Central differences with h = 1e-5: truncation ≈ h²·σ‴ ≈ 1e-10, rounding ≈ ε/h ≈ 1e-11. */
const FD = 1e-8;

describe('activations', () => {
  const z = Float64Array.from([-30, -3, -0.7, -1e-3, 0.2, 1.1, 4, 35]);
  const n = z.length;

  for (const name of activationNames) {
    it(`${name}: σ' and σ'' match differences of σ and σ' (away from kinks)`, () => {
      const a = new Float64Array(n);
      const d1 = new Float64Array(n);
      const d2 = new Float64Array(n);
      activate(name, n, z, a, d1, d2);
      const h = 1e-5;
      const ap = new Float64Array(n);
      const am = new Float64Array(n);
      const d1p = new Float64Array(n);
      const d1m = new Float64Array(n);
      activate(name, n, z.map((x) => x + h), ap, d1p, null);
      activate(name, n, z.map((x) => x - h), am, d1m, null);
      for (let i = 0; i < n; i++) {
        expect(Number.isFinite(a[i])).toBe(true);
        expect(Math.abs((ap[i] - am[i]) / (2 * h) - d1[i])).toBeLessThan(FD * (1 + Math.abs(d1[i])));
        expect(Math.abs((d1p[i] - d1m[i]) / (2 * h) - d2[i])).toBeLessThan(FD * (1 + Math.abs(d2[i])));
      }
    });
  }

  it('closed forms at a few points and overflow-free extremes', () => {
    const out = new Float64Array(3);
    activate('softplus', 3, Float64Array.from([0, 800, -800]), out, null, null);
    expect(out[0]).toBeCloseTo(Math.LN2, 15);
    expect(out[1]).toBe(800);
    expect(out[2]).toBe(0);
    activate('sigmoid', 3, Float64Array.from([0, 800, -800]), out, null, null);
    expect([...out]).toEqual([0.5, 1, 0]);
    activate('swish', 3, Float64Array.from([0, 800, -800]), out, null, null);
    expect([...out].map((v) => v + 0)).toEqual([0, 800, 0]);
    activate('relu', 3, Float64Array.from([-1, 0, 2]), out, null, null);
    expect([...out]).toEqual([0, 0, 2]);
  });

  it('only relu is flagged as not twice differentiable', () => {
    expect(activationNames.filter((a) => !isTwiceDifferentiable(a))).toEqual(['relu']);
  });
});
