/**
 * Data sets for network problems. Layout: DESIGN.md writes the data as X (k × n, one sample per
 * column); here samples are stored sample-major, an n × k row-major Float64Array whose row s is
 * sample s (the same memory as X in column-major order). Files hold one sample per row, so
 * they map onto this layout directly.
 */

export type DataTask = 'autoencode' | 'regression' | 'classification';

export interface Samples {
  readonly count: number;
  /** count × inputDim, row s = sample s. */
  readonly inputs: Float64Array;
  /**
   * count × targetDim. Null for autoencoding (the inputs are the targets). For classification,
   * one-hot rows (class probabilities summing to 1).
   */
  readonly targets: Float64Array | null;
}

export interface DataSet {
  /** Human-readable summary, e.g. "Gaussian, 10000 samples, spectrum 1…16". */
  readonly description: string;
  readonly task: DataTask;
  readonly inputDim: number;
  /** Output width a network needs: inputDim (autoencode), target columns, or classes. */
  readonly targetDim: number;
  /** Number of classes (classification only). */
  readonly classes?: number;
  readonly train: Samples;
  /** Held-out samples (every point found also reports its loss here), or null. */
  readonly test: Samples | null;
}

/** A data error with a precise message naming the source ("data.csv: row 17, column 3: …"). */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** Limits on user data (a file, or a generated set). */
export const DATA_LIMITS = {
  /** Largest file read, in bytes. */
  maxBytes: 512 * 1024 * 1024,
  /** Most numbers (samples × columns) held. */
  maxValues: 50_000_000,
  maxSamples: 10_000_000,
  maxColumns: 100_000,
} as const;

/** One-hot rows from integer labels in [0, classes). */
export function oneHot(labels: ArrayLike<number>, classes: number): Float64Array {
  const out = new Float64Array(labels.length * classes);
  for (let s = 0; s < labels.length; s++) out[s * classes + labels[s]] = 1;
  return out;
}

/** Column means of an n × k sample-major matrix. */
export function columnMeans(n: number, k: number, X: Float64Array): Float64Array {
  const mean = new Float64Array(k);
  for (let s = 0; s < n; s++) for (let j = 0; j < k; j++) mean[j] += X[s * k + j];
  for (let j = 0; j < k; j++) mean[j] /= Math.max(n, 1);
  return mean;
}
