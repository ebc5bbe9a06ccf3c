import { describe, expect, it } from 'vitest';
import { crossEntropyLoss, crossEntropyR, mseLoss, mseR } from '../../../../core/problems/network/losses.ts';
import { createRng } from '../../../../core/random/rng.ts';

describe('losses', () => {
  it('mse: value, δ and Rδ', () => {
    const Z = Float64Array.from([1, 2, 3, 4]);
    const Y = Float64Array.from([9, 0, 1, 1, 1]); // targets from offset 1
    const delta = new Float64Array(4);
    expect(mseLoss(2, 2, Z, Y, 1, 0.25, delta)).toBe(0.25 * (1 + 1 + 4 + 9));
    expect([...delta]).toEqual([0.5, 0.5, 1, 1.5]);
    const Rd = new Float64Array(4);
    mseR(2, 2, Float64Array.from([1, -1, 2, 0]), 0.25, Rd);
    expect([...Rd]).toEqual([0.5, -0.5, 1, 0]);
  });

  it('cross-entropy: matches −log softmax, its gradient and Hessian (diag p − ppᵀ) by differences', () => {
    const rng = createRng(2);
    const d = 5;
    const z = rng.fillNormal(new Float64Array(d));
    const y = new Float64Array(d);
    y[3] = 1;
    const P = new Float64Array(d);
    const delta = new Float64Array(d);
    const L = crossEntropyLoss(1, d, z, y, 0, 1, P, delta);
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    expect(L).toBeCloseTo(lse - z[3], 14);
    const h = 1e-6;
    for (let c = 0; c < d; c++) {
      const zp = Float64Array.from(z);
      zp[c] += h;
      const zm = Float64Array.from(z);
      zm[c] -= h;
      const fd = (crossEntropyLoss(1, d, zp, y, 0, 1, new Float64Array(d), null) - crossEntropyLoss(1, d, zm, y, 0, 1, new Float64Array(d), null)) / (2 * h);
      expect(Math.abs(fd - delta[c])).toBeLessThan(1e-9);
    }
    const r = rng.fillNormal(new Float64Array(d));
    const Rd = new Float64Array(d);
    crossEntropyR(1, d, P, r, 1, Rd);
    const dp = new Float64Array(d);
    const dm = new Float64Array(d);
    crossEntropyLoss(1, d, z.map((v, i) => v + h * r[i]), y, 0, 1, new Float64Array(d), dp);
    crossEntropyLoss(1, d, z.map((v, i) => v - h * r[i]), y, 0, 1, new Float64Array(d), dm);
    for (let c = 0; c < d; c++) expect(Math.abs((dp[c] - dm[c]) / (2 * h) - Rd[c])).toBeLessThan(1e-8);
  });

  it('cross-entropy is stable for huge logits', () => {
    const P = new Float64Array(3);
    const loss = crossEntropyLoss(1, 3, Float64Array.from([1000, 0, -1000]), Float64Array.from([0, 1, 0]), 0, 1, P, null);
    expect(loss).toBe(1000);
    expect([...P]).toEqual([1, 0, 0]);
  });
});
