/**
 * A Problem from a user-typed formula: the formula's tape gives the loss, the exact gradient
 * (reverse mode) and the exact Hessian-vector product (forward-over-reverse), see ./tape.ts.
 */
import type { ParameterBlock, Problem } from '../problem.ts';
import { compileExpression, type CompiledExpression } from './compile.ts';

export interface ExpressionProblem extends Problem {
  readonly expression: CompiledExpression;
}

/** Compiles `source` once; variables default to the formula's symbols in alphabetical order. */
export function expressionProblem(source: string, variables?: readonly string[]): ExpressionProblem {
  const expression = compileExpression(source, variables);
  const n = expression.variables.length;
  const shapes: ParameterBlock[] = [{ name: 'x', shape: [n], offset: 0 }];
  return {
    expression,
    dimension: n,
    parameterNames: expression.variables,
    shapes,
    twiceDifferentiable: expression.twiceDifferentiable,
    label: `f(${expression.variables.join(', ')}) = ${source.trim()}`,
    loss: (theta) => expression.value(theta),
    gradient: (theta, out) => expression.gradient(theta, out),
    hvp: (theta, v, out) => expression.hvp(theta, v, out),
  };
}
