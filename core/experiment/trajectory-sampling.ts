/**
 * Finder starts sampled along optimisation trajectories (DESIGN.md §4's reference protocol:
 * "starts sampled along a gradient-descent trajectory uniformly in loss, half of them perturbed
 * by N(0, 1e-2)"), after Frye, Wadia, DeWeese & Bouchard, "Numerically recovering the critical
 * points of a deep linear autoencoder" (2019) and Frye et al., "Critical point-finding methods
 * reveal gradient-flat regions of deep network losses", Neural Computation 33 (2021).
 *
 * One start, independently of every other (so a pool computes start i alone from
 * createRng(seed, i)):
 *   1. initialise θ₀: 'normal' (N(0, scale²) per parameter), 'glorot' (Glorot & Bengio 2010,
 *      eq. 16: W ~ U[±√(6/(fan_in + fan_out))] per weight matrix, or N(0, 2/(fan_in + fan_out))
 *      with distribution 'normal'; 1-D blocks, the biases, start at 0), or 'auto' (glorot when the
 *      problem has weight matrices, else normal with scale 1);
 *   2. run the optimiser (default: gradient descent, learning rate 0.1, 1000 steps: the defaults
 *      of the authors' code, charlesfrye/autocrit_tools) and keep its per-step losses;
 *   3. pick a step k: 'uniform-loss' draws a target uniformly between the lowest loss reached
 *      and the initial loss and takes the first step whose loss is ≤ the target (for a
 *      monotonically decreasing run the lowest loss is the final one); 'uniform-step' draws k
 *      uniformly from 0 … steps. (Frye et al.'s `uniform_f` normalises the losses over the run
 *      and takes the lowest-loss point at or above the target; on a monotone run the two differ
 *      by at most one step.)
 *   4. with probability perturbProbability add N(0, σ²I) with σ = perturbScale.
 *
 * The noise scale. DESIGN.md's "N(0, 1e-2)" is read as variance 1e-2, i.e. σ = 0.1, the default
 * here: in the authors' code (charlesfrye/autocrit_tools, scripts/run_critfinder_experiment.py)
 * the perturbation option is "Logarithm base 10 of amount to perturb theta … sets variance of
 * additive gaussian noise" and is applied as `perturb_stdev = np.sqrt(10 ** theta_perturb)`, so
 * an exponent of −2 means variance 1e-2 and standard deviation 0.1; this matches the usual
 * N(μ, σ²) notation. `perturbScale` is the standard deviation σ.
 *
 * Memory: the trajectory's θ are not kept. The optimiser runs once recording only losses; after
 * the pick it is replayed from the same Rng state for k steps (optimisers are deterministic given
 * their Rng), which costs at most one more run but only O(n) memory. The replay's loss at step k
 * is checked against the first run's, bit for bit.
 *
 * Rng draws, in order: the initialisation, the optimiser's own draws (noise, mini-batches), the
 * pick (one uniform, or one integer), the perturbation coin (always drawn), then the noise.
 *
 * Grid and uniform-box starts for low-dimensional functions are planned by ./starts.ts.
 */
import { z } from 'zod';
import {
  createOptimizer,
  optimizerSpecSchema,
  type GradientObjective,
  type Objective,
  type OptimizerMethod,
  type OptimizerStep,
  type OptimizerStop,
} from '../optimizers/optimizer.ts';
import type { ParameterBlock } from '../problems/problem.ts';
import { createRng, Rng } from '../random/rng.ts';
import type { Start } from './starts.ts';

export const trajectoryInitSchema = z.discriminatedUnion('kind', [
  /** Glorot when the problem has weight matrices (networks), else normal with scale 1 (functions). */
  z.strictObject({ kind: z.literal('auto') }),
  z.strictObject({ kind: z.literal('normal'), scale: z.number().positive().finite().default(1) }),
  z.strictObject({ kind: z.literal('glorot'), distribution: z.enum(['uniform', 'normal']).default('uniform') }),
]);

/** The default optimiser: gradient descent, learning rate 0.1, 1000 steps (autocrit_tools' defaults). */
export const DEFAULT_TRAJECTORY_OPTIMIZER = optimizerSpecSchema.parse({ method: 'gd', learningRate: 0.1, steps: 1000 });

