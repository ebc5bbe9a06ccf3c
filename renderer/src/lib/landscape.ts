/**
 * What the contour plot needs from a spec: a 2-D function to evaluate and the box to draw.
 * Built-in functions only (their closed forms live in core's library, which has no heavy
 * dependencies); expressions and networks get no landscape here (yet).
 */
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { findBuiltinFunction } from '../../../core/problems/functions/library.ts';
import type { AnalyticFunction } from '../../../core/problems/functions/analytic-function.ts';
import type { Box2 } from '../charts/loss-field.ts';

export interface Landscape {
  readonly fn: AnalyticFunction;
  readonly box: Box2;
}

/** The built-in function a spec names, if any (any dimension). */
export function builtinOf(spec: SpecInput): AnalyticFunction | undefined {
  const problem = spec.problem as { kind?: string; name?: unknown; dimension?: unknown };
  if (problem.kind !== 'function' || typeof problem.name !== 'string') return undefined;
  return findBuiltinFunction(problem.name, typeof problem.dimension === 'number' ? problem.dimension : undefined);
}

/** The 2-D landscape of a spec: its built-in function on the sampling box (else the function's own). */
export function landscapeOf(spec: SpecInput): Landscape | null {
  const fn = builtinOf(spec);
  if (!fn || fn.dimension !== 2) return null;
  const sampling = spec.sampling as { box?: readonly (readonly number[])[] } | undefined;
  const b = sampling?.box?.length === 2 ? sampling.box : fn.box;
  return { fn, box: [[b[0][0], b[0][1]], [b[1][0], b[1][1]]] };
}
