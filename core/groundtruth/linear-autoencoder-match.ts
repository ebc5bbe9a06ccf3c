/**
 * Ground truth for a trained one-hidden-layer linear autoencoder (DESIGN.md §4): the data's
 * second-moment spectrum S = XXᵀ/n = U diag(λ) Uᵀ (the loss ‖X − W₂W₁X‖²_F/(kn) depends on the
 * data only through S), a representative θ for each analytic class, the class a found θ belongs
 * to, and the rebalancing of a found factorisation before its spectrum is counted.
 *
 * Matching uses the invariant of the GL(p) symmetry, the product P = W₂W₁ (k × k): at a critical
 * point P = U_I U_Iᵀ, so I = {i : u_iᵀ P u_i > ½} and the match holds when ‖P − U_I U_Iᵀ‖_F is
 * small. Rebalancing: every critical point of class I is W₁ = A U_Iᵀ, W₂ = U_I B with BA = I_m
 * (stationarity forces rows of W₁ and columns of W₂ into span U_I), so with C⁻¹ = [A, N]
 * (N a basis of null B) the symmetry W₁ → CW₁, W₂ → W₂C⁻¹ maps it exactly to the balanced
 * representative [U_Iᵀ; 0], [U_I, 0]. The Hessian transforms by congruence under this linear
 * reparametrisation, so the counts are unchanged (Sylvester's law of inertia) while badly scaled
 * directions are restored to their true magnitudes.
 * Parameter layout (core/problems/network/mlp.ts): θ = [W₁ (p × k, row-major), W₂ (k × p)].
 */
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { luFactor, luSolve } from '../linalg/lu.ts';
import { linearAeClasses, type LinearAeClass } from './linear-autoencoder.ts';

export interface LinearAeTruth {
  readonly k: number;
  readonly p: number;
  /** Eigenvalues of S, descending. */
  readonly lambda: Float64Array;
  /** Eigenvectors of S as columns of a row-major k × k matrix, column i ↔ lambda[i]. */
  readonly U: Float64Array;
  readonly classes: LinearAeClass[];
}

/** S = XᵀX/n for sample-major inputs (n × k), its spectrum (descending) and the classes. */
export function linearAeTruth(samples: number, k: number, inputs: Float64Array, p: number): LinearAeTruth {
  const S = new Float64Array(k * k);
  for (let s = 0; s < samples; s++) {
    const row = s * k;
    for (let i = 0; i < k; i++) {
      const xi = inputs[row + i];
      if (xi === 0) continue;
      for (let j = i; j < k; j++) S[i * k + j] += xi * inputs[row + j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      S[i * k + j] /= samples;
      S[j * k + i] = S[i * k + j];
    }
  }
  const { values, vectors } = symmetricEigen(k, S, { vectors: true });
  const lambda = new Float64Array(k);
  const U = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const src = k - 1 - c; // ascending → descending
    lambda[c] = values[src];
    for (let r = 0; r < k; r++) U[r * k + c] = vectors[r * k + src];
  }
  return { k, p, lambda, U, classes: linearAeClasses(lambda, p) };
}

/** θ of the balanced representative of a class: W₁ = [U_Iᵀ; 0], W₂ = [U_I, 0]. */
export function linearAeRepresentative(truth: LinearAeTruth, subset: readonly number[]): Float64Array {
  const { k, p, U } = truth;
  const theta = new Float64Array(2 * k * p);
  const w2 = p * k;
  subset.forEach((i, r) => {
    for (let j = 0; j < k; j++) {
      theta[r * k + j] = U[j * k + i]; // W₁[r, j] = u_i[j]
      theta[w2 + j * p + r] = U[j * k + i]; // W₂[j, r] = u_i[j]
    }
  });
  return theta;
}

/** P = W₂W₁ (k × k, row-major). */
export function linearAeProduct(k: number, p: number, theta: ArrayLike<number>): Float64Array {
  const P = new Float64Array(k * k);
  const w2 = p * k;
  for (let i = 0; i < k; i++) {
    for (let r = 0; r < p; r++) {
      const a = theta[w2 + i * p + r];
      if (a === 0) continue;
      for (let j = 0; j < k; j++) P[i * k + j] += a * theta[r * k + j];
    }
  }
  return P;
}

export interface LinearAeMatch {
  readonly class: LinearAeClass;
  /** ‖W₂W₁ − U_I U_Iᵀ‖_F: how far the point is from the class's product. */
  readonly productError: number;
}

/**
 * The analytic class of θ, or null when W₂W₁ is not within `tolerance` (Frobenius) of any
 * projector U_I U_Iᵀ with |I| ≤ p (θ is then not a critical point of this loss).
 */
