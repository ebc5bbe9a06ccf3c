/**
 * The one interface every loss surface implements: test functions, typed expressions and
 * networks alike. Algorithms never see a Problem; they get the operator functions it provides
 * (see STYLE.md: algorithms take operators, not problems).
 *
 * Contract:
 * - `gradient(theta, out)` writes ∇L(θ) into `out` and returns L(θ) (one pass gives both).
 * - `hvp(theta, v, out)` writes H(θ)·v into `out`, exact to rounding (no finite differences).
 * - Implementations reuse internal buffers: no allocation per call in the hot path. Inputs are
 *   never mutated; `out` must not alias `theta` or `v`.
 */
import { denseFromOperator } from '../linalg/dense-from-operator.ts';

export interface Problem {
  /** Number of parameters n. */
  readonly dimension: number;
  /** One name per parameter, e.g. ["x", "y"] or ["W1[0,0]", …]. */
  readonly parameterNames: readonly string[];
  /** Named parameter blocks with their shapes (a function has one block of shape [n]). */
  readonly shapes: readonly ParameterBlock[];
  /** False where second derivatives do not exist everywhere (ReLU, Ackley at its minimum). */
  readonly twiceDifferentiable: boolean;
  /** Short human-readable description, e.g. "Himmelblau (x²+y−11)²+(x+y²−7)²". */
  readonly label: string;
  loss(theta: Float64Array): number;
  gradient(theta: Float64Array, out: Float64Array): number;
  hvp(theta: Float64Array, v: Float64Array, out: Float64Array): void;
  /** Held-out loss where the problem has a test split (networks); undefined otherwise. */
  testLoss?(theta: Float64Array): number;
}

export interface ParameterBlock {
  readonly name: string;
  readonly shape: readonly number[];
  /** Offset of the block's first entry in θ. */
  readonly offset: number;
}

/**
 * Dense Hessian assembled column by column from n HVPs with unit vectors, then symmetrised
 * ((H + Hᵀ)/2, which removes rounding asymmetry only). Row-major n×n. For small n only.
 */
export function assembleHessian(
  problem: Pick<Problem, 'dimension' | 'hvp'>,
  theta: Float64Array,
  out: Float64Array = new Float64Array(problem.dimension * problem.dimension),
): Float64Array {
  return denseFromOperator(problem.dimension, (v, Hv) => problem.hvp(theta, v, Hv), out);
}
