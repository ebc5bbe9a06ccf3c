import { describe, expect, it } from 'vitest';
import { duration, fixed, plural, significant } from '../../renderer/src/lib/format.ts';

describe('format', () => {
  it('fixed: typographic minus, no negative zero', () => {
    expect(fixed(-0.270845123)).toBe('\u22120.270845');
    expect(fixed(-1e-12)).toBe('0.000000');
    expect(fixed(3, 2)).toBe('3.00');
  });

  it('significant: plain for ordinary magnitudes, trimmed exponent for tiny or huge ones', () => {
    expect(significant(181.6165215)).toBe('181.617');
    expect(significant(0)).toBe('0');
    expect(significant(7.894e-31)).toBe('7.89e\u221231');
    expect(significant(1e-20)).toBe('1e\u221220');
    expect(significant(-2.5e9)).toBe('\u22122.5e9');
    expect(significant(-1.0316284)).toBe('\u22121.03163');
  });

  it('duration and plural', () => {
    expect(duration(79.4)).toBe('79 ms');
    expect(duration(1250)).toBe('1.25 s');
    expect(duration(125_000)).toBe('2 min 05 s');
    expect(plural(1, 'start')).toBe('1 start');
    expect(plural(160000, 'start')).toBe('160,000 starts');
  });
});
