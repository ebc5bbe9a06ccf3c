import { describe, expect, it } from 'vitest';
import { expressionProblem } from '../../../../core/problems/expression/expression-problem.ts';
import { assembleHessian } from '../../../../core/problems/problem.ts';

describe('expressionProblem', () => {
  it('is a Problem over the formula variables with exact derivatives', () => {
    const p = expressionProblem('x^2 - y^2 + x*z', ['x', 'y', 'z']);
    expect(p).toMatchObject({ dimension: 3, parameterNames: ['x', 'y', 'z'], twiceDifferentiable: true, label: 'f(x, y, z) = x^2 - y^2 + x*z' });
    expect(p.shapes).toEqual([{ name: 'x', shape: [3], offset: 0 }]);
    expect([...assembleHessian(p, new Float64Array(3))]).toEqual([2, 0, 1, 0, -2, 0, 1, 0, 0]);
    expect(p.testLoss).toBeUndefined();
  });
});
