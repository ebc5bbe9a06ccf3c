/**
 * Principal component analysis of sample-major data: the eigenvectors of the covariance
 * C = (X − μ)ᵀ(X − μ)/n (k × k) from the symmetric eigensolver (core/linalg/symmetric-eigen.ts;
 * not `numeric.svd`, whose eval-based code cannot load under the app's CSP). Components are
 * ordered by decreasing variance; each is signed so that its largest-magnitude entry is
 * positive (a deterministic choice). Cost O(n k²) for C plus O(k³) for the eigenvectors.
 */
import { symmetricEigen } from '../../linalg/symmetric-eigen.ts';
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
  const C = new Float64Array(k * k);
  const row = new Float64Array(k);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < k; j++) row[j] = X[s * k + j] - mean[j];
    for (let i = 0; i < k; i++) {
      const ri = row[i];
      if (ri === 0) continue;
      for (let j = 0; j <= i; j++) C[i * k + j] += ri * row[j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      C[i * k + j] /= n;
      C[j * k + i] = C[i * k + j];
    }
  }
  // Eigenvalues ascending, eigenvectors as columns of V: the largest variance is the last.
  const { values, vectors: V } = symmetricEigen(k, C, { vectors: true });
  const basis = new Float64Array(components * k);
  const variances = new Float64Array(components);
  for (let c = 0; c < components; c++) {
    const col = k - 1 - c;
    let big = 0;
    for (let i = 0; i < k; i++) if (Math.abs(V[i * k + col]) > Math.abs(big)) big = V[i * k + col];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < k; i++) basis[c * k + i] = sign * V[i * k + col];
    variances[c] = Math.max(0, values[col]);
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
