/**
 * The path of an optimiser from one start, for the landscape view: the user clicks a start on
 * the 2-D contour plot, picks a method (GD, momentum, Adam, perturbed GD, SGLD, …) and watches
 * it move. Runs the method to the end with θ recorded every `recordEvery` steps (default 1) and
 * returns the path as rows of θ with the loss at each row. Seeded: the same (spec, seed) gives
 * the same path. A generator variant yields per step so a host can run it in slices.
 */
import { createRng } from '../random/rng.ts';
import {
  createOptimizer,
  optimizerSpecSchema,
  type GradientObjective,
  type Objective,
  type OptimizerMethod,
  type OptimizerRun,
  type OptimizerSpecInput,
  type OptimizerStep,
  type OptimizerStop,
} from './optimizer.ts';

export interface LandscapeTrajectory {
  readonly method: OptimizerMethod;
  readonly dimension: number;
  /** θ rows, row-major (dimension per row), at the steps in `steps`. */
  readonly path: Float64Array;
  /** The step of each row (0, recordEvery, …, last). */
  readonly steps: number[];
  /** The loss at each row. */
  readonly loss: number[];
  readonly stop: OptimizerStop;
  readonly notes: readonly string[];
}

export interface LandscapeOptions {
  /** Seed of the run's randomness (noise, mini-batches); default 0. */
  readonly seed?: number;
  /** Record θ every this many steps (default 1). */
  readonly recordEvery?: number;
}

/** Runs `spec` (validated here; defaults filled in) from `start` and returns its path. */
export function* landscapeTrajectoryRun(
  objective: GradientObjective & Partial<Pick<Objective, 'hvp'>>,
  start: Float64Array,
  spec: OptimizerSpecInput,
  options: LandscapeOptions = {},
): Generator<OptimizerStep, LandscapeTrajectory, void> {
  const parsed = optimizerSpecSchema.parse(spec);
  const rng = createRng(options.seed ?? 0);
  const run: OptimizerRun = createOptimizer(objective, start, parsed, rng, { recordEvery: options.recordEvery ?? 1 });
  const result = yield* run;
  const loss = result.pathSteps.map((step) => result.loss[step]);
  return {
    method: result.method,
    dimension: objective.dimension,
    path: result.path ?? new Float64Array(0),
    steps: result.pathSteps,
    loss,
    stop: result.stop,
    notes: result.notes,
  };
}

export function landscapeTrajectory(
  objective: GradientObjective & Partial<Pick<Objective, 'hvp'>>,
  start: Float64Array,
  spec: OptimizerSpecInput,
  options: LandscapeOptions = {},
): LandscapeTrajectory {
  const run = landscapeTrajectoryRun(objective, start, spec, options);
  let next = run.next();
  while (!next.done) next = run.next();
  return next.value;
}
