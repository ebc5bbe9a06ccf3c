/**
 * What every critical-point finder takes and returns. Finders take operators (a gradient that
 * also returns the loss, and a Hessian-vector product), never a Problem (STYLE.md). A finder is
 * a generator: it yields after every iteration so the job runner can check for cancellation and
 * give the event loop a turn, and returns its result when it stops.
 */
export interface Objective {
  readonly dimension: number;
  /** Writes ∇L(θ) into out and returns L(θ). */
  gradient(theta: Float64Array, out: Float64Array): number;
  /** Writes H(θ)v into out. */
  hvp(theta: Float64Array, v: Float64Array, out: Float64Array): void;
}

export type FinderStop =
  | 'converged'
  | 'line-search-failed'
  | 'singular-hessian'
  | 'max-iterations'
  | 'diverged'
  | 'non-finite'
  | 'cancelled';

/** One iteration as seen by the runner. */
export interface FinderIterate {
  readonly iteration: number;
  readonly loss: number;
  readonly gradNormSq: number;
}

export interface FinderTrace {
  /** Entry 0 is the start; entry k is after iteration k. */
  readonly loss: number[];
  readonly gradNormSq: number[];
  /** Accepted step size (0 at the start). */
  readonly step: number[];
  /** θ after each iteration, flattened, when requested (low-dimensional problems). */
  readonly path: number[] | null;
}

export interface FinderResult {
  readonly theta: Float64Array;
  readonly loss: number;
  readonly gradNormSq: number;
  readonly iterations: number;
  readonly hvps: number;
  readonly gradients: number;
  readonly stop: FinderStop;
  readonly trace: FinderTrace;
}

export type FinderRun = Generator<FinderIterate, FinderResult, void>;

export function newTrace(recordPath: boolean): FinderTrace {
  return { loss: [], gradNormSq: [], step: [], path: recordPath ? [] : null };
}

export function pushTrace(trace: FinderTrace, loss: number, gradNormSq: number, step: number, theta: Float64Array): void {
  trace.loss.push(loss);
  trace.gradNormSq.push(gradNormSq);
  trace.step.push(step);
  if (trace.path) for (let i = 0; i < theta.length; i++) trace.path.push(theta[i]);
}

export function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}
