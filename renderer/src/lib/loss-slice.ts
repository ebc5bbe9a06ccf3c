/**
 * 2-D slices of a loss surface through a point θ*, for the landscape view of problems with more
 * than two parameters (networks, n-dimensional functions): L(θ* + a·d₁ + b·d₂) on a grid of
 * (a, b), with d₁, d₂ either
 * - random and filter-normalised (Li, Xu, Taylor, Studer & Goldstein, "Visualizing the loss
 *   landscape of neural nets", NeurIPS 2018, §4): d ~ N(0, I), then each filter (a row of a
 *   weight matrix: one unit's incoming weights) rescaled to the norm of the same row of θ*;
 *   bias entries set to 0, as in their code's default (`ignore='biasbn'`);
 * - or two Hessian eigenvectors at θ* (unit length): the two most negative, the two most
 *   positive, or the most negative and the most positive — the directions in which a saddle
 *   curves down and up.
 * Runs in the analysis worker (never on the UI thread). Cost: resolution² loss evaluations;
 * eigen-directions add n HVPs and a dense n × n eigendecomposition (refused above MAX_EIGEN_DIMENSION).
 */
import type { ParameterBlock, Problem } from '../../../core/problems/problem.ts';
import { assembleHessian } from '../../../core/problems/problem.ts';
import { symmetricEigen } from '../../../core/linalg/symmetric-eigen.ts';
import { createRng } from '../../../core/random/rng.ts';
import type { LossField } from '../charts/loss-field.ts';

export type SliceDirections = 'random' | 'hessian-min' | 'hessian-max' | 'hessian-min-max';

export const SLICE_DIRECTIONS: readonly { value: SliceDirections; label: string }[] = [
  { value: 'random', label: 'random, filter-normalised' },
  { value: 'hessian-min-max', label: 'most negative & most positive eigenvector' },
  { value: 'hessian-min', label: 'two most negative eigenvectors' },
  { value: 'hessian-max', label: 'two most positive eigenvectors' },
];

/** Largest problem whose Hessian eigenvectors are computed densely for a slice. */
export const MAX_EIGEN_DIMENSION = 1500;

export interface SlicePlane {
  readonly center: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /** Axis names, e.g. "d₁ (random)" or "v₁ (λ = −0.42)". */
  readonly labels: readonly [string, string];
}

/** A random filter-normalised direction (Li et al. 2018, §4). */
export function filterNormalizedDirection(theta: Float64Array, shapes: readonly ParameterBlock[], seed: number): Float64Array {
  const rng = createRng(seed, 7);
  const d = new Float64Array(theta.length);
  rng.fillNormal(d, 0, 1);
  const covered = new Uint8Array(theta.length);
  for (const block of shapes) {
    const size = block.shape.reduce((a, s) => a * s, 1);
    if (block.shape.length < 2) {
      // Biases (and functions' single block): Li et al. zero the bias directions; a function's
      // parameters are one "filter" normalised as a whole.
      if (shapes.length === 1) normaliseRow(d, theta, block.offset, size);
      else d.fill(0, block.offset, block.offset + size);
    } else {
      const rows = block.shape[0];
      const rowLength = size / rows;
      for (let r = 0; r < rows; r++) normaliseRow(d, theta, block.offset + r * rowLength, rowLength);
    }
    covered.fill(1, block.offset, block.offset + size);
  }
  // Parameters outside every block (none for the built-in problems) keep unit-normal entries.
  for (let i = 0; i < d.length; i++) if (!covered[i]) d[i] = d[i] / Math.sqrt(d.length);
  return d;
}

function normaliseRow(d: Float64Array, theta: Float64Array, offset: number, length: number): void {
  let dn = 0;
  let tn = 0;
  for (let i = offset; i < offset + length; i++) {
    dn += d[i] * d[i];
    tn += theta[i] * theta[i];
  }
  // A zero row of θ (e.g. θ* = 0) would make the direction vanish: keep it at unit scale.
  const scale = dn > 0 ? (tn > 0 ? Math.sqrt(tn / dn) : 1 / Math.sqrt(dn)) : 0;
  for (let i = offset; i < offset + length; i++) d[i] *= scale;
}

