import { describe, expect, it } from 'vitest';
import { linearAeClassCount, linearAeClasses } from '../../../core/groundtruth/linear-autoencoder.ts';

const lambda16 = Array.from({ length: 16 }, (_, i) => 16 - i); // covariance diag(1..16), descending

describe('linear autoencoder critical classes', () => {
  it('lists Σ_{m≤p} C(k, m) classes: 2517 for k = 16, p = 4', () => {
    expect(linearAeClassCount(16, 4)).toBe(2517);
    expect(linearAeClasses(lambda16, 4)).toHaveLength(2517);
    expect(linearAeClasses([3, 2, 1], 1)).toHaveLength(4);
  });

  it('has the global minimum at the top-p set and index 1/2 at the origin', () => {
    const classes = linearAeClasses(lambda16, 4);
    const origin = classes[0];
    expect(origin).toMatchObject({ subset: [], negative: 64, zero: 0, positive: 64, index: 0.5 });
    expect(origin.loss).toBeCloseTo(136 / 16, 14);
    const best = classes.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(best.subset).toEqual([0, 1, 2, 3]);
    expect(best).toMatchObject({ negative: 0, zero: 16, index: 0 });
    // Loss of the minimum: the 12 smallest eigenvalues (1..12) over k.
    expect(best.loss).toBeCloseTo(78 / 16, 14);
    // Every other class is a saddle.
    expect(classes.filter((c) => c.negative === 0)).toHaveLength(1);
  });

  it('counts negative eigenvalues by the swap formula plus (p − m)(k − m), zero ones as m(2p − m)', () => {
    // k = 3, p = 2, λ = (3, 2, 1). I = {1} (λ = 2): one swap (j = 0), plus (2 − 1)(3 − 1) = 2.
    const classes = linearAeClasses([3, 2, 1], 2);
    const c = classes.find((x) => x.subset.length === 1 && x.subset[0] === 1)!;
    expect(c).toMatchObject({ negative: 3, zero: 3, positive: 12 - 6 });
    // I = {1, 2}: swaps (1,0) and (2,0) → 2; m = p so no second term; zero = 4.
    expect(classes.find((x) => x.subset.join() === '1,2')).toMatchObject({ negative: 2, zero: 4, positive: 6 });
    for (const x of classes) expect(x.negative + x.zero + x.positive).toBe(12);
  });

  it('refuses repeated or unsorted eigenvalues and impossible widths', () => {
    expect(() => linearAeClasses([2, 2, 1], 1)).toThrow(/distinct eigenvalues/);
    expect(() => linearAeClasses([1, 2, 3], 1)).toThrow(/descending/);
    expect(() => linearAeClasses([3, 2, 1], 4)).toThrow(/hidden width/);
  });
});
