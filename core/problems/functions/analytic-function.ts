/**
 * A Problem built from a hand-derived function: value, gradient and dense Hessian in closed
 * form. The HVP is the function's own closed-form `hvp` where it has one (n-dimensional
 * families), else the closed-form Hessian times v (exact to rounding). Used for the built-in
 * test functions whose critical points are known exactly (DESIGN.md §4).
 */
import type { ParameterBlock, Problem } from '../problem.ts';

export interface AnalyticFunction {
  /** Spec name, e.g. "himmelblau". */
  readonly name: string;
  readonly label: string;
  readonly dimension: number;
  readonly variables: readonly string[];
  /** Domain where the function's interesting critical points lie (for plots and grid starts). */
  readonly box: readonly (readonly [number, number])[];
  readonly twiceDifferentiable: boolean;
  value(x: Float64Array): number;
  /** Writes ∇f into g and returns f. */
  gradient(x: Float64Array, g: Float64Array): number;
  /** Writes the row-major Hessian into h (length dimension²). */
  hessian(x: Float64Array, h: Float64Array): void;
  /** Writes H(x)·v into out without forming H (n-dimensional functions). */
  hvp?(x: Float64Array, v: Float64Array, out: Float64Array): void;
}

export function analyticProblem(fn: AnalyticFunction): Problem {
  const n = fn.dimension;
  const shapes: ParameterBlock[] = [{ name: 'x', shape: [n], offset: 0 }];
  const base = {
    dimension: n,
    parameterNames: fn.variables,
    shapes,
    twiceDifferentiable: fn.twiceDifferentiable,
    label: fn.label,
    loss: (theta: Float64Array) => fn.value(theta),
    gradient: (theta: Float64Array, out: Float64Array) => fn.gradient(theta, out),
  };
  if (fn.hvp) {
    const hvp = fn.hvp.bind(fn);
    return { ...base, hvp };
  }
  const h = new Float64Array(n * n);
  return {
    ...base,
    hvp(theta: Float64Array, v: Float64Array, out: Float64Array) {
      fn.hessian(theta, h);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += h[i * n + j] * v[j];
        out[i] = s;
      }
    },
  };
}
