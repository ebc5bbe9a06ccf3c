/**
 * Builds a Problem from the spec's `problem` section (./problem-spec.ts).
 *
 * Core reads no files: data a spec names (a CSV/.npy path, the MNIST images) come in
 * `resources`, loaded by the host (core/node/data-files.ts `loadProblemResources` in Node; a
 * browser host fetches them). `requiredResources(spec)` says what a spec needs. Errors are
 * SpecErrors naming the field at fault ("problem.data.path: data.csv: row 17, column 3: 'abc'
 * is not a number").
 */
import { SpecError, type SpecIssue } from '../experiment/spec.ts';
import type { Problem } from './problem.ts';
import {
  problemSpecSchema,
  type DataSpec,
  type FunctionProblemSpec,
  type NetworkProblemSpec,
  type ProblemSpec,
  type ProblemSpecInput,
} from './problem-spec.ts';
import { analyticProblem } from './functions/analytic-function.ts';
import { findBuiltinFunction } from './functions/library.ts';
import { expressionProblem } from './expression/expression-problem.ts';
import { ExpressionError } from './expression/compile.ts';
import { networkProblem } from './network/network-problem.ts';
import { DataError, type DataSet } from './data/data-set.ts';
import { gaussianDataSet } from './data/gaussian.ts';
import { mnistDataSet, type MnistImages } from './data/mnist.ts';
import { fileDataSet, parseDataFile } from './data/file-data.ts';
import type { Table } from './data/table.ts';

/** Data loaded by the host for a spec. */
export interface ProblemResources {
  /** Contents of the files named by data.path and data.targets.path, keyed by that path. */
  readonly files?: Readonly<Record<string, Uint8Array | string>>;
  /** The MNIST images (needed by data.kind "mnist"). */
  readonly mnist?: MnistImages;
}

/** What a spec needs loaded before `createProblem`. */
export function requiredResources(spec: ProblemSpec): { files: string[]; mnist: boolean } {
  if (spec.kind !== 'network') return { files: [], mnist: false };
  const data = spec.data;
  if (data.kind === 'mnist') return { files: [], mnist: true };
  if (data.kind === 'file') return { files: data.targets && 'path' in data.targets ? [data.path, data.targets.path] : [data.path], mnist: false };
  return { files: [], mnist: false };
}

function validated(spec: ProblemSpecInput | ProblemSpec): ProblemSpec {
  const result = problemSpecSchema.safeParse(spec);
  if (result.success) return result.data;
  const issues: SpecIssue[] = result.error.issues.map((issue) => ({
    path: ['problem', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new SpecError(issues);
}

/** Runs `build`, turning data/expression/shape errors into a SpecError at `field`. */
function at<T>(field: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof DataError || error instanceof ExpressionError || error instanceof RangeError) {
      throw new SpecError(field, error.message);
    }
    throw error;
  }
}

function functionProblem(spec: FunctionProblemSpec): Problem {
  if (spec.expression !== undefined) {
    const { expression, variables } = spec;
    return at('problem.expression', () => expressionProblem(expression, variables));
  }
  const fn = findBuiltinFunction(spec.name!, spec.dimension);
  if (!fn) throw new SpecError('problem.name', `unknown function '${spec.name}'`);
  return analyticProblem(fn);
}

function fileTable(path: string, resources: ProblemResources, field: string): Table {
  const contents = resources.files?.[path];
  if (contents === undefined) {
    throw new SpecError(field, `${path}: the file's contents were not provided (the host loads data files before building the problem)`);
  }
  return at(field, () => parseDataFile(path, contents));
}

/** The data set of a network spec. */
export function createDataSet(data: DataSpec, loss: NetworkProblemSpec['loss'], resources: ProblemResources = {}): DataSet {
  switch (data.kind) {
    case 'gaussian':
      return at('problem.data', () => gaussianDataSet(data));
    case 'mnist': {
      const images = resources.mnist;
      if (!images) throw new SpecError('problem.data', 'the MNIST images were not provided (the host loads them before building the problem)');
      return at('problem.data', () => mnistDataSet(images, data));
    }
    case 'file': {
      const table = fileTable(data.path, resources, 'problem.data.path');
      const targets = data.targets
        ? 'columns' in data.targets
          ? { columns: data.targets.columns }
          : { table: fileTable(data.targets.path, resources, 'problem.data.targets.path') }
        : undefined;
      return at('problem.data', () =>
        fileDataSet({
          table,
          ...(targets ? { targets } : {}),
          classify: loss === 'cross-entropy',
          ...(data.classes !== undefined ? { classes: data.classes } : {}),
          standardize: data.standardize,
          test: data.test,
          seed: data.seed,
        }),
      );
    }
  }
}

/**
 * The Problem a spec describes. Accepts the spec as written (defaults are filled in and it is
 * validated again, so a bad spec fails here with the same messages as in the spec schema).
 */
export function createProblem(spec: ProblemSpecInput | ProblemSpec, resources: ProblemResources = {}): Problem {
  const s = validated(spec);
  if (s.kind === 'function') return functionProblem(s);
  const data = createDataSet(s.data, s.loss, resources);
  return at('problem.layers', () =>
    networkProblem({ layers: s.layers, activation: s.activation, bias: s.bias, loss: s.loss, l2: s.l2 }, data),
  );
}

/** The plotting/grid domain of a low-dimensional problem, if it has one. */
export function problemBox(spec: ProblemSpecInput | ProblemSpec): readonly (readonly [number, number])[] | undefined {
  if (spec.kind !== 'function' || spec.name === undefined) return undefined;
  return findBuiltinFunction(spec.name, spec.dimension)?.box;
}
