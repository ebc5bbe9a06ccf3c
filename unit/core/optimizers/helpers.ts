/**
 * Test objectives with closed-form gradients and Hessians, independent of core/problems:
 * quadratics ½(θ − θ*)ᵀA(θ − θ*) with a chosen spectrum, a least-squares problem made of
 * samples (a StochasticObjective), and the saddle x² − y².
 */
import type { Objective, OptimizerResult, OptimizerRun, StochasticObjective } from '../../../core/optimizers/optimizer.ts';
import { createRng } from '../../../core/random/rng.ts';

export function finish(run: OptimizerRun): OptimizerResult {
  let next = run.next();
  while (!next.done) next = run.next();
  return next.value;
}

export interface Quadratic extends Objective {
  readonly A: Float64Array;
  readonly minimiser: Float64Array;
  loss(theta: Float64Array): number;
}

/** ½(θ − θ*)ᵀA(θ − θ*) with A = Q diag(eigenvalues) Qᵀ, Q a seeded random rotation (or I). */
export function quadratic(eigenvalues: readonly number[], minimiser: readonly number[], rotate = true, seed = 7): Quadratic {
  const n = eigenvalues.length;
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  if (rotate) {
    // Gram–Schmidt on a seeded Gaussian matrix (columns).
    const rng = createRng(seed);
    const G = rng.fillNormal(new Float64Array(n * n));
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < j; p++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += G[i * n + j] * G[i * n + p];
        for (let i = 0; i < n; i++) G[i * n + j] -= s * G[i * n + p];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += G[i * n + j] ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) G[i * n + j] /= norm;
    }
    Q.set(G);
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * eigenvalues[k] * Q[j * n + k];
      A[i * n + j] = s;
    }
  }
  const star = Float64Array.from(minimiser);
  const r = new Float64Array(n);
  const Ar = new Float64Array(n);
  const apply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * v[j];
      out[i] = s;
    }
  };
  const loss = (theta: Float64Array) => {
    for (let i = 0; i < n; i++) r[i] = theta[i] - star[i];
    apply(r, Ar);
    let f = 0;
    for (let i = 0; i < n; i++) f += 0.5 * r[i] * Ar[i];
    return f;
  };
  return {
    dimension: n,
    A,
    minimiser: star,
    loss,
    gradient(theta, out) {
      for (let i = 0; i < n; i++) r[i] = theta[i] - star[i];
      apply(r, out);
      let f = 0;
      for (let i = 0; i < n; i++) f += 0.5 * r[i] * out[i];
      return f;
    },
    hvp(_theta, v, out) {
      apply(v, out);
    },
  };
}

/** x² − y²: saddle at 0 with H = diag(2, −2); y = 0 is the stable manifold of gradient descent. */
export const saddle: Objective & { loss(theta: Float64Array): number } = {
  dimension: 2,
  loss: (p) => p[0] * p[0] - p[1] * p[1],
  gradient(p, g) {
    g[0] = 2 * p[0];
    g[1] = -2 * p[1];
    return p[0] * p[0] - p[1] * p[1];
  },
  hvp(_p, v, out) {
    out[0] = 2 * v[0];
    out[1] = -2 * v[1];
  },
};

export interface LeastSquares extends Objective, StochasticObjective {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly minimiser: Float64Array;
}

/**
 * L(θ) = (1/N) Σ_s ½(a_sᵀθ − b_s)² with b = Aθ* (consistent: every sample's loss is 0 at θ*,
 * so SGD with a constant step converges to θ*). batchGradient is the mean over the batch.
 */
export function leastSquares(samples: number, n: number, seed = 3): LeastSquares {
  const rng = createRng(seed);
  const a = rng.fillNormal(new Float64Array(samples * n));
  const minimiser = rng.fillNormal(new Float64Array(n));
  const b = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += a[s * n + j] * minimiser[j];
    b[s] = v;
  }
  const over = (theta: Float64Array, out: Float64Array, count: number, index: (i: number) => number): number => {
    out.fill(0);
    let f = 0;
    for (let i = 0; i < count; i++) {
      const s = index(i);
      let r = -b[s];
      for (let j = 0; j < n; j++) r += a[s * n + j] * theta[j];
      f += 0.5 * r * r;
      for (let j = 0; j < n; j++) out[j] += r * a[s * n + j];
    }
    for (let j = 0; j < n; j++) out[j] /= count;
    return f / count;
  };
  return {
    dimension: n,
    sampleCount: samples,
    a,
    b,
    minimiser,
    gradient: (theta, out) => over(theta, out, samples, (i) => i),
    batchGradient: (theta, batch, out) => over(theta, out, batch.length, (i) => batch[i]),
    hvp(_theta, v, out) {
      out.fill(0);
      for (let s = 0; s < samples; s++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[s * n + j] * v[j];
        for (let j = 0; j < n; j++) out[j] += (av * a[s * n + j]) / samples;
      }
    },
  };
}

export function distance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
  return Math.sqrt(s);
}
