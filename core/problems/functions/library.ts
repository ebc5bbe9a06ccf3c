/**
 * Built-in test functions with hand-derived gradients and Hessians. Their critical points are
 * the exact references of DESIGN.md §4 (Himmelblau's 9, the six-hump camel's 15, …).
 *
 * Spec names (DESIGN.md §3): "saddle" (x² − y²), "saddle-5" (5x² − y²), "monkey-saddle",
 * "rosenbrock", "himmelblau", "six-hump-camel", "ring", "ackley", "rastrigin". Rosenbrock,
 * Rastrigin and Ackley also come in n dimensions (`findBuiltinFunction(name, n)`; n-dimensional
 * variables are x1 … xn); the 2-D forms are the defaults and use variables x, y.
 * Formulas of the n-dimensional families (as in Jamil & Yang, "A literature survey of benchmark
 * functions for global optimisation problems", Int. J. Math. Model. Numer. Optim. 4(2), 2013):
 *   Rosenbrock  Σ_{i<n} 100(x_{i+1} − x_i²)² + (1 − x_i)²
 *   Rastrigin   10n + Σ x_i² − 10 cos(2πx_i)
 *   Ackley      −20 exp(−0.2 √(Σx_i²/n)) − exp(Σ cos(2πx_i)/n) + 20 + e
 * Ackley is not differentiable at its minimum 0 (the √ term has a cone there): it is the
 * negative control, flagged `twiceDifferentiable: false`; at exactly r = 0 its gradient and
 * Hessian are reported as those of the smooth cosine term alone (the cone's are undefined).
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

/** 5x² − y²: one saddle at the origin with unequal curvatures, H = diag(10, −2). */
export const saddle5: AnalyticFunction = {
  name: 'saddle-5',
  label: 'Saddle 5x² − y²',
  dimension: 2,
  variables: xy,
  box: [[-2, 2], [-2, 2]],
  twiceDifferentiable: true,
  value: (p) => 5 * p[0] * p[0] - p[1] * p[1],
  gradient(p, g) {
    g[0] = 10 * p[0];
    g[1] = -2 * p[1];
    return 5 * p[0] * p[0] - p[1] * p[1];
  },
  hessian(_p, h) {
    h[0] = 10; h[1] = 0;
    h[2] = 0; h[3] = -2;
  },
};

/** Monkey saddle x³ − 3xy²: a degenerate critical point at 0 where H = 0. */
export const monkeySaddle: AnalyticFunction = {
  name: 'monkey-saddle',
  label: 'Monkey saddle x³ − 3xy²',
  dimension: 2,
  variables: xy,
  box: [[-2, 2], [-2, 2]],
  twiceDifferentiable: true,
  value: (p) => p[0] * p[0] * p[0] - 3 * p[0] * p[1] * p[1],
  gradient(p, g) {
    const x = p[0], y = p[1];
    g[0] = 3 * x * x - 3 * y * y;
    g[1] = -6 * x * y;
    return x * x * x - 3 * x * y * y;
  },
  hessian(p, h) {
    const x = p[0], y = p[1];
    h[0] = 6 * x; h[1] = -6 * y;
    h[2] = -6 * y; h[3] = -6 * x;
  },
};

/** Ring (x² + y² − 1)²: a circle of minima (one zero eigenvalue each) and a maximum at 0. */
export const ring: AnalyticFunction = {
  name: 'ring',
  label: 'Ring (x² + y² − 1)²',
  dimension: 2,
  variables: xy,
  box: [[-1.5, 1.5], [-1.5, 1.5]],
  twiceDifferentiable: true,
  value(p) {
    const s = p[0] * p[0] + p[1] * p[1] - 1;
    return s * s;
  },
  gradient(p, g) {
    const x = p[0], y = p[1];
    const s = x * x + y * y - 1;
    g[0] = 4 * s * x;
    g[1] = 4 * s * y;
    return s * s;
  },
  hessian(p, h) {
    const x = p[0], y = p[1];
    const s = x * x + y * y - 1;
    h[0] = 4 * s + 8 * x * x; h[1] = 8 * x * y;
    h[2] = 8 * x * y; h[3] = 4 * s + 8 * y * y;
  },
};

function numberedVariables(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `x${i + 1}`);
}

function checkDimension(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > MAX_BUILTIN_DIMENSION) {
    throw new RangeError(`${name}: dimension must be an integer from ${min} to ${MAX_BUILTIN_DIMENSION}, got ${n}`);
  }
}

