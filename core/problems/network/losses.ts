/**
 * Output losses of a network on a block of m samples (rows) with d outputs, with the first
 * derivative δ = ∂L/∂z and its directional derivative Rδ = (∂²L/∂z²)·Rz (Pearlmutter 1994,
 * "Fast exact multiplication by the Hessian", Neural Computation 6(1): the R-operator applied to
 * the output error). `scale` is the normalisation of the whole data set (not the block), so
 * block results add up.
 *
 *   mse            L = scale · Σ_s ‖z_s − y_s‖²,   δ = 2·scale (z − y),   Rδ = 2·scale Rz
 *                  (scale = 1/(outputs × samples): the mean squared error of DESIGN.md §4)
 *   cross-entropy  L = scale · Σ_s −Σ_c y_sc log p_sc with p = softmax(z) (log-sum-exp, stable),
 *                  δ = scale (p − y),   Rδ = scale (p ⊙ Rz − p (pᵀRz))
 *                  (scale = 1/samples: the mean; targets are rows of class probabilities
 *                  (one-hot labels), which the data layer checks sum to 1)
 */

export const lossNames = ['mse', 'cross-entropy'] as const;
export type LossName = (typeof lossNames)[number];

/**
 * Returns scale·Σ‖z − y‖² over rows [0, m) and, when `delta` is given, writes δ.
 * Z, delta: m×d from offset 0; Y: m×d from `yOff`.
 */
export function mseLoss(
  m: number,
  d: number,
  Z: Float64Array,
  Y: Float64Array,
  yOff: number,
  scale: number,
  delta: Float64Array | null,
): number {
  const n = m * d;
  let sum = 0;
  if (delta) {
    const two = 2 * scale;
    for (let i = 0; i < n; i++) {
      const r = Z[i] - Y[yOff + i];
      sum += r * r;
      delta[i] = two * r;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const r = Z[i] - Y[yOff + i];
      sum += r * r;
    }
  }
  return scale * sum;
}

/** Rδ = 2·scale·Rz (the mse Hessian in z is 2·scale·I). */
export function mseR(m: number, d: number, RZ: Float64Array, scale: number, Rdelta: Float64Array): void {
  const two = 2 * scale;
  const n = m * d;
  for (let i = 0; i < n; i++) Rdelta[i] = two * RZ[i];
}

/**
 * Returns scale·Σ_s −Σ_c y log softmax(z) over rows [0, m); writes the softmax into P (m×d)
 * and, when `delta` is given, δ = scale (p − y).
 */
export function crossEntropyLoss(
  m: number,
  d: number,
  Z: Float64Array,
  Y: Float64Array,
  yOff: number,
  scale: number,
  P: Float64Array,
  delta: Float64Array | null,
): number {
  let sum = 0;
  for (let s = 0; s < m; s++) {
    const o = s * d;
    let max = -Infinity;
    for (let c = 0; c < d; c++) if (Z[o + c] > max) max = Z[o + c];
    let total = 0;
    for (let c = 0; c < d; c++) {
      const e = Math.exp(Z[o + c] - max);
      P[o + c] = e;
      total += e;
    }
    const lse = max + Math.log(total);
    const inv = 1 / total;
    for (let c = 0; c < d; c++) {
      const y = Y[yOff + o + c];
      P[o + c] *= inv;
      if (y !== 0) sum += y * (lse - Z[o + c]);
      if (delta) delta[o + c] = scale * (P[o + c] - y);
    }
  }
  return scale * sum;
}

/** Rδ = scale (p ⊙ Rz − p (pᵀRz)), the softmax cross-entropy Hessian (diag p − ppᵀ) times Rz. */
export function crossEntropyR(m: number, d: number, P: Float64Array, RZ: Float64Array, scale: number, Rdelta: Float64Array): void {
  for (let s = 0; s < m; s++) {
    const o = s * d;
    let pr = 0;
    for (let c = 0; c < d; c++) pr += P[o + c] * RZ[o + c];
    for (let c = 0; c < d; c++) Rdelta[o + c] = scale * P[o + c] * (RZ[o + c] - pr);
  }
}
