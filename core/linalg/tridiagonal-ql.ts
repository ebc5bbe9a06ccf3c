/**
 * Eigenvalues, and optionally eigenvectors or only their first components, of a symmetric
 * tridiagonal matrix by the implicit QL algorithm with Wilkinson's shift.
 *
 * Bowdler, Martin, Reinsch & Wilkinson, "The QR and QL algorithms for symmetric matrices",
 * Numer. Math. 11 (1968) (EISPACK tql1/tql2); the implicit step is Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 8.3.2 run bottom-up, with the shift from the leading 2×2 block.
 * Deflation when |e_m| ≤ ε·max(|d_m| + |d_{m+1}|, ‖T‖) (EISPACK's test against the running norm;
 * a purely relative test stalls on clusters of zero eigenvalues next to large ones, where e_m
 * cannot drop below the ε‖T‖ rounding noise of the sweeps). Rotations are accumulated into the
 * rows of Zᵀ (row i = eigenvector i), so each rotation touches two contiguous rows; with one
 * column only (`vectors: 'first'`) this gives the first components that Gauss quadrature needs
 * (Golub & Welsch, Math. Comp. 23, 1969) in O(n²).
 *
 * Special cases: n = 0, 1; zero off-diagonals split the matrix. Non-finite input throws.
 * Cost: ≈ 30n² flops for the eigenvalues, + ≈ 3·(rows)·n² per accumulated column set
 * (6n³ for all eigenvectors: fine for the small Lanczos matrices and the divide-and-conquer
 * leaves, too slow for large dense problems, where symmetric-eigen.ts uses inverse iteration or
 * divide and conquer instead).
 */

/** Limit on QL sweeps per eigenvalue (EISPACK uses 30). */
const MAX_SWEEPS = 30;

/**
 * In place: `d` (length n) becomes the eigenvalues, unsorted; `e` (e[i] couples i and i+1;
 * length ≥ n, e[n−1] is scratch) is destroyed. If `Zt` is given it holds `cols` entries per row
 * for n rows and every rotation of rows (i, i+1) is applied to it, so starting from the identity
 * its rows end as the eigenvectors (matching the final order of `d`). Throws when an eigenvalue
 * does not converge.
 */
export function implicitQL(n: number, d: Float64Array, e: Float64Array, Zt?: Float64Array, cols = 0): void {
  if (n <= 1) return;
  const eps = Number.EPSILON;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(d[i]) || (i < n - 1 && !Number.isFinite(e[i]))) {
      throw new Error('implicitQL: the tridiagonal matrix has a non-finite entry');
    }
  }
  if (e.length < n) throw new RangeError('implicitQL: e needs length n (e[n−1] is scratch)');
  const off = e;
  off[n - 1] = 0;
  // ‖T‖-scale for the absolute deflation test (EISPACK tql2's tst1).
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i]) + Math.abs(off[i]));
  const absoluteTolerance = eps * tnorm;
  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const em = Math.abs(off[m]);
        if (em <= absoluteTolerance || em <= eps * (Math.abs(d[m]) + Math.abs(d[m + 1]))) break;
      }
      if (m === l) break;
      if (++sweeps > MAX_SWEEPS) throw new Error(`implicitQL: no convergence for eigenvalue ${l} after ${MAX_SWEEPS} sweeps`);
      // Wilkinson shift from the leading 2×2 block of d[l..m].
      let g = (d[l + 1] - d[l]) / (2 * off[l]);
      let r = hypot(g, 1);
      g = d[m] - d[l] + off[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * off[i];
        const b = c * off[i];
        r = hypot(f, g);
        off[i + 1] = r;
        if (r === 0) {
          // Recover from underflow: split here.
          d[i + 1] -= p;
          off[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (Zt !== undefined && cols > 0) {
          // Columns i, i+1 of Z = rows i, i+1 of Zᵀ.
          const ri = i * cols;
          const rj = ri + cols;
          for (let k = 0; k < cols; k++) {
            const zi = Zt[ri + k];
            const zj = Zt[rj + k];
            Zt[rj + k] = s * zi + c * zj;
            Zt[ri + k] = c * zi - s * zj;
          }
        }
      }
      if (underflow) continue;
      d[l] -= p;
      off[l] = g;
      off[m] = 0;
    }
  }
}

/** √(a² + b²): the plain formula when it cannot over- or underflow, Math.hypot (slow) otherwise. */
function hypot(a: number, b: number): number {
  const s = a * a + b * b;
  return s > 1e-280 && s < 1e280 ? Math.sqrt(s) : Math.hypot(a, b);
}

export interface TridiagonalEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** With vectors: 'all', row-major n×n, column j is the unit eigenvector of values[j]. */
  readonly vectors?: Float64Array;
  /** With vectors: 'first' or 'all': firstComponents[j] = first entry of eigenvector j. */
  readonly firstComponents?: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric tridiagonal matrix with `diagonal` (n) and
 * `offDiagonal` (n − 1; offDiagonal[i] = T[i+1, i]). Inputs are not modified.
 * `vectors`: 'none' (default), 'first' (first components only, O(n²)), 'all'.
 */
export function tridiagonalEigen(
  n: number,
  diagonal: ArrayLike<number>,
  offDiagonal: ArrayLike<number>,
  options: { vectors?: 'none' | 'first' | 'all' } = {},
): TridiagonalEigen {
  const mode = options.vectors ?? 'none';
  const d = Float64Array.from({ length: n }, (_, i) => diagonal[i]);
  const e = new Float64Array(Math.max(n, 1));
  for (let i = 0; i < n - 1; i++) e[i] = offDiagonal[i];
  const cols = mode === 'all' ? n : mode === 'first' ? 1 : 0;
  let Zt: Float64Array | undefined;
  if (cols > 0) {
    Zt = new Float64Array(n * cols);
    if (mode === 'all') for (let i = 0; i < n; i++) Zt[i * n + i] = 1;
    else if (n > 0) Zt[0] = 1;
  }
  implicitQL(n, d, e, Zt, cols);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = d[order[j]];
  if (Zt === undefined) return { values };
  const firstComponents = new Float64Array(n);
  for (let j = 0; j < n; j++) firstComponents[j] = Zt[order[j] * cols];
  if (mode === 'first') return { values, firstComponents };
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j] * n;
    for (let i = 0; i < n; i++) vectors[i * n + j] = Zt[src + i];
  }
  return { values, vectors, firstComponents };
}

/** Indices that sort `values` ascending (stable). */
export function ascendingOrder(values: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a] - values[b] || a - b);
  return order;
}
