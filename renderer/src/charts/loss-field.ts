/**
 * A 2-D function sampled on a regular grid for contouring, and the log-like loss transform
 * the colour scale uses so that basins near the minimum stay visible next to steep walls.
 *
 * Grid convention (d3-contour's): sample (i, j) is the centre of cell [i, i+1] × [j, j+1] in
 * grid coordinates, so grid coordinate c maps to x0 + c·(x1 − x0)/nx, and the contours cover
 * the whole box.
 */

import { ticks } from 'd3';

export type Box2 = readonly [readonly [number, number], readonly [number, number]];

export interface LossField {
  readonly nx: number;
  readonly ny: number;
  readonly box: Box2;
  /** Row-major from the bottom row (y0) up: values[j·nx + i] = f(x_i, y_j). */
  readonly values: Float64Array;
  readonly min: number;
  readonly max: number;
}

export function sampleField(f: (point: Float64Array) => number, box: Box2, nx: number, ny: number): LossField {
  const [[x0, x1], [y0, y1]] = box;
  const dx = (x1 - x0) / nx;
  const dy = (y1 - y0) / ny;
  const values = new Float64Array(nx * ny);
  const p = new Float64Array(2);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < ny; j++) {
    p[1] = y0 + (j + 0.5) * dy;
    for (let i = 0; i < nx; i++) {
      p[0] = x0 + (i + 0.5) * dx;
      const v = f(p);
      values[j * nx + i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { nx, ny, box, values, min, max };
}

/** Grid coordinates (as produced by d3-contour) to the function's own coordinates. */
export function gridToDomain(field: LossField): (gx: number, gy: number) => [number, number] {
  const [[x0, x1], [y0, y1]] = field.box;
  const sx = (x1 - x0) / field.nx;
  const sy = (y1 - y0) / field.ny;
  return (gx, gy) => [x0 + gx * sx, y0 + gy * sy];
}

/**
 * The colour scale's loss transform t(v), 0 at the minimum and `top` at the maximum.
 * - log: t = log10(1 + (v − min)/s) with s a small fraction of the range, linear just above the
 *   minimum and logarithmic above it, so basins stay visible next to steep walls (Himmelblau,
 *   Rosenbrock: most of the box sits far above the minimum).
 * - linear: t = (v − min)/range, for landscapes whose values spread evenly (x² − y²).
 */
export interface LossTransform {
  readonly kind: 'log' | 'linear';
  readonly forward: (value: number) => number;
  readonly inverse: (t: number) => number;
  readonly top: number;
}

/** Fraction of the loss range treated linearly by the log transform. */
export const LINEAR_FRACTION = 0.004;

export function lossTransform(min: number, max: number, kind: 'log' | 'linear' = 'log'): LossTransform {
  const range = Number.isFinite(max - min) && max > min ? max - min : 1;
  if (kind === 'linear') {
    return { kind, forward: (v) => Math.max(0, v - min) / range, inverse: (t) => min + t * range, top: 1 };
  }
  const s = range * LINEAR_FRACTION;
  const forward = (v: number) => Math.log10(1 + Math.max(0, v - min) / s);
  const inverse = (t: number) => min + s * (10 ** t - 1);
  return { kind, forward, inverse, top: forward(min + range) };
}

/**
 * Median height above the minimum, as a fraction of the range, below which the field counts
 * as heavy-tailed and gets the log transform (Himmelblau ≈ 0.13, six-hump camel ≈ 0.19,
 * Rosenbrock ≈ 0.06; x² − y² = 0.5).
 */
export const HEAVY_TAIL_MEDIAN = 0.3;

/** The transform suited to a sampled field (see HEAVY_TAIL_MEDIAN). */
export function fieldTransform(field: LossField): LossTransform {
  const sorted = Float64Array.from(field.values).sort();
  const median = sorted[sorted.length >> 1] ?? field.min;
  const range = field.max - field.min;
  const heavy = range > 0 && (median - field.min) / range < HEAVY_TAIL_MEDIAN;
  return lossTransform(field.min, field.max, heavy ? 'log' : 'linear');
}

/** `levels` contour thresholds equally spaced in t, in loss units (the lowest is the minimum). */
export function contourThresholds(transform: LossTransform, levels: number): number[] {
  return Array.from({ length: levels }, (_, k) => transform.inverse((k / levels) * transform.top));
}

/**
 * Colour-bar ticks, kept at least `minGapPx` apart on a bar `heightPx` tall. Log transform: one
 * round value per decade above the minimum (min + 10^k, rounded to 10^k). Linear: d3's ticks.
 */
export function colorBarTicks(transform: LossTransform, min: number, max: number, heightPx: number, minGapPx = 18): number[] {
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) return [];
  const candidates: number[] = [];
  if (transform.kind === 'linear') {
    candidates.push(...ticks(min, max, Math.max(2, Math.floor(heightPx / 150))));
  } else {
    const first = Math.floor(Math.log10(range * LINEAR_FRACTION));
    const last = Math.ceil(Math.log10(range));
    for (let k = first; k <= last; k++) {
      const d = 10 ** k;
      candidates.push(Math.round((min + d) / d) * d);
    }
  }
  const kept: number[] = [];
  let lastPx = -Infinity;
  for (const v of candidates) {
    if (!(v > min && v <= max)) continue;
    const px = (transform.forward(v) / transform.top) * heightPx;
    if (px - lastPx < minGapPx) continue;
    kept.push(v);
    lastPx = px;
  }
  return kept;
}

/** A few recent results by key (contour geometry shared by the builder's preview and the run's landscape). */
const memo = new Map<string, unknown>();
const MEMO_SIZE = 8;

export function memoize<T>(key: string | undefined, compute: () => T): T {
  if (key === undefined) return compute();
  if (memo.has(key)) {
    const value = memo.get(key) as T;
    memo.delete(key);
    memo.set(key, value);
    return value;
  }
  const value = compute();
  memo.set(key, value);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return value;
}
