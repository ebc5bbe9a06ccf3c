/**
 * Shared machinery of the trajectory optimisers (./optimizer.ts): the recorder that keeps the
 * per-step loss and ‖g‖² and the sampled path, the gradient oracle (full batch, or mini-batches
 * drawn without replacement within each epoch), and the loop that every first-order method
 * runs with its own update rule. All buffers are allocated before the first step.
 *
 * Mini-batches: each epoch is a fresh permutation of the samples (Fisher–Yates from the run's
 * Rng), cut into ⌊N/B⌋ batches of exactly B samples; the N mod B left over are dropped for that
 * epoch (PyTorch's drop_last), so every batch has the same size and the batch buffer never
 * changes length. Over an epoch with B dividing N the batch gradients average to the full
 * gradient (unit/core/optimizers/trajectory.test.ts).
 */
import { sumOfSquares } from '../finders/finder.ts';
import type { Rng } from '../random/rng.ts';
import type {
  GradientObjective,
  OptimizerMethod,
  OptimizerResult,
  OptimizerRun,
  OptimizerStop,
} from './optimizer.ts';

/** Largest path a run may record (doubles): 400 MB. */
export const MAX_PATH_VALUES = 50_000_000;

export class TrajectoryRecorder {
  private readonly lossValues: Float64Array;
  private readonly gradValues: Float64Array;
  private readonly pathValues: Float64Array | null;
  private readonly pathStepValues: Int32Array;
  private count = 0;
  private rows = 0;

  constructor(
    private readonly n: number,
    maxSteps: number,
    private readonly recordEvery: number,
  ) {
    if (!Number.isInteger(recordEvery) || recordEvery < 0) throw new RangeError(`recordEvery must be a whole number ≥ 0, got ${recordEvery}`);
    this.lossValues = new Float64Array(maxSteps + 1);
    this.gradValues = new Float64Array(maxSteps + 1);
    const maxRows = recordEvery > 0 ? Math.floor(maxSteps / recordEvery) + 2 : 0;
    if (maxRows * n > MAX_PATH_VALUES) {
      throw new RangeError(`recording θ every ${recordEvery} steps would keep ${maxRows} × ${n} numbers; record less often (limit ${MAX_PATH_VALUES})`);
    }
    this.pathValues = recordEvery > 0 ? new Float64Array(maxRows * n) : null;
    this.pathStepValues = new Int32Array(maxRows);
  }

  /** Steps recorded so far, not counting the start. */
  get steps(): number {
    return this.count - 1;
  }

  lastLoss(): number {
    return this.lossValues[this.count - 1];
  }

  /** Appends θ_step (the start is step 0). */
  record(theta: Float64Array, loss: number, gradNormSq: number): void {
    const step = this.count;
    this.lossValues[step] = loss;
    this.gradValues[step] = gradNormSq;
    this.count++;
    if (this.pathValues !== null && step % this.recordEvery === 0) this.pushRow(theta, step);
  }

  private pushRow(theta: Float64Array, step: number): void {
    this.pathValues!.set(theta, this.rows * this.n);
    this.pathStepValues[this.rows] = step;
    this.rows++;
  }

  result(
    method: OptimizerMethod,
    theta: Float64Array,
    stop: OptimizerStop,
    gradients: number,
    hvps: number,
    notes: readonly string[],
  ): OptimizerResult {
    const last = this.count - 1;
    if (this.pathValues !== null && (this.rows === 0 || this.pathStepValues[this.rows - 1] !== last)) this.pushRow(theta, last);
    return {
      method,
      theta: Float64Array.from(theta),
      steps: last,
      stop,
      loss: Array.from(this.lossValues.subarray(0, this.count)),
      gradNormSq: Array.from(this.gradValues.subarray(0, this.count)),
      path: this.pathValues === null ? null : this.pathValues.slice(0, this.rows * this.n),
      pathSteps: Array.from(this.pathStepValues.subarray(0, this.rows)),
      gradients,
      hvps,
      notes,
    };
  }
}

/**
 * Gradients for the update (full batch, or the next mini-batch) and the loss and ‖g‖² to record
 * (the same evaluation, or with `exactLoss` a separate full-batch one).
 */
export class GradientOracle {
  readonly stochastic: boolean;
  readonly notes: string[] = [];
  /** Loss and ‖g‖² to record for the point last evaluated. */
  loss = NaN;
  gradNormSq = NaN;
  /** Evaluations made (full gradients and mini-batch gradients alike). */
  evaluations = 0;
  private readonly order: Int32Array;
  private readonly batch: Int32Array;
  private cursor: number;
  private readonly scratch: Float64Array;

  constructor(
    private readonly objective: GradientObjective,
    batchSize: number | null,
    private readonly rng: Rng,
    private readonly exactLoss = false,
    method = 'this method',
  ) {
    const samples = objective.sampleCount;
    const canBatch = typeof objective.batchGradient === 'function' && typeof samples === 'number' && samples > 0;
    if (batchSize !== null && !canBatch) {
      this.notes.push(`${method}: this problem has no samples, so mini-batches do not apply; every step used the full gradient`);
    } else if (batchSize !== null && batchSize >= samples!) {
      this.notes.push(`${method}: batch size ${batchSize} ≥ ${samples} samples; every step used the full gradient`);
    }
    this.stochastic = batchSize !== null && canBatch && batchSize < samples!;
    this.order = this.stochastic ? new Int32Array(samples!) : new Int32Array(0);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.batch = this.stochastic ? new Int32Array(batchSize!) : new Int32Array(0);
    this.cursor = this.order.length; // the first call starts an epoch
    this.scratch = this.stochastic && exactLoss ? new Float64Array(objective.dimension) : new Float64Array(0);
  }

