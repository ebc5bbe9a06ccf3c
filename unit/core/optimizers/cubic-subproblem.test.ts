/**
 * The cubic subproblem min gᵀs + ½sᵀHs + (M/6)‖s‖³ against its global optimality conditions
 * (Nesterov & Polyak 2006; Cartis, Gould & Toint 2011, Thm. 3.1 with σ = M/2): s is a global
 * minimiser iff (H + λI)s = −g, λ = M‖s‖/2 and H + λI ⪰ 0 (λ ≥ −λ_min(H)). λ_min comes from the
 * dense eigensolver (core/linalg), independent of the Lanczos code under test.
 */
import { describe, expect, it } from 'vitest';
import { denseOperator } from '../../../core/linalg/operator.ts';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { createCubicWorkspace, cubicBasis, cubicStep } from '../../../core/optimizers/cubic-subproblem.ts';
import { createRng } from '../../../core/random/rng.ts';

function model(n: number, H: Float64Array, g: Float64Array, M: number, s: Float64Array): number {
  let lin = 0;
  let quad = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    lin += g[i] * s[i];
    ss += s[i] * s[i];
    for (let j = 0; j < n; j++) quad += s[i] * H[i * n + j] * s[j];
  }
  return lin + 0.5 * quad + (M / 6) * Math.pow(ss, 1.5);
}

function solve(n: number, H: Float64Array, g: Float64Array, M: number, k = n, seed = 0) {
  const ws = createCubicWorkspace(n, k);
  const rng = createRng(seed);
  const hvps = cubicBasis(denseOperator(n, H), g, ws, rng);
  const s = new Float64Array(n);
  cubicStep(ws, M, s, rng);
  return { s, ws, hvps };
}

function randomSymmetric(n: number, seed: number, shift = 0): Float64Array {
  const rng = createRng(seed);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
    H[i * n + i] += shift;
  }
  return H;
}

function expectGlobalOptimality(n: number, H: Float64Array, g: Float64Array, M: number, s: Float64Array, lambda: number) {
  const norm = Math.hypot(...s);
  const hNorm = Math.max(...symmetricEigen(n, H).values.map(Math.abs));
  const lambdaMin = symmetricEigen(n, H).values[0];
  // λ = M‖s‖/2 to rounding of the bisection (relative 1e-14).
  expect(Math.abs(lambda - (M * norm) / 2)).toBeLessThanOrEqual(1e-12 * Math.max(1, lambda));
  expect(lambda).toBeGreaterThanOrEqual(-lambdaMin - 1e-12 * hNorm);
  // (H + λI)s + g = 0 relative to ‖H‖‖s‖ + ‖g‖ (backward-stable level; the near-hard case loses a few digits).
  let residual = 0;
  for (let i = 0; i < n; i++) {
    let r = g[i] + lambda * s[i];
    for (let j = 0; j < n; j++) r += H[i * n + j] * s[j];
    residual += r * r;
  }
  expect(Math.sqrt(residual)).toBeLessThanOrEqual(1e-9 * ((hNorm + lambda) * norm + Math.hypot(...g)));
}

describe('cubic subproblem (Lanczos + secular equation)', () => {
  it('meets the global optimality conditions on random indefinite and definite problems (full subspace)', () => {
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + (trial % 6);
      const H = randomSymmetric(n, 100 + trial, trial % 3 === 0 ? 4 : 0);
      const g = createRng(200 + trial).fillNormal(new Float64Array(n));
      const M = [0.1, 1, 10][trial % 3];
      const { s, ws, hvps } = solve(n, H, g, M);
      expect(hvps).toBe(n);
      expect(ws.hardCase).toBe(false);
      expectGlobalOptimality(n, H, g, M, s, ws.lambda);
      expect(ws.modelValue).toBeCloseTo(model(n, H, g, M, s), 10);
      // And no random nearby point is better (sanity check of the conditions above).
      const rng = createRng(300 + trial);
      const other = new Float64Array(n);
      for (let p = 0; p < 200; p++) {
        const scale = Math.pow(10, -3 + 3 * rng.uniform()) * (1 + Math.hypot(...s));
        for (let i = 0; i < n; i++) other[i] = s[i] + scale * rng.normal();
        expect(model(n, H, g, M, other)).toBeGreaterThanOrEqual(ws.modelValue - 1e-12);
      }
    }
  });

  it('solves the hard case: g ⟂ the λ_min eigenvector and a short step at λ* = −λ_min', () => {
    // H = diag(−1, 1, 2), g = (0, 1, 1): at λ* = 1, s_p = (0, −1/2, −1/3), ‖s_p‖ ≈ 0.60 ≤ 2λ*/M = 2.
    const H = Float64Array.of(-1, 0, 0, 0, 1, 0, 0, 0, 2);
    const g = Float64Array.of(0, 1, 1);
    const { s, ws } = solve(3, H, g, 1);
    expect(ws.hardCase).toBe(true);
    expect(ws.lambda).toBe(1);
    expect(s[1]).toBeCloseTo(-0.5, 14);
    expect(s[2]).toBeCloseTo(-1 / 3, 14);
    expect(Math.abs(s[0])).toBeCloseTo(Math.sqrt(4 - 0.25 - 1 / 9), 13);
    expectGlobalOptimality(3, H, g, 1, s, ws.lambda);
  });

  it('at g = 0: no step where H ⪰ 0, a step of length 2|λ_min|/M along the most negative direction otherwise', () => {
    const zero = new Float64Array(4);
    const spd = randomSymmetric(4, 7, 10);
    const none = solve(4, spd, zero, 1);
    expect(none.ws.stepNorm).toBe(0);
    expect(Array.from(none.s)).toEqual([0, 0, 0, 0]);
    const H = randomSymmetric(4, 8);
    const eig = symmetricEigen(4, H, { vectors: true });
    const M = 3;
    const { s, ws } = solve(4, H, zero, M);
    expect(ws.hardCase).toBe(true);
    expect(ws.stepNorm).toBeCloseTo((2 * -eig.values[0]) / M, 12);
    // Parallel to the eigenvector of λ_min (column 0 of V).
    let cosine = 0;
    for (let i = 0; i < 4; i++) cosine += (s[i] / ws.stepNorm) * eig.vectors[i * 4];
    expect(Math.abs(cosine)).toBeCloseTo(1, 10);
  });

  it('in a smaller Krylov subspace: k HVPs, and the model value approaches the exact one as k grows', () => {
    const n = 30;
    const H = randomSymmetric(n, 11);
    const g = createRng(12).fillNormal(new Float64Array(n));
    const M = 1;
    const exact = solve(n, H, g, M).ws.modelValue;
    let previous = Infinity;
    for (const k of [2, 5, 10, 20, 30]) {
      const { ws, hvps, s } = solve(n, H, g, M, k);
      expect(hvps).toBe(k);
      expect(ws.modelValue).toBeCloseTo(model(n, H, g, M, s), 9);
      // A minimiser over a nested subspace: never below the exact minimum, never worse than a smaller space.
      expect(ws.modelValue).toBeGreaterThanOrEqual(exact - 1e-9 * Math.abs(exact));
      expect(ws.modelValue).toBeLessThanOrEqual(previous + 1e-9 * Math.abs(exact));
      previous = ws.modelValue;
    }
    expect(previous).toBeCloseTo(exact, 9);
  });
});
