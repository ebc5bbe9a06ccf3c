/**
 * Gradient-flatness measures at a point (DESIGN.md §4; Frye, Simon, Wadia, Ligeralde, DeWeese &
 * Bouchard, "Critical point-finding methods reveal gradient-flat regions of deep network
 * losses", Neural Computation 33 (2021), §3.2). A point is gradient-flat when ∇L lies
 * (approximately) in the kernel of H: the loss is locally linear along g, ‖g‖ is stationary but
 * not zero, and Newton-type methods stall. With p the MINRES-QLP (minimum-length least-squares)
 * solution of H p = −g:
 *   r   = ‖Hp + g‖ / (‖H‖‖p‖ + ‖g‖)        (≈ 1: g is nearly orthogonal to the range of H)
 *   r_H = ‖H(Hp + g)‖ / (‖H‖‖Hp + g‖)       (≈ 0: the residual lies in the kernel of H)
 * and the Rayleigh quotient gᵀHg / ‖g‖² (≈ 0 at a gradient-flat point) as a cheap companion.
 * ‖H‖ is MINRES-QLP's estimate, or the spectral norm when the caller knows it.
 * Cost: one MINRES-QLP solve (≤ maxIterations HVPs) plus three HVPs.
 */
import { minresQlp } from '../linalg/minres-qlp.ts';
import type { KrylovFlag } from '../linalg/krylov.ts';
import type { Objective } from '../finders/finder.ts';

export interface GradientFlatness {
  readonly r: number;
  readonly rH: number;
  readonly rayleigh: number;
  /** MINRES-QLP's verdict on H p = −g. */
  readonly flag: KrylovFlag;
  readonly hvps: number;
}

export interface GradientFlatnessOptions {
  /** ‖H‖ if known (e.g. max|λ| from a full spectrum); MINRES-QLP's estimate otherwise. */
  readonly hessianNorm?: number;
  readonly rtol?: number;
  readonly maxIterations?: number;
}

export function gradientFlatness(objective: Objective, theta: Float64Array, options: GradientFlatnessOptions = {}): GradientFlatness {
  const n = objective.dimension;
  const g = new Float64Array(n);
  objective.gradient(theta, g);
  const minusG = g.map((v) => -v);
  const H = (v: Float64Array, out: Float64Array) => objective.hvp(theta, v, out);
  const solve = minresQlp(n, H, minusG, { rtol: options.rtol ?? 1e-10, maxIterations: options.maxIterations ?? Math.max(4 * n, 100) });
  const p = solve.x;
  const Hp = new Float64Array(n);
  H(p, Hp);
  const residual = new Float64Array(n); // Hp + g
  for (let i = 0; i < n; i++) residual[i] = Hp[i] + g[i];
  const Hres = new Float64Array(n);
  H(residual, Hres);
  const Hg = new Float64Array(n);
  H(g, Hg);
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const normH = options.hessianNorm ?? solve.anorm;
  const gNorm = norm(g);
  const resNorm = norm(residual);
  const denomR = normH * norm(p) + gNorm;
  const r = denomR > 0 ? resNorm / denomR : 0;
  const denomRH = normH * resNorm;
  const rH = denomRH > 0 ? norm(Hres) / denomRH : 0;
  let gHg = 0;
  for (let i = 0; i < n; i++) gHg += g[i] * Hg[i];
  const rayleigh = gNorm > 0 ? gHg / (gNorm * gNorm) : 0;
  return { r, rH, rayleigh, flag: solve.flag, hvps: solve.matvecs + 3 };
}