/** Largest dimension of the n-dimensional built-ins (the dense Hessian is n² doubles). */
export const MAX_BUILTIN_DIMENSION = 4096;

/** Rosenbrock in n ≥ 2 dimensions: one minimum at (1, …, 1) (and, for 4 ≤ n ≤ 7, one more local minimum near x1 = −1). */
export function rosenbrockN(n: number): AnalyticFunction {
  checkDimension('rosenbrock', n, 2);
  if (n === 2) return rosenbrock;
  return {
    name: 'rosenbrock',
    label: `Rosenbrock in ${n} dimensions Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²`,
    dimension: n,
    variables: numberedVariables(n),
    box: Array.from({ length: n }, () => [-2, 2] as const),
    twiceDifferentiable: true,
    value(x) {
      let f = 0;
      for (let i = 0; i < n - 1; i++) {
        const a = 1 - x[i];
        const b = x[i + 1] - x[i] * x[i];
        f += a * a + 100 * b * b;
      }
      return f;
    },
    gradient(x, g) {
      g.fill(0);
      let f = 0;
      for (let i = 0; i < n - 1; i++) {
        const a = 1 - x[i];
        const b = x[i + 1] - x[i] * x[i];
        f += a * a + 100 * b * b;
        g[i] += -2 * a - 400 * x[i] * b;
        g[i + 1] += 200 * b;
      }
      return f;
    },
    hessian(x, h) {
      h.fill(0);
      for (let i = 0; i < n - 1; i++) {
        h[i * n + i] += 2 - 400 * (x[i + 1] - x[i] * x[i]) + 800 * x[i] * x[i];
        h[i * n + i + 1] += -400 * x[i];
        h[(i + 1) * n + i] += -400 * x[i];
        h[(i + 1) * n + i + 1] += 200;
      }
    },
    hvp(x, v, out) {
      out.fill(0);
      for (let i = 0; i < n - 1; i++) {
        const hii = 2 - 400 * (x[i + 1] - x[i] * x[i]) + 800 * x[i] * x[i];
        const hij = -400 * x[i];
        out[i] += hii * v[i] + hij * v[i + 1];
        out[i + 1] += hij * v[i] + 200 * v[i + 1];
      }
    },
  };
}

const TWO_PI = 2 * Math.PI;

/** Rastrigin 10n + Σ x_i² − 10 cos(2πx_i): a lattice of critical points, global minimum 0 at 0. */
export function rastriginN(n: number): AnalyticFunction {
  checkDimension('rastrigin', n, 1);
  return {
    name: 'rastrigin',
    label: n === 2 ? 'Rastrigin 20 + x² + y² − 10(cos 2πx + cos 2πy)' : `Rastrigin in ${n} dimensions 10n + Σ x_i² − 10 cos(2πx_i)`,
    dimension: n,
    variables: n === 2 ? xy : numberedVariables(n),
    box: Array.from({ length: n }, () => [-5.12, 5.12] as const),
    twiceDifferentiable: true,
    value(x) {
      let f = 10 * n;
      for (let i = 0; i < n; i++) f += x[i] * x[i] - 10 * Math.cos(TWO_PI * x[i]);
      return f;
    },
    gradient(x, g) {
      let f = 10 * n;
      for (let i = 0; i < n; i++) {
        const t = TWO_PI * x[i];
        f += x[i] * x[i] - 10 * Math.cos(t);
        g[i] = 2 * x[i] + 10 * TWO_PI * Math.sin(t);
      }
      return f;
    },
    hessian(x, h) {
      h.fill(0);
      for (let i = 0; i < n; i++) h[i * n + i] = 2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * x[i]);
    },
    hvp(x, v, out) {
      for (let i = 0; i < n; i++) out[i] = (2 + 10 * TWO_PI * TWO_PI * Math.cos(TWO_PI * x[i])) * v[i];
    },
  };
}

/**
 * Ackley in n dimensions. With r = √(Σx²/n), E = e^{−0.2r}, C = Σcos(2πx_i)/n, c_i = ∂C/∂x_i:
 *   ∇f = q x − e^C c,  q = 4E/(n r)
 *   H  = q I − (4E(1 + 0.2r)/(n² r³)) x xᵀ − e^C (c cᵀ + diag(∂c_i/∂x_i)),  ∂c_i/∂x_i = −(4π²/n) cos 2πx_i.
 * At r = 0 the cone's terms are dropped (not differentiable there: the negative control).
 */
