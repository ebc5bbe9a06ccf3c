/**
 * The contract every trajectory optimiser follows, the `optimizer` section of a spec (one zod
 * schema per method, a discriminated union on `method`) and the registry of methods.
 *
 * Optimisers produce trajectories: for the 2-D landscape view (./landscape-trajectory.ts) and
 * for sampling finder starts along a training run (core/experiment/trajectory-sampling.ts).
 * They take operators (an Objective: gradient returning the loss, and the HVP for cubic
 * Newton), never a Problem (STYLE.md). Mini-batch methods also use the optional
 * StochasticObjective extension; a problem without samples (a test function) runs them on the
 * full gradient and says so in the result's `notes`.
 *
 * Each optimiser is a generator `(objective, start, options, rng)` that yields after every step
 * ({ step, loss, gradNormSq } at the new point) and returns an OptimizerResult. The start is
 * never mutated; buffers are allocated once before the first step (no allocation per step,
 * except where a file says otherwise). A non-finite loss, or ‖θ‖ beyond `divergence`, stops
 * the run cleanly with stop 'diverged' at the last finite point.
 *
 * The common form (Wilson, Roelofs, Stern, Srebro & Recht, "The marginal value of adaptive
 * gradient methods in machine learning", NeurIPS 2017, §2 and Table 1):
 *
 *   θ_{k+1} = θ_k − α_k H_k⁻¹ g̃_k + β_k H_k⁻¹ H_{k−1} (θ_k − θ_{k−1})
 *
 * with g̃_k the (mini-batch) gradient at θ_k and H_k a positive diagonal preconditioner:
 *   gd, sgd       α_k = α,  H_k = I,  β_k = 0
 *   momentum      α_k = α,  H_k = I,  β_k = β                       (Polyak's heavy ball)
 *   adagrad       α_k = α,  H_k = diag(√(Σ_{j≤k} g̃_j²)) + εI,  β_k = 0
 *   rmsprop       α_k = α,  H_k = diag(√v_k) + εI,  β_k = 0,  v_k = ρv_{k−1} + (1−ρ)g̃_k²
 *   adam          α_k = α(1−β₁)/(1−β₁ᵏ),  β_k = β₁(1−β₁^{k−1})/(1−β₁ᵏ),
 *                 H_k = diag(√(v_k/(1−β₂ᵏ))) + εI
 *   cubic-newton  α_k = 1,  H_k = ∇²L(θ_k) + (M r_k/2) I (r_k = the step length),  β_k = 0
 *                 (Nesterov & Polyak 2006: the step solves (∇²L + (Mr/2)I) s = −g; see
 *                 ./cubic-subproblem.ts)
 * and the methods outside it: signsgd (θ ← θ − α sign g̃: a nonlinear map of g̃), sgld and
 * perturbed-gd (gradient descent plus injected noise). Each file implements its method in its
 * paper's own form; unit/core/optimizers checks the common form numerically for momentum and
 * Adam.
 */
import { z } from 'zod';
import type { Objective } from '../finders/finder.ts';
import type { Rng } from '../random/rng.ts';
import { adagrad } from './adagrad.ts';
import { adam } from './adam.ts';
import { cubicNewton } from './cubic-newton.ts';
import { gd } from './gd.ts';
import { momentum } from './momentum.ts';
import { perturbedGd } from './perturbed-gd.ts';
import { rmsprop } from './rmsprop.ts';
import { sgd } from './sgd.ts';
import { sgld } from './sgld.ts';
import { signsgd } from './signsgd.ts';

export type { Objective } from '../finders/finder.ts';

/**
 * Optional extension of an Objective for problems made of samples (networks): the mean loss
 * over the samples `batch` (indices into 0 … sampleCount−1, repeats allowed) plus any
 * regulariser, with its gradient written into `out`. The mean over the batches of a partition
 * of the samples into equal-sized batches is the full gradient.
 */
export interface StochasticObjective {
  readonly sampleCount: number;
  batchGradient(theta: Float64Array, batch: Int32Array, out: Float64Array): number;
}

