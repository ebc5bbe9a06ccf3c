/**
 * Gaussian data with a prescribed covariance spectrum, for autoencoders (DESIGN.md §4: the
 * linear-autoencoder ground truth; covariance ≈ diag(1 … 16), 10,000 samples).
 *
 * Sample s is x_s = U Λ^{1/2} z_s with z_s ~ N(0, I) from the seeded generator, Λ = diag(spectrum)
 * in the order given, and U = I or (with `rotate`) a Haar-random orthogonal matrix (QR of a
 * Gaussian matrix with the signs of R's diagonal made positive: Mezzadri, "How to generate
 * random matrices from the classical compact groups", Notices AMS 54(5), 2007). The training
 * samples are centred by their mean; the test samples by the same (training) mean.
 *
 * With `exact`, the centred training z are whitened (Z ← Z L⁻ᵀ with ZᵀZ/n = L Lᵀ, Cholesky), so
 * the training covariance S = XᵀX/n (DESIGN.md's XXᵀ/n) is exactly U Λ Uᵀ to rounding: its
 * eigenvalues are the spectrum and its eigenvectors the columns of U. The same transform is
 * applied to the test samples. Without it the sample covariance only approximates U Λ Uᵀ.
 */
import { Rng } from '../../random/rng.ts';
import { columnMeans, DataError, type DataSet } from './data-set.ts';
import { DATA_STREAMS, testCount } from './split.ts';

export interface GaussianDataOptions {
  readonly samples: number;
  /** Covariance eigenvalues (≥ 0); the data have spectrum.length features. */
  readonly spectrum: readonly number[];
  readonly seed: number;
  readonly rotate?: boolean;
  readonly exact?: boolean;
  /** Held-out samples: a count, or a fraction of `samples` (see ./split.ts). */
  readonly test?: number;
}

/** Haar-random k × k orthogonal matrix (row-major) by modified Gram–Schmidt QR. */
export function randomOrthogonal(k: number, rng: Rng): Float64Array {
  // Columns q_j of Q from the columns of a Gaussian matrix, re-orthogonalised twice for accuracy.
  const G = rng.fillNormal(new Float64Array(k * k));
  const Q = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) Q[i * k + j] = G[i * k + j];
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < k; i++) dot += Q[i * k + p] * Q[i * k + j];
        for (let i = 0; i < k; i++) Q[i * k + j] -= dot * Q[i * k + p];
      }
    }
    let norm = 0;
    for (let i = 0; i < k; i++) norm += Q[i * k + j] * Q[i * k + j];
    norm = Math.sqrt(norm);
    // Sign of R's diagonal entry: R_jj = q_jᵀ g_j, made positive.
    let rjj = 0;
    for (let i = 0; i < k; i++) rjj += Q[i * k + j] * G[i * k + j];
    const scale = (rjj < 0 ? -1 : 1) / norm;
    for (let i = 0; i < k; i++) Q[i * k + j] *= scale;
  }
  return Q;
}

export function gaussianDataSet(options: GaussianDataOptions): DataSet {
  const { samples: n, spectrum, seed } = options;
  const k = spectrum.length;
  if (k < 1) throw new DataError('gaussian data: the spectrum needs at least one eigenvalue');
  for (const [i, lambda] of spectrum.entries()) {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new DataError(`gaussian data: spectrum[${i}] must be a finite number ≥ 0, got ${lambda}`);
  }
  if (!Number.isInteger(n) || n < 1) throw new DataError(`gaussian data: samples must be a positive integer, got ${n}`);
  if (options.exact && n <= k) throw new DataError(`gaussian data: exact covariance needs more samples than features (${n} ≤ ${k})`);
  const nTest = testCount(options.test ?? 0, n);
  const rng = new Rng(seed, DATA_STREAMS.generate);
  const Z = rng.fillNormal(new Float64Array((n + nTest) * k));
  const mean = columnMeans(n, k, Z);
  for (let s = 0; s < n + nTest; s++) for (let j = 0; j < k; j++) Z[s * k + j] -= mean[j];
  if (options.exact) whiten(n, n + nTest, k, Z);
  // x = U Λ^{1/2} z, i.e. row x_sᵀ = (z_s ⊙ √λ)ᵀ Uᵀ.
  const root = spectrum.map(Math.sqrt);
  const U = options.rotate ? randomOrthogonal(k, new Rng(seed, DATA_STREAMS.rotate)) : null;
  const X = new Float64Array((n + nTest) * k);
  const w = new Float64Array(k);
  for (let s = 0; s < n + nTest; s++) {
    for (let j = 0; j < k; j++) w[j] = Z[s * k + j] * root[j];
    if (!U) {
      X.set(w, s * k);
      continue;
    }
    for (let i = 0; i < k; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += U[i * k + j] * w[j];
      X[s * k + i] = sum;
    }
  }
  const spectrumText = k <= 6 ? spectrum.join(', ') : `${spectrum.slice(0, 3).join(', ')}, …, ${spectrum[k - 1]}`;
  return {
    description: `Gaussian data, ${n} samples, spectrum [${spectrumText}]${options.rotate ? ', rotated' : ''}${options.exact ? ', exact covariance' : ''}, seed ${seed}`,
    task: 'autoencode',
    inputDim: k,
    targetDim: k,
    train: { count: n, inputs: X.slice(0, n * k), targets: null },
    test: nTest > 0 ? { count: nTest, inputs: X.slice(n * k), targets: null } : null,
  };
}

/** Rows 0 … total−1 of Z ← Z L⁻ᵀ where the first n rows have ZᵀZ/n = L Lᵀ. */
function whiten(n: number, total: number, k: number, Z: Float64Array): void {
  const C = new Float64Array(k * k);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < k; i++) {
      const zi = Z[s * k + i];
      for (let j = 0; j <= i; j++) C[i * k + j] += zi * Z[s * k + j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) C[i * k + j] /= n;
  // Cholesky C = L Lᵀ (lower, in place).
  for (let j = 0; j < k; j++) {
    let d = C[j * k + j];
    for (let p = 0; p < j; p++) d -= C[j * k + p] * C[j * k + p];
    if (!(d > 0)) throw new DataError('gaussian data: the sample covariance is singular; use more samples');
    const ljj = Math.sqrt(d);
    C[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let v = C[i * k + j];
      for (let p = 0; p < j; p++) v -= C[i * k + p] * C[j * k + p];
      C[i * k + j] = v / ljj;
    }
  }
  // Each row zᵀ ← zᵀ L⁻ᵀ, i.e. z ← L⁻¹ z (forward substitution).
  for (let s = 0; s < total; s++) {
    const o = s * k;
    for (let i = 0; i < k; i++) {
      let v = Z[o + i];
      for (let p = 0; p < i; p++) v -= C[i * k + p] * Z[o + p];
      Z[o + i] = v / C[i * k + i];
    }
  }
}
