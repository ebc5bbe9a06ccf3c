import { describe, expect, it } from 'vitest';
import { gaussianDataSet } from '../../../core/problems/data/gaussian.ts';
import { networkProblem } from '../../../core/problems/network/network-problem.ts';
import { assembleHessian } from '../../../core/problems/problem.ts';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { spectrumCounts } from '../../../core/analysis/spectrum-counts.ts';
import { createRng } from '../../../core/random/rng.ts';
import {
  linearAeRepresentative,
  linearAeTruth,
  matchLinearAeClass,
  rebalanceLinearAe,
} from '../../../core/groundtruth/linear-autoencoder-match.ts';

const k = 16;
const p = 4;
const data = gaussianDataSet({ samples: 2000, spectrum: Array.from({ length: k }, (_, i) => i + 1), seed: 1, rotate: true });
const truth = linearAeTruth(data.train.count, k, data.train.inputs, p);
const problem = networkProblem({ layers: [k, p, k], activation: 'linear', bias: false, loss: 'mse', l2: 0 }, data);
const n = problem.dimension;

/** Counts from an independent dense computation: Hessian from HVPs, full eigensolver. */
function denseCounts(theta: Float64Array) {
  const { values } = symmetricEigen(n, assembleHessian(problem, theta));
  // Zero modes are exact symmetries (rounding ≈ 1e-15‖H‖); the smallest true nonzero
  // eigenvalue here is ≥ min gap of λ over k ≈ 1e-2‖H‖, so 1e-8 separates them by decades.
  return spectrumCounts(values, 1e-8);
}

function gradNormSq(theta: Float64Array): number {
  const g = new Float64Array(n);
  problem.gradient(theta, g);
  return g.reduce((s, v) => s + v * v, 0);
}

describe('linear autoencoder ground truth (16-4-16, Gaussian data)', () => {
  it('every one of the 2517 classes: the representative is critical, with the analytic loss and counts', () => {
    expect(truth.classes).toHaveLength(2517);
    for (const cls of truth.classes) {
      const theta = linearAeRepresentative(truth, cls.subset);
      // Exact critical point: ‖g‖² is rounding noise (DESIGN.md asks ≤ 1e-25).
      expect(gradNormSq(theta)).toBeLessThanOrEqual(1e-25);
      // Loss: both sides sum the same λ's; rounding of the data loss ≈ 1e-15 relative.
      expect(Math.abs(problem.loss(theta) - cls.loss)).toBeLessThanOrEqual(1e-10 * cls.loss);
      const counts = denseCounts(theta);
      expect({ subset: cls.subset, negative: counts.negative, zero: counts.zero, positive: counts.positive }).toEqual({
        subset: cls.subset,
        negative: cls.negative,
        zero: cls.zero,
        positive: cls.positive,
      });
      expect(cls.zero).toBe(cls.subset.length * (2 * p - cls.subset.length));
    }
  }, 300_000);

  it('matches a point anywhere on a class orbit, and rebalancing restores the counts', () => {
    const rng = createRng(7);
    for (const subset of [[0, 1, 2, 3], [1, 5], [], [2, 7, 11]]) {
      const m = subset.length;
      const base = linearAeRepresentative(truth, subset);
      // A badly conditioned C ∈ GL(p): W₁ → CW₁, W₂ → W₂C⁻¹ keeps W₂W₁ and the loss.
      const C = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) C[i * p + j] = (i === j ? 10 ** (i - 1.5) : 0) + 0.3 * rng.normal();
      const Cinv = invert(C);
      const theta = new Float64Array(n);
      for (let r = 0; r < p; r++) for (let j = 0; j < k; j++) {
        let s = 0;
        for (let q = 0; q < p; q++) s += C[r * p + q] * base[q * k + j];
        theta[r * k + j] = s;
      }
      for (let i = 0; i < k; i++) for (let c = 0; c < p; c++) {
        let s = 0;
        for (let q = 0; q < p; q++) s += base[p * k + i * p + q] * Cinv[q * p + c];
        theta[p * k + i * p + c] = s;
      }
      const cls = truth.classes.find((c) => c.subset.join() === subset.join())!;
      expect(Math.abs(problem.loss(theta) - cls.loss)).toBeLessThan(1e-9 * cls.loss);
      const match = matchLinearAeClass(truth, theta);
      expect(match?.class.subset).toEqual(subset);
      const balanced = rebalanceLinearAe(truth, theta, subset)!;
      // Back at the representative, up to the orbit's own rounding.
      let d = 0;
      for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(balanced[i] - base[i]));
      expect(d).toBeLessThan(1e-9);
      expect(denseCounts(balanced)).toMatchObject({ negative: cls.negative, zero: m * (2 * p - m), positive: cls.positive });
    }
  });

  it('refuses a point that is not on any critical orbit', () => {
    const theta = linearAeRepresentative(truth, [0, 1]);
    theta[3] += 1e-3;
    expect(matchLinearAeClass(truth, theta)).toBeNull();
  });
});

function invert(A: Float64Array): Float64Array {
  const m = Math.round(Math.sqrt(A.length));
  const aug = new Float64Array(m * 2 * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) aug[i * 2 * m + j] = A[i * m + j];
    aug[i * 2 * m + m + i] = 1;
  }
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(aug[r * 2 * m + c]) > Math.abs(aug[piv * 2 * m + c])) piv = r;
    for (let j = 0; j < 2 * m; j++) [aug[c * 2 * m + j], aug[piv * 2 * m + j]] = [aug[piv * 2 * m + j], aug[c * 2 * m + j]];
    const d = aug[c * 2 * m + c];
    for (let j = 0; j < 2 * m; j++) aug[c * 2 * m + j] /= d;
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = aug[r * 2 * m + c];
      for (let j = 0; j < 2 * m; j++) aug[r * 2 * m + j] -= f * aug[c * 2 * m + j];
    }
  }
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = aug[i * 2 * m + m + j];
  return out;
}
