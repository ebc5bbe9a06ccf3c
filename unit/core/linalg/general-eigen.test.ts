import { describe, expect, it } from 'vitest';
import { generalEigenvalues } from '../../../core/linalg/general-eigen.ts';

describe('generalEigenvalues (numeric)', () => {
  it('finds the complex pair of a rotation and the diagonal of a triangular matrix', () => {
    const rotation = generalEigenvalues(2, Float64Array.of(0, -1, 1, 0));
    expect(Array.from(rotation.real).map((x) => Math.abs(x) < 1e-14)).toEqual([true, true]);
    expect(Array.from(rotation.imag).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([-1, 1]);
    const triangular = generalEigenvalues(3, Float64Array.of(3, 1, 2, 0, -1, 5, 0, 0, 2));
    expect(Array.from(triangular.real).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([-1, 2, 3]);
    expect(Array.from(triangular.imag)).toEqual([0, 0, 0]);
    expect(generalEigenvalues(0, new Float64Array(0)).real.length).toBe(0);
  });
});
