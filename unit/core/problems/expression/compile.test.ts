import { derivative, parse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, expressionSymbols } from '../../../../core/problems/expression/compile.ts';
import { expressionProblem } from '../../../../core/problems/expression/expression-problem.ts';
import { himmelblau, sixHumpCamel } from '../../../../core/problems/functions/library.ts';
import { createRng } from '../../../../core/random/rng.ts';
import { GRADIENT_TOLERANCE, HVP_TOLERANCE, SYMMETRY_TOLERANCE, gradientError, hessianAsymmetry, hvpError } from '../derivative-checks.ts';

/** AD is exact to rounding: agreement with hand-derived closed forms, relative. */
const EXACT = 1e-13;

function close(a: number, b: number, tol = EXACT): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

function hessianOf(source: string, vars: string[], x: number[]): number[][] {
  const e = compileExpression(source, vars);
  const n = vars.length;
  const out: number[][] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(n);
    v[j] = 1;
    const col = new Float64Array(n);
    e.hvp(Float64Array.from(x), v, col);
    out.push([...col]);
  }
  return out;
}

describe('compileExpression: derivatives of typed formulas', () => {
  it("Himmelblau typed as a formula matches the library's hand-derived function", () => {
    const e = compileExpression('(x^2+y-11)^2+(x+y^2-7)^2', ['x', 'y']);
    const rng = createRng(1);
    for (let k = 0; k < 20; k++) {
      const x = Float64Array.from([rng.uniformIn(-5, 5), rng.uniformIn(-5, 5)]);
      const g1 = new Float64Array(2);
      const g2 = new Float64Array(2);
      close(e.gradient(x, g1), himmelblau.gradient(x, g2));
      close(g1[0], g2[0]);
      close(g1[1], g2[1]);
      const H = new Float64Array(4);
      himmelblau.hessian(x, H);
      const v = Float64Array.from([rng.normal(), rng.normal()]);
      const hv = new Float64Array(2);
      e.hvp(x, v, hv);
      close(hv[0], H[0] * v[0] + H[1] * v[1]);
      close(hv[1], H[2] * v[0] + H[3] * v[1]);
    }
  });

  it('six-hump camel with division and implicit multiplication matches the library', () => {
    const e = compileExpression('(4 - 2.1x^2 + x^4/3) x^2 + x y + (-4 + 4y^2) y^2', ['x', 'y']);
    const x = Float64Array.from([0.7, -0.3]);
    const g1 = new Float64Array(2);
    const g2 = new Float64Array(2);
    close(e.gradient(x, g1), sixHumpCamel.gradient(x, g2));
    close(g1[0], g2[0]);
    close(g1[1], g2[1]);
    const H = new Float64Array(4);
    sixHumpCamel.hessian(x, H);
    const h = hessianOf(e.source, ['x', 'y'], [0.7, -0.3]);
    close(h[0][0], H[0]);
    close(h[1][0], H[1]);
    close(h[1][1], H[3]);
  });

  it('transcendental functions: exp, log, sin, cos, tanh, sqrt and powers by hand', () => {
    // f = exp(x) sin(y) + log(x) tanh(y) + sqrt(x y) + x^y
    const f = 'exp(x)*sin(y) + log(x)*tanh(y) + sqrt(x*y) + x^y';
    const [x, y] = [1.3, 0.6];
    const t = Math.tanh(y);
    const s = Math.sqrt(x * y);
    const p = x ** y;
    const lx = Math.log(x);
    const fx = Math.exp(x) * Math.sin(y) + t / x + y / (2 * s) + y * x ** (y - 1);
    const fy = Math.exp(x) * Math.cos(y) + lx * (1 - t * t) + x / (2 * s) + p * lx;
    const fxx = Math.exp(x) * Math.sin(y) - t / (x * x) - (y * y) / (4 * s ** 3) + y * (y - 1) * x ** (y - 2);
    const fxy = Math.exp(x) * Math.cos(y) + (1 - t * t) / x + 1 / (2 * s) - (x * y) / (4 * s ** 3) + x ** (y - 1) * (1 + y * lx);
    const fyy = -Math.exp(x) * Math.sin(y) - 2 * lx * t * (1 - t * t) - (x * x) / (4 * s ** 3) + p * lx * lx;
    const e = compileExpression(f, ['x', 'y']);
    const g = new Float64Array(2);
    close(e.gradient(Float64Array.from([x, y]), g), Math.exp(x) * Math.sin(y) + lx * t + s + p);
    close(g[0], fx);
    close(g[1], fy);
    const h = hessianOf(f, ['x', 'y'], [x, y]);
    close(h[0][0], fxx, 1e-12);
    close(h[0][1], fxy, 1e-12);
    close(h[1][0], fxy, 1e-12);
    close(h[1][1], fyy, 1e-12);
  });

  it("agrees with mathjs's symbolic derivative on a set of formulas", () => {
    const formulas = [
      'x^3 - 3*x*y^2',
      'sin(x)*cos(y) + x/y',
      'exp(-(x^2 + y^2)/2) * (1 + x*y)',
      'log(1 + x^2 + y^4) - atan(x*y)',
      'cosh(x) / (2 + sinh(y)^2)',
      'tan(x/3) + asin(y/2) + acos(x/3)',
      'log10(x^2 + 1) + cbrt(x + 3) + log(y^2 + 2, 3)',
      '2^x + pi*y - e^(x*y)',
    ];
    const rng = createRng(4);
    for (const source of formulas) {
      const e = compileExpression(source, ['x', 'y']);
      const dx = derivative(source, 'x').compile();
      const dy = derivative(source, 'y').compile();
      const dxx = derivative(derivative(source, 'x'), 'x').compile();
      const dxy = derivative(derivative(source, 'x'), 'y').compile();
      const dyy = derivative(derivative(source, 'y'), 'y').compile();
      for (let k = 0; k < 5; k++) {
        const x = rng.uniformIn(-1, 1);
        const y = rng.uniformIn(0.2, 1);
        const scope = { x, y };
        const g = new Float64Array(2);
        close(e.gradient(Float64Array.from([x, y]), g), parse(source).compile().evaluate(scope) as number, 1e-12);
        close(g[0], dx.evaluate(scope) as number, 1e-12);
        close(g[1], dy.evaluate(scope) as number, 1e-12);
        const h = hessianOf(source, ['x', 'y'], [x, y]);
        close(h[0][0], dxx.evaluate(scope) as number, 1e-11);
        close(h[1][0], dxy.evaluate(scope) as number, 1e-11);
        close(h[0][1], dxy.evaluate(scope) as number, 1e-11);
        close(h[1][1], dyy.evaluate(scope) as number, 1e-11);
      }
    }
  });

  it('handles any number of variables (a 12-variable Rosenbrock typed out)', () => {
    const n = 12;
    const vars = Array.from({ length: n }, (_, i) => `x${i + 1}`);
    const terms = vars.slice(0, -1).map((v, i) => `100*(${vars[i + 1]} - ${v}^2)^2 + (1 - ${v})^2`);
    const problem = expressionProblem(terms.join(' + '), vars);
    expect(problem.dimension).toBe(n);
    const rng = createRng(2);
    const x = rng.fillUniform(new Float64Array(n), -1.5, 1.5);
    expect(gradientError(problem, x)).toBeLessThan(GRADIENT_TOLERANCE);
    expect(hvpError(problem, x, rng.fillNormal(new Float64Array(n)))).toBeLessThan(HVP_TOLERANCE);
    expect(hessianAsymmetry(problem, x)).toBeLessThan(SYMMETRY_TOLERANCE);
    expect(problem.loss(new Float64Array(n).fill(1))).toBe(0);
  });

  it('shares common subexpressions and folds constants', () => {
    const shared = compileExpression('sin(x*y) + sin(x*y)^2 + sin(y*x)', ['x', 'y']);
    const separate = compileExpression('sin(x*y) + sin(x*z)^2', ['x', 'y', 'z']);
    expect(shared.size).toBeLessThan(separate.size);
    const folded = compileExpression('x * (2*3 - 5) + 0 + sqrt(16)', ['x']);
    // x, 4, x+4 (the ×1 and +0 vanish, 2*3−5 and √16 fold).
    expect(folded.size).toBe(3);
    expect(folded.value(Float64Array.from([2]))).toBe(6);
  });

  it('log2 by hand: d/dx log2(x² + 1) = 2x/((x² + 1) ln 2)', () => {
    const e = compileExpression('log2(x^2 + 1)', ['x']);
    const g = new Float64Array(1);
    close(e.gradient(Float64Array.from([1.5]), g), Math.log2(3.25));
    close(g[0], 3 / (3.25 * Math.LN2));
  });

  it('a constant formula or an unused variable has zero derivatives', () => {
    const e = compileExpression('x^2 + 0*y', ['x', 'y', 'z']);
    const g = new Float64Array(3).fill(7);
    e.gradient(Float64Array.from([3, 1, 2]), g);
    expect([...g]).toEqual([6, 0, 0]);
    const hv = new Float64Array(3).fill(7);
    e.hvp(Float64Array.from([3, 1, 2]), Float64Array.from([1, 1, 1]), hv);
    expect([...hv]).toEqual([2, 0, 0]);
  });

  it('flags abs (a kink) as not twice differentiable', () => {
    expect(compileExpression('abs(x) + y^2').twiceDifferentiable).toBe(false);
    expect(compileExpression('x^2 + y^2').twiceDifferentiable).toBe(true);
  });

  it('random formulas: gradients and HVPs pass the difference checks (property test)', () => {
    const rng = createRng(99);
    const leaves = ['x', 'y', 'z', '0.5', '1.7', '2'];
    const unary = ['sin', 'cos', 'tanh', 'exp', 'atan'];
    const gen = (depth: number): string => {
      if (depth === 0 || rng.uniform() < 0.2) return leaves[rng.int(leaves.length)];
      const r = rng.uniform();
      if (r < 0.3) return `${unary[rng.int(unary.length)]}(${gen(depth - 1)})`;
      if (r < 0.45) return `(${gen(depth - 1)})^2`;
      if (r < 0.55) return `(${gen(depth - 1)}) / (2 + (${gen(depth - 1)})^2)`;
      const op = ['+', '-', '*'][rng.int(3)];
      return `(${gen(depth - 1)}) ${op} (${gen(depth - 1)})`;
    };
    for (let k = 0; k < 40; k++) {
      const source = gen(4);
      const problem = expressionProblem(source, ['x', 'y', 'z']);
      const x = rng.fillUniform(new Float64Array(3), -1, 1);
      const v = rng.fillNormal(new Float64Array(3));
      // Floors: a formula may be nearly flat at x; errors are then relative to 1e-6.
      expect(gradientError(problem, x, 1e-6), source).toBeLessThan(GRADIENT_TOLERANCE);
      expect(hvpError(problem, x, v, 1e-6), source).toBeLessThan(HVP_TOLERANCE);
      expect(hessianAsymmetry(problem, x), source).toBeLessThan(SYMMETRY_TOLERANCE);
    }
  });
});