  /** The next mini-batch's sample indices (a buffer reused by every call). */
  nextBatch(): Int32Array {
    const B = this.batch.length;
    if (this.cursor + B > this.order.length) {
      this.rng.shuffle(this.order);
      this.cursor = 0;
    }
    for (let i = 0; i < B; i++) this.batch[i] = this.order[this.cursor + i];
    this.cursor += B;
    return this.batch;
  }

  /** Writes the step gradient at θ into g, sets `loss` and `gradNormSq` for the record, and returns the step gradient's loss. */
  evaluate(theta: Float64Array, g: Float64Array): number {
    this.evaluations++;
    if (!this.stochastic) {
      const f = this.objective.gradient(theta, g);
      this.loss = f;
      this.gradNormSq = sumOfSquares(g);
      return f;
    }
    const f = this.objective.batchGradient!(theta, this.nextBatch(), g);
    if (this.exactLoss) {
      this.evaluations++;
      this.loss = this.objective.gradient(theta, this.scratch);
      this.gradNormSq = sumOfSquares(this.scratch);
    } else {
      this.loss = f;
      this.gradNormSq = sumOfSquares(g);
    }
    return f;
  }
}

/** Options the shared loop reads (every method's spec has them). */
export interface LoopOptions {
  readonly steps: number;
  readonly tolerance: number;
  readonly divergence: number;
  readonly recordEvery?: number;
  readonly batchSize?: number | null;
  readonly exactLoss?: boolean;
}

/**
 * One update θ_{t−1} → θ_t, in place, from the step gradient g at θ_{t−1} (t = 1, 2, …).
 * Returning 'stationary' ends the run there (θ as left by the rule).
 */
export type UpdateRule = (t: number, theta: Float64Array, g: Float64Array) => void | 'stationary';

/** What an update rule may use besides θ and g. */
export interface UpdateContext {
  readonly n: number;
  readonly rng: Rng;
  /**
   * The oracle that produced g: `oracle.loss` is the loss at θ_{t−1} when the rule is called, and
   * `oracle.evaluate(θ, g)` re-evaluates the step gradient (perturbed GD after a perturbation).
   */
  readonly oracle: GradientOracle;
}

export function isNonFinite(x: number): boolean {
  return !Number.isFinite(x);
}

/**
 * The loop of every first-order method: evaluate, record, update, until `steps` updates, a
 * small gradient (tolerance > 0 and not `ignoreTolerance`), a 'stationary' signal from the rule,
 * or divergence (θ restored to the last finite point).
 */
export function* firstOrderLoop(
  method: OptimizerMethod,
  objective: GradientObjective,
  start: Float64Array,
  options: LoopOptions,
  rng: Rng,
  makeRule: (context: UpdateContext) => UpdateRule,
  ignoreTolerance = false,
): OptimizerRun {
  const n = objective.dimension;
  if (start.length !== n) throw new RangeError(`the start has ${start.length} parameters but the problem has ${n}`);
  const theta = Float64Array.from(start);
  const previous = new Float64Array(n);
  const g = new Float64Array(n);
  const recorder = new TrajectoryRecorder(n, options.steps, options.recordEvery ?? 0);
  const oracle = new GradientOracle(objective, options.batchSize ?? null, rng, options.exactLoss ?? false, method);
  const rule = makeRule({ n, rng, oracle });
  const stopAtTolerance = !ignoreTolerance && options.tolerance > 0;

  oracle.evaluate(theta, g);
  let stop: OptimizerStop = 'steps';
  if (isNonFinite(oracle.loss) || isNonFinite(oracle.gradNormSq)) {
    // A start where the loss is not finite: record nothing else.
    recorder.record(theta, oracle.loss, oracle.gradNormSq);
    return recorder.result(method, theta, 'diverged', oracle.evaluations, 0, oracle.notes);
  }
  recorder.record(theta, oracle.loss, oracle.gradNormSq);
  if (stopAtTolerance && oracle.gradNormSq <= options.tolerance) {
    return recorder.result(method, theta, 'converged', oracle.evaluations, 0, oracle.notes);
  }
  for (let t = 1; t <= options.steps; t++) {
    previous.set(theta);
    const signal = rule(t, theta, g);
    oracle.evaluate(theta, g);
    if (isNonFinite(oracle.loss) || isNonFinite(oracle.gradNormSq) || Math.sqrt(sumOfSquares(theta)) > options.divergence) {
      theta.set(previous);
      stop = 'diverged';
      break;
    }
    recorder.record(theta, oracle.loss, oracle.gradNormSq);
    yield { step: t, loss: oracle.loss, gradNormSq: oracle.gradNormSq };
    if (signal === 'stationary') {
      stop = 'stationary';
      break;
    }
    if (stopAtTolerance && oracle.gradNormSq <= options.tolerance) {
      stop = 'converged';
      break;
    }
  }
  return recorder.result(method, theta, stop, oracle.evaluations, 0, oracle.notes);
}
