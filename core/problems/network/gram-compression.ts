/**
 * Exact sample compression for bias-free linear networks with squared-error loss.
 *
 * For a linear network the output is P x with P = W_L ⋯ W₁, and the loss is a quadratic form in
 * the data:  Σ_s ‖P x_s − y_s‖² = Σ_s ‖[P, −I] u_s‖² = tr([P, −I] G [P, −I]ᵀ),  u_s = [x_s; y_s],
 * G = Σ_s u_s u_sᵀ (for an autoencoder y = x, u_s = x_s and the form is ‖(P − I) x_s‖²).
 * Any r vectors q_1 … q_r with Σ_r q_r q_rᵀ = G therefore give the same loss, gradient and
 * Hessian (the same function of θ) when used as "virtual samples" in place of the n real ones.
 * With G = L Lᵀ from a pivoted Cholesky factorisation, the q_r are the columns of L, so r ≤
 * rank G ≤ d₀ + d_L (d₀ for an autoencoder) regardless of n: backpropagation and the R-operator
 * then run on r rows instead of n.
 *
 * Pivoted Cholesky for a positive semidefinite G (Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., SIAM 2002, §10.3, Cholesky with complete pivoting; LAPACK dpstrf):
 * at step k pivot on the largest remaining diagonal entry, stop when it is ≤ D·ε·max diag(G)
 * (the remaining Schur complement is rounding noise). Cost O(n D²) to form G, O(D³) to factor.
 *
 * Rounding: G is a sum of n outer products, so the compressed loss agrees with the sample loss
 * to the rounding of that sum (relative ≈ ε·√n), the same order as the sample-wise sums
 * themselves. The normalisation 1/(d_L·n) keeps the original n (see Mlp's `scale`).
 */
import type { MlpData } from './mlp.ts';

/**
 * Virtual samples equivalent to `data` for a bias-free linear network with squared-error loss
 * (inputs of width d0, targets of width dL, or targets = inputs when `data.targets` is null).
 */
export function compressLinearData(data: MlpData, d0: number, dL: number): MlpData {
  const autoencode = data.targets === null;
  const D = autoencode ? d0 : d0 + dL;
  const n = data.samples;
  const G = new Float64Array(D * D);
  const u = new Float64Array(D);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < d0; i++) u[i] = data.inputs[s * d0 + i];
    if (!autoencode) for (let i = 0; i < dL; i++) u[d0 + i] = data.targets![s * dL + i];
    for (let i = 0; i < D; i++) {
      const ui = u[i];
      const row = i * D;
      for (let j = 0; j <= i; j++) G[row + j] += ui * u[j];
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) G[j * D + i] = G[i * D + j];
  const { L, rank, perm } = pivotedCholesky(D, G);
  const r = Math.max(rank, 1);
  // Virtual sample t is column t of L, un-permuted.
  const inputs = new Float64Array(r * d0);
  const targets = autoencode ? null : new Float64Array(r * dL);
  for (let t = 0; t < rank; t++) {
    for (let i = 0; i < D; i++) {
      const value = L[i * D + t];
      const original = perm[i];
      if (original < d0) inputs[t * d0 + original] = value;
      else targets![t * dL + original - d0] = value;
    }
  }
  return { samples: r, inputs, targets };
}

/**
 * P G Pᵀ ≈ L Lᵀ with L lower triangular (D × D, row-major, columns ≥ rank zero) and P the
 * permutation perm (row i of L belongs to original index perm[i]). G is overwritten.
 */
export function pivotedCholesky(D: number, G: Float64Array): { L: Float64Array; rank: number; perm: Int32Array } {
  const perm = new Int32Array(D);
  for (let i = 0; i < D; i++) perm[i] = i;
  let maxDiag = 0;
  for (let i = 0; i < D; i++) maxDiag = Math.max(maxDiag, G[i * D + i]);
  const tol = D * Number.EPSILON * maxDiag;
  const swap = (a: number, b: number) => {
    if (a === b) return;
    for (let j = 0; j < D; j++) {
      const t = G[a * D + j];
      G[a * D + j] = G[b * D + j];
      G[b * D + j] = t;
    }
    for (let i = 0; i < D; i++) {
      const t = G[i * D + a];
      G[i * D + a] = G[i * D + b];
      G[i * D + b] = t;
    }
    const t = perm[a];
    perm[a] = perm[b];
    perm[b] = t;
  };
  let rank = 0;
  for (let k = 0; k < D; k++) {
    let q = k;
    for (let i = k + 1; i < D; i++) if (G[i * D + i] > G[q * D + q]) q = i;
    if (!(G[q * D + q] > tol)) break;
    swap(k, q);
    const pivot = Math.sqrt(G[k * D + k]);
    G[k * D + k] = pivot;
    for (let i = k + 1; i < D; i++) G[i * D + k] /= pivot;
    for (let i = k + 1; i < D; i++) {
      const lik = G[i * D + k];
      for (let j = k + 1; j <= i; j++) G[i * D + j] -= lik * G[j * D + k];
    }
    for (let i = k + 1; i < D; i++) for (let j = k + 1; j < i; j++) G[j * D + i] = G[i * D + j];
    rank = k + 1;
  }
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j <= Math.min(i, rank - 1); j++) L[i * D + j] = G[i * D + j];
  return { L, rank, perm };
}
