import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProblemResources } from '../../../core/node/data-files.ts';
import { createProblem, problemBox, requiredResources } from '../../../core/problems/create-problem.ts';
import { assembleHessian, type Problem } from '../../../core/problems/problem.ts';
import { problemSpecSchema, type ProblemSpecInput } from '../../../core/problems/problem-spec.ts';
import { SpecError } from '../../../core/experiment/spec.ts';
import { createRng } from '../../../core/random/rng.ts';
import { GRADIENT_TOLERANCE, HVP_TOLERANCE, SYMMETRY_TOLERANCE, gradientError, hessianAsymmetry, hvpError } from './derivative-checks.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'fixtures');

function specError(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return { field: (error as SpecError).field, message: (error as Error).message };
  }
  throw new Error('expected a SpecError');
}

describe('createProblem', () => {
  const csv = 'x1,x2,x3,label\n' + Array.from({ length: 30 }, (_, i) => `${Math.sin(i)},${Math.cos(i)},${(i % 7) / 7},${i % 3}`).join('\n');

  // One spec of every problem kind, each checked by differences at random points.
  const kinds: { name: string; spec: ProblemSpecInput; files?: Record<string, string | Uint8Array> }[] = [
    { name: 'built-in', spec: { kind: 'function', name: 'six-hump-camel' } },
    { name: 'n-D built-in', spec: { kind: 'function', name: 'rastrigin', dimension: 4 } },
    { name: 'expression', spec: { kind: 'function', expression: 'exp(-x^2) * sin(3y) + log(1 + z^2) * tanh(x)' } },
    { name: 'linear AE (Gaussian)', spec: { kind: 'network', layers: [5, 2, 5], data: { kind: 'gaussian', samples: 200, spectrum: [1, 2, 3, 4, 5], seed: 3 } } },
    { name: 'deep swish AE (Gaussian)', spec: { kind: 'network', layers: [4, 3, 2, 4], activation: 'swish', bias: true, data: { kind: 'gaussian', samples: 40, spectrum: [4, 3, 2, 1], seed: 1, rotate: true, test: 10 } } },
    {
      name: 'classifier (CSV, labels)',
      spec: { kind: 'network', layers: [3, 4, 3], activation: 'tanh', bias: true, loss: 'cross-entropy', l2: 0.01, data: { kind: 'file', path: 'd.csv', targets: { columns: [-1] }, test: 0.2 } },
      files: { 'd.csv': csv },
    },
    {
      name: 'regression (.npy + labels file)',
      spec: { kind: 'network', layers: [4, 2, 1], activation: 'sigmoid', bias: true, data: { kind: 'file', path: 'x.npy', targets: { path: 'y.csv' }, standardize: 'zscore' } },
      files: { 'x.npy': new Uint8Array(fs.readFileSync(path.join(fixtures, 'c-f8.npy'))), 'y.csv': '1\n2\n3.5\n' },
    },
  ];

  for (const { name, spec, files } of kinds) {
    it(`${name}: gradient, HVP and Hessian symmetry pass the difference checks`, () => {
      const problem: Problem = createProblem(spec, files ? { files } : {});
      const rng = createRng(problem.dimension);
      for (let k = 0; k < 3; k++) {
        const theta = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.7);
        expect(gradientError(problem, theta)).toBeLessThan(GRADIENT_TOLERANCE);
        expect(hvpError(problem, theta, rng.fillNormal(new Float64Array(problem.dimension)))).toBeLessThan(HVP_TOLERANCE);
        expect(hessianAsymmetry(problem, theta)).toBeLessThan(SYMMETRY_TOLERANCE);
      }
      expect(assembleHessian(problem, new Float64Array(problem.dimension))).toHaveLength(problem.dimension ** 2);
    });
  }

  it('held-out loss where the data have a test split', () => {
    const p = createProblem(kinds[4].spec);
    expect(p.testLoss).toBeTypeOf('function');
    expect(p.testLoss!(new Float64Array(p.dimension).fill(0.1))).toBeGreaterThan(0);
  });

  it('builds MNIST problems from resources loaded by the Node loader', async () => {
    const spec = problemSpecSchema.parse({ kind: 'network', layers: [16, 8, 16], activation: 'swish', bias: true, data: { kind: 'mnist', samples: 300, test: 100 } });
    expect(requiredResources(spec)).toEqual({ files: [], mnist: true });
    const resources = await loadProblemResources(spec);
    const problem = createProblem(spec, resources);
    expect(problem.dimension).toBe(16 * 8 + 8 + 8 * 16 + 16);
    expect(problem.label).toMatch(/MNIST, 300 images cropped to 20×20, resized to 4×4, z-scored/);
    expect(problem.testLoss).toBeDefined();
    const theta = createRng(1).fillNormal(new Float64Array(problem.dimension), 0, 0.3);
    expect(gradientError(problem, theta)).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('reads data files relative to a base folder through the Node loader', async () => {
    const file = (name: string) => problemSpecSchema.parse({ kind: 'network', layers: [4, 2, 4], data: { kind: 'file', path: name } });
    const spec = file('c-f8.npy');
    expect(requiredResources(spec)).toEqual({ files: ['c-f8.npy'], mnist: false });
    const problem = createProblem(spec, await loadProblemResources(spec, fixtures));
    expect(problem.dimension).toBe(16);
    await expect(loadProblemResources(file('missing.csv'), fixtures)).rejects.toThrow(/missing\.csv: no such file/);
  });

  it('reports errors as SpecErrors naming the field', () => {
    expect(specError(() => createProblem({ kind: 'function', name: 'nope' }))).toMatchObject({ field: 'problem.name' });
    expect(specError(() => createProblem({ kind: 'function', expression: 'x +* y' }))).toEqual({ field: 'problem.expression', message: "problem.expression: unexpected '*' at character 4 (value expected)" });
    const bad: ProblemSpecInput = { kind: 'network', layers: [3, 2, 3], data: { kind: 'file', path: 'd.csv' } };
    expect(specError(() => createProblem(bad))).toEqual({
      field: 'problem.data.path',
      message: "problem.data.path: d.csv: the file's contents were not provided (the host loads data files before building the problem)",
    });
    expect(specError(() => createProblem(bad, { files: { 'd.csv': '1,2,3\n4,x,6\n' } }))).toEqual({
      field: 'problem.data.path',
      message: "problem.data.path: d.csv: row 2, column 2: 'x' is not a number",
    });
    expect(specError(() => createProblem(bad, { files: { 'd.csv': '1,2\n3,4\n' } }))).toEqual({
      field: 'problem.layers',
      message: 'problem.layers: the input layer has 3 units but the data have 2 features per sample',
    });
    expect(specError(() => createProblem({ kind: 'network', layers: [16, 4, 16], data: { kind: 'mnist' } }))).toMatchObject({ field: 'problem.data' });
  });

  it('gives the box of built-ins (at their dimension) and none otherwise', () => {
    expect(problemBox({ kind: 'function', name: 'himmelblau' })).toEqual([[-5, 5], [-5, 5]]);
    expect(problemBox({ kind: 'function', name: 'rastrigin', dimension: 3 })).toHaveLength(3);
    expect(problemBox({ kind: 'function', expression: 'x^2' })).toBeUndefined();
  });
});
