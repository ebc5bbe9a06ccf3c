/**
 * A Problem for a fully connected network on a data set: L(θ) = data loss + (l2/2)‖θ‖², the
 * L2 term over every parameter (weights and biases), so its gradient is l2·θ and its Hessian
 * l2·I. Data loss: mean squared error ‖Y − f(X)‖²_F/(d_L·n) (for the linear autoencoder this is
 * DESIGN.md's ‖X − W₂W₁X‖²_F/(kn)) or mean softmax cross-entropy. Gradient by backpropagation,
 * HVP by the R-operator (./mlp.ts).
 *
 * Bias-free linear networks with mse loss run on exactly equivalent compressed data
 * (./gram-compression.ts: at most d₀ + d_L virtual samples instead of n) unless
 * `compress: false`; the held-out loss is computed the same way on the test samples.
 *
 * Mini-batches (core/optimizers' StochasticObjective): `batchGradient(θ, batch, out)` is the
 * mean data loss over the training samples listed in `batch` (never compressed) plus the L2 term,
 * with its gradient: the batch rows are gathered into buffers sized for the batch and run through
 * an Mlp built once per batch size (rebuilt, i.e. allocated, only when the size changes).
 */
import type { Problem } from '../problem.ts';
import type { DataSet, Samples } from '../data/data-set.ts';
import { isTwiceDifferentiable } from './activations.ts';
import { compressLinearData } from './gram-compression.ts';
import { Mlp, mlpLayout, mlpParameterNames, type MlpArchitecture, type MlpData, type MlpLayout } from './mlp.ts';

export interface NetworkOptions extends MlpArchitecture {
  /** Coefficient of the (l2/2)‖θ‖² term (0: none). */
  readonly l2: number;
  /** Exact Gram compression for bias-free linear mse networks (default true). */
  readonly compress?: boolean;
  /** Samples per block in the batched passes (default: about 4096 doubles per layer buffer). */
  readonly blockRows?: number;
}

export interface NetworkProblem extends Problem {
  readonly architecture: MlpArchitecture;
  readonly l2: number;
  readonly layout: MlpLayout;
  readonly data: DataSet;
  /** Whether the training data were replaced by their exact compression. */
  readonly compressed: boolean;
  /** Training loss without the L2 term. */
  dataLoss(theta: Float64Array): number;
  /** Number of training samples (before any compression). */
  readonly sampleCount: number;
  /** Mean loss over the training samples `batch` (indices, repeats allowed) plus the L2 term; gradient into out. */
  batchGradient(theta: Float64Array, batch: Int32Array, out: Float64Array): number;
}

/** Checks that a network fits the data; the message names the mismatch. */
export function checkNetworkFitsData(options: Pick<MlpArchitecture, 'layers' | 'loss'>, data: DataSet): void {
  const { layers, loss } = options;
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (first !== data.inputDim) {
    throw new RangeError(`the input layer has ${first} units but the data have ${data.inputDim} features per sample`);
  }
  if (last !== data.targetDim) {
    const what =
      data.task === 'classification'
        ? `${data.classes} classes`
        : data.task === 'autoencode'
          ? `${data.targetDim} features to reconstruct`
          : `${data.targetDim} target columns`;
    throw new RangeError(`the output layer has ${last} units but the data have ${what}`);
  }
  if (loss === 'cross-entropy') {
    if (data.task === 'autoencode') {
      throw new RangeError('cross-entropy needs class targets; autoencoding data go with loss "mse"');
    }
    for (const part of [data.train, data.test]) {
      if (!part || !part.targets) continue;
      const t = part.targets;
      for (let s = 0; s < part.count; s++) {
        let sum = 0;
        for (let c = 0; c < last; c++) {
          const y = t[s * last + c];
          if (!(y >= 0)) throw new RangeError(`cross-entropy needs targets that are class probabilities; sample ${s + 1} has ${y}`);
          sum += y;
        }
        if (Math.abs(sum - 1) > 1e-9) {
          throw new RangeError(`cross-entropy needs targets that are class probabilities (rows summing to 1); sample ${s + 1} sums to ${sum}`);
        }
      }
    }
  }
}

function lossScale(options: MlpArchitecture, samples: number): number {
  const outputs = options.layers[options.layers.length - 1];
  return options.loss === 'mse' ? 1 / (outputs * samples) : 1 / samples;
}

function evaluator(options: NetworkOptions, samples: Samples, compress: boolean): Mlp {
  let data: MlpData = { samples: samples.count, inputs: samples.inputs, targets: samples.targets };
  const scale = lossScale(options, samples.count);
  const d0 = options.layers[0];
  const dL = options.layers[options.layers.length - 1];
  if (compress) {
    const virtualRows = samples.targets === null ? d0 : d0 + dL;
    if (samples.count > virtualRows) data = compressLinearData(data, d0, dL);
  }
  return new Mlp(options, data, scale, options.blockRows === undefined ? {} : { blockRows: options.blockRows });
}

