/**
 * Eigenvectors of an unreduced symmetric tridiagonal matrix T for known eigenvalues, by inverse
 * iteration with reorthogonalisation inside clusters.
 *
 * Peters & Wilkinson, "The calculation of specified eigenvectors by inverse iteration",
 * Handbook for Automatic Computation II/18 (1971); Golub & Van Loan, 4th ed., §8.2.2 and §8.4.4;
 * the strategy is LAPACK's dstein (Dhillon's analysis: "Current inverse iteration software can
 * fail", BIT 38, 1998, explains its limits): for each eigenvalue λ (ascending) factor
 * T − λI = PLU with partial pivoting (U has two superdiagonals, as in dlagtf), solve from a
 * random start scaled so that tiny pivots (replaced by ±ε‖T‖₁) cannot overflow, and repeat until
 * ‖x‖∞ ≥ √(0.1/n) after the solve, then two extra solves. Eigenvalues closer than
 * 10ε|λ| to the previous one are nudged apart; a vector whose eigenvalue lies within
 * 10⁻³‖T‖₁ of the previous one belongs to the same cluster and is orthogonalised against the
 * cluster's earlier vectors by modified Gram–Schmidt after every solve.
 *
 * Accuracy: residual ‖Tx − λx‖ = O(ε‖T‖) for each vector; orthogonality O(ε‖T‖/gap) between
 * clusters and O(ε) inside one. Callers split T where the off-diagonal is negligible first, so
 * exactly repeated eigenvalues (which split T) never share a block.
 * Cost: O(n) per solve, ≈ 3–7 solves per vector; plus O(c²n) Gram–Schmidt in a cluster of c.
 */

const MAX_ITERATIONS = 5;
const EXTRA_ITERATIONS = 2;

/**
 * Vector j (for values[j], ascending) of the tridiagonal block with diagonal d (length m = d.length)
 * and off-diagonal e (length ≥ m − 1) is written to out[outOffset + j·outStride + i], i < m,
 * normalised with its largest-magnitude entry positive. Returns the number of vectors that did
 * not meet the growth test within the iteration limit (they are still returned).
 */
export function tridiagonalInverseIteration(
  d: Float64Array,
  e: Float64Array,
  values: ArrayLike<number>,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): number {
  const m = d.length;
  const count = values.length;
  if (m === 0 || count === 0) return 0;
  if (m === 1) {
    for (let j = 0; j < count; j++) out[outOffset + j * outStride] = 1;
    return 0;
  }
  const eps = Number.EPSILON;
  // ‖T‖₁ (= ‖T‖∞), the reorthogonalisation and pivot tolerances, and the growth threshold.
  let oneNorm = Math.max(Math.abs(d[0]) + Math.abs(e[0]), Math.abs(d[m - 1]) + Math.abs(e[m - 2]));
  for (let i = 1; i < m - 1; i++) oneNorm = Math.max(oneNorm, Math.abs(d[i]) + Math.abs(e[i - 1]) + Math.abs(e[i]));
  const orthogonalityTolerance = 1e-3 * oneNorm;
  const pivotTolerance = eps * oneNorm || eps;
  const growthThreshold = Math.sqrt(0.1 / m);

  // LU factors: a = diagonal of U, b = first superdiagonal, c = multipliers, dd = second
  // superdiagonal, swapped[k] = rows k and k+1 were interchanged.
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  const c = new Float64Array(m);
  const dd = new Float64Array(m);
  const swapped = new Uint8Array(m);
  const x = new Float64Array(m);

  let seed = 0x9e3779b9 | 0; // deterministic start vectors (LAPACK also uses a fixed seed)
  const uniform = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  let failures = 0;
  let clusterStart = 0;
  let previous = 0;
  for (let j = 0; j < count; j++) {
    let lambda = values[j];
    if (j > 0) {
      const separation = 10 * eps * Math.abs(lambda) || pivotTolerance;
      if (lambda - previous < separation) lambda = previous + separation;
      if (Math.abs(lambda - previous) > orthogonalityTolerance) clusterStart = j;
    }

    factor(m, d, e, lambda, a, b, c, dd, swapped);
    for (let i = 0; i < m; i++) x[i] = 2 * uniform() - 1;

    let iterations = 0;
    let extra = 0;
    let converged = false;
    while (iterations < MAX_ITERATIONS + EXTRA_ITERATIONS) {
      iterations++;
      // Scale the right-hand side so the solution's size measures the growth.
      const xmax = maxAbs(m, x);
      const scale = (m * oneNorm * Math.max(eps, Math.abs(a[m - 1]))) / xmax;
      for (let i = 0; i < m; i++) x[i] *= scale;
      solve(m, a, b, c, dd, swapped, x, pivotTolerance);
      // Modified Gram–Schmidt against the earlier vectors of this cluster.
      for (let q = clusterStart; q < j; q++) {
        const row = outOffset + q * outStride;
        let s = 0;
        for (let i = 0; i < m; i++) s += x[i] * out[row + i];
        for (let i = 0; i < m; i++) x[i] -= s * out[row + i];
      }
      const size = maxAbs(m, x);
      if (!Number.isFinite(size) || size === 0) {
        // Breakdown (should not happen): restart from a fresh random vector.
        for (let i = 0; i < m; i++) x[i] = 2 * uniform() - 1;
        continue;
      }
      if (size < growthThreshold) {
        if (iterations >= MAX_ITERATIONS && extra === 0) break;
        continue;
      }
      extra++;
      if (extra > EXTRA_ITERATIONS) {
        converged = true;
        break;
      }
    }
    if (!converged) failures++;

    // Normalise; largest entry positive.
    let norm = 0;
    let big = 0;
    let bigIndex = 0;
    for (let i = 0; i < m; i++) {
      norm += x[i] * x[i];
      if (Math.abs(x[i]) > big) {
        big = Math.abs(x[i]);
        bigIndex = i;
      }
    }
    let inv = 1 / Math.sqrt(norm);
    if (x[bigIndex] < 0) inv = -inv;
    const row = outOffset + j * outStride;
    for (let i = 0; i < m; i++) out[row + i] = x[i] * inv;
    previous = lambda;
  }
  return failures;
}

