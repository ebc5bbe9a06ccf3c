/**
 * Builds a Problem from the spec's `problem` section.
 */
import type { Problem } from './problem.ts';
import type { ProblemSpec } from './problem-spec.ts';
import { analyticProblem } from './functions/analytic-function.ts';
import { findBuiltinFunction } from './functions/library.ts';

export function createProblem(spec: ProblemSpec): Problem {
  const fn = findBuiltinFunction(spec.name);
  if (!fn) throw new Error(`problem.name: unknown function '${spec.name}'`);
  return analyticProblem(fn);
}

/** The plotting/grid domain of a low-dimensional problem, if it has one. */
export function problemBox(spec: ProblemSpec): readonly (readonly [number, number])[] | undefined {
  return findBuiltinFunction(spec.name)?.box;
}