export const trajectorySamplingSchema = z.strictObject({
  strategy: z.literal('trajectory'),
  /** Number of starts (one optimiser run each). */
  starts: z.number().int().min(1).max(1_000_000).default(100),
  /** Start i draws everything from createRng(seed, i). */
  seed: z.number().int().min(0).default(0),
  init: trajectoryInitSchema.default({ kind: 'auto' }),
  optimizer: optimizerSpecSchema.default(DEFAULT_TRAJECTORY_OPTIMIZER),
  pick: z.enum(['uniform-loss', 'uniform-step']).default('uniform-loss'),
  /** Fraction of starts perturbed (DESIGN.md: half). */
  perturbProbability: z.number().min(0).max(1).default(0.5),
  /** Standard deviation σ of the Gaussian perturbation (DESIGN.md's N(0, 1e-2) is variance 1e-2: σ = 0.1). */
  perturbScale: z.number().min(0).finite().default(0.1),
});

export type TrajectorySamplingInput = z.input<typeof trajectorySamplingSchema>;
export type TrajectorySampling = z.output<typeof trajectorySamplingSchema>;
export type TrajectoryInit = z.output<typeof trajectoryInitSchema>;

/** What the sampler needs: the optimiser's operators and, for Glorot initialisation, the parameter blocks (a Problem has all of these). */
export type TrajectoryObjective = GradientObjective & Partial<Pick<Objective, 'hvp'>> & { readonly shapes?: readonly ParameterBlock[] };

export interface TrajectoryProvenance {
  /** The initialisation actually used ('auto' resolved). */
  readonly init: 'normal' | 'glorot';
  readonly initLoss: number;
  readonly method: OptimizerMethod;
  /** Steps the optimiser took and why it stopped. */
  readonly optimizerSteps: number;
  readonly optimizerStop: OptimizerStop;
  readonly pick: 'uniform-loss' | 'uniform-step';
  /** The trajectory step picked (0 = the initialisation). */
  readonly step: number;
  /** The loss recorded at that step (before any perturbation; a mini-batch estimate for mini-batch optimisers unless exactLoss). */
  readonly loss: number;
  /** The uniform-loss target, or null. */
  readonly targetLoss: number | null;
  readonly perturbed: boolean;
  /** σ of the noise added (0 when not perturbed). */
  readonly perturbScale: number;
  readonly notes: readonly string[];
}

export interface TrajectorySample {
  readonly theta: Float64Array;
  readonly provenance: TrajectoryProvenance;
}

export interface TrajectoryStart extends Start {
  readonly provenance: TrajectoryProvenance & { readonly seed: number; readonly stream: number };
}

/**
 * Writes the initialisation into theta and returns the kind used. Glorot needs at least one
 * block of rank ≥ 2 (a weight matrix, shape [fan_out, fan_in, …]); entries of 1-D blocks are 0.
 */
export function initialise(theta: Float64Array, init: TrajectoryInit, shapes: readonly ParameterBlock[] | undefined, rng: Rng): 'normal' | 'glorot' {
  const matrices = (shapes ?? []).filter((b) => b.shape.length >= 2);
  const kind = init.kind === 'auto' ? (matrices.length > 0 ? 'glorot' : 'normal') : init.kind;
  if (kind === 'normal') {
    rng.fillNormal(theta, 0, init.kind === 'normal' ? init.scale : 1);
    return 'normal';
  }
  if (matrices.length === 0) {
    throw new RangeError("init 'glorot' needs weight matrices (a network); use init 'normal' for functions");
  }
  const distribution = init.kind === 'glorot' ? init.distribution : 'uniform';
  theta.fill(0);
  for (const block of shapes!) {
    if (block.shape.length < 2) continue;
    const fanOut = block.shape[0];
    let fanIn = 1;
    for (let i = 1; i < block.shape.length; i++) fanIn *= block.shape[i];
    const size = fanOut * fanIn;
    if (block.offset < 0 || block.offset + size > theta.length) throw new RangeError(`parameter block ${block.name} lies outside θ`);
    const variance = 2 / (fanIn + fanOut);
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance); // = √(6/(fan_in + fan_out))
      for (let i = 0; i < size; i++) theta[block.offset + i] = limit * (2 * rng.uniform() - 1);
    } else {
      const sd = Math.sqrt(variance);
      for (let i = 0; i < size; i++) theta[block.offset + i] = sd * rng.normal();
    }
  }
  return 'glorot';
}