/** Data-loss gradient over selected training rows: gathers them and runs an Mlp sized for the batch. */
function batchEvaluator(options: NetworkOptions, samples: Samples): (theta: Float64Array, batch: Int32Array, out: Float64Array) => number {
  const d0 = options.layers[0];
  const dL = options.layers[options.layers.length - 1];
  let size = 0;
  let X = new Float64Array(0);
  let Y: Float64Array | null = null;
  let mlp: Mlp | null = null;
  return (theta, batch, out) => {
    const m = batch.length;
    if (m < 1) throw new RangeError('a mini-batch needs at least one sample');
    if (m !== size || mlp === null) {
      X = new Float64Array(m * d0);
      Y = samples.targets === null ? null : new Float64Array(m * dL);
      // The Mlp reads X and Y in place, so refilling them below changes the batch it sees.
      mlp = new Mlp(options, { samples: m, inputs: X, targets: Y }, lossScale(options, m), options.blockRows === undefined ? {} : { blockRows: options.blockRows });
      size = m;
    }
    for (let i = 0; i < m; i++) {
      const s = batch[i];
      if (!(s >= 0 && s < samples.count)) throw new RangeError(`sample index ${s} is outside 0 … ${samples.count - 1}`);
      for (let j = 0; j < d0; j++) X[i * d0 + j] = samples.inputs[s * d0 + j];
      if (Y !== null) for (let j = 0; j < dL; j++) Y[i * dL + j] = samples.targets![s * dL + j];
    }
    return mlp.gradient(theta, out);
  };
}

function describe(options: NetworkOptions, data: DataSet, compressed: boolean): string {
  const parts = [
    `Network ${options.layers.join('-')}`,
    options.activation,
    options.bias ? 'with biases' : 'no biases',
    options.loss,
  ];
  if (options.l2 > 0) parts.push(`L2 ${options.l2}`);
  return `${parts.join(', ')} on ${data.description}${compressed ? ' (exact Gram compression)' : ''}`;
}

export function networkProblem(options: NetworkOptions, data: DataSet): NetworkProblem {
  checkNetworkFitsData(options, data);
  if (!(options.l2 >= 0) || !Number.isFinite(options.l2)) throw new RangeError(`l2 must be a finite number ≥ 0, got ${options.l2}`);
  if (data.train.count < 1) throw new RangeError('the data set has no training samples');
  const canCompress = options.activation === 'linear' && !options.bias && options.loss === 'mse';
  const compress = canCompress && options.compress !== false;
  const train = evaluator(options, data.train, compress);
  const test = data.test && data.test.count > 0 ? evaluator(options, data.test, compress) : null;
  const trainBatch = batchEvaluator(options, data.train);
  const layout = mlpLayout(options);
  const n = layout.dimension;
  const l2 = options.l2;
  const half = 0.5 * l2;
  let names: string[] | null = null;
  const compressed = compress && train.samples < data.train.count;

  const regulariser = (theta: Float64Array): number => {
    if (l2 === 0) return 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += theta[i] * theta[i];
    return half * s;
  };

  const problem: NetworkProblem = {
    architecture: { layers: [...options.layers], activation: options.activation, bias: options.bias, loss: options.loss },
    l2,
    layout,
    data,
    compressed,
    dimension: n,
    get parameterNames(): readonly string[] {
      names ??= mlpParameterNames(layout);
      return names;
    },
    shapes: layout.blocks,
    twiceDifferentiable: isTwiceDifferentiable(options.activation),
    label: describe(options, data, compressed),
    loss: (theta) => train.loss(theta) + regulariser(theta),
    dataLoss: (theta) => train.loss(theta),
    gradient(theta, out) {
      const f = train.gradient(theta, out);
      if (l2 === 0) return f;
      for (let i = 0; i < n; i++) out[i] += l2 * theta[i];
      return f + regulariser(theta);
    },
    hvp(theta, v, out) {
      train.hvp(theta, v, out);
      if (l2 !== 0) for (let i = 0; i < n; i++) out[i] += l2 * v[i];
    },
    sampleCount: data.train.count,
    batchGradient(theta, batch, out) {
      const f = trainBatch(theta, batch, out);
      if (l2 === 0) return f;
      for (let i = 0; i < n; i++) out[i] += l2 * theta[i];
      return f + regulariser(theta);
    },
    ...(test ? { testLoss: (theta: Float64Array) => test.loss(theta) } : {}),
  };
  return problem;
}
