/**
 * A named catalogue of symmetric test matrices that every solver in core/linalg runs against
 * (in the spirit of SciPy's iterative-solver test cases). Each entry knows its spectrum exactly
 * (by construction A = Q diag(λ) Qᵀ, a closed form, or a LAPACK fixture) and, where built from a
 * spectrum, its eigenvectors Q, so pseudo-inverse solutions are exact references.
 */
import wilkinson from './fixtures/wilkinson.json';
import { mulberry32, randomOrthogonal, withSpectrum } from './helpers.ts';

export interface CatalogueMatrix {
  readonly name: string;
  readonly n: number;
  /** Row-major n×n, exactly symmetric. */
  readonly A: Float64Array;
  /** Eigenvalues, ascending. */
  readonly eigenvalues: Float64Array;
  /** Orthonormal eigenvectors (columns, matching `eigenvalues`) when known exactly. */
  readonly Q?: Float64Array;
  /** Number of exactly zero eigenvalues. */
  readonly zeros: number;
  readonly definite: 'positive' | 'semidefinite' | 'indefinite';
}

function fromSpectrum(name: string, values: number[], seed: number): CatalogueMatrix {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const Q = randomOrthogonal(n, mulberry32(seed));
  return {
    name,
    n,
    A: withSpectrum(n, sorted, Q),
    eigenvalues: sorted,
    Q,
    zeros: values.filter((v) => v === 0).length,
    definite: sorted[0] > 0 ? 'positive' : sorted[0] === 0 ? 'semidefinite' : 'indefinite',
  };
}

function tridiagonal(name: string, n: number, diag: (i: number) => number, eigenvalues: Float64Array, Q?: Float64Array): CatalogueMatrix {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = diag(i);
    if (i > 0) {
      A[i * n + i - 1] = name.startsWith('wilkinson') ? 1 : -1;
      A[(i - 1) * n + i] = A[i * n + i - 1];
    }
  }
  return { name, n, A, eigenvalues, Q, zeros: 0, definite: eigenvalues[0] > 0 ? 'positive' : 'indefinite' };
}

function scaled(base: CatalogueMatrix, factor: number, name: string): CatalogueMatrix {
  return {
    ...base,
    name,
    A: base.A.map((a) => a * factor),
    eigenvalues: base.eigenvalues.map((v) => v * factor),
  };
}

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

function build(): CatalogueMatrix[] {
  const list: CatalogueMatrix[] = [];
  list.push(fromSpectrum('spd', range(40, (i) => 10 ** (-2 + (4 * i) / 39)), 101));
  list.push(fromSpectrum('indefinite', range(40, (i) => -3 + (8 * (i + 0.5)) / 40), 102));
  const singularIndefinite = fromSpectrum(
    'singular-indefinite',
    range(40, (i) => (i < 12 ? 0 : i % 2 === 0 ? 0.5 + i / 10 : -(0.3 + i / 20))),
    103,
  );
  list.push(singularIndefinite);
  list.push(fromSpectrum('singular-semidefinite', range(30, (i) => (i < 10 ? 0 : 1 + i)), 104));
  list.push(fromSpectrum('repeated', range(30, (i) => [-1, 2, 5][i % 3]), 105));
  list.push(fromSpectrum('clustered', range(40, (i) => (i < 20 ? 1 + 1e-10 * i : 2 + i)), 106));
  list.push(fromSpectrum('graded', range(30, (i) => (i % 2 === 0 ? 1 : -1) * 10 ** (-12 + (12 * i) / 29)), 107));

  // tridiag(−1, 2, −1): λ_j = 2 − 2cos(jπ/(n+1)), q_j(i) = √(2/(n+1)) sin(ijπ/(n+1)).
  {
    const n = 50;
    const values = Float64Array.from(range(n, (j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1))));
    const Q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) Q[i * n + j] = Math.sqrt(2 / (n + 1)) * Math.sin(((i + 1) * (j + 1) * Math.PI) / (n + 1));
    }
    list.push(tridiagonal('tridiagonal-1-2-1', n, () => 2, values, Q));
  }
  list.push(tridiagonal('wilkinson-21+', 21, (i) => Math.abs(10 - i), Float64Array.from(wilkinson.W21plus)));
  list.push(tridiagonal('wilkinson-21-', 21, (i) => 10 - i, Float64Array.from(wilkinson.W21minus)));

  // Diagonal with zeros and repeats; Q is the permutation that sorts it.
  {
    const diag = [3, 0, -2, 5, 0, 3, -2, 1, 7, -4, 0, 2, 2, -1, 6, 3, 0, 9, -5, 4];
    const n = diag.length;
    const A = new Float64Array(n * n);
    diag.forEach((v, i) => (A[i * n + i] = v));
    const order = range(n, (i) => i).sort((a, b) => diag[a] - diag[b] || a - b);
    const Q = new Float64Array(n * n);
    order.forEach((src, j) => (Q[src * n + j] = 1));
    list.push({ name: 'diagonal', n, A, eigenvalues: Float64Array.from(order, (i) => diag[i]), Q, zeros: 4, definite: 'indefinite' });
  }
  {
    const n = 25;
    const values = new Float64Array(n);
    values[n - 1] = n;
    list.push({ name: 'rank-one', n, A: new Float64Array(n * n).fill(1), eigenvalues: values, zeros: n - 1, definite: 'semidefinite' });
  }
  {
    const n = 12;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) A[i * n + i] = 1;
    list.push({ name: 'identity', n, A, eigenvalues: new Float64Array(n).fill(1), Q: A.slice(), zeros: 0, definite: 'positive' });
  }
  list.push({ name: 'zero', n: 6, A: new Float64Array(36), eigenvalues: new Float64Array(6), Q: Float64Array.from(range(36, (i) => (i % 7 === 0 ? 1 : 0))), zeros: 6, definite: 'semidefinite' });
  list.push(scaled(singularIndefinite, 1e-9, 'singular-indefinite×1e-9'));
  list.push(scaled(singularIndefinite, 1e9, 'singular-indefinite×1e9'));
  return list;
}

export const catalogue: readonly CatalogueMatrix[] = build();
