/**
 * Thin singular value decomposition A = U diag(σ) Vᵀ of a dense m×n row-major matrix, for jobs
 * like the PCA of a data set, delegated to the `numeric` package (Golub & Reinsch, "Singular
 * value decomposition and least squares solutions", Numer. Math. 14 (1970): Householder
 * bidiagonalisation + implicit QR), which does this well enough; critlab only adapts the layout,
 * handles m < n through Aᵀ, and sorts the singular values in descending order.
 * Special cases: an empty matrix gives empty factors. Cost: O(mn·min(m, n)) in plain JS arrays.
 */
import numeric from 'numeric';

export interface Svd {
  /** r = min(m, n) singular values, descending. */
  readonly values: Float64Array;
  /** m×r row-major, column j is the left singular vector of values[j]. */
  readonly U: Float64Array;
  /** n×r row-major, column j is the right singular vector of values[j]. */
  readonly V: Float64Array;
}

export function svd(m: number, n: number, A: Float64Array): Svd {
  const r = Math.min(m, n);
  if (r === 0) return { values: new Float64Array(0), U: new Float64Array(0), V: new Float64Array(0) };
  const tall = m >= n;
  const rows = tall ? m : n;
  const cols = tall ? n : m;
  const M: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) row[j] = tall ? A[i * n + j] : A[j * n + i];
    M.push(row);
  }
  const { U: Ut, S, V: Vt } = numeric.svd(M); // M (rows×cols) = Ut diag(S) Vtᵀ, Ut rows×cols
  const order = Array.from({ length: r }, (_, j) => j).sort((a, b) => S[b] - S[a]);
  const values = new Float64Array(r);
  const U = new Float64Array(m * r);
  const V = new Float64Array(n * r);
  // For tall A: U = Ut, V = Vt. For wide A (M = Aᵀ): U = Vt, V = Ut.
  const left = tall ? Ut : Vt;
  const right = tall ? Vt : Ut;
  for (let j = 0; j < r; j++) {
    const c = order[j];
    values[j] = S[c];
    for (let i = 0; i < m; i++) U[i * r + j] = left[i][c];
    for (let i = 0; i < n; i++) V[i * r + j] = right[i][c];
  }
  return { values, U, V };
}
