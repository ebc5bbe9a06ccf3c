import { describe, expect, it } from 'vitest';
import { splitSamples, testCount } from '../../../../core/problems/data/split.ts';
import { createRng } from '../../../../core/random/rng.ts';

describe('test splits', () => {
  it('test is a count (whole number) or a fraction in (0, 1)', () => {
    expect(testCount(0, 100)).toBe(0);
    expect(testCount(25, 100)).toBe(25);
    expect(testCount(0.2, 100)).toBe(20);
    expect(testCount(0.001, 100)).toBe(1);
    expect(() => testCount(2.5, 100)).toThrow(/whole number/);
    expect(() => testCount(-1, 100)).toThrow();
  });

  it('splits rows disjointly and reproducibly, keeping the training order', () => {
    const n = 20;
    const inputs = Float64Array.from({ length: n * 2 }, (_, i) => i);
    const targets = Float64Array.from({ length: n }, (_, i) => i);
    const a = splitSamples({ count: n, inputs, targets }, 2, 1, 6, createRng(3));
    const b = splitSamples({ count: n, inputs, targets }, 2, 1, 6, createRng(3));
    expect(a).toEqual(b);
    expect(a.train.count).toBe(14);
    expect(a.test!.count).toBe(6);
    const trainIds = [...a.train.targets!];
    const testIds = [...a.test!.targets!];
    expect([...trainIds, ...testIds].sort((x, y) => x - y)).toEqual([...Array(n).keys()]);
    expect(trainIds).toEqual([...trainIds].sort((x, y) => x - y));
    // Inputs travel with their targets.
    for (let r = 0; r < 6; r++) expect(a.test!.inputs[r * 2]).toBe(2 * testIds[r]);
    expect(() => splitSamples({ count: 3, inputs, targets: null }, 2, 2, 3, createRng(1), 'x.csv')).toThrow('x.csv: a test split of 3 leaves no training samples (3 in all)');
  });
});