export function ackleyN(n: number): AnalyticFunction {
  checkDimension('ackley', n, 1);
  /** r = √(Σx²/n). */
  const radius = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    return Math.sqrt(s / n);
  };
  const cosTerm = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.cos(TWO_PI * x[i]);
    return s / n;
  };
  return {
    name: 'ackley',
    label: n === 2 ? 'Ackley (not differentiable at its minimum: negative control)' : `Ackley in ${n} dimensions (not differentiable at its minimum: negative control)`,
    dimension: n,
    variables: n === 2 ? xy : numberedVariables(n),
    box: Array.from({ length: n }, () => [-5, 5] as const),
    twiceDifferentiable: false,
    value(x) {
      return -20 * Math.exp(-0.2 * radius(x)) - Math.exp(cosTerm(x)) + 20 + Math.E;
    },
    gradient(x, g) {
      const r = radius(x);
      const E = Math.exp(-0.2 * r);
      const C = cosTerm(x);
      const eC = Math.exp(C);
      const q = r > 0 ? (4 * E) / (n * r) : 0;
      for (let i = 0; i < n; i++) {
        const c = -(TWO_PI / n) * Math.sin(TWO_PI * x[i]);
        g[i] = q * x[i] - eC * c;
      }
      return -20 * E - eC + 20 + Math.E;
    },
    hessian(x, h) {
      const r = radius(x);
      const E = Math.exp(-0.2 * r);
      const eC = Math.exp(cosTerm(x));
      const q = r > 0 ? (4 * E) / (n * r) : 0;
      const alpha = r > 0 ? (4 * E * (1 + 0.2 * r)) / (n * n * r * r * r) : 0;
      for (let i = 0; i < n; i++) {
        const ci = -(TWO_PI / n) * Math.sin(TWO_PI * x[i]);
        for (let j = 0; j < n; j++) {
          const cj = -(TWO_PI / n) * Math.sin(TWO_PI * x[j]);
          h[i * n + j] = -alpha * x[i] * x[j] - eC * ci * cj;
        }
        h[i * n + i] += q + eC * ((TWO_PI * TWO_PI) / n) * Math.cos(TWO_PI * x[i]);
      }
    },
    hvp(x, v, out) {
      const r = radius(x);
      const E = Math.exp(-0.2 * r);
      const eC = Math.exp(cosTerm(x));
      const q = r > 0 ? (4 * E) / (n * r) : 0;
      const alpha = r > 0 ? (4 * E * (1 + 0.2 * r)) / (n * n * r * r * r) : 0;
      let xv = 0;
      let cv = 0;
      for (let i = 0; i < n; i++) {
        xv += x[i] * v[i];
        cv += -(TWO_PI / n) * Math.sin(TWO_PI * x[i]) * v[i];
      }
      for (let i = 0; i < n; i++) {
        const ci = -(TWO_PI / n) * Math.sin(TWO_PI * x[i]);
        out[i] = q * v[i] - alpha * x[i] * xv - eC * ci * cv + eC * ((TWO_PI * TWO_PI) / n) * Math.cos(TWO_PI * x[i]) * v[i];
      }
    },
  };
}

export const ackley: AnalyticFunction = ackleyN(2);
export const rastrigin: AnalyticFunction = rastriginN(2);

/** Every built-in at its default (2-D) dimension, in the order the UI lists them. */
export const builtinFunctions: readonly AnalyticFunction[] = [
  saddle,
  saddle5,
  monkeySaddle,
  rosenbrock,
  himmelblau,
  sixHumpCamel,
  ring,
  ackley,
  rastrigin,
];

/** Built-ins that take a `dimension` (n-dimensional families) and their constructors. */
export const nDimensionalFunctions: Readonly<Record<string, { min: number; create: (n: number) => AnalyticFunction }>> = {
  rosenbrock: { min: 2, create: rosenbrockN },
  rastrigin: { min: 1, create: rastriginN },
  ackley: { min: 1, create: ackleyN },
};

/**
 * The built-in `name`, at `dimension` when given (only the n-dimensional families accept a
 * dimension other than their default). Undefined for an unknown name or an impossible dimension.
 */
export function findBuiltinFunction(name: string, dimension?: number): AnalyticFunction | undefined {
  const fixed = builtinFunctions.find((f) => f.name === name);
  if (dimension === undefined || (fixed && fixed.dimension === dimension)) return fixed;
  const family = Object.hasOwn(nDimensionalFunctions, name) ? nDimensionalFunctions[name] : undefined;
  if (!family || !Number.isInteger(dimension) || dimension < family.min || dimension > MAX_BUILTIN_DIMENSION) return undefined;
  return family.create(dimension);
}
