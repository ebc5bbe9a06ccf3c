import { describe, expect, it } from 'vitest';
import { createRng, portableLog, Rng } from '../../../core/random/rng.ts';

describe('Rng (xoshiro128**)', () => {
  it('matches the reference xoshiro128** sequence from state (1, 2, 3, 4)', () => {
    // Reference outputs of Vigna's xoshiro128starstar.c for s = {1, 2, 3, 4}.
    const rng = new Rng(0);
    rng.setState({ s: [1, 2, 3, 4], spare: null });
    expect([rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0]);
  });

  it('is reproducible: same seed and stream ⇒ same numbers; different ⇒ different', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const d = createRng(42, 1);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(Array.from({ length: 5 }, () => d.uniform())).not.toEqual(xs);
  });

  it('pins the first numbers of seed 0 (changing them breaks every seeded data set)', () => {
    const rng = createRng(0);
    const words = Array.from({ length: 3 }, () => rng.nextUint32());
    const rng2 = createRng(0);
    const u = rng2.uniform();
    // Recorded from this implementation; the same in Electron, browsers and Node (32-bit integer ops only).
    expect(words).toMatchInlineSnapshot(`
      [
        3536706733,
        2466070206,
        2289045225,
      ]
    `);
    expect(u).toMatchInlineSnapshot(`0.8234537063105158`);
    // Normals use only IEEE basic operations (portableLog, √), so they are pinned too.
    expect(createRng(0).normal()).toMatchInlineSnapshot(`1.3053184329144218`);
  });

  it('accepts seeds up to 2^53 − 1 and refuses others', () => {
    expect(() => createRng(Number.MAX_SAFE_INTEGER)).not.toThrow();
    expect(createRng(2 ** 32).uniform()).not.toBe(createRng(0).uniform());
    expect(() => createRng(-1)).toThrow(/non-negative integer/);
    expect(() => createRng(1.5)).toThrow(/non-negative integer/);
  });

  it('uniform() lies in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sum2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sum2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // 5 standard errors: sd(u) = 0.289, so 5·0.289/√n ≈ 3.2e-3.
    expect(Math.abs(mean - 0.5)).toBeLessThan(3.2e-3);
    expect(Math.abs(sum2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('normal() has mean 0, variance 1 and normal tails', () => {
    const rng = createRng(11);
    const n = 200_000;
    let sum = 0;
    let sum2 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sum2 += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    // 5 standard errors of the mean (1/√n) and of the variance (√(2/n)).
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sum2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 2) = 0.0455; binomial standard error ≈ 4.7e-4, 5 of them.
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(2.4e-3);
  });

  it('int(n) is unbiased over [0, n) and covers every value', () => {
    const rng = createRng(3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500); // ≈5 sd
    expect(() => rng.int(0)).toThrow();
    const big = rng.int(2 ** 40);
    expect(big >= 0 && big < 2 ** 40 && Number.isInteger(big)).toBe(true);
  });

  it('permutation and shuffle are permutations, reproducible per seed', () => {
    const p = createRng(5).permutation(100);
    expect([...p].sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
    expect([...createRng(5).permutation(100)]).toEqual([...p]);
    const arr = ['a', 'b', 'c', 'd'];
    createRng(1).shuffle(arr);
    expect([...arr].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(createRng(1).permutation(0).length).toBe(0);
  });

  it('unitSphere() returns unit vectors', () => {
    const rng = createRng(9);
    for (const n of [1, 2, 10, 100]) {
      const x = rng.unitSphere(new Float64Array(n));
      expect(Math.abs(Math.hypot(...x) - 1)).toBeLessThan(1e-15 * n);
    }
    expect(rng.unitSphere(new Float64Array(0)).length).toBe(0);
  });

  it('getState/setState resumes a sequence exactly (including a pending normal)', () => {
    const rng = createRng(13);
    rng.normal();
    const state = rng.getState();
    const a = [rng.normal(), rng.normal(), rng.uniform()];
    rng.setState(state);
    expect([rng.normal(), rng.normal(), rng.uniform()]).toEqual(a);
  });
});

describe('portableLog', () => {
  it('agrees with Math.log to a few ulp over many magnitudes', () => {
    const rng = createRng(1);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp((rng.uniform() - 0.5) * 1400);
      const ref = Math.log(x);
      worst = Math.max(worst, Math.abs(portableLog(x) - ref) / Math.max(1, Math.abs(ref)));
    }
    // 4 ulp of the result (of 1 near log x = 0).
    expect(worst).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.MIN_VALUE)).toBeCloseTo(Math.log(Number.MIN_VALUE), 10);
  });
});
