/**
 * What the 2-D landscape needs from a spec: a function of two variables to evaluate and the box
 * to draw — a 2-D built-in (its closed form from core's library) or a typed expression in two
 * variables. Larger problems (networks, n-dimensional functions) are drawn as 2-D slices
 * through a point instead (loss-slice.ts, in the analysis worker).
 */
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { findBuiltinFunction } from '../../../core/problems/functions/library.ts';
import type { AnalyticFunction } from '../../../core/problems/functions/analytic-function.ts';
import { compileExpression } from '../../../core/problems/expression/compile.ts';
import type { Box2 } from '../charts/loss-field.ts';

export interface Landscape {
  /** The function's name ("himmelblau"), or "expression". */
  readonly name: string;
  readonly label: string;
  readonly variables: readonly string[];
  readonly value: (point: Float64Array) => number;
  readonly box: Box2;
}

/** Box of an expression's landscape when the spec gives none. */
export const DEFAULT_EXPRESSION_BOX: Box2 = [[-3, 3], [-3, 3]];

/** The built-in function a spec names, if any (any dimension). */
export function builtinOf(spec: SpecInput): AnalyticFunction | undefined {
  const problem = spec.problem as { kind?: string; name?: unknown; dimension?: unknown };
  if (problem.kind !== 'function' || typeof problem.name !== 'string') return undefined;
  return findBuiltinFunction(problem.name, typeof problem.dimension === 'number' ? problem.dimension : undefined);
}

function boxOf(spec: SpecInput, fallback: readonly (readonly [number, number])[]): Box2 {
  const sampling = spec.sampling as { box?: readonly (readonly number[])[] } | undefined;
  const b = sampling?.box?.length === 2 ? sampling.box : fallback;
  return [[b[0][0], b[0][1]], [b[1][0], b[1][1]]];
}

/** The 2-D landscape of a spec: a 2-D built-in or expression on the sampling box (else its own). */
export function landscapeOf(spec: SpecInput): Landscape | null {
  const fn = builtinOf(spec);
  if (fn) {
    if (fn.dimension !== 2) return null;
    return { name: fn.name, label: fn.label, variables: fn.variables, value: (p) => fn.value(p), box: boxOf(spec, fn.box) };
  }
  const problem = spec.problem as { kind?: string; expression?: unknown; variables?: string[] };
  if (problem.kind !== 'function' || typeof problem.expression !== 'string') return null;
  try {
    const compiled = compileExpression(problem.expression, problem.variables);
    if (compiled.variables.length !== 2) return null;
    return { name: 'expression', label: problem.expression, variables: compiled.variables, value: (p) => compiled.value(p), box: boxOf(spec, DEFAULT_EXPRESSION_BOX) };
  } catch {
    return null;
  }
}
