import numeric from 'numeric';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { catalogue } from './catalogue.ts';
import { eigenResidual, maxAbsDiff, mulberry32, orthogonalityError, randomOrthogonal, randomSymmetric, spectralNorm, withSpectrum } from './helpers.ts';

// Backward stability: |λ̂ − λ| and ‖Av − λv‖ are O(nε‖A‖); 1e-12‖A‖ leaves room for n ≤ 200.
const BACKWARD = 1e-12;
// Orthogonality of computed eigenvectors, entrywise max |VᵀV − I|.
const ORTHOGONALITY = 1e-12;

describe('symmetricEigen', () => {
  it('matches the closed form of tridiag(−1, 2, −1): λ_j = 2 − 2cos(jπ/(n+1)), n = 200', () => {
    const n = 200;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      A[i * n + i] = 2;
      if (i > 0) A[i * n + i - 1] = A[(i - 1) * n + i] = -1;
    }
    const { values, vectors } = symmetricEigen(n, A, { vectors: true });
    const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
    expect(maxAbsDiff(values, exact)).toBeLessThan(BACKWARD * 4);
    expect(eigenResidual(n, A, values, vectors)).toBeLessThan(BACKWARD * 4);
    expect(orthogonalityError(n, vectors)).toBeLessThan(ORTHOGONALITY);
    // Eigenvectors are the discrete sines (simple eigenvalues: unique up to sign, made positive
    // at the largest entry). Tolerance: ε‖A‖/gap with gap ≈ 2.4e-4 at the ends of the spectrum.
    let worst = 0;
    for (const j of [0, 1, 99, 199]) {
      let dotSign = 0;
      for (let i = 0; i < n; i++) dotSign += vectors[i * n + j] * Math.sin(((i + 1) * (j + 1) * Math.PI) / (n + 1));
      const s = Math.sign(dotSign) * Math.sqrt(2 / (n + 1));
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(vectors[i * n + j] - s * Math.sin(((i + 1) * (j + 1) * Math.PI) / (n + 1))));
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('has residuals ≤ 1e-12‖A‖ and orthogonal vectors at n = 200 (random symmetric, both methods)', () => {
    const n = 200;
    const A = randomSymmetric(n, mulberry32(1));
    const reference = symmetricEigen(n, A).values;
    for (const method of ['inverse-iteration', 'divide-conquer'] as const) {
      const { values, vectors } = symmetricEigen(n, A, { vectors: true, method });
      const norm = spectralNorm(values);
      expect(eigenResidual(n, A, values, vectors), method).toBeLessThan(BACKWARD * norm);
      expect(orthogonalityError(n, vectors), method).toBeLessThan(ORTHOGONALITY);
      for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
      // The values-only path gives the same eigenvalues.
      expect(maxAbsDiff(reference, values), method).toBeLessThan(BACKWARD * norm);
    }
  });

  it('recovers a prescribed spectrum with a large null space and repeated eigenvalues at n = 200', () => {
    const n = 200;
    const random = mulberry32(2);
    const spectrum = Float64Array.from({ length: n }, (_, i) => (i < 60 ? 0 : i < 100 ? -2 : i < 150 ? 3 : 1 + i / 50)).sort();
    const A = withSpectrum(n, spectrum, randomOrthogonal(n, random));
    const { values, vectors } = symmetricEigen(n, A, { vectors: true });
    const norm = spectralNorm(spectrum);
    expect(maxAbsDiff(values, spectrum)).toBeLessThan(BACKWARD * norm);
    expect(eigenResidual(n, A, values, vectors)).toBeLessThan(BACKWARD * norm);
    expect(orthogonalityError(n, vectors)).toBeLessThan(ORTHOGONALITY);
  });

  it('agrees with numeric.eig on random symmetric matrices (n ≤ 30)', () => {
    const random = mulberry32(3);
    for (const n of [2, 3, 7, 16, 30]) {
      const A = randomSymmetric(n, random);
      const rows = Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)));
      const reference = Float64Array.from((numeric.eig(rows).lambda.x as number[]).slice()).sort();
      const { values } = symmetricEigen(n, A);
      // numeric.eig is a general (unsymmetric) QR: its own error is O(ε‖A‖) too.
      expect(maxAbsDiff(values, reference)).toBeLessThan(1e-10 * spectralNorm(reference));
    }
  });

  for (const entry of catalogue) {
    it(`catalogue: ${entry.name} (n = ${entry.n}), both eigenvector methods`, () => {
      const { n, A, eigenvalues } = entry;
      const copy = A.slice();
      for (const method of ['auto', 'inverse-iteration', 'divide-conquer'] as const) {
        const { values, vectors } = symmetricEigen(n, A, { vectors: true, method });
        expect(A).toEqual(copy); // input untouched
        const norm = spectralNorm(eigenvalues);
        const scale = norm > 0 ? norm : 1;
        expect(maxAbsDiff(values, eigenvalues), method).toBeLessThanOrEqual(BACKWARD * scale);
        expect(eigenResidual(n, A, values, vectors), method).toBeLessThanOrEqual(BACKWARD * scale);
        expect(orthogonalityError(n, vectors), method).toBeLessThan(ORTHOGONALITY);
      }
    });
  }

  it('handles a Hessian-like spectrum (a bulk of tiny eigenvalues) with either method at n = 200', () => {
    const n = 200;
    const random = mulberry32(8);
    const spectrum = Float64Array.from({ length: n }, (_, i) => (i < 170 ? (random() < 0.5 ? -1 : 1) * 10 ** (-10 + 6 * random()) : 0.1 + 10 * random())).sort();
    const A = withSpectrum(n, spectrum, randomOrthogonal(n, random));
    for (const method of ['inverse-iteration', 'divide-conquer'] as const) {
      const { values, vectors } = symmetricEigen(n, A, { vectors: true, method });
      const norm = spectralNorm(spectrum);
      expect(maxAbsDiff(values, spectrum), method).toBeLessThan(BACKWARD * norm);
      expect(eigenResidual(n, A, values, vectors), method).toBeLessThan(BACKWARD * norm);
      expect(orthogonalityError(n, vectors), method).toBeLessThan(ORTHOGONALITY);
    }
  });

  it('finds the close pair at the top of Wilkinson W21+ (separated by ≈ 7e-14)', () => {
    const entry = catalogue.find((c) => c.name === 'wilkinson-21+')!;
    const { values, vectors } = symmetricEigen(entry.n, entry.A, { vectors: true });
    // LAPACK fixture agrees to a few ulps of ‖A‖ ≈ 10.7.
    expect(Math.abs(values[20] - entry.eigenvalues[20])).toBeLessThan(1e-13);
    expect(Math.abs(values[19] - entry.eigenvalues[19])).toBeLessThan(1e-13);
    // The two vectors of the pair are orthogonal, each an eigenvector to working accuracy.
    let dot = 0;
    for (let i = 0; i < 21; i++) dot += vectors[i * 21 + 19] * vectors[i * 21 + 20];
    expect(Math.abs(dot)).toBeLessThan(ORTHOGONALITY);
  });

  it('sorts a diagonal matrix and returns permutation vectors', () => {
    const diag = [4, -1, 0, 4, 2.5];
    const n = diag.length;
    const A = new Float64Array(n * n);
    diag.forEach((v, i) => (A[i * n + i] = v));
    const { values, vectors } = symmetricEigen(n, A, { vectors: true });
    expect(Array.from(values)).toEqual([-1, 0, 2.5, 4, 4]);
    for (let j = 0; j < n; j++) {
      let ones = 0;
      for (let i = 0; i < n; i++) {
        const v = vectors[i * n + j];
        if (v === 1) ones++;
        else expect(v).toBe(0);
      }
      expect(ones).toBe(1);
    }
  });

  it('counts the zero eigenvalues of a rank-deficient matrix against a relative cutoff', () => {
    const n = 60;
    const random = mulberry32(4);
    const B = new Float64Array(n * 10); // A = B Bᵀ has rank 10
    for (let i = 0; i < B.length; i++) B[i] = random() - 0.5;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < 10; k++) s += B[i * 10 + k] * B[j * 10 + k];
        A[i * n + j] = s;
      }
    }
    const { values } = symmetricEigen(n, A);
    const norm = spectralNorm(values);
    const zeros = values.filter((v) => Math.abs(v) <= 1e-12 * norm).length;
    expect(zeros).toBe(50);
  });

  it('reads only the lower triangle', () => {
    const n = 5;
    const A = randomSymmetric(n, mulberry32(5));
    const lower = A.slice();
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lower[i * n + j] = 1e6;
    expect(symmetricEigen(n, lower).values).toEqual(symmetricEigen(n, A).values);
  });

  it('is invariant under extreme scaling (1e±150)', () => {
    const n = 20;
    const A = randomSymmetric(n, mulberry32(6));
    const base = symmetricEigen(n, A).values;
    for (const s of [1e-150, 1e150]) {
      const scaledValues = symmetricEigen(n, A.map((a) => a * s)).values;
      expect(maxAbsDiff(scaledValues.map((v) => v / s), base)).toBeLessThan(BACKWARD * spectralNorm(base));
    }
  });

  it('handles n = 0 and n = 1, omits vectors unless asked, and rejects bad input', () => {
    expect(symmetricEigen(0, new Float64Array(0)).values.length).toBe(0);
    const one = symmetricEigen(1, Float64Array.of(-3), { vectors: true });
    expect(Array.from(one.values)).toEqual([-3]);
    expect(Array.from(one.vectors)).toEqual([1]);
    expect(symmetricEigen(2, Float64Array.of(1, 0, 0, 1)).vectors).toBeUndefined();
    expect(() => symmetricEigen(2, Float64Array.of(1, 0, NaN, 1))).toThrow(/not finite/);
    expect(() => symmetricEigen(3, new Float64Array(4))).toThrow(RangeError);
  });

  it('returns reproducible signs: the largest entry of each eigenvector is positive', () => {
    const n = 30;
    const { vectors } = symmetricEigen(n, randomSymmetric(n, mulberry32(7)), { vectors: true });
    for (let j = 0; j < n; j++) {
      let best = 0;
      for (let i = 0; i < n; i++) if (Math.abs(vectors[i * n + j]) > Math.abs(best)) best = vectors[i * n + j];
      expect(best).toBeGreaterThan(0);
    }
  });
});
