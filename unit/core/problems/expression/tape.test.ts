import { describe, expect, it } from 'vitest';
import { Op, Tape } from '../../../../core/problems/expression/tape.ts';

describe('Tape', () => {
  // f(x, y) = x·y + exp(x), hand-built: slots 0 x, 1 y, 2 x·y, 3 exp x, 4 sum.
  const tape = new Tape(
    Int32Array.from([Op.Var, Op.Var, Op.Mul, Op.Exp, Op.Add]),
    Int32Array.from([0, 1, 0, 0, 2]),
    Int32Array.from([-1, -1, 1, -1, 3]),
    new Float64Array(5),
    2,
  );

  it('evaluates value, gradient and HVP of a hand-built program', () => {
    const x = Float64Array.from([0.5, 2]);
    expect(tape.value(x)).toBe(1 + Math.exp(0.5));
    const g = new Float64Array(2);
    expect(tape.gradient(x, g)).toBe(1 + Math.exp(0.5));
    expect([...g]).toEqual([2 + Math.exp(0.5), 0.5]);
    // H = [[e^x, 1], [1, 0]].
    const hv = new Float64Array(2);
    tape.hvp(x, Float64Array.from([1, 3]), hv);
    expect([...hv]).toEqual([Math.exp(0.5) + 3, 1]);
  });

  it('evaluates up to the output slot only', () => {
    const t = new Tape(Int32Array.from([Op.Var, Op.Sin, Op.Log]), Int32Array.from([0, 0, 0]), Int32Array.from([-1, -1, -1]), new Float64Array(3), 1, 1);
    expect(t.value(Float64Array.from([-1]))).toBe(Math.sin(-1));
    expect(t.length).toBe(2);
  });

  it('refuses malformed programs', () => {
    const one = new Float64Array(1);
    expect(() => new Tape(Int32Array.from([Op.Add]), Int32Array.from([0]), Int32Array.from([0]), one, 0)).toThrow(/reads slot 0/);
    expect(() => new Tape(Int32Array.from([Op.Var]), Int32Array.from([3]), Int32Array.from([-1]), one, 2)).toThrow(/variable 3 out of range/);
    expect(() => new Tape(new Int32Array(0), new Int32Array(0), new Int32Array(0), new Float64Array(0), 0)).toThrow(/output slot/);
  });
});
