import { describe, expect, it } from 'vitest';
import { denseOperator, shiftedOperator } from '../../../core/linalg/operator.ts';

describe('operators', () => {
  it('denseOperator applies a row-major matrix; shiftedOperator subtracts σv', () => {
    const A = Float64Array.of(1, 2, 3, 4);
    const op = denseOperator(2, A);
    const out = new Float64Array(2);
    op(Float64Array.of(1, -1), out);
    expect(Array.from(out)).toEqual([-1, -1]);
    shiftedOperator(2, op, 2)(Float64Array.of(1, -1), out);
    expect(Array.from(out)).toEqual([-3, 1]);
    expect(shiftedOperator(2, op, 0)).toBe(op);
    expect(() => denseOperator(3, A)).toThrow(RangeError);
  });
});
