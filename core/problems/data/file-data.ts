/**
 * Data sets from user files (CSV or .npy, one sample per row), already read into bytes by the
 * host (core/node/data-files.ts in Node; a file input in the browser): parse, validate, pick the
 * target columns, split off a test set, optionally standardise the inputs (with training
 * statistics only).
 *
 * Targets: absent → autoencoding (targets = inputs). `columns` → those columns of the same file
 * (0-based, negative counts from the end: [-1] is the last column) are the targets and the rest
 * the inputs. `table` → a second file with one row per sample. With `classify`, a single target
 * column holds class indices 0 … C−1 (one-hot encoded; C = `classes` or the largest label + 1);
 * several target columns are taken as class probabilities.
 */
import { Rng } from '../../random/rng.ts';
import { parseCsv } from './csv.ts';
import { DataError, oneHot, type DataSet, type DataTask, type Samples } from './data-set.ts';
import { parseNpy } from './npy.ts';
import { center, zScore } from './standardize.ts';
import { DATA_STREAMS, splitSamples, testCount } from './split.ts';
import type { Table } from './table.ts';

export type Standardize = 'none' | 'center' | 'zscore';

export interface FileDataOptions {
  readonly table: Table;
  readonly targets?: { readonly columns: readonly number[] } | { readonly table: Table };
  readonly classify?: boolean;
  readonly classes?: number;
  readonly standardize?: Standardize;
  /** Held-out rows: a count, or a fraction of the rows. */
  readonly test?: number;
  readonly seed?: number;
}

/** Parses a data file by its extension: ".npy" as NumPy, anything else as CSV text. */
export function parseDataFile(name: string, contents: Uint8Array | string): Table {
  if (/\.npy$/i.test(name)) {
    if (typeof contents === 'string') throw new DataError(`${name}: a .npy file must be given as bytes, not text`);
    return parseNpy(contents, name);
  }
  const text = typeof contents === 'string' ? contents : decodeUtf8(contents, name);
  return parseCsv(text, name);
}

/** UTF-8 bytes → string without TextDecoder (not in core's ES library). */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  let out = '';
  const chunk: number[] = [];
  const flush = () => {
    out += String.fromCharCode(...chunk);
    chunk.length = 0;
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let cp: number;
    let len: number;
    if (b < 0x80) [cp, len] = [b, 1];
    else if (b >= 0xc2 && b < 0xe0) [cp, len] = [b & 0x1f, 2];
    else if (b >= 0xe0 && b < 0xf0) [cp, len] = [b & 0x0f, 3];
    else if (b >= 0xf0 && b < 0xf5) [cp, len] = [b & 0x07, 4];
    else throw new DataError(`${name}: not UTF-8 text (byte ${i} is 0x${b.toString(16)}); binary data must be a .npy file`);
    if (i + len > bytes.length) throw new DataError(`${name}: not UTF-8 text (truncated character at byte ${i})`);
    for (let j = 1; j < len; j++) {
      const c = bytes[i + j];
      if ((c & 0xc0) !== 0x80) throw new DataError(`${name}: not UTF-8 text (byte ${i + j})`);
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else chunk.push(cp);
    i += len;
    if (chunk.length > 8192) flush();
  }
  flush();
  return out;
}

function resolveColumns(columns: readonly number[], total: number, name: string): number[] {
  const out: number[] = [];
  for (const c of columns) {
    if (!Number.isInteger(c) || c >= total || c < -total) {
      throw new DataError(`${name}: target column ${c} does not exist (the file has ${total} columns: 0 … ${total - 1}, or −1 for the last)`);
    }
    const r = c < 0 ? total + c : c;
    if (out.includes(r)) throw new DataError(`${name}: target column ${c} is listed twice`);
    out.push(r);
  }
  if (out.length === 0) throw new DataError(`${name}: targets.columns is empty`);
  if (out.length === total) throw new DataError(`${name}: every column is a target; no input columns are left`);
  return out;
}