/** What first-order optimisers need: the gradient, and mini-batch gradients where there are samples. */
export type GradientObjective = Pick<Objective, 'dimension' | 'gradient'> & Partial<StochasticObjective>;

/**
 * Why an optimiser stopped.
 * - 'steps'      it took all its steps.
 * - 'converged'  ‖g‖² ≤ tolerance (a tolerance of 0, the default, never stops a run early).
 * - 'stationary' perturbed GD's termination test (Jin et al. 2017, Alg. 2): a perturbation did
 *                not lower the loss by f_thres within t_thres steps, so the point before it is
 *                returned as an approximate second-order stationary point; cubic Newton: the
 *                cubic model's minimiser is the zero step (g = 0 and ∇²L ⪰ 0 on its subspace).
 * - 'stalled'    (adaptive cubic Newton) no regularisation M up to 2⁶⁰·M made the model an
 *                upper bound at the trial point.
 * - 'diverged'   a non-finite loss or gradient, or ‖θ‖ > divergence; θ is the last finite point.
 */
export type OptimizerStop = 'steps' | 'converged' | 'stationary' | 'stalled' | 'diverged';

/** One step as seen by the caller: the loss and ‖g‖² at θ_step (mini-batch estimates for stochastic methods unless exactLoss). */
export interface OptimizerStep {
  readonly step: number;
  readonly loss: number;
  readonly gradNormSq: number;
}

export interface OptimizerResult {
  readonly method: OptimizerMethod;
  /** θ at the end (a new array). */
  readonly theta: Float64Array;
  /** Steps taken (loss has steps + 1 entries; entry 0 is the start). */
  readonly steps: number;
  readonly stop: OptimizerStop;
  /** Loss at θ_0 … θ_steps (for mini-batch methods the mini-batch loss unless exactLoss). */
  readonly loss: number[];
  /** ‖g‖² at θ_0 … θ_steps (same convention as loss). */
  readonly gradNormSq: number[];
  /** Rows of θ (row-major, `dimension` per row) at the steps in pathSteps, or null (recordEvery 0). */
  readonly path: Float64Array | null;
  /** The step of each path row: 0, recordEvery, 2·recordEvery, …, and always the last step. */
  readonly pathSteps: number[];
  /** Gradient evaluations (full or mini-batch) and Hessian-vector products. */
  readonly gradients: number;
  readonly hvps: number;
  /** Things a user should know about this run (e.g. "no samples: full-batch gradients"). */
  readonly notes: readonly string[];
}

export type OptimizerRun = Generator<OptimizerStep, OptimizerResult, void>;

/** Run controls that are not part of a spec. */
export interface RunControls {
  /** Record θ every this many steps (0: no path, the default). */
  readonly recordEvery?: number;
}

// ---------------------------------------------------------------------------------------------
// Spec schemas. Defaults are the usual ones from each method's paper or reference implementation.

const positive = () => z.number().positive().finite();

/** Fields every method has. */
const common = {
  /** Number of update steps (the trajectory has steps + 1 points). */
  steps: z.number().int().min(1).max(1_000_000).default(1000),
  /** Stop as converged when ‖g‖² ≤ tolerance; 0 never stops early (perturbed GD and SGLD ignore it). */
  tolerance: z.number().min(0).max(1).default(0),
  /** ‖θ‖ beyond this counts as divergence. */
  divergence: positive().default(1e8),
};

/** Fields of the methods that can use mini-batches. */
const batching = {
  /** Samples per mini-batch (without replacement within an epoch; a last partial batch is dropped); null: full batch. */
  batchSize: z.number().int().min(1).nullable().default(null),
  /** Record the full-batch loss and ‖g‖² at every step (one extra full gradient per step) instead of the mini-batch estimates. */
  exactLoss: z.boolean().default(false),
};

export const gdSchema = z.strictObject({
  method: z.literal('gd'),
  ...common,
  learningRate: positive().default(0.01),
});

