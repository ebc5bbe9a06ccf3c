/**
 * Stochastic Lanczos quadrature (SLQ): the spectral density of a symmetric operator too large to
 * diagonalise, and from it the index (fraction of negative eigenvalues) and traces tr f(A).
 *
 * Lin, Saad & Yang, "Approximating spectral densities of large matrices", SIAM Review 58 (2016)
 * §3.2; Ubaru, Chen & Saad, "Fast estimation of tr(f(A)) via stochastic Lanczos quadrature",
 * SIAM J. Matrix Anal. Appl. 38 (2017), Alg. 1; applied to neural-network Hessians by Ghorbani,
 * Krishnan & Xiao (ICML 2019). For each of `probes` Rademacher vectors v (entries ±1/√n), m steps
 * of Lanczos give T_m; its eigenvalues θ_i are Gauss quadrature nodes and the squared first
 * components τ_i = (e₁ᵀ y_i)² the weights (Golub & Welsch 1969), so vᵀ f(A) v ≈ Σ τ_i f(θ_i)
 * and (1/n) tr f(A) ≈ mean over probes of Σ τ_i f(θ_i). The density estimate smooths the nodes
 * with a Gaussian of width σ; the index estimate is the quadrature of the step f(λ) = [λ < −c].
 *
 * Accuracy: quadrature error ~ one node's weight (≈ 1/m) where the density is continuous at the
 * cutoff, far less across a spectral gap; probe variance ≤ 2/(n·probes) for the index.
 * Reorthogonalisation (default on) keeps T_m faithful, at O(m²n) per probe and m·n storage.
 * Special cases: an early breakdown (β ≈ 0) ends that probe's Lanczos with fewer nodes.
 * Cost: probes·m operator applications.
 */
import type { LinearOperator } from './operator.ts';
import { tridiagonalEigen } from './tridiagonal-ql.ts';

export interface SlqOptions {
  /** Number of random probe vectors (default 10). */
  readonly probes?: number;
  /** Lanczos steps per probe = quadrature nodes (default min(n, 80)). */
  readonly steps?: number;
  /** Uniform [0, 1) generator for the Rademacher probes. */
  readonly random: () => number;
  /** Full reorthogonalisation of each probe's Lanczos basis (default true). */
  readonly reorthogonalize?: boolean;
}

export interface SlqResult {
  readonly n: number;
  readonly probes: number;
  /** Nodes per probe (≤ steps; fewer after a breakdown). */
  readonly counts: Int32Array;
  /** probes × steps, row p holds probe p's nodes θ (first counts[p] entries). */
  readonly nodes: Float64Array;
  /** probes × steps, matching weights τ (each row sums to 1). */
  readonly weights: Float64Array;
  readonly steps: number;
  readonly matvecs: number;
}

