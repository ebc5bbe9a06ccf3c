/**
 * Second-order analysis of an end point: the full Hessian spectrum (assembled from HVPs and
 * diagonalised), its negative / zero / positive counts and index, and the point's status from
 * how its finder stopped (DESIGN.md §4).
 */
import { denseFromOperator } from '../linalg/dense-from-operator.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import type { PointStatus } from '../experiment/records.ts';
import type { FinderStop, Objective } from '../finders/finder.ts';
import { spectrumCounts, type SpectrumCounts } from './spectrum-counts.ts';

/** Above this dimension the dense spectrum is not computed here (Lanczos/SLQ take over). */
export const FULL_SPECTRUM_MAX_DIMENSION = 2000;

export interface PointAnalysis extends SpectrumCounts {
  readonly eigenvalues: Float64Array;
  readonly hvps: number;
}

export function analyzeSpectrum(objective: Objective, theta: Float64Array, zeroCutoff: number): PointAnalysis {
  const n = objective.dimension;
  if (n > FULL_SPECTRUM_MAX_DIMENSION) {
    throw new Error(`the full Hessian spectrum is limited to ${FULL_SPECTRUM_MAX_DIMENSION} parameters (got ${n})`);
  }
  const H = denseFromOperator(n, (v, Hv) => objective.hvp(theta, v, Hv));
  const { values } = symmetricEigen(n, H);
  return { ...spectrumCounts(values, zeroCutoff), eigenvalues: values, hvps: n };
}

/** Status of an end point from its finder's stop reason. */
export function statusOf(stop: FinderStop): PointStatus {
  switch (stop) {
    case 'converged':
      return 'critical';
    case 'max-iterations':
    case 'cancelled':
      return 'max-iterations';
    case 'diverged':
    case 'non-finite':
      return 'diverged';
    case 'line-search-failed':
    case 'singular-hessian':
      return 'stalled';
  }
}