describe('compileExpression: variables and errors', () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      return (error as Error).message;
    }
    throw new Error('expected an ExpressionError');
  };

  it('defaults the variables to the sorted free symbols (constants excluded)', () => {
    expect(expressionSymbols('y*sin(x) + pi + e^z')).toEqual(['x', 'y', 'z']);
    expect(compileExpression('b + a^2').variables).toEqual(['a', 'b']);
    // A listed variable named e shadows the constant.
    const e = compileExpression('e^2', ['e']);
    expect(e.value(Float64Array.from([3]))).toBe(9);
  });

  it('points malformed formulas at the offending character', () => {
    expect(message(() => compileExpression('(x^2+y-11)^2+)', ['x', 'y']))).toBe("expression: unexpected ')' at character 14 (value expected)");
    expect(message(() => compileExpression('x + y) * 2', ['x', 'y']))).toBe("expression: unexpected ')' at character 6");
    expect(message(() => compileExpression('(x + y', ['x', 'y']))).toMatch(/^expression: unexpected end of expression at character 7/);
    expect(message(() => compileExpression('x * * y', ['x', 'y']))).toMatch(/^expression: unexpected '\*' at character 5/);
    expect(message(() => compileExpression('', ['x']))).toBe('expression: the formula is empty');
    const error = (() => {
      try {
        compileExpression('x +* y', ['x', 'y']);
      } catch (e) {
        return e as ExpressionError;
      }
    })();
    expect(error?.position).toBe(4);
  });

  it('names unknown variables and lists the known ones', () => {
    expect(message(() => compileExpression('x^2 + z', ['x', 'y']))).toBe("expression: unknown variable 'z' at character 7 (variables are x, y)");
    expect(message(() => compileExpression('3 cm', ['x']))).toBe("expression: unknown variable 'cm' at character 3 (variables are x)");
  });

  it('names unknown functions, wrong argument counts and unsupported syntax', () => {
    expect(message(() => compileExpression('foo(x) + y', ['x', 'y']))).toMatch(/^expression: unknown function 'foo' at character 1 \(functions are exp, log/);
    expect(message(() => compileExpression('x + sin(x, y)', ['x', 'y']))).toBe('expression: sin() takes 1 argument, got 2 at character 5');
    expect(message(() => compileExpression('x mod 2', ['x']))).toMatch(/unsupported operator 'mod' at character 3/);
    expect(message(() => compileExpression('x! + 1', ['x']))).toMatch(/unsupported operator '!'/);
    expect(message(() => compileExpression('f(x) = x^2', ['x']))).toMatch(/function definitions are not supported/);
    expect(message(() => compileExpression('[x, 1]', ['x']))).toMatch(/matrices and vectors/);
    expect(message(() => compileExpression('x > 1 ? x : 1', ['x']))).toMatch(/not supported/);
    expect(message(() => compileExpression('exp + x', ['x']))).toMatch(/'exp' is a function; call it as exp\(…\)/);
  });

  it('refuses bad variable lists', () => {
    expect(message(() => compileExpression('x', ['x', 'x']))).toMatch(/listed twice/);
    expect(message(() => compileExpression('x', ['1x']))).toMatch(/not a valid variable name/);
    expect(message(() => compileExpression('x', ['x', 'sin']))).toMatch(/function name/);
    expect(message(() => compileExpression('2 + 3'))).toMatch(/no variables/);
  });
});
