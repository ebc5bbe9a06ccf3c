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

/**
 * Why a finder stopped.
 * - 'converged'          ‖g‖² ≤ tolerance.
 * - 'line-search-failed' no step length passed the line search; θ is where it was.
 * - 'singular-hessian'   plain Newton could not solve H p = −g (numerically singular H).
 * - 'no-descent'         the step is not a descent direction for the line search's merit
 *                        function (Newton-MR: pᵀHg ≥ 0, e.g. g ∈ ker H; GNM: ∇½‖g‖² = Hg = 0):
 *                        θ is stationary for the merit function without being critical.
 * - 'no-improvement'     (damped Newton) no damped step lowered ‖g‖².
 * - 'max-iterations', 'diverged' (‖θ‖ beyond the divergence bound), 'non-finite' (NaN or ±∞
 *   in the loss, gradient or HVP), 'cancelled' (by the runner).
 */
export type FinderStop =
  | 'converged'
  | 'line-search-failed'
  | 'singular-hessian'
  | 'no-descent'
  | 'no-improvement'
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
  /**
   * Inner iterations of iteration k (0 at the start): MINRES-QLP/MINRES iterations for the
   * Newton methods (summed over the damping grid for damped Newton), Lanczos steps for
   * saddle-free Newton, line-search function evaluations for GNM.
   */
  readonly innerIterations: number[];
  /** The inner solver's KrylovFlag for the step taken at iteration k, or '' (start, dense LU, GNM, saddle-free Newton). */
  readonly flag: string[];
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
  /**
   * Flag of the last inner solve, including that of a final iteration that was not accepted
   * (so a run stopped by 'no-descent' or 'line-search-failed' says what MINRES-QLP saw there);
   * '' when the method has no inner solver or never ran one.
   */
  readonly innerFlag: string;
  readonly trace: FinderTrace;
}

export type FinderRun = Generator<FinderIterate, FinderResult, void>;

export function newTrace(recordPath: boolean): FinderTrace {
  return { loss: [], gradNormSq: [], step: [], innerIterations: [], flag: [], path: recordPath ? [] : null };
}

/** Appends one entry (the start: step 0, innerIterations 0, flag ''). */
export function pushTrace(
  trace: FinderTrace,
  loss: number,
  gradNormSq: number,
  step: number,
  theta: Float64Array,
  innerIterations = 0,
  flag = '',
): void {
  trace.loss.push(loss);
  trace.gradNormSq.push(gradNormSq);
  trace.step.push(step);
  trace.innerIterations.push(innerIterations);
  trace.flag.push(flag);
  if (trace.path) for (let i = 0; i < theta.length; i++) trace.path.push(theta[i]);
}

/** Options every finder takes (the spec's common fields plus the runner's recordPath). */
export interface CommonFinderOptions {
  readonly maxIterations: number;
  /** Stop as converged when ‖g‖² ≤ tolerance. */
  readonly tolerance: number;
  /** ‖θ‖ above this is divergence. */
  readonly divergence: number;
  /** Record θ at every iteration in the trace. */
  readonly recordPath: boolean;
}

/** maxIterations 500, tolerance 1e-10 (DESIGN.md §4), divergence 1e8, no path. */
export const DEFAULT_COMMON_FINDER_OPTIONS: CommonFinderOptions = {
  maxIterations: 500,
  tolerance: 1e-10,
  divergence: 1e8,
  recordPath: false,
};

export function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}

/**
 * The check every finder makes before an iteration: a non-finite loss or ‖g‖² ends the run as
 * 'non-finite', ‖g‖² ≤ tolerance as 'converged', the iteration budget as 'max-iterations';
 * null means iterate.
 */
export function iterationStop(
  loss: number,
  gradNormSq: number,
  iterations: number,
  options: { readonly tolerance: number; readonly maxIterations: number },
): FinderStop | null {
  if (!Number.isFinite(loss) || !Number.isFinite(gradNormSq)) return 'non-finite';
  if (gradNormSq <= options.tolerance) return 'converged';
  if (iterations >= options.maxIterations) return 'max-iterations';
  return null;
}
