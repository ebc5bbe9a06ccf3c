/**
 * Analytic critical points of the one-hidden-layer linear autoencoder
 *   L(W₁, W₂) = ‖X − W₂W₁X‖²_F / (k n),   W₁ ∈ ℝ^{p×k}, W₂ ∈ ℝ^{k×p}, no biases,
 * for centred data X (k × n) with covariance S = XXᵀ/n = U diag(λ) Uᵀ, λ₁ > … > λ_k
 * (Baldi & Hornik 1989, "Neural networks and principal component analysis", Theorem 1 and
 * Fact 4; DESIGN.md §4). Critical points are exactly the factorisations with W₂W₁ = U_I U_Iᵀ
 * for a set I of |I| = m ≤ p eigenvector indices: Σ_{m≤p} C(k, m) classes. For each class:
 * - loss (Σ_i λ_i − Σ_{i∈I} λ_i) / k;
 * - negative Hessian eigenvalues #{(i ∈ I, j ∉ I) : λ_j > λ_i} + (p − m)(k − m);
 * - zero eigenvalues m(2p − m) (the GL(p) symmetry W₁ → CW₁, W₂ → W₂C⁻¹ and, for m < p, the
 *   unused hidden units); the rest positive; index = #negative / (2kp).
 * The top-p set is the global minimum; every other class is a saddle.
 * Indices in `subset` are 0-based positions in descending eigenvalue order (0 = largest λ).
 * Cost: Σ_{m≤p} C(k, m) classes, each O(k) to count.
 */

export interface LinearAeClass {
  /** Eigenvector indices in I, ascending (0 = largest eigenvalue). */
  readonly subset: number[];
  readonly loss: number;
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  readonly index: number;
}

/** Number of classes Σ_{m≤p} C(k, m). */
export function linearAeClassCount(k: number, p: number): number {
  let total = 0;
  let c = 1;
  for (let m = 0; m <= Math.min(p, k); m++) {
    total += c;
    c = (c * (k - m)) / (m + 1);
  }
  return total;
}

/** Above this many classes enumeration is refused (the list itself would not fit a report). */
export const MAX_LINEAR_AE_CLASSES = 2_000_000;

/**
 * Every critical class, for eigenvalues `lambda` of S in descending order (length k) and hidden
 * width p ≤ k. Ordered by subset size, then lexicographically.
 */
export function linearAeClasses(lambda: ArrayLike<number>, p: number): LinearAeClass[] {
  const k = lambda.length;
  if (!Number.isInteger(p) || p < 1 || p > k) throw new Error(`hidden width p must be an integer in [1, k = ${k}] (got ${p})`);
  for (let i = 1; i < k; i++) {
    if (!(lambda[i - 1] > lambda[i])) throw new Error('the analytic critical points need distinct eigenvalues, given in descending order');
  }
  const count = linearAeClassCount(k, p);
  if (count > MAX_LINEAR_AE_CLASSES) throw new Error(`k = ${k}, p = ${p} has ${count} critical classes, more than ${MAX_LINEAR_AE_CLASSES} can be listed`);
  let total = 0;
  for (let i = 0; i < k; i++) total += lambda[i];
  const n = 2 * k * p;
  const out: LinearAeClass[] = [];
  const subset: number[] = [];
  const visit = (m: number, from: number) => {
    if (subset.length === m) {
      out.push(classOf(lambda, subset, p, total, n));
      return;
    }
    for (let i = from; i <= k - (m - subset.length); i++) {
      subset.push(i);
      visit(m, i + 1);
      subset.pop();
    }
  };
  for (let m = 0; m <= p; m++) visit(m, 0);
  return out;
}

function classOf(lambda: ArrayLike<number>, subset: readonly number[], p: number, total: number, n: number): LinearAeClass {
  const k = lambda.length;
  const m = subset.length;
  const inI = new Uint8Array(k);
  let kept = 0;
  for (const i of subset) {
    inI[i] = 1;
    kept += lambda[i];
  }
  // With λ descending, λ_j > λ_i ⇔ j < i: count pairs (i ∈ I, j ∉ I, j < i).
  let swaps = 0;
  let outsideBefore = 0;
  for (let j = 0; j < k; j++) {
    if (inI[j]) swaps += outsideBefore;
    else outsideBefore++;
  }
  const negative = swaps + (p - m) * (k - m);
  const zero = m * (2 * p - m);
  return { subset: [...subset], loss: (total - kept) / k, negative, zero, positive: n - negative - zero, index: negative / n };
}