function maxAbs(m: number, x: Float64Array): number {
  let big = 0;
  for (let i = 0; i < m; i++) {
    const v = Math.abs(x[i]);
    if (v > big || v !== v) big = v;
  }
  return big;
}

/** T − λI = P L U with partial pivoting (LAPACK dlagtf without its scaled pivot test). */
function factor(
  m: number,
  d: Float64Array,
  e: Float64Array,
  lambda: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  dd: Float64Array,
  swapped: Uint8Array,
): void {
  for (let i = 0; i < m; i++) a[i] = d[i] - lambda;
  for (let i = 0; i < m - 1; i++) {
    b[i] = e[i];
    c[i] = e[i];
  }
  b[m - 1] = 0;
  for (let k = 0; k < m - 1; k++) {
    dd[k] = 0;
    if (Math.abs(a[k]) >= Math.abs(c[k])) {
      swapped[k] = 0;
      const mult = a[k] === 0 ? 0 : c[k] / a[k];
      c[k] = mult;
      a[k + 1] -= mult * b[k];
    } else {
      swapped[k] = 1;
      const mult = a[k] / c[k];
      a[k] = c[k];
      const t = a[k + 1];
      a[k + 1] = b[k] - mult * t;
      if (k < m - 2) {
        dd[k] = b[k + 1];
        b[k + 1] = -mult * dd[k];
      }
      b[k] = t;
      c[k] = mult;
    }
  }
}

/** Solves (PLU) x = y in place, replacing pivots smaller than `tolerance` by ±tolerance. */
function solve(
  m: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  dd: Float64Array,
  swapped: Uint8Array,
  y: Float64Array,
  tolerance: number,
): void {
  for (let k = 1; k < m; k++) {
    if (swapped[k - 1] === 0) {
      y[k] -= c[k - 1] * y[k - 1];
    } else {
      const t = y[k - 1];
      y[k - 1] = y[k];
      y[k] = t - c[k - 1] * y[k];
    }
  }
  for (let k = m - 1; k >= 0; k--) {
    let t = y[k];
    if (k <= m - 2) t -= b[k] * y[k + 1];
    if (k <= m - 3) t -= dd[k] * y[k + 2];
    let ak = a[k];
    if (Math.abs(ak) < tolerance) ak = ak < 0 ? -tolerance : tolerance;
    y[k] = t / ak;
  }
}
