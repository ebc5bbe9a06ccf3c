import { describe, expect, it } from 'vitest';
import { tridiagonalInverseIteration } from '../../../core/linalg/tridiagonal-inverse-iteration.ts';
import { tridiagonalEigen } from '../../../core/linalg/tridiagonal-ql.ts';
import { orthogonalityError } from './helpers.ts';

function residual(n: number, d: Float64Array, e: Float64Array, lambda: number, z: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = (d[i] - lambda) * z[i];
    if (i > 0) r += e[i - 1] * z[i - 1];
    if (i < n - 1) r += e[i] * z[i + 1];
    s += r * r;
  }
  return Math.sqrt(s);
}

/** Vectors as rows (n × n), from the eigenvalues of the QL solver. */
function vectorsOf(d: Float64Array, e: Float64Array): { values: Float64Array; rows: Float64Array; failures: number } {
  const n = d.length;
  const { values } = tridiagonalEigen(n, d, e);
  const rows = new Float64Array(n * n);
  const failures = tridiagonalInverseIteration(d, e, values, rows, 0, n);
  return { values, rows, failures };
}

describe('tridiagonalInverseIteration', () => {
  it('reproduces the discrete sine eigenvectors of tridiag(−1, 2, −1)', () => {
    const n = 100;
    const d = new Float64Array(n).fill(2);
    const e = new Float64Array(n - 1).fill(-1);
    const { rows, failures } = vectorsOf(d, e);
    expect(failures).toBe(0);
    let worst = 0;
    for (let j = 0; j < n; j++) {
      // Unique up to sign (the largest-entry convention is ambiguous for these symmetric vectors).
      let dot = 0;
      for (let i = 0; i < n; i++) dot += rows[j * n + i] * Math.sin(((i + 1) * (j + 1) * Math.PI) / (n + 1));
      const s = Math.sign(dot) * Math.sqrt(2 / (n + 1));
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(rows[j * n + i] - s * Math.sin(((i + 1) * (j + 1) * Math.PI) / (n + 1))));
    }
    // ε‖T‖/gap with the smallest gap ≈ 3e-3: 1e-12 has margin.
    expect(worst).toBeLessThan(1e-12);
  });

  it('keeps clustered vectors orthogonal: glued Wilkinson matrices (tight clusters of 10)', () => {
    // Ten copies of W21+ glued by δ = 1e-10: every eigenvalue comes in a cluster of ten within
    // ≈ 1e-10, the hard case for inverse iteration (Dhillon 1998).
    const blocks = 10;
    const n = 21 * blocks;
    const d = Float64Array.from({ length: n }, (_, i) => Math.abs(10 - (i % 21)));
    const e = Float64Array.from({ length: n - 1 }, (_, i) => ((i + 1) % 21 === 0 ? 1e-10 : 1));
    const { values, rows, failures } = vectorsOf(d, e);
    expect(failures).toBe(0);
    const Vt = new Float64Array(n * n); // columns = vectors, for the helper
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) Vt[i * n + j] = rows[j * n + i];
    expect(orthogonalityError(n, Vt)).toBeLessThan(1e-12);
    let worst = 0;
    for (let j = 0; j < n; j++) worst = Math.max(worst, residual(n, d, e, values[j], rows.subarray(j * n, j * n + n)));
    expect(worst).toBeLessThan(1e-13 * 12); // ‖T‖ ≈ 12
  });

  it('writes with an offset and stride and handles a 1×1 block', () => {
    const out = new Float64Array(10);
    tridiagonalInverseIteration(Float64Array.of(5), new Float64Array(0), [5], out, 3, 4);
    expect(out[3]).toBe(1);
    const d = Float64Array.of(2, 2);
    const e = Float64Array.of(1);
    const rows = new Float64Array(8);
    tridiagonalInverseIteration(d, e, [1, 3], rows, 1, 4);
    const r = Math.SQRT1_2;
    expect(Math.abs(Math.abs(rows[1]) - r)).toBeLessThan(1e-15);
    expect(Math.abs(rows[5] - r)).toBeLessThan(1e-15);
    expect(Math.abs(rows[6] - r)).toBeLessThan(1e-15);
  });
});
