/**
 * Per-feature standardisation of sample-major data with the statistics of the first n
 * (training) rows, applied to all `total` rows (training then test), so held-out samples never
 * inform the transform.
 */

/**
 * Standardises each feature with the mean and (population) standard deviation of the first n
 * rows, applied to all `total` rows; a constant feature is centred only.
 */
export function zScore(n: number, total: number, k: number, X: Float64Array): void {
  for (let j = 0; j < k; j++) {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += X[s * k + j];
    mean /= n;
    let variance = 0;
    for (let s = 0; s < n; s++) {
      const d = X[s * k + j] - mean;
      variance += d * d;
    }
    const sd = Math.sqrt(variance / n);
    const inv = sd > 0 ? 1 / sd : 1;
    for (let s = 0; s < total; s++) X[s * k + j] = (X[s * k + j] - mean) * inv;
  }
}

/** Subtracts each feature's training mean from all rows. */
export function center(n: number, total: number, k: number, X: Float64Array): void {
  for (let j = 0; j < k; j++) {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += X[s * k + j];
    mean /= n;
    for (let s = 0; s < total; s++) X[s * k + j] -= mean;
  }
}
