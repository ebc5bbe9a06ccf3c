/**
 * The `problem` section of the experiment spec (DESIGN.md §3), one zod schema (composed into the
 * full spec by core/experiment/spec.ts). Issues name the offending field, e.g. "problem.name:
 * unknown function 'himmelbau' (built-ins: …)", "problem.expression: unexpected ')' at
 * character 12", "problem.layers: the input layer has 8 units but the Gaussian data have 16
 * features".
 *
 *   { kind: "function", name: "himmelblau" }                       a built-in (library.ts)
 *   { kind: "function", name: "rosenbrock", dimension: 10 }        n-dimensional built-ins
 *   { kind: "function", expression: "(x^2+y-11)^2+(x+y^2-7)^2", variables: ["x","y"] }
 *                                                                  variables default to the
 *                                                                  formula's symbols, sorted
 *   { kind: "network", layers: [16,4,16], activation: "linear", bias: false, loss: "mse", l2: 0,
 *     data: { kind: "gaussian", samples: 10000, spectrum: [1,…,16], seed: 1, rotate?, exact?, test? }
 *         | { kind: "mnist", samples: 1000, size: 4, crop: 20, task: "autoencode"|"classify",
 *             reduce: "resize"|"pca", components?, seed, test? }
 *         | { kind: "file", path: "data.csv"|"data.npy", targets?: { columns: [-1] } | { path },
 *             classes?, standardize: "none"|"center"|"zscore", seed, test? } }
 *
 * Network defaults: activation "linear", bias false, loss "mse", l2 0 (the deep linear
 * autoencoder). The L2 term is (l2/2)‖θ‖² over all parameters. `test` is a count of held-out
 * samples (whole number) or a fraction of the training samples (strictly between 0 and 1).
 * File target columns count from 0; negative ones from the end (−1 = last).
 */
import { z } from 'zod';
import { compileExpression, ExpressionError } from './expression/compile.ts';
import { builtinFunctions, findBuiltinFunction, MAX_BUILTIN_DIMENSION, nDimensionalFunctions } from './functions/library.ts';
import { activationNames } from './network/activations.ts';
import { lossNames } from './network/losses.ts';

const builtinNames = builtinFunctions.map((f) => f.name);

/** Images shipped by the mnist package. */
export const MNIST_IMAGES = 10_000;
/** Largest network (parameters) a spec may ask for. */
export const MAX_NETWORK_PARAMETERS = 10_000_000;

export const functionProblemSchema = z
  .strictObject({
    kind: z.literal('function'),
    /** A built-in function (see functions/library.ts). */
    name: z.string().optional(),
    /** Dimension of an n-dimensional built-in (rosenbrock, rastrigin, ackley). */
    dimension: z.number().int().min(1).max(MAX_BUILTIN_DIMENSION).optional(),
    /** A formula in any number of variables, e.g. "(x^2+y-11)^2+(x+y^2-7)^2". */
    expression: z.string().max(10_000).optional(),
    /** The formula's variables in parameter order (default: its symbols, sorted). */
    variables: z.array(z.string()).min(1).max(1000).optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.name === undefined && spec.expression === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `give a built-in name (${builtinNames.join(', ')}) or an expression` });
      return;
    }
    if (spec.name !== undefined && spec.expression !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['expression'], message: 'give either a built-in name or an expression, not both' });
      return;
    }
    if (spec.name !== undefined) {
      if (!builtinNames.includes(spec.name)) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: `unknown function '${spec.name}' (built-ins: ${builtinNames.join(', ')})` });
        return;
      }
      if (spec.variables !== undefined) ctx.addIssue({ code: 'custom', path: ['variables'], message: 'variables apply to expressions; built-ins name their own' });
      if (spec.dimension !== undefined && !findBuiltinFunction(spec.name, spec.dimension)) {
        const family = Object.hasOwn(nDimensionalFunctions, spec.name) ? nDimensionalFunctions[spec.name] : undefined;
        const flexible = Object.entries(nDimensionalFunctions).map(([n, f]) => `${n} (n ≥ ${f.min})`).join(', ');
        ctx.addIssue({
          code: 'custom',
          path: ['dimension'],
          message: family
            ? `${spec.name} needs a dimension from ${family.min} to ${MAX_BUILTIN_DIMENSION}`
            : `${spec.name} is ${findBuiltinFunction(spec.name)!.dimension}-dimensional only; n-dimensional built-ins: ${flexible}`,
        });
      }
      return;
    }
    if (spec.dimension !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['dimension'], message: "dimension applies to built-ins; an expression's dimension is its number of variables" });
    }
    try {
      compileExpression(spec.expression!, spec.variables);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const path = /variable name|listed twice|function name and cannot/.test(error.message) ? ['variables'] : ['expression'];
      ctx.addIssue({ code: 'custom', path, message: error.message.replace(/^expression: /, '') });
    }
  });

const seedSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0);
const testSchema = z
  .number()
  .min(0)
  .refine((x) => x < 1 || Number.isInteger(x), { message: 'test is a number of held-out samples (a whole number) or a fraction between 0 and 1' })
  .default(0);

export const gaussianDataSchema = z.strictObject({
  kind: z.literal('gaussian'),
  samples: z.number().int().min(2).max(1_000_000).default(1000),
  /** Covariance eigenvalues; the data have spectrum.length features. */
  spectrum: z.array(z.number().finite().min(0)).min(1).max(4096),
  seed: seedSchema,
  /** Rotate by a seeded Haar-random orthogonal matrix (eigenvectors no longer the axes). */
  rotate: z.boolean().default(false),
  /** Whiten the sample so its covariance is exactly U diag(spectrum) Uᵀ. */
  exact: z.boolean().default(false),
  test: testSchema,
});

export const mnistDataSchema = z
  .strictObject({
    kind: z.literal('mnist'),
    samples: z.number().int().min(1).max(MNIST_IMAGES).default(1000),
    size: z.number().int().min(1).max(28).default(4),
    crop: z.number().int().min(1).max(28).default(20),
    task: z.enum(['autoencode', 'classify']).default('autoencode'),
    reduce: z.enum(['resize', 'pca']).default('resize'),
    components: z.number().int().min(1).max(784).optional(),
    seed: seedSchema,
    test: testSchema,
  })
  .superRefine((d, ctx) => {
    if (d.size > d.crop) ctx.addIssue({ code: 'custom', path: ['size'], message: `size ${d.size} is larger than the crop ${d.crop}` });
    if (d.components !== undefined && d.reduce !== 'pca') ctx.addIssue({ code: 'custom', path: ['components'], message: 'components apply to reduce "pca"' });
    if (d.components !== undefined && d.components > d.crop * d.crop) {
      ctx.addIssue({ code: 'custom', path: ['components'], message: `at most ${d.crop * d.crop} components (the crop's pixels)` });
    }
    const test = d.test < 1 ? Math.max(d.test > 0 ? 1 : 0, Math.round(d.test * d.samples)) : d.test;
    if (d.samples + test > MNIST_IMAGES) {
      ctx.addIssue({ code: 'custom', path: ['samples'], message: `${d.samples} training + ${test} test images requested; the mnist package has ${MNIST_IMAGES}` });
    }
  });

export const fileTargetsSchema = z.union([
  z.strictObject({ columns: z.array(z.number().int()).min(1).max(100_000) }),
  z.strictObject({ path: z.string().min(1).max(4096) }),
]);

export const fileDataSchema = z.strictObject({
  kind: z.literal('file'),
  /** CSV (one sample per row, optional header) or NumPy .npy (1-D or 2-D). */
  path: z.string().min(1).max(4096),
  /** Absent: autoencode. columns: of the same file (0-based, −1 = last). path: a second file. */
  targets: fileTargetsSchema.optional(),
  /** Number of classes for integer labels (default: largest label + 1). */
  classes: z.number().int().min(2).max(100_000).optional(),
  standardize: z.enum(['none', 'center', 'zscore']).default('none'),
  seed: seedSchema,
  test: testSchema,
});

