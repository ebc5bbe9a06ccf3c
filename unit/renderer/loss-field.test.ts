import { describe, expect, it } from 'vitest';
import { contours } from 'd3';
import { colorBarTicks, contourThresholds, fieldTransform, gridToDomain, lossTransform, sampleField } from '../../renderer/src/charts/loss-field.ts';
import { himmelblau, saddle } from '../../core/problems/functions/library.ts';

describe('loss field', () => {
  it('samples cell centres so contours span the whole box', () => {
    const field = sampleField((p) => p[0] + 10 * p[1], [[0, 4], [-1, 1]], 4, 2);
    // x_i = 0.5, 1.5, 2.5, 3.5; y_j = -0.5, 0.5; bottom row first.
    expect(Array.from(field.values)).toEqual([-4.5, -3.5, -2.5, -1.5, 5.5, 6.5, 7.5, 8.5]);
    expect([field.min, field.max]).toEqual([-4.5, 8.5]);
    const toDomain = gridToDomain(field);
    expect(toDomain(0, 0)).toEqual([0, -1]);
    expect(toDomain(4, 2)).toEqual([4, 1]);
    expect(toDomain(0.5, 0.5)).toEqual([0.5, -0.5]);
  });

  it('the transform is monotone, 0 at the minimum, and inverts', () => {
    const t = lossTransform(-1, 999);
    expect(t.forward(-1)).toBe(0);
    expect(t.forward(999)).toBeCloseTo(t.top, 12);
    for (const v of [-0.5, 0, 3, 100, 998]) expect(t.inverse(t.forward(v))).toBeCloseTo(v, 9);
    expect(t.forward(0)).toBeLessThan(t.forward(1));
  });

  it('picks the log transform for heavy-tailed landscapes and the linear one otherwise', () => {
    expect(fieldTransform(sampleField(himmelblau.value, [[-5, 5], [-5, 5]], 60, 60)).kind).toBe('log');
    const flat = fieldTransform(sampleField(saddle.value, [[-2, 2], [-2, 2]], 60, 60));
    expect(flat.kind).toBe('linear');
    expect(flat.forward(0)).toBeCloseTo(0.5, 1);
  });

  it('Himmelblau: thresholds start at the minimum and separate the four basins', () => {
    const field = sampleField(himmelblau.value, [[-5, 5], [-5, 5]], 100, 100);
    const transform = lossTransform(field.min, field.max);
    const thresholds = contourThresholds(transform, 20);
    expect(thresholds[0]).toBeCloseTo(field.min, 12);
    for (let k = 1; k < thresholds.length; k++) expect(thresholds[k]).toBeGreaterThan(thresholds[k - 1]);
    // The lowest band above the minimum splits into one polygon per basin (saddles are at f ≥ 13.3).
    const low = thresholds.find((v) => v > 1) ?? thresholds[1];
    expect(low).toBeLessThan(13);
    const [band] = contours().size([100, 100]).thresholds([low])(Array.from(field.values));
    // MultiPolygon of f ≥ low: one outer polygon whose four holes are the basins.
    const holes = band.coordinates.reduce((n, polygon) => n + polygon.length - 1, 0);
    expect(holes).toBe(4);
  });

  it('colour-bar ticks are round values, increasing and spaced apart', () => {
    const transform = lossTransform(0, 890);
    const ticks = colorBarTicks(transform, 0, 890, 600);
    expect(ticks).toEqual([1, 10, 100]);
    expect(colorBarTicks(transform, 0, 890, 20)).toHaveLength(1);
    expect(colorBarTicks(lossTransform(-4, 4, 'linear'), -4, 4, 600)).toEqual([-2, 0, 2, 4]);
  });
});