function labelsToOneHot(values: Float64Array, name: string, classes?: number): { targets: Float64Array; classes: number } {
  let max = 0;
  for (let s = 0; s < values.length; s++) {
    const y = values[s];
    if (!Number.isInteger(y) || y < 0) throw new DataError(`${name}: row ${s + 1}: label ${y} is not a class index (a whole number ≥ 0)`);
    if (classes !== undefined && y >= classes) throw new DataError(`${name}: row ${s + 1}: label ${y} is not below classes = ${classes}`);
    if (y > max) max = y;
  }
  const C = classes ?? max + 1;
  if (C < 2) throw new DataError(`${name}: classification needs at least 2 classes; every label is ${max}`);
  return { targets: oneHot(values, C), classes: C };
}

export function fileDataSet(options: FileDataOptions): DataSet {
  const { table } = options;
  const name = table.name;
  let inputDim = table.columns;
  let inputs = table.values;
  let rawTargets: Float64Array | null = null;
  let targetDim = table.columns;
  let targetName = name;

  if (options.targets && 'columns' in options.targets) {
    const targetCols = resolveColumns(options.targets.columns, table.columns, name);
    const inputCols = Array.from({ length: table.columns }, (_, j) => j).filter((j) => !targetCols.includes(j));
    inputDim = inputCols.length;
    targetDim = targetCols.length;
    inputs = new Float64Array(table.rows * inputDim);
    rawTargets = new Float64Array(table.rows * targetDim);
    for (let s = 0; s < table.rows; s++) {
      for (let j = 0; j < inputDim; j++) inputs[s * inputDim + j] = table.values[s * table.columns + inputCols[j]];
      for (let j = 0; j < targetDim; j++) rawTargets[s * targetDim + j] = table.values[s * table.columns + targetCols[j]];
    }
  } else if (options.targets && 'table' in options.targets) {
    const t = options.targets.table;
    if (t.rows !== table.rows) throw new DataError(`${t.name}: has ${t.rows} rows but ${name} has ${table.rows}; targets need one row per sample`);
    rawTargets = t.values;
    targetDim = t.columns;
    targetName = t.name;
  }

  let task: DataTask = rawTargets ? 'regression' : 'autoencode';
  let classes: number | undefined;
  let targets = rawTargets;
  if (options.classify) {
    if (!rawTargets) throw new DataError(`${name}: classification needs targets (targets.columns or targets.path)`);
    task = 'classification';
    if (targetDim === 1) {
      const encoded = labelsToOneHot(rawTargets, targetName, options.classes);
      targets = encoded.targets;
      classes = encoded.classes;
      targetDim = classes;
    } else {
      classes = targetDim;
    }
  }

  const all: Samples = { count: table.rows, inputs, targets };
  const nTest = testCount(options.test ?? 0, table.rows);
  const { train, test } = splitSamples(all, inputDim, targetDim, nTest, new Rng(options.seed ?? 0, DATA_STREAMS.split), name);
  const standardize = options.standardize ?? 'none';
  let trainOut = train;
  let testOut = test;
  if (standardize !== 'none') {
    // Standardise train and test together with training statistics.
    const total = train.count + (test?.count ?? 0);
    const X = new Float64Array(total * inputDim);
    X.set(train.inputs);
    if (test) X.set(test.inputs, train.count * inputDim);
    if (standardize === 'zscore') zScore(train.count, total, inputDim, X);
    else center(train.count, total, inputDim, X);
    trainOut = { ...train, inputs: X.slice(0, train.count * inputDim) };
    testOut = test ? { ...test, inputs: X.slice(train.count * inputDim) } : null;
  }
  const what = task === 'classification' ? `, ${classes} classes` : task === 'regression' ? `, ${targetDim} targets` : '';
  return {
    description: `${name}, ${train.count} samples × ${inputDim} features${what}${standardize !== 'none' ? `, ${standardize === 'zscore' ? 'z-scored' : 'centred'}` : ''}`,
    task,
    inputDim,
    targetDim: task === 'autoencode' ? inputDim : targetDim,
    ...(classes !== undefined ? { classes } : {}),
    train: trainOut,
    test: testOut,
  };
}
