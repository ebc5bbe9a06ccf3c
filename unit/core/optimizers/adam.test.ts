import { describe, expect, it } from 'vitest';
import { adam } from '../../../core/optimizers/adam.ts';
import { optimizerOptions } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';
import { finish, quadratic } from './helpers.ts';

describe('Adam', () => {
  // Curvatures over six decades: the gradient's coordinates range from 1e-3 to 1e3.
  const q = quadratic([1e-3, 1, 1e3], [0, 0, 0], false);
  const start = Float64Array.of(1, -1, 1);

  it('takes a first step of exactly α·g/(|g| + ε) ≈ α·sign(g) per coordinate (bias correction)', () => {
    const alpha = 1e-3;
    const result = finish(adam(q, start, { ...optimizerOptions('adam', { learningRate: alpha, steps: 1 }), recordEvery: 1 }, createRng(0)));
    const g = [1e-3, -1, 1e3];
    for (let i = 0; i < 3; i++) {
      const step = result.path![3 + i] - start[i];
      // θ₁ − θ₀ with |θ| = 1 carries the rounding of θ₁: one ulp(1) = 2.2e-16.
      expect(Math.abs(step - (-alpha * g[i]) / (Math.abs(g[i]) + 1e-8))).toBeLessThanOrEqual(2.3e-16);
      // ≈ −α sign(g) up to the relative ε/|g| ≤ 1e-5.
      expect(Math.abs(step + alpha * Math.sign(g[i]))).toBeLessThanOrEqual(alpha * 1e-5);
    }
  });

  it('keeps |Δθ_i| ≈ α for its first steps while the gradient keeps its sign', () => {
    const alpha = 1e-4;
    const steps = 5;
    const result = finish(adam(q, start, { ...optimizerOptions('adam', { learningRate: alpha, steps }), recordEvery: 1 }, createRng(0)));
    for (let t = 1; t <= steps; t++) {
      for (let i = 0; i < 3; i++) {
        const step = result.path![t * 3 + i] - result.path![(t - 1) * 3 + i];
        // The relative change of g over 5 steps is ≤ 5·α·1e3/1 = 5e-4 (stiffest coordinate), so
        // m̂/√v̂ stays within 1e-3 of sign(g); 1e-2 leaves room.
        expect(Math.abs(step + alpha * Math.sign(start[i]))).toBeLessThan(1e-2 * alpha);
      }
    }
  });

  it('satisfies the common form θ_{k+1} = θ_k − α_k H_k⁻¹g_k + β_k H_k⁻¹H_{k−1}(θ_k − θ_{k−1}) (Wilson et al. 2017, Table 1)', () => {
    const rotated = quadratic([0.5, 2, 5], [1, -2, 0.5]);
    const [alpha, b1, b2, eps] = [0.05, 0.9, 0.999, 1e-8];
    const steps = 25;
    const result = finish(adam(rotated, Float64Array.of(0, 0, 0), { ...optimizerOptions('adam', { learningRate: alpha, steps }), recordEvery: 1 }, createRng(0)));
    const row = (t: number) => result.path!.subarray(t * 3, t * 3 + 3);
    // H_k = diag(√(v_k/(1 − β₂ᵏ))) + εI from the gradients along the path (k counted from 1).
    const v = new Float64Array(3);
    const g = new Float64Array(3);
    let Hprev = new Float64Array(3);
    for (let k = 1; k <= steps; k++) {
      const theta = row(k - 1);
      rotated.gradient(theta, g);
      const H = new Float64Array(3);
      for (let i = 0; i < 3; i++) {
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        H[i] = Math.sqrt(v[i] / (1 - Math.pow(b2, k))) + eps;
      }
      const alphaK = (alpha * (1 - b1)) / (1 - Math.pow(b1, k));
      const betaK = (b1 * (1 - Math.pow(b1, k - 1))) / (1 - Math.pow(b1, k));
      for (let i = 0; i < 3; i++) {
        const momentumTerm = k === 1 ? 0 : (betaK * Hprev[i] * (theta[i] - row(k - 2)[i])) / H[i];
        const expected = theta[i] - (alphaK * g[i]) / H[i] + momentumTerm;
        // Algebraically identical recurrences; rounding differences of a few ulps of |θ| ≤ 3.
        expect(Math.abs(row(k)[i] - expected)).toBeLessThan(1e-13);
      }
      Hprev = H;
    }
  });
});
