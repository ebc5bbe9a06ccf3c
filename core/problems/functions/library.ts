/**
 * Built-in test functions with hand-derived gradients and Hessians. Their critical points are
 * the exact references of DESIGN.md §4 (Himmelblau's 9, the six-hump camel's 15, …).
 */
import type { AnalyticFunction } from './analytic-function.ts';

const xy = ['x', 'y'] as const;

/** x² − y²: one saddle at the origin, H = diag(2, −2). */
export const saddle: AnalyticFunction = {
  name: 'saddle',
  label: 'Saddle x² − y²',
  dimension: 2,
  variables: xy,
  box: [[-2, 2], [-2, 2]],
  twiceDifferentiable: true,
  value: (p) => p[0] * p[0] - p[1] * p[1],
  gradient(p, g) {
    g[0] = 2 * p[0];
    g[1] = -2 * p[1];
    return p[0] * p[0] - p[1] * p[1];
  },
  hessian(_p, h) {
    h[0] = 2; h[1] = 0;
    h[2] = 0; h[3] = -2;
  },
};

/** Himmelblau (x² + y − 11)² + (x + y² − 7)²: 4 minima, 1 maximum, 4 saddles. */
export const himmelblau: AnalyticFunction = {
  name: 'himmelblau',
  label: 'Himmelblau (x² + y − 11)² + (x + y² − 7)²',
  dimension: 2,
  variables: xy,
  box: [[-5, 5], [-5, 5]],
  twiceDifferentiable: true,
  value(p) {
    const a = p[0] * p[0] + p[1] - 11;
    const b = p[0] + p[1] * p[1] - 7;
    return a * a + b * b;
  },
  gradient(p, g) {
    const x = p[0], y = p[1];
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    g[0] = 4 * x * a + 2 * b;
    g[1] = 2 * a + 4 * y * b;
    return a * a + b * b;
  },
  hessian(p, h) {
    const x = p[0], y = p[1];
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    h[0] = 4 * a + 8 * x * x + 2;
    h[1] = 4 * x + 4 * y;
    h[2] = h[1];
    h[3] = 2 + 4 * b + 8 * y * y;
  },
};

/** Six-hump camel (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²: 6 minima, 2 maxima, 7 saddles. */
export const sixHumpCamel: AnalyticFunction = {
  name: 'six-hump-camel',
  label: 'Six-hump camel (4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y²',
  dimension: 2,
  variables: xy,
  box: [[-2, 2], [-1, 1]],
  twiceDifferentiable: true,
  value(p) {
    const x = p[0], y = p[1];
    const x2 = x * x, y2 = y * y;
    return (4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
  },
  gradient(p, g) {
    const x = p[0], y = p[1];
    const x2 = x * x, y2 = y * y;
    g[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
    g[1] = x - 8 * y + 16 * y2 * y;
    return (4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
  },
  hessian(p, h) {
    const x = p[0], y = p[1];
    const x2 = x * x;
    h[0] = 8 - 25.2 * x2 + 10 * x2 * x2;
    h[1] = 1;
    h[2] = 1;
    h[3] = -8 + 48 * y * y;
  },
};

/** Rosenbrock (1 − x)² + 100(y − x²)²: one minimum at (1, 1). */
export const rosenbrock: AnalyticFunction = {
  name: 'rosenbrock',
  label: 'Rosenbrock (1 − x)² + 100(y − x²)²',
  dimension: 2,
  variables: xy,
  box: [[-2, 2], [-1, 3]],
  twiceDifferentiable: true,
  value(p) {
    const a = 1 - p[0];
    const b = p[1] - p[0] * p[0];
    return a * a + 100 * b * b;
  },
  gradient(p, g) {
    const x = p[0];
    const a = 1 - x;
    const b = p[1] - x * x;
    g[0] = -2 * a - 400 * x * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  },
  hessian(p, h) {
    const x = p[0], y = p[1];
    h[0] = 2 - 400 * (y - x * x) + 800 * x * x;
    h[1] = -400 * x;
    h[2] = -400 * x;
    h[3] = 200;
  },
};

export const builtinFunctions: readonly AnalyticFunction[] = [saddle, himmelblau, sixHumpCamel, rosenbrock];

export function findBuiltinFunction(name: string): AnalyticFunction | undefined {
  return builtinFunctions.find((f) => f.name === name);
}