export const sgdSchema = z.strictObject({
  method: z.literal('sgd'),
  ...common,
  ...batching,
  batchSize: z.number().int().min(1).nullable().default(32),
  learningRate: positive().default(0.01),
});

export const momentumSchema = z.strictObject({
  method: z.literal('momentum'),
  ...common,
  ...batching,
  learningRate: positive().default(0.01),
  /** Heavy-ball coefficient β ∈ [0, 1). */
  momentum: z.number().min(0).lt(1).default(0.9),
});

export const adagradSchema = z.strictObject({
  method: z.literal('adagrad'),
  ...common,
  ...batching,
  learningRate: positive().default(0.01),
  epsilon: positive().default(1e-10),
});

export const rmspropSchema = z.strictObject({
  method: z.literal('rmsprop'),
  ...common,
  ...batching,
  learningRate: positive().default(0.001),
  /** Decay ρ of the running mean of g² (Tieleman & Hinton 2012 suggest 0.9). */
  decay: z.number().min(0).lt(1).default(0.9),
  epsilon: positive().default(1e-8),
});

export const adamSchema = z.strictObject({
  method: z.literal('adam'),
  ...common,
  ...batching,
  /** Kingma & Ba 2015, Alg. 1 defaults: α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
  learningRate: positive().default(0.001),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  epsilon: positive().default(1e-8),
});

export const perturbedGdSchema = z.strictObject({
  method: z.literal('perturbed-gd'),
  ...common,
  /** η (Jin et al. 2017, Alg. 2: c/ℓ). */
  learningRate: positive().default(0.01),
  /** Perturbation radius r. */
  radius: positive().default(0.01),
  /** Perturb when ‖g‖ ≤ gradientThreshold (g_thres)… */
  gradientThreshold: positive().default(1e-3),
  /** …and more than stepThreshold steps (t_thres) have passed since the last perturbation. */
  stepThreshold: z.number().int().min(1).default(100),
  /** f_thres: stop as 'stationary' when a perturbation has not lowered the loss by this much after t_thres steps; null: never stop (the default). */
  lossThreshold: positive().nullable().default(null),
  /** Jin et al. draw ξ uniformly from the ball of radius r; 'sphere' draws it on the sphere of radius r. */
  noise: z.enum(['ball', 'sphere']).default('ball'),
});

export const sgldSchema = z.strictObject({
  method: z.literal('sgld'),
  ...common,
  ...batching,
  /** α₀: step t uses α_t = α₀·(b/(b + t − 1))^γ. */
  learningRate: positive().default(0.01),
  /** Temperature T: θ ← θ − α_t g̃ + √(2α_t T)·ξ samples ∝ exp(−L/T) as α_t → 0. */
  temperature: z.number().min(0).finite().default(1e-3),
  /** γ of the step schedule; 0 keeps the step constant (Welling & Teh need γ ∈ (0.5, 1] for convergence). */
  decay: z.number().min(0).max(1).default(0),
  /** b of the step schedule. */
  decayOffset: positive().default(1),
});

export const signsgdSchema = z.strictObject({
  method: z.literal('signsgd'),
  ...common,
  ...batching,
  learningRate: positive().default(0.001),
});

export const cubicNewtonSchema = z.strictObject({
  method: z.literal('cubic-newton'),
  ...common,
  steps: z.number().int().min(1).max(1_000_000).default(100),
  /** M, the Lipschitz constant of the Hessian (the initial estimate when adaptive). */
  lipschitz: positive().default(1),
  /** Adjust M every step (Nesterov & Polyak 2006 §3 and §5): double until the cubic model bounds the loss at the trial point, halve after each accepted step. */
  adaptive: z.boolean().default(true),
  /** Lower bound on M when adaptive (their L₀). */
  minLipschitz: positive().default(1e-8),
  /** Dimension of the Lanczos subspace the cubic subproblem is solved in (capped at n; n gives the exact subproblem). */
  krylovDimension: z.number().int().min(1).max(1000).default(40),
});

