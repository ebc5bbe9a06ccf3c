/**
 * Principal component analysis of sample-major data: the eigenvectors of the covariance
 * C = (X − μ)ᵀ(X − μ)/n (k × k) from `numeric.svd` (C is symmetric positive semidefinite, so its
 * singular vectors are its eigenvectors and singular values its eigenvalues). Components are
 * ordered by decreasing variance; each is signed so that its largest-magnitude entry is
 * positive (a deterministic choice). Cost O(n k²) for C plus the SVD (≈1 s at k = 400).
 */
import numeric from 'numeric';
import { columnMeans, DataError } from './data-set.ts';

export interface PcaFit {
  readonly inputDim: number;
  readonly components: number;
  readonly mean: Float64Array;
  /** components × inputDim, row c = component c (unit vector). */
  readonly basis: Float64Array;
  /** Variance along each component, descending. */
  readonly variances: Float64Array;
}

export function pcaFit(n: number, k: number, X: Float64Array, components: number): PcaFit {
  if (!Number.isInteger(components) || components < 1 || components > k) {
    throw new DataError(`pca: components must be an integer from 1 to ${k}, got ${components}`);
  }
  const mean = columnMeans(n, k, X);
  const C: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const row = new Float64Array(k);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < k; j++) row[j] = X[s * k + j] - mean[j];
    for (let i = 0; i < k; i++) {
      const ri = row[i];
      if (ri === 0) continue;
      const Ci = C[i];
      for (let j = 0; j <= i; j++) Ci[j] += ri * row[j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      C[i][j] /= n;
      C[j][i] = C[i][j];
    }
  }
  const { U, S } = numeric.svd(C);
  const order = S.map((_, i) => i).sort((a, b) => S[b] - S[a] || a - b);
  const basis = new Float64Array(components * k);
  const variances = new Float64Array(components);
  for (let c = 0; c < components; c++) {
    const col = order[c];
    let big = 0;
    for (let i = 0; i < k; i++) if (Math.abs(U[i][col]) > Math.abs(big)) big = U[i][col];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < k; i++) basis[c * k + i] = sign * U[i][col];
    variances[c] = S[col];
  }
  return { inputDim: k, components, mean, basis, variances };
}

/** Projections (X − μ) Bᵀ of n samples: n × components, sample-major. */
export function pcaProject(fit: PcaFit, n: number, X: Float64Array): Float64Array {
  const { inputDim: k, components: c, mean, basis } = fit;
  const out = new Float64Array(n * c);
  const row = new Float64Array(k);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < k; j++) row[j] = X[s * k + j] - mean[j];
    for (let p = 0; p < c; p++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += basis[p * k + j] * row[j];
      out[s * c + p] = sum;
    }
  }
  return out;
}