/** Index of the first loss ≤ target (the last index if none, which cannot happen for target ≥ min). */
function firstAtOrBelow(losses: readonly number[], target: number): number {
  for (let k = 0; k < losses.length; k++) if (losses[k] <= target) return k;
  return losses.length - 1;
}

/**
 * One start: initialise, run the optimiser, pick a step, maybe perturb. Yields the optimiser's
 * steps (those of the replay too, numbered from 1 again) so a runner can check for cancellation.
 */
export function* sampleTrajectoryStartRun(
  objective: TrajectoryObjective,
  options: TrajectorySampling,
  rng: Rng,
): Generator<OptimizerStep, TrajectorySample, void> {
  const n = objective.dimension;
  const init = new Float64Array(n);
  const initKind = initialise(init, options.init, objective.shapes, rng);
  const snapshot = rng.getState();
  const first = yield* createOptimizer(objective, init, options.optimizer, rng);
  const losses = first.loss;

  let k = 0;
  let target: number | null = null;
  if (options.pick === 'uniform-step') {
    k = rng.int(losses.length);
  } else {
    const u = rng.uniform();
    let lowest = Infinity;
    for (const l of losses) if (l < lowest) lowest = l;
    const initial = losses[0];
    if (Number.isFinite(initial) && initial > lowest) {
      target = lowest + u * (initial - lowest);
      k = firstAtOrBelow(losses, target);
    } else {
      target = initial;
      k = 0;
    }
  }
  const perturb = rng.uniform() < options.perturbProbability;

  let theta: Float64Array;
  if (k === 0) {
    theta = Float64Array.from(init);
  } else if (k === first.steps) {
    theta = Float64Array.from(first.theta);
  } else {
    const replayRng = new Rng(0);
    replayRng.setState(snapshot);
    const replay = yield* createOptimizer(objective, init, { ...options.optimizer, steps: k }, replayRng);
    if (replay.steps !== k || !Object.is(replay.loss[k], losses[k])) {
      throw new Error(
        `trajectory sampling: replaying the optimiser to step ${k} gave loss ${replay.loss[replay.steps]} at step ${replay.steps}, not ${losses[k]}; the objective is not deterministic`,
      );
    }
    theta = Float64Array.from(replay.theta);
  }
  const sigma = perturb ? options.perturbScale : 0;
  if (perturb) for (let i = 0; i < n; i++) theta[i] += sigma * rng.normal();

  const notes = [...first.notes];
  if (first.stop === 'diverged') notes.push(`the ${first.method} run diverged after ${first.steps} steps; the pick used its finite part`);
  return {
    theta,
    provenance: {
      init: initKind,
      initLoss: losses[0],
      method: first.method,
      optimizerSteps: first.steps,
      optimizerStop: first.stop,
      pick: options.pick,
      step: k,
      loss: losses[k],
      targetLoss: target,
      perturbed: perturb,
      perturbScale: sigma,
      notes,
    },
  };
}

/** sampleTrajectoryStartRun to the end. */
export function sampleTrajectoryStart(objective: TrajectoryObjective, options: TrajectorySampling, rng: Rng): TrajectorySample {
  const run = sampleTrajectoryStartRun(objective, options, rng);
  let next = run.next();
  while (!next.done) next = run.next();
  return next.value;
}

/** Start `id` of a trajectory sampling spec, from createRng(sampling.seed, id). */
export function* trajectoryStartRun(
  objective: TrajectoryObjective,
  sampling: TrajectorySampling,
  id: number,
): Generator<OptimizerStep, TrajectoryStart, void> {
  const sample = yield* sampleTrajectoryStartRun(objective, sampling, createRng(sampling.seed, id));
  return { id, theta: sample.theta, provenance: { ...sample.provenance, seed: sampling.seed, stream: id } };
}

export function trajectoryStart(objective: TrajectoryObjective, sampling: TrajectorySampling, id: number): TrajectoryStart {
  const run = trajectoryStartRun(objective, sampling, id);
  let next = run.next();
  while (!next.done) next = run.next();
  return next.value;
}
