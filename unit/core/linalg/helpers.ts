/**
 * Test helpers for core/linalg: a seeded generator and reference computations written with
 * plain loops, independent of the kernels under test.
 */

/** mulberry32: a tiny seeded uniform [0, 1) generator (tests only; core/random has the real one). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box–Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function randomVector(n: number, random: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => gaussian(random));
}

/** Symmetric n×n with independent N(0, 1) entries on and below the diagonal. */
export function randomSymmetric(n: number, random: () => number): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const t = gaussian(random);
      A[i * n + j] = t;
      A[j * n + i] = t;
    }
  }
  return A;
}

/** Random orthogonal n×n (row-major) by modified Gram–Schmidt, applied twice, on Gaussian columns. */
export function randomOrthogonal(n: number, random: () => number): Float64Array {
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) Q[i] = gaussian(random);
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < j; q++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Q[i * n + q] * Q[i * n + j];
        for (let i = 0; i < n; i++) Q[i * n + j] -= s * Q[i * n + q];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += Q[i * n + j] ** 2;
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) Q[i * n + j] /= s;
  }
  return Q;
}

/** Q diag(λ) Qᵀ with plain loops (exactly symmetric). */
export function withSpectrum(n: number, values: ArrayLike<number>, Q: Float64Array): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * values[k] * Q[j * n + k];
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  return A;
}

/** y = A x for A m×n row-major. */
export function matVec(m: number, n: number, A: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** C = A B (A m×k, B k×n) with plain loops. */
export function matMul(m: number, k: number, n: number, A: ArrayLike<number>, B: ArrayLike<number>): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const a = A[i * k + p];
      for (let j = 0; j < n; j++) C[i * n + j] += a * B[p * n + j];
    }
  }
  return C;
}

export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** ‖A‖₂ of a symmetric matrix from its known eigenvalues. */
export function spectralNorm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s = Math.max(s, Math.abs(values[i]));
  return s;
}

/** max_j ‖A v_j − λ_j v_j‖ for the columns of V (n×k row-major). */
export function eigenResidual(n: number, A: ArrayLike<number>, values: ArrayLike<number>, V: ArrayLike<number>, k = values.length): number {
  let worst = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let r = -values[j] * V[i * k + j];
      for (let q = 0; q < n; q++) r += A[i * n + q] * V[q * k + j];
      s += r * r;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

/** max |VᵀV − I| over the entries, for V n×k row-major. */
export function orthogonalityError(n: number, V: ArrayLike<number>, k = n): number {
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += V[i * k + a] * V[i * k + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * Pseudo-inverse solution A⁺b from a known eigendecomposition A = Q diag(λ) Qᵀ, treating
 * |λ| ≤ cutoff as zero: x = Σ_{λ≠0} (q_iᵀb / λ_i) q_i.
 */
export function pseudoInverseSolve(n: number, values: ArrayLike<number>, Q: Float64Array, b: ArrayLike<number>, cutoff = 0): Float64Array {
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (Math.abs(values[k]) <= cutoff) continue;
    let c = 0;
    for (let i = 0; i < n; i++) c += Q[i * n + k] * b[i];
    c /= values[k];
    for (let i = 0; i < n; i++) x[i] += c * Q[i * n + k];
  }
  return x;
}

/** Component of b in the span of the columns of Q with |λ| ≤ cutoff (the null space). */
export function nullComponent(n: number, values: ArrayLike<number>, Q: Float64Array, b: ArrayLike<number>, cutoff = 0): Float64Array {
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (Math.abs(values[k]) > cutoff) continue;
    let c = 0;
    for (let i = 0; i < n; i++) c += Q[i * n + k] * b[i];
    for (let i = 0; i < n; i++) x[i] += c * Q[i * n + k];
  }
  return x;
}
