/**
 * LU factorisation with partial pivoting of a dense row-major n×n matrix, and the solve that
 * uses it (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1 and §3.4.4).
 * Used by plain Newton on small problems. Returns false when a pivot falls below
 * `tiny` · max|A| (numerically singular); the factors are then unusable.
 * Cost: (2/3)n³ to factor, 2n² per solve. Overwrites `a` with L\U and `pivots` with the rows.
 */
export function luFactor(n: number, a: Float64Array, pivots: Int32Array, tiny = 1e-14): boolean {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0 || !Number.isFinite(scale)) return false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (best <= tiny * scale) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
    }
    const akk = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const lik = a[i * n + k] / akk;
      a[i * n + k] = lik;
      if (lik === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= lik * a[k * n + j];
    }
  }
  return true;
}

/** Solves A x = b in place (b becomes x) with the factors from `luFactor`. */
export function luSolve(n: number, lu: Float64Array, pivots: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * b[j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * b[j];
    b[i] = s / lu[i * n + i];
  }
}
