import { describe, expect, it } from 'vitest';
import { lanczos } from '../../../core/linalg/lanczos.ts';
import { denseOperator } from '../../../core/linalg/operator.ts';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { catalogue } from './catalogue.ts';
import { eigenResidual, mulberry32, orthogonalityError, randomOrthogonal, randomSymmetric, spectralNorm, withSpectrum } from './helpers.ts';

// Extreme eigenvalues against the dense solver: the issue asks for 1e-10 (absolute, ‖A‖ ≈ 45
// for the Wigner matrix); a converged Ritz value is accurate to residual²/gap ≪ 1e-10.
const AGREEMENT = 1e-10;

describe('lanczos', () => {
  const n = 500;
  const A = randomSymmetric(n, mulberry32(1));
  const full = symmetricEigen(n, A).values;
  const op = denseOperator(n, A);

  it('finds the 5 largest, 5 smallest and 5 largest-magnitude eigenvalues of a 500×500 matrix', () => {
    const largest = lanczos(n, op, { k: 5, which: 'largest', random: mulberry32(2) });
    const smallest = lanczos(n, op, { k: 5, which: 'smallest', random: mulberry32(3) });
    const magnitude = lanczos(n, op, { k: 5, which: 'magnitude', random: mulberry32(4) });
    expect(largest.flag).toBe('converged');
    expect(smallest.flag).toBe('converged');
    for (let j = 0; j < 5; j++) {
      expect(Math.abs(largest.values[j] - full[n - 1 - j])).toBeLessThan(AGREEMENT);
      expect(Math.abs(smallest.values[j] - full[j])).toBeLessThan(AGREEMENT);
    }
    const byMagnitude = Array.from(full).sort((a, b) => Math.abs(b) - Math.abs(a)).slice(0, 5);
    for (let j = 0; j < 5; j++) expect(Math.abs(magnitude.values[j] - byMagnitude[j])).toBeLessThan(AGREEMENT);
    expect(largest.restarts).toBeGreaterThan(0); // the default basis (40) is far below n
  });

  it('returns orthonormal Ritz vectors with small residuals', () => {
    const res = lanczos(n, op, { k: 4, which: 'smallest', random: mulberry32(5), vectors: true });
    const norm = spectralNorm(full);
    // Converged to tolerance·‖A‖ = 1e-10‖A‖ (default), checked independently.
    expect(eigenResidual(n, A, res.values, res.vectors!, 4)).toBeLessThan(2e-10 * norm);
    expect(orthogonalityError(n, res.vectors!, 4)).toBeLessThan(1e-12);
    for (let j = 0; j < 4; j++) expect(res.residuals[j]).toBeLessThan(1e-10 * norm);
  });

  it('finds a multiple extreme eigenvalue with a small restarted basis', () => {
    const m = 200;
    const random = mulberry32(6);
    // λ_max = 3 with multiplicity 3, then a gap. In exact arithmetic a Krylov space holds one
    // copy of a multiple eigenvalue, so values[1] would be the next distinct one (1.94); rounding
    // in the reorthogonalised restarts may let a second copy in. Either answer is correct.
    const values = Float64Array.from({ length: m }, (_, i) => (i >= m - 3 ? 3 : -1 + (3 * i) / m));
    const B = withSpectrum(m, values, randomOrthogonal(m, random));
    const res = lanczos(m, denseOperator(m, B), { k: 2, which: 'largest', random, maxSubspace: 12 });
    expect(Math.abs(res.values[0] - 3)).toBeLessThan(AGREEMENT);
    const second = Math.min(Math.abs(res.values[1] - 3), Math.abs(res.values[1] - values[m - 4]));
    expect(second).toBeLessThan(AGREEMENT);
  });

  it('agrees with the dense solver on the catalogue (k = 2 at both ends)', () => {
    for (const entry of catalogue) {
      if (entry.n < 6) continue;
      const scale = Math.max(spectralNorm(entry.eigenvalues), 1e-300);
      for (const which of ['largest', 'smallest'] as const) {
        const res = lanczos(entry.n, denseOperator(entry.n, entry.A), { k: 2, which, random: mulberry32(7) });
        const want = which === 'largest' ? [entry.eigenvalues[entry.n - 1], entry.eigenvalues[entry.n - 2]] : [entry.eigenvalues[0], entry.eigenvalues[1]];
        for (let j = 0; j < 2; j++) expect(Math.abs(res.values[j] - want[j]) / scale, `${entry.name} ${which}`).toBeLessThan(1e-9);
      }
    }
  });

  it('gives the whole spectrum exactly when k = n, and survives an invariant start vector', () => {
    const m = 8;
    const D = new Float64Array(m * m);
    for (let i = 0; i < m; i++) D[i * m + i] = i - 3;
    const e1 = new Float64Array(m);
    e1[0] = 1; // an eigenvector: the Krylov space is 1-dimensional
    const res = lanczos(m, denseOperator(m, D), { k: m, which: 'smallest', random: mulberry32(8), start: e1 });
    expect(Array.from(res.values).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    const top = lanczos(m, denseOperator(m, D), { k: 1, which: 'largest', random: mulberry32(9), start: e1 });
    expect(top.values[0]).toBeCloseTo(4, 12);
  });

  it('rejects bad k', () => {
    expect(() => lanczos(5, denseOperator(5, new Float64Array(25)), { k: 0, which: 'largest', random: Math.random })).toThrow(RangeError);
    expect(() => lanczos(5, denseOperator(5, new Float64Array(25)), { k: 6, which: 'largest', random: Math.random })).toThrow(RangeError);
  });
});
