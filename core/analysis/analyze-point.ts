/**
 * Second-order analysis of a finder's end point (DESIGN.md §4):
 * - the Hessian spectrum: full (assembled from n HVPs and diagonalised) up to
 *   FULL_SPECTRUM_MAX_DIMENSION parameters, otherwise estimated by stochastic Lanczos quadrature
 *   (index and zero fraction) plus the extreme eigenvalues by Lanczos;
 * - negative / zero / positive counts with the zero band relative to ‖H‖, the index and type;
 * - for runs that did not converge, the gradient-flatness measures r and r_H, and the status:
 *   `critical` (‖g‖² ≤ tolerance), `gradient-flat` (r > rThreshold and r_H < rHThreshold),
 *   `diverged`, `max-iterations` or `stalled` (the finder stopped where it could not progress).
 */
import { denseFromOperator } from '../linalg/dense-from-operator.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import { lanczos } from '../linalg/lanczos.ts';
import { slqIndex, stochasticLanczosQuadrature } from '../linalg/slq.ts';
import { classifyType, type PointStatus } from '../experiment/records.ts';
import type { FinderStop, Objective } from '../finders/finder.ts';
import { spectrumCounts, type SpectrumCounts } from './spectrum-counts.ts';
import { gradientFlatness, type GradientFlatness } from './gradient-flatness.ts';

/** Above this dimension the dense spectrum is replaced by Lanczos/SLQ estimates. */
export const FULL_SPECTRUM_MAX_DIMENSION = 2000;

export interface SpectrumOptions {
  /** 'auto': full up to FULL_SPECTRUM_MAX_DIMENSION, Lanczos/SLQ above. */
  readonly spectrum: 'auto' | 'full' | 'lanczos';
  /** |λ| ≤ zeroCutoff·‖H‖ counts as zero. */
  readonly zeroCutoff: number;
  /** Extreme eigenvalues kept from each end in Lanczos mode. */
  readonly lanczosK: number;
  readonly slqProbes: number;
  readonly slqSteps: number;
  readonly random: () => number;
}

export interface SpectrumAnalysis extends SpectrumCounts {
  /** Ascending: all eigenvalues (full), or the extreme ones from both ends (Lanczos). */
  readonly eigenvalues: Float64Array;
  readonly method: 'full' | 'slq';
  /** max|λ| (‖H‖₂), exact for 'full', the largest Ritz value magnitude for 'slq'. */
  readonly norm: number;
  readonly hvps: number;
}

export function analyzeSpectrum(objective: Objective, theta: Float64Array, options: SpectrumOptions): SpectrumAnalysis {
  const n = objective.dimension;
  const H = (v: Float64Array, out: Float64Array) => objective.hvp(theta, v, out);
  const useFull = options.spectrum === 'full' || (options.spectrum === 'auto' && n <= FULL_SPECTRUM_MAX_DIMENSION);
  if (useFull) {
    if (n > 8000) throw new Error(`a full Hessian spectrum of ${n} parameters needs ${((8 * n * n) / 2 ** 30).toFixed(1)} GiB: use analysis.spectrum "lanczos"`);
    const dense = denseFromOperator(n, H);
    const { values } = symmetricEigen(n, dense);
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(values[i]));
    return { ...spectrumCounts(values, options.zeroCutoff), eigenvalues: values, method: 'full', norm, hvps: n };
  }
  const k = Math.min(options.lanczosK, Math.floor(n / 2));
  const top = lanczos(n, H, { k, which: 'largest', random: options.random, tolerance: 1e-8 });
  const bottom = lanczos(n, H, { k, which: 'smallest', random: options.random, tolerance: 1e-8 });
  let norm = 0;
  for (const v of top.values) norm = Math.max(norm, Math.abs(v));
  for (const v of bottom.values) norm = Math.max(norm, Math.abs(v));
  const slq = stochasticLanczosQuadrature(n, H, { probes: options.slqProbes, steps: options.slqSteps, random: options.random });
  const fractions = slqIndex(slq, options.zeroCutoff * norm);
  const negative = Math.round(fractions.negative * n);
  const zero = Math.round(fractions.zero * n);
  const positive = n - negative - zero;
  const eigenvalues = Float64Array.from([...bottom.values, ...top.values]).sort();
  return {
    negative,
    zero,
    positive,
    index: fractions.negative,
    type: classifyType(negative, zero, positive),
    cutoff: options.zeroCutoff * norm,
    eigenvalues,
    method: 'slq',
    norm,
    hvps: top.matvecs + bottom.matvecs + slq.matvecs,
  };
}

export interface StatusOptions {
  readonly tolerance: number;
  readonly rThreshold: number;
  readonly rHThreshold: number;
}

/** Status of an end point from its finder's stop reason, ‖g‖² and (if measured) its flatness. */
export function statusOf(stop: FinderStop, gradNormSq: number, options: StatusOptions, flatness?: GradientFlatness): PointStatus {
  if (stop === 'diverged' || stop === 'non-finite' || !Number.isFinite(gradNormSq)) return 'diverged';
  if (gradNormSq <= options.tolerance) return 'critical';
  if (flatness && flatness.r > options.rThreshold && flatness.rH < options.rHThreshold) return 'gradient-flat';
  return stop === 'max-iterations' || stop === 'cancelled' ? 'max-iterations' : 'stalled';
}

/** Flatness is measured where it can change the verdict: finite, non-critical end points. */
export function needsFlatness(stop: FinderStop, gradNormSq: number, tolerance: number): boolean {
  return stop !== 'diverged' && stop !== 'non-finite' && Number.isFinite(gradNormSq) && gradNormSq > tolerance;
}

export { gradientFlatness };