export function stochasticLanczosQuadrature(n: number, A: LinearOperator, options: SlqOptions): SlqResult {
  const probes = options.probes ?? 10;
  const steps = Math.min(n, options.steps ?? 80);
  const reorthogonalize = options.reorthogonalize ?? true;
  const { random } = options;
  if (n < 1 || probes < 1 || steps < 1) throw new RangeError('stochasticLanczosQuadrature: need n, probes, steps ≥ 1');
  const nodes = new Float64Array(probes * steps);
  const weights = new Float64Array(probes * steps);
  const counts = new Int32Array(probes);
  const basis = new Float64Array((reorthogonalize ? steps : 2) * n);
  const w = new Float64Array(n);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const scale = 1 / Math.sqrt(n);
  const rows = Array.from({ length: basis.length / n }, (_, j) => basis.subarray(j * n, j * n + n));
  let matvecs = 0;

  for (let p = 0; p < probes; p++) {
    for (let i = 0; i < n; i++) basis[i] = random() < 0.5 ? -scale : scale;
    let count = 0;
    let normEstimate = 0;
    for (let j = 0; j < steps; j++) {
      const row = reorthogonalize ? j * n : (j % 2) * n;
      const prev = reorthogonalize ? (j - 1) * n : ((j + 1) % 2) * n;
      A(rows[row / n], w);
      matvecs++;
      let a = 0;
      for (let i = 0; i < n; i++) a += basis[row + i] * w[i];
      alpha[j] = a;
      count = j + 1;
      const b0 = j > 0 ? beta[j - 1] : 0;
      for (let i = 0; i < n; i++) w[i] -= a * basis[row + i] + (j > 0 ? b0 * basis[prev + i] : 0);
      if (reorthogonalize) {
        for (let pass = 0; pass < 2; pass++) {
          for (let q = 0; q <= j; q++) {
            const r = q * n;
            let s = 0;
            for (let i = 0; i < n; i++) s += basis[r + i] * w[i];
            for (let i = 0; i < n; i++) w[i] -= s * basis[r + i];
          }
        }
      }
      let b = 0;
      for (let i = 0; i < n; i++) b += w[i] * w[i];
      b = Math.sqrt(b);
      normEstimate = Math.max(normEstimate, Math.abs(a) + b + b0);
      if (j + 1 >= steps || b <= 1e-12 * normEstimate) break;
      beta[j] = b;
      const next = reorthogonalize ? (j + 1) * n : ((j + 1) % 2) * n;
      const inv = 1 / b;
      for (let i = 0; i < n; i++) basis[next + i] = w[i] * inv;
    }
    const eig = tridiagonalEigen(count, alpha, beta, { vectors: 'first' });
    counts[p] = count;
    const first = eig.firstComponents!;
    for (let i = 0; i < count; i++) {
      nodes[p * steps + i] = eig.values[i];
      weights[p * steps + i] = first[i] * first[i];
    }
  }
  return { n, probes, counts, nodes, weights, steps, matvecs };
}

/**
 * Estimated fraction of eigenvalues below −cutoff (the index), between −cutoff and cutoff (zero),
 * and above; with the standard error of the negative fraction across probes.
 */
export function slqIndex(
  result: SlqResult,
  cutoff = 0,
): { readonly negative: number; readonly zero: number; readonly positive: number; readonly standardError: number } {
  const { probes, steps, counts, nodes, weights } = result;
  let neg = 0;
  let zero = 0;
  let pos = 0;
  let sq = 0;
  for (let p = 0; p < probes; p++) {
    let np = 0;
    let zp = 0;
    let pp = 0;
    for (let i = 0; i < counts[p]; i++) {
      const theta = nodes[p * steps + i];
      const tau = weights[p * steps + i];
      if (theta < -cutoff) np += tau;
      else if (theta <= cutoff) zp += tau;
      else pp += tau;
    }
    neg += np;
    zero += zp;
    pos += pp;
    sq += np * np;
  }
  const mean = neg / probes;
  const variance = probes > 1 ? Math.max(0, (sq - probes * mean * mean) / (probes - 1)) : 0;
  return { negative: mean, zero: zero / probes, positive: pos / probes, standardError: Math.sqrt(variance / probes) };
}

/** Estimate of tr f(A) = n · mean over probes of Σ τ_i f(θ_i). */
export function slqTrace(result: SlqResult, f: (lambda: number) => number): number {
  const { probes, steps, counts, nodes, weights, n } = result;
  let total = 0;
  for (let p = 0; p < probes; p++) {
    for (let i = 0; i < counts[p]; i++) total += weights[p * steps + i] * f(nodes[p * steps + i]);
  }
  return (n * total) / probes;
}

/**
 * Spectral density on `grid`: φ(t) = mean over probes of Σ τ_i g_σ(t − θ_i), g_σ the normal
 * density of width σ (so φ integrates to ≈ 1; multiply by n for an eigenvalue count density).
 */
export function slqDensity(result: SlqResult, grid: ArrayLike<number>, sigma: number): Float64Array {
  const { probes, steps, counts, nodes, weights } = result;
  const out = new Float64Array(grid.length);
  const norm = 1 / (probes * sigma * Math.sqrt(2 * Math.PI));
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g];
    let s = 0;
    for (let p = 0; p < probes; p++) {
      for (let i = 0; i < counts[p]; i++) {
        const z = (t - nodes[p * steps + i]) / sigma;
        s += weights[p * steps + i] * Math.exp(-0.5 * z * z);
      }
    }
    out[g] = s * norm;
  }
  return out;
}