/** Two Hessian eigenvectors at θ (unit length), with their eigenvalues. */
export function hessianDirections(problem: Pick<Problem, 'dimension' | 'hvp'>, theta: Float64Array, mode: Exclude<SliceDirections, 'random'>): { d1: Float64Array; d2: Float64Array; l1: number; l2: number } {
  const n = problem.dimension;
  if (n > MAX_EIGEN_DIMENSION) throw new Error(`eigenvector slices need a dense Hessian; this problem has ${n} parameters (at most ${MAX_EIGEN_DIMENSION}): use random directions`);
  if (n < 2) throw new Error('a 2-D slice needs at least two parameters');
  const eig = symmetricEigen(n, assembleHessian(problem, theta), { vectors: true });
  const [j1, j2] = mode === 'hessian-min' ? [0, 1] : mode === 'hessian-max' ? [n - 1, n - 2] : [0, n - 1];
  const column = (j: number) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = eig.vectors[i * n + j];
    return v;
  };
  return { d1: column(j1), d2: column(j2), l1: eig.values[j1], l2: eig.values[j2] };
}

export function slicePlane(problem: Problem, center: Float64Array, directions: SliceDirections, seed: number): SlicePlane {
  if (directions === 'random') {
    return {
      center,
      d1: filterNormalizedDirection(center, problem.shapes, seed),
      d2: filterNormalizedDirection(center, problem.shapes, seed + 1_000_003),
      labels: ['α along d₁ (random, filter-normalised)', 'β along d₂ (random, filter-normalised)'],
    };
  }
  const h = hessianDirections(problem, center, directions);
  const text = (l: number) => l.toPrecision(3).replace(/-/g, '\u2212');
  return { center, d1: h.d1, d2: h.d2, labels: [`α along v₁ (λ = ${text(h.l1)})`, `β along v₂ (λ = ${text(h.l2)})`] };
}

/** L(θ* + a·d₁ + b·d₂) on a resolution² grid of (a, b) ∈ [−span, span]², in d3-contour's layout. */
export function sliceField(loss: (theta: Float64Array) => number, plane: SlicePlane, span: number, resolution: number): LossField {
  const { center, d1, d2 } = plane;
  const n = center.length;
  const nx = resolution;
  const ny = resolution;
  const values = new Float64Array(nx * ny);
  const theta = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  const step = (2 * span) / resolution;
  for (let j = 0; j < ny; j++) {
    const b = -span + (j + 0.5) * step;
    for (let i = 0; i < nx; i++) {
      const a = -span + (i + 0.5) * step;
      for (let k = 0; k < n; k++) theta[k] = center[k] + a * d1[k] + b * d2[k];
      const v = loss(theta);
      values[j * nx + i] = v;
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  // Non-finite samples (overflow far out) are drawn at the top of the scale.
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = max;
  return { nx, ny, box: [[-span, span], [-span, span]], values, min, max };
}

/** The point of the plane at (a, b). */
export function planePoint(plane: SlicePlane, a: number, b: number): Float64Array {
  const out = new Float64Array(plane.center.length);
  for (let k = 0; k < out.length; k++) out[k] = plane.center[k] + a * plane.d1[k] + b * plane.d2[k];
  return out;
}

/**
 * Rows of θ (row-major, n per row) projected onto the plane: the least-squares (a, b) with
 * θ − θ* ≈ a·d₁ + b·d₂ (the directions need not be orthogonal).
 */
export function projectPath(path: Float64Array, plane: SlicePlane): Float64Array<ArrayBuffer> {
  const { center, d1, d2 } = plane;
  const n = center.length;
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  for (let k = 0; k < n; k++) {
    g11 += d1[k] * d1[k];
    g12 += d1[k] * d2[k];
    g22 += d2[k] * d2[k];
  }
  const det = g11 * g22 - g12 * g12;
  const rows = Math.floor(path.length / n);
  const out = new Float64Array(2 * rows);
  for (let r = 0; r < rows; r++) {
    let p1 = 0;
    let p2 = 0;
    for (let k = 0; k < n; k++) {
      const x = path[r * n + k] - center[k];
      p1 += x * d1[k];
      p2 += x * d2[k];
    }
    out[2 * r] = det !== 0 ? (g22 * p1 - g12 * p2) / det : 0;
    out[2 * r + 1] = det !== 0 ? (g11 * p2 - g12 * p1) / det : 0;
  }
  return out;
}