export function matchLinearAeClass(truth: LinearAeTruth, theta: ArrayLike<number>, tolerance = 1e-6): LinearAeMatch | null {
  return matchProjector(truth, linearAeProduct(truth.k, truth.p, theta), tolerance);
}

/**
 * The class whose projector U_I U_Iᵀ the end-to-end map P (k × k) equals, within `tolerance`
 * (Frobenius); for deep linear autoencoders P = W_L ⋯ W₁ and |I| ≤ the narrowest width.
 */
export function matchProjector(truth: LinearAeTruth, P: Float64Array, tolerance = 1e-6): LinearAeMatch | null {
  const { k, p, U } = truth;
  const subset: number[] = [];
  const u = new Float64Array(k);
  const Pu = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let r = 0; r < k; r++) u[r] = U[r * k + i];
    let c = 0;
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += P[r * k + j] * u[j];
      Pu[r] = s;
      c += u[r] * s;
    }
    if (c > 0.5) subset.push(i);
  }
  if (subset.length > p) return null;
  let err = 0;
  for (let r = 0; r < k; r++) {
    for (let j = 0; j < k; j++) {
      let proj = 0;
      for (const i of subset) proj += U[r * k + i] * U[j * k + i];
      const d = P[r * k + j] - proj;
      err += d * d;
    }
  }
  const productError = Math.sqrt(err);
  if (!(productError <= tolerance)) return null;
  const key = subset.join(',');
  const cls = truth.classes.find((c) => c.subset.length === subset.length && c.subset.join(',') === key);
  return cls ? { class: cls, productError } : null;
}

/**
 * The found factorisation moved along its GL(p) orbit to the balanced representative of its
 * class (see the file comment). Returns null when the factors are too degenerate to invert
 * [A, N] (θ is then not a clean critical point of the class).
 */
export function rebalanceLinearAe(truth: LinearAeTruth, theta: ArrayLike<number>, subset: readonly number[]): Float64Array | null {
  const { k, p, U } = truth;
  const m = subset.length;
  const w2 = p * k;
  // Cinv = [A, N]: A = W₁U_I (p × m); N spans null(B), B = U_IᵀW₂ (m × p).
  const Cinv = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    subset.forEach((i, c) => {
      let s = 0;
      for (let j = 0; j < k; j++) s += theta[r * k + j] * U[j * k + i];
      Cinv[r * p + c] = s;
    });
  }
  if (m < p) {
    const BtB = new Float64Array(p * p);
    const B = new Float64Array(m * p);
    subset.forEach((i, a) => {
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += U[j * k + i] * theta[w2 + j * p + c];
        B[a * p + c] = s;
      }
    });
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += B[a * p + r] * B[a * p + c];
      BtB[r * p + c] = s;
    }
    const { vectors } = symmetricEigen(p, BtB, { vectors: true });
    // The p − m smallest eigenvectors of BᵀB span null(B).
    for (let c = 0; c < p - m; c++) for (let r = 0; r < p; r++) Cinv[r * p + m + c] = vectors[r * p + c];
  }
  const lu = Cinv.slice();
  const pivots = new Int32Array(p);
  if (!luFactor(p, lu, pivots, 1e-10)) return null;
  const out = new Float64Array(2 * k * p);
  // W₁' = C W₁: solve Cinv · W₁' = W₁ column by column.
  const col = new Float64Array(p);
  for (let j = 0; j < k; j++) {
    for (let r = 0; r < p; r++) col[r] = theta[r * k + j];
    luSolve(p, lu, pivots, col);
    for (let r = 0; r < p; r++) out[r * k + j] = col[r];
  }
  // W₂' = W₂ Cinv.
  for (let i = 0; i < k; i++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let r = 0; r < p; r++) s += theta[w2 + i * p + r] * Cinv[r * p + c];
      out[w2 + i * p + c] = s;
    }
  }
  return out;
}

/** End-to-end map W_L ⋯ W₁ (k × k) of a bias-free linear network with widths `layers`. */
export function linearNetworkProduct(layers: readonly number[], theta: ArrayLike<number>): Float64Array {
  let rows = layers[1];
  let cols = layers[0];
  let M = Float64Array.from({ length: rows * cols }, (_, i) => theta[i]);
  let offset = rows * cols;
  for (let l = 2; l < layers.length; l++) {
    const out = layers[l];
    const next = new Float64Array(out * cols);
    for (let i = 0; i < out; i++) {
      for (let r = 0; r < rows; r++) {
        const w = theta[offset + i * rows + r];
        if (w === 0) continue;
        for (let j = 0; j < cols; j++) next[i * cols + j] += w * M[r * cols + j];
      }
    }
    offset += out * rows;
    rows = out;
    M = next;
  }
  return M;
}
