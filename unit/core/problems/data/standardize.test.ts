import { describe, expect, it } from 'vitest';
import { center, zScore } from '../../../../core/problems/data/standardize.ts';

describe('standardize', () => {
  it('z-scores with training statistics only, leaving constant features centred', () => {
    // Two training rows and one test row, features (a, constant).
    const X = Float64Array.from([1, 5, 3, 5, 7, 6]);
    zScore(2, 3, 2, X);
    expect([...X]).toEqual([-1, 0, 1, 0, 5, 1]);
    const Y = Float64Array.from([1, 5, 3, 5, 7, 6]);
    center(2, 3, 2, Y);
    expect([...Y]).toEqual([-1, 0, 1, 0, 5, 1]);
  });
});
