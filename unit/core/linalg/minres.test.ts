import { describe, expect, it } from 'vitest';
import { createMinresWorkspace, minres } from '../../../core/linalg/minres.ts';
import { denseOperator } from '../../../core/linalg/operator.ts';
import { catalogue } from './catalogue.ts';
import { matVec, maxAbsDiff, mulberry32, norm, pseudoInverseSolve, randomVector } from './helpers.ts';

// Nonsingular and compatible systems (cond ≤ 1e4 on the range): 1e-10 relative to ‖A⁺b‖.
const SOLVE = 1e-10;
// Incompatible systems: attainable accuracy of the least-squares solution (see minres-qlp.test.ts).
const LS_PINV = 1e-6;

describe('minres', () => {
  it('solves every nonsingular catalogue system', () => {
    const random = mulberry32(1);
    for (const entry of catalogue.filter((c) => c.zeros === 0 && c.Q !== undefined && !c.name.startsWith('graded'))) {
      const { n, A, eigenvalues, Q } = entry;
      const b = randomVector(n, random);
      const res = minres(n, denseOperator(n, A), b, { rtol: 1e-14, maxIterations: 20 * n });
      const exact = pseudoInverseSolve(n, eigenvalues, Q!, b);
      expect(res.flag, entry.name).toBe('compatible');
      expect(maxAbsDiff(res.x, exact) / norm(exact), entry.name).toBeLessThan(SOLVE);
    }
  });

  it('returns the pseudo-inverse solution of singular compatible systems (x₀ = 0 keeps x in the range)', () => {
    const random = mulberry32(2);
    for (const entry of catalogue.filter((c) => c.zeros > 0 && c.zeros < c.n && c.Q !== undefined)) {
      const { n, A, eigenvalues, Q } = entry;
      const b = matVec(n, n, A, randomVector(n, random));
      const res = minres(n, denseOperator(n, A), b, { rtol: 1e-14, maxIterations: 10 * n, maxXnorm: 1e20 });
      const exact = pseudoInverseSolve(n, eigenvalues, Q!, b);
      expect(res.flag, entry.name).toBe('compatible');
      expect(maxAbsDiff(res.x, exact) / norm(exact), entry.name).toBeLessThan(SOLVE);
    }
  });

  it('flags incompatible systems as least-squares and lifts x to the minimum-length solution', () => {
    const entry = catalogue.find((c) => c.name === 'singular-indefinite')!;
    const { n, A, eigenvalues, Q } = entry;
    const b = randomVector(n, mulberry32(3));
    const exact = pseudoInverseSolve(n, eigenvalues, Q!, b);
    const res = minres(n, denseOperator(n, A), b, { rtol: 1e-7 });
    expect(res.flag).toBe('least-squares');
    expect(maxAbsDiff(res.x, exact) / norm(exact)).toBeLessThan(LS_PINV);
    const raw = minres(n, denseOperator(n, A), b, { rtol: 1e-7, lift: false });
    expect(raw.flag).toBe('least-squares');
    expect(maxAbsDiff(raw.x, exact) / norm(exact)).toBeGreaterThan(0.1); // carries b's null part
  });

  it('handles b = 0, the iteration limit, a shift, and workspace reuse', () => {
    const entry = catalogue.find((c) => c.name === 'indefinite')!;
    const { n, A, eigenvalues, Q } = entry;
    const op = denseOperator(n, A);
    expect(minres(n, op, new Float64Array(n)).flag).toBe('x-zero');
    const b = randomVector(n, mulberry32(4));
    const limited = minres(n, op, b, { rtol: 1e-15, maxIterations: 3 });
    expect(limited.flag).toBe('iteration-limit');
    expect(limited.iterations).toBe(3);
    const shifted = minres(n, op, b, { rtol: 1e-14, shift: -0.25 });
    const exact = pseudoInverseSolve(n, eigenvalues.map((v) => v + 0.25), Q!, b);
    expect(maxAbsDiff(shifted.x, exact) / norm(exact)).toBeLessThan(SOLVE);
    const ws = createMinresWorkspace(n);
    const again = minres(n, op, b, { rtol: 1e-14, shift: -0.25 }, ws);
    expect(again.x).toBe(ws.x);
    expect(Array.from(again.x)).toEqual(Array.from(shifted.x));
  });

  it('reports exact final residual norms', () => {
    const entry = catalogue.find((c) => c.name === 'spd')!;
    const { n, A } = entry;
    const b = randomVector(n, mulberry32(5));
    const res = minres(n, denseOperator(n, A), b, { rtol: 1e-8 });
    const Ax = matVec(n, n, A, res.x);
    const r = b.map((bi, i) => bi - Ax[i]);
    expect(Math.abs(res.rnorm - norm(r))).toBeLessThan(1e-14 * norm(b));
    expect(Math.abs(res.arnorm - norm(matVec(n, n, A, r)))).toBeLessThan(1e-12 * norm(b));
  });
});
