import { describe, expect, it } from 'vitest';
import { liftToMinimumLength, trueResiduals } from '../../../core/linalg/krylov.ts';
import { denseOperator } from '../../../core/linalg/operator.ts';

describe('krylov helpers', () => {
  it('trueResiduals computes r = b − (A − σI)x, (A − σI)r and the norms', () => {
    const op = denseOperator(2, Float64Array.of(2, 0, 0, 3));
    const r = new Float64Array(2);
    const Ar = new Float64Array(2);
    const norms = trueResiduals(2, op, 1, Float64Array.of(1, 1), Float64Array.of(1, 0), r, Ar);
    expect(Array.from(r)).toEqual([0, 1]); // (A − I)x = (1, 0)
    expect(Array.from(Ar)).toEqual([0, 2]);
    expect(norms).toEqual({ rnorm: 1, arnorm: 2, xnorm: 1 });
  });

  it('liftToMinimumLength removes the component of x along r', () => {
    // A = diag(1, 0), b = (1, 1): a least-squares x = (1, 5) has r = (0, 1) = b's null part.
    const x = Float64Array.of(1, 5);
    liftToMinimumLength(2, x, Float64Array.of(0, 1));
    expect(Array.from(x)).toEqual([1, 0]);
    const unchanged = Float64Array.of(1, 2);
    liftToMinimumLength(2, unchanged, new Float64Array(2));
    expect(Array.from(unchanged)).toEqual([1, 2]);
  });
});
