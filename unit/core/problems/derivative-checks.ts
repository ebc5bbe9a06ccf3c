/**
 * Independent checks of a Problem's derivatives, shared by the problem tests:
 * - the gradient against central differences of the loss,
 * - the HVP against central differences of the exact gradient,
 * - the symmetry of the Hessian assembled column by column from HVPs (not symmetrised).
 */
import type { Problem } from '../../../core/problems/problem.ts';
import { denseFromOperator } from '../../../core/linalg/dense-from-operator.ts';

/** Gradient check tolerance (issue 4): relative error of central differences. */
export const GRADIENT_TOLERANCE = 1e-7;
/** HVP check tolerance (issue 4): relative error against differences of exact gradients. */
export const HVP_TOLERANCE = 1e-6;
/** Assembled Hessian symmetry, relative to max |H_ij| (issue 4). */
export const SYMMETRY_TOLERANCE = 1e-12;

function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/**
 * ‖g_fd − g‖ / max(‖g‖, floor) with g_fd from central differences. Step h_i = ε^{1/3}·max(1, |θ_i|)
 * balances truncation (h² f‴/6) against rounding (ε|f|/h): both ≈ ε^{2/3} ≈ 4e-11 relative.
 */
export function gradientError(problem: Problem, theta: Float64Array, floor = 1e-8): number {
  const n = problem.dimension;
  const g = new Float64Array(n);
  const f = problem.gradient(theta, g);
  const fd = new Float64Array(n);
  const t = Float64Array.from(theta);
  for (let i = 0; i < n; i++) {
    const h = 6e-6 * Math.max(1, Math.abs(theta[i]));
    t[i] = theta[i] + h;
    const fp = problem.loss(t);
    t[i] = theta[i] - h;
    const fm = problem.loss(t);
    t[i] = theta[i];
    fd[i] = (fp - fm) / (2 * h);
  }
  const lossAgain = problem.loss(theta);
  if (Math.abs(lossAgain - f) > 1e-13 * Math.max(1, Math.abs(f))) throw new Error(`gradient() returned ${f} but loss() ${lossAgain}`);
  const diff = fd.map((x, i) => x - g[i]);
  return norm(diff) / Math.max(norm(g), floor);
}

/** ‖(g(θ+εv) − g(θ−εv))/(2ε) − Hv‖ / max(‖Hv‖, floor), ε = ε_mach^{1/3}/‖v‖. */
export function hvpError(problem: Problem, theta: Float64Array, v: Float64Array, floor = 1e-8): number {
  const n = problem.dimension;
  const hv = new Float64Array(n);
  problem.hvp(theta, v, hv);
  const eps = 6e-6 * Math.max(1, norm(theta) / Math.sqrt(n)) / norm(v);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  problem.gradient(theta.map((x, i) => x + eps * v[i]), gp);
  problem.gradient(theta.map((x, i) => x - eps * v[i]), gm);
  const diff = gp.map((x, i) => (x - gm[i]) / (2 * eps) - hv[i]);
  return norm(diff) / Math.max(norm(hv), floor);
}

/** max |H_ij − H_ji| / max |H_ij| for H assembled from HVPs without symmetrising. */
export function hessianAsymmetry(problem: Problem, theta: Float64Array): number {
  const n = problem.dimension;
  const H = denseFromOperator(n, (v, out) => problem.hvp(theta, v, out), new Float64Array(n * n), false);
  let asym = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      scale = Math.max(scale, Math.abs(H[i * n + j]));
      asym = Math.max(asym, Math.abs(H[i * n + j] - H[j * n + i]));
    }
  }
  return scale === 0 ? 0 : asym / scale;
}
