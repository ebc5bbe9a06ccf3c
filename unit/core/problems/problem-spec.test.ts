import { describe, expect, it } from 'vitest';
import { problemSpecSchema, type ProblemSpecInput } from '../../../core/problems/problem-spec.ts';

function issues(spec: unknown): { path: string; message: string }[] {
  const r = problemSpecSchema.safeParse(spec);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

describe('problem spec schema', () => {
  it('accepts the DESIGN.md §3 forms and fills network defaults', () => {
    const good: ProblemSpecInput[] = [
      { kind: 'function', name: 'himmelblau' },
      { kind: 'function', name: 'rosenbrock', dimension: 10 },
      { kind: 'function', expression: '(x^2+y-11)^2+(x+y^2-7)^2', variables: ['x', 'y'] },
      { kind: 'function', expression: 'a^2 + b^2' },
      { kind: 'network', layers: [16, 4, 16], data: { kind: 'gaussian', samples: 10000, spectrum: Array.from({ length: 16 }, (_, i) => i + 1), seed: 1 } },
      { kind: 'network', layers: [16, 12, 8, 10], activation: 'swish', bias: true, loss: 'cross-entropy', l2: 1e-3, data: { kind: 'mnist', samples: 1000, task: 'classify' } },
      { kind: 'network', layers: [3, 2, 1], data: { kind: 'file', path: 'data.csv', targets: { columns: [-1] } } },
    ];
    for (const spec of good) expect(issues(spec)).toEqual([]);
    const parsed = problemSpecSchema.parse({ kind: 'network', layers: [2, 1, 2], data: { kind: 'gaussian', spectrum: [1, 2] } });
    expect(parsed).toEqual({
      kind: 'network',
      layers: [2, 1, 2],
      activation: 'linear',
      bias: false,
      loss: 'mse',
      l2: 0,
      data: { kind: 'gaussian', samples: 1000, spectrum: [1, 2], seed: 0, rotate: false, exact: false, test: 0 },
    });
  });

  it('names the bad field with a precise message', () => {
    expect(issues({ kind: 'function', name: 'himmelbau' })).toEqual([
      { path: 'name', message: expect.stringMatching(/^unknown function 'himmelbau' \(built-ins: saddle, saddle-5, monkey-saddle/) },
    ]);
    expect(issues({ kind: 'function' })).toEqual([{ path: 'name', message: expect.stringMatching(/^give a built-in name/) }]);
    expect(issues({ kind: 'function', name: 'saddle', expression: 'x' })[0].path).toBe('expression');
    expect(issues({ kind: 'function', name: 'himmelblau', dimension: 3 })).toEqual([
      { path: 'dimension', message: 'himmelblau is 2-dimensional only; n-dimensional built-ins: rosenbrock (n ≥ 2), rastrigin (n ≥ 1), ackley (n ≥ 1)' },
    ]);
    expect(issues({ kind: 'function', expression: 'x^2 + y)', variables: ['x', 'y'] })).toEqual([{ path: 'expression', message: "unexpected ')' at character 8" }]);
    expect(issues({ kind: 'function', expression: 'x + z', variables: ['x', 'y'] })).toEqual([
      { path: 'expression', message: "unknown variable 'z' at character 5 (variables are x, y)" },
    ]);
    expect(issues({ kind: 'function', expression: 'x', variables: ['x', 'x'] })[0].path).toBe('variables');
    expect(issues({ kind: 'function', expression: 'x', dimension: 2 })[0].path).toBe('dimension');
  });

  it('checks networks against the data where the shapes are known', () => {
    const gaussian = { kind: 'gaussian', spectrum: [1, 2, 3, 4] };
    expect(issues({ kind: 'network', layers: [3, 2, 4], data: gaussian })).toEqual([
      { path: 'layers', message: 'the input layer has 3 units but the Gaussian data have 4 features' },
    ]);
    expect(issues({ kind: 'network', layers: [4, 2, 3], data: gaussian })).toEqual([
      { path: 'layers', message: 'the output layer has 3 units but the Gaussian data need 4 (an autoencoder reconstructs its input)' },
    ]);
    expect(issues({ kind: 'network', layers: [16, 8, 16], data: { kind: 'mnist', task: 'classify' } })).toEqual([
      { path: 'layers', message: 'the output layer has 16 units but the MNIST data need 10 (one per class)' },
    ]);
    expect(issues({ kind: 'network', layers: [4, 2, 4], loss: 'cross-entropy', data: gaussian })[0]).toEqual({
      path: 'loss',
      message: 'cross-entropy needs class labels; autoencoding data go with loss "mse"',
    });
    expect(issues({ kind: 'network', layers: [4, 2, 4], loss: 'cross-entropy', data: { kind: 'file', path: 'a.csv' } })[0]).toEqual({
      path: 'loss',
      message: 'cross-entropy needs class labels: give data.targets',
    });
    expect(issues({ kind: 'network', layers: [4, 2, 4], activation: 'gelu', data: gaussian })[0].path).toBe('activation');
    expect(issues({ kind: 'network', layers: [4], data: gaussian })[0].path).toBe('layers');
    expect(issues({ kind: 'network', layers: [16, 4, 16], data: { kind: 'mnist', samples: 9000, test: 2000 } })).toEqual([
      { path: 'data.samples', message: '9000 training + 2000 test images requested; the mnist package has 10000' },
    ]);
    expect(issues({ kind: 'network', layers: [16, 4, 16], data: { kind: 'mnist', test: 2.5 } })[0]).toEqual({
      path: 'data.test',
      message: 'test is a number of held-out samples (a whole number) or a fraction between 0 and 1',
    });
    expect(issues({ kind: 'network', layers: [4, 2, 4], data: { ...gaussian, extra: 1 } })[0].path).toBe('data');
    expect(issues({ kind: 'network', layers: [100000, 1000, 100000], data: { kind: 'file', path: 'a.csv' } })[0]).toEqual({
      path: 'layers',
      message: '200000000 parameters; the limit is 10000000',
    });
  });
});
