/**
 * Negative / zero / positive counts of a Hessian spectrum, with the zero band relative to the
 * spectrum's scale ‖H‖ = max|λ| (DESIGN.md §4: never a bare absolute cutoff, since symmetries
 * give exact zero modes whose computed values are rounding noise of size ε‖H‖).
 * Index = #negative / n.
 */
import { classifyType, type PointType } from '../experiment/records.ts';

export interface SpectrumCounts {
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  readonly index: number;
  readonly type: PointType;
  /** The absolute cutoff used: zeroCutoff · max|λ|. */
  readonly cutoff: number;
}

export function spectrumCounts(eigenvalues: ArrayLike<number>, zeroCutoff: number): SpectrumCounts {
  const n = eigenvalues.length;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(eigenvalues[i]));
  const cutoff = zeroCutoff * scale;
  let negative = 0;
  let zero = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const lambda = eigenvalues[i];
    if (Math.abs(lambda) <= cutoff) zero++;
    else if (lambda < 0) negative++;
    else positive++;
  }
  return { negative, zero, positive, index: n > 0 ? negative / n : 0, type: classifyType(negative, zero, positive), cutoff };
}
