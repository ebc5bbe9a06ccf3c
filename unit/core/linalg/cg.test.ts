import { describe, expect, it } from 'vitest';
import { cg, createCgWorkspace } from '../../../core/linalg/cg.ts';
import { denseOperator } from '../../../core/linalg/operator.ts';
import { catalogue } from './catalogue.ts';
import { maxAbsDiff, mulberry32, norm, pseudoInverseSolve, randomVector } from './helpers.ts';

// ‖x − A⁻¹b‖/‖A⁻¹b‖ ≤ cond·rtol: cond = 1e4 and rtol = 1e-14 give 1e-10.
const SOLVE = 1e-10;

describe('cg', () => {
  it('solves the SPD catalogue systems', () => {
    const random = mulberry32(1);
    for (const entry of catalogue.filter((c) => c.definite === 'positive' && c.Q !== undefined)) {
      const { n, A, eigenvalues, Q } = entry;
      const b = randomVector(n, random);
      const res = cg(n, denseOperator(n, A), b, { rtol: 1e-14, maxIterations: 20 * n });
      const exact = pseudoInverseSolve(n, eigenvalues, Q!, b);
      expect(res.flag, entry.name).toBe('compatible');
      expect(maxAbsDiff(res.x, exact) / norm(exact), entry.name).toBeLessThan(SOLVE);
      expect(res.rnorm).toBeLessThan(1e-12 * norm(b));
    }
  });

  it('stops with indefinite on an indefinite matrix, x-zero on b = 0, and at the iteration limit', () => {
    const indefinite = catalogue.find((c) => c.name === 'indefinite')!;
    const b = randomVector(indefinite.n, mulberry32(2));
    expect(cg(indefinite.n, denseOperator(indefinite.n, indefinite.A), b).flag).toBe('indefinite');
    const spd = catalogue.find((c) => c.name === 'spd')!;
    const op = denseOperator(spd.n, spd.A);
    expect(cg(spd.n, op, new Float64Array(spd.n)).flag).toBe('x-zero');
    const limited = cg(spd.n, op, randomVector(spd.n, mulberry32(3)), { rtol: 1e-15, maxIterations: 4 });
    expect(limited.flag).toBe('iteration-limit');
    expect(limited.iterations).toBe(4);
  });

  it('solves a shifted system that is SPD after the shift, reusing a workspace', () => {
    const entry = catalogue.find((c) => c.name === 'indefinite')!; // eigenvalues in (−3, 5)
    const { n, eigenvalues, Q } = entry;
    const b = randomVector(n, mulberry32(4));
    const ws = createCgWorkspace(n);
    const res = cg(n, denseOperator(n, entry.A), b, { rtol: 1e-14, shift: -4 }, ws);
    expect(res.x).toBe(ws.x);
    const exact = pseudoInverseSolve(n, eigenvalues.map((v) => v + 4), Q!, b);
    expect(res.flag).toBe('compatible');
    expect(maxAbsDiff(res.x, exact) / norm(exact)).toBeLessThan(SOLVE);
  });
});