export const optimizerSpecSchema = z.discriminatedUnion('method', [
  gdSchema,
  sgdSchema,
  momentumSchema,
  adagradSchema,
  rmspropSchema,
  adamSchema,
  perturbedGdSchema,
  sgldSchema,
  signsgdSchema,
  cubicNewtonSchema,
]);

export type OptimizerSpecInput = z.input<typeof optimizerSpecSchema>;
export type OptimizerSpec = z.output<typeof optimizerSpecSchema>;
export type OptimizerMethod = OptimizerSpec['method'];
export type OptimizerOptions<M extends OptimizerMethod> = Extract<OptimizerSpec, { method: M }>;

export type GdOptions = OptimizerOptions<'gd'>;
export type SgdOptions = OptimizerOptions<'sgd'>;
export type MomentumOptions = OptimizerOptions<'momentum'>;
export type AdagradOptions = OptimizerOptions<'adagrad'>;
export type RmspropOptions = OptimizerOptions<'rmsprop'>;
export type AdamOptions = OptimizerOptions<'adam'>;
export type PerturbedGdOptions = OptimizerOptions<'perturbed-gd'>;
export type SgldOptions = OptimizerOptions<'sgld'>;
export type SignsgdOptions = OptimizerOptions<'signsgd'>;
export type CubicNewtonOptions = OptimizerOptions<'cubic-newton'>;

/** Every method name, in registry order. */
export const optimizerMethods = optimizerSpecSchema.options.map((o) => o.shape.method.value) as OptimizerMethod[];

/** Options for `method` with the documented defaults filled in; throws a ZodError naming a bad field. */
export function optimizerOptions<M extends OptimizerMethod>(
  method: M,
  input: Omit<Extract<OptimizerSpecInput, { method: M }>, 'method'> = {} as Omit<Extract<OptimizerSpecInput, { method: M }>, 'method'>,
): OptimizerOptions<M> {
  return optimizerSpecSchema.parse({ ...input, method }) as OptimizerOptions<M>;
}

export type OptimizerFunction<M extends OptimizerMethod> = (
  objective: M extends 'cubic-newton' ? Objective : GradientObjective,
  start: Float64Array,
  options: OptimizerOptions<M> & RunControls,
  rng: Rng,
) => OptimizerRun;

/** The registry: one generator per method. */
export const optimizers: { readonly [M in OptimizerMethod]: OptimizerFunction<M> } = {
  gd,
  sgd,
  momentum,
  adagrad,
  rmsprop,
  adam,
  'perturbed-gd': perturbedGd,
  sgld,
  signsgd,
  'cubic-newton': cubicNewton,
};

/**
 * Starts the optimiser a parsed spec names. Cubic Newton needs the objective's HVP; the other
 * methods use only its gradient (and batchGradient where they take mini-batches).
 */
export function createOptimizer(
  objective: GradientObjective & Partial<Pick<Objective, 'hvp'>>,
  start: Float64Array,
  spec: OptimizerSpec,
  rng: Rng,
  controls: RunControls = {},
): OptimizerRun {
  if (start.length !== objective.dimension) {
    throw new RangeError(`the start has ${start.length} parameters but the problem has ${objective.dimension}`);
  }
  if (spec.method === 'cubic-newton') {
    if (typeof objective.hvp !== 'function') throw new TypeError('cubic-newton needs Hessian-vector products');
    return cubicNewton(objective as Objective, start, { ...spec, ...controls }, rng);
  }
  // Every other entry takes a GradientObjective; the cast only ties spec.method to its options.
  const run = optimizers[spec.method] as OptimizerFunction<Exclude<OptimizerMethod, 'cubic-newton'>>;
  return run(objective, start, { ...spec, ...controls } as never, rng);
}

/** Runs an optimiser to the end. */
export function runToEnd(run: OptimizerRun): OptimizerResult {
  let next = run.next();
  while (!next.done) next = run.next();
  return next.value;
}