export const dataSpecSchema = z.discriminatedUnion('kind', [gaussianDataSchema, mnistDataSchema, fileDataSchema]);

/** Features and outputs a data spec implies, where known without reading files. */
function dataShape(data: z.output<typeof dataSpecSchema>): { inputs: number; outputs: number; what: string } | null {
  switch (data.kind) {
    case 'gaussian':
      return { inputs: data.spectrum.length, outputs: data.spectrum.length, what: 'the Gaussian data' };
    case 'mnist': {
      const features = data.reduce === 'pca' ? (data.components ?? data.size * data.size) : data.size * data.size;
      return { inputs: features, outputs: data.task === 'classify' ? 10 : features, what: 'the MNIST data' };
    }
    case 'file':
      return null;
  }
}

export const networkProblemSchema = z
  .strictObject({
    kind: z.literal('network'),
    /** Widths from inputs to outputs, e.g. [16, 4, 16]. */
    layers: z.array(z.number().int().min(1).max(100_000)).min(2).max(64),
    activation: z.enum(activationNames).default('linear'),
    bias: z.boolean().default(false),
    loss: z.enum(lossNames).default('mse'),
    /** Coefficient of (l2/2)‖θ‖². */
    l2: z.number().finite().min(0).default(0),
    data: dataSpecSchema,
  })
  .superRefine((spec, ctx) => {
    const { layers, data } = spec;
    let parameters = 0;
    for (let l = 1; l < layers.length; l++) parameters += layers[l] * (layers[l - 1] + (spec.bias ? 1 : 0));
    if (parameters > MAX_NETWORK_PARAMETERS) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: `${parameters} parameters; the limit is ${MAX_NETWORK_PARAMETERS}` });
    }
    const shape = dataShape(data);
    const last = layers[layers.length - 1];
    // Fewer than two layers is refused by the layers' own check: no shape to compare.
    if (shape && layers.length >= 2) {
      if (layers[0] !== shape.inputs) {
        ctx.addIssue({ code: 'custom', path: ['layers'], message: `the input layer has ${layers[0]} units but ${shape.what} have ${shape.inputs} features` });
      } else if (last !== shape.outputs) {
        const classify = data.kind === 'mnist' && data.task === 'classify';
        ctx.addIssue({
          code: 'custom',
          path: ['layers'],
          message: `the output layer has ${last} units but ${shape.what} need ${shape.outputs} (${classify ? 'one per class' : 'an autoencoder reconstructs its input'})`,
        });
      }
    }
    if (spec.loss === 'cross-entropy') {
      const autoencode = data.kind === 'gaussian' || (data.kind === 'mnist' && data.task === 'autoencode') || (data.kind === 'file' && !data.targets);
      if (autoencode) {
        ctx.addIssue({
          code: 'custom',
          path: ['loss'],
          message: data.kind === 'file' ? 'cross-entropy needs class labels: give data.targets' : 'cross-entropy needs class labels; autoencoding data go with loss "mse"',
        });
      }
    }
    if (data.kind === 'file' && data.classes !== undefined && spec.loss !== 'cross-entropy') {
      ctx.addIssue({ code: 'custom', path: ['data', 'classes'], message: 'classes apply to loss "cross-entropy"' });
    }
  });

export const problemSpecSchema = z.discriminatedUnion('kind', [functionProblemSchema, networkProblemSchema]);

export type ProblemSpecInput = z.input<typeof problemSpecSchema>;
export type ProblemSpec = z.output<typeof problemSpecSchema>;
export type FunctionProblemSpec = z.output<typeof functionProblemSchema>;
export type NetworkProblemSpec = z.output<typeof networkProblemSchema>;
export type DataSpec = z.output<typeof dataSpecSchema>;
