import { describe, expect, it } from 'vitest';
import { scaleSymlog } from 'd3';
import { compact, decadeTicks, integerTicks, powerOfTen, symlogConstant, symlogTicks } from '../../renderer/src/lib/scales.ts';

describe('tick choices', () => {
  it('writes powers of ten with superscripts', () => {
    expect(powerOfTen(0)).toBe('1');
    expect(powerOfTen(1)).toBe('10');
    expect(powerOfTen(-30)).toBe('10⁻³⁰');
    expect(powerOfTen(12)).toBe('10¹²');
  });

  it('puts decade ticks on log axes, thinned over wide ranges', () => {
    expect(decadeTicks(1e-3, 1, 6).map((t) => t.value)).toEqual([1e-3, 1e-2, 1e-1, 1]);
    const wide = decadeTicks(1e-32, 1e2, 6);
    expect(wide.length).toBeLessThanOrEqual(6);
    expect(wide.every((t) => /^10|^1$/.test(t.label))).toBe(true);
    expect(decadeTicks(0, 1)).toEqual([]);
  });

  it('ticks a symlog axis at 0 and ±10^k, at least minGap pixels apart', () => {
    const y = scaleSymlog().constant(1e-6).domain([-10, 100]).range([300, 0]);
    const ticks = symlogTicks([-10, 100], (v) => y(v), 20);
    const values = ticks.map((t) => t.value);
    expect(values).toContain(0);
    expect(values).toContain(100);
    expect(values).toContain(-10);
    for (let i = 1; i < values.length; i++) expect(Math.abs(y(values[i]) - y(values[i - 1]))).toBeGreaterThanOrEqual(20);
    expect(ticks.find((t) => t.value === -10)?.label).toBe('−10');
  });

  it('sets the symlog constant at the zero band', () => {
    expect(symlogConstant([-2, 0, 1e-12, 4], 1e-5)).toBeCloseTo(4e-5, 15);
    expect(symlogConstant([0, 0], 1e-5)).toBe(1);
  });

  it('formats tick numbers compactly', () => {
    expect(compact(0.25)).toBe('0.25');
    expect(compact(-2e-5)).toBe('−2e−5');
    expect(compact(123456)).toBe('1.2e5');
  });
});

describe('integer ticks for ranks and counts', () => {
  it('ticks only integers, about `count` of them, on any domain', () => {
    expect(integerTicks(0.5, 2.5, 6).map((t) => t.value)).toEqual([1, 2]);
    expect(integerTicks(0, 1, 3).map((t) => t.label)).toEqual(['0', '1']);
    expect(integerTicks(0.5, 24.5, 6).map((t) => t.value)).toEqual([5, 10, 15, 20]);
    expect(integerTicks(0, 10_000, 4).map((t) => t.label)).toEqual(['0', '5,000', '10,000']);
    expect(integerTicks(0.2, 0.8)).toEqual([]);
    for (const [lo, hi, count] of [[0, 7, 3], [1, 1000, 6], [0.5, 97.5, 5]] as const) {
      const ticks = integerTicks(lo, hi, count);
      expect(ticks.every((t) => Number.isInteger(t.value) && t.value >= lo && t.value <= hi)).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(count + 1);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
    }
  });
});
