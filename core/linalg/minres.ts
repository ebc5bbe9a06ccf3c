/**
 * MINRES: x_k minimising ‖b − (A − σI)x‖ over the Krylov space K_k(A − σI, b), for symmetric,
 * possibly indefinite A given as an operator.
 *
 * Paige & Saunders, "Solution of sparse indefinite systems of linear equations", SIAM J. Numer.
 * Anal. 12 (1975) §§5–7, in the form of SOL's minres.m / SciPy's `minres` (variable names follow
 * them): the Lanczos tridiagonal T_k (α = alfa, β = beta) is reduced by Givens rotations
 * (c = cs, s = sn) to upper-triangular R_k (δ = delta, γ = gamma, ε = epsln), and
 * x_k = x_{k−1} + φ_k w_k with the three-term recurrence for the directions
 * w_k = (v_k − ε_k w_{k−2} − δ_k w_{k−1})/γ_k. Estimates: ‖A‖ ≈ ‖T_k‖_F, cond(A) ≈ max γ / min γ,
 * ‖r_k‖ = φ̄_k, ‖A r_{k−1}‖ = φ̄_{k−1}‖(γ̄_k, δ̄_{k+1})‖.
 *
 * On an incompatible singular system the MINRES iterate carries a multiple of b's null-space
 * part; a 'least-squares' result is lifted to the minimum-length solution by projecting out the
 * residual (Liu, Milzarek & Roosta, "Obtaining pseudo-inverse solutions with MINRES", 2023;
 * option lift, default true). With a tolerance below the attainable ‖Ar‖ the iterates diverge
 * along the null direction and stop on 'norm-limit': prefer MINRES-QLP there, which keeps its
 * best iterate. Stop flags and residual definitions: krylov.ts.
 * Special cases: b = 0 → x = 0 ('x-zero'). No preconditioner.
 * Cost per iteration: one operator application + ≈ 9n flops + one ‖x‖; 7 vectors of storage.
 */
import { liftToMinimumLength, trueResiduals, type KrylovFlag, type KrylovOptions, type KrylovResult } from './krylov.ts';
import type { LinearOperator } from './operator.ts';

export interface MinresWorkspace {
  readonly n: number;
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly y: Float64Array;
  readonly r1: Float64Array;
  readonly r2: Float64Array;
  readonly w1: Float64Array;
  readonly w2: Float64Array;
}

export function createMinresWorkspace(n: number): MinresWorkspace {
  const f = (): Float64Array => new Float64Array(n);
  return { n, x: f(), v: f(), y: f(), r1: f(), r2: f(), w1: f(), w2: f() };
}

/** Solves (A − σI)x = b by MINRES. `b` is not modified; with a workspace, x is `workspace.x`. */
export function minres(
  n: number,
  A: LinearOperator,
  b: Float64Array,
  options: KrylovOptions & { readonly lift?: boolean } = {},
  workspace: MinresWorkspace = createMinresWorkspace(n),
): KrylovResult {
  if (workspace.n !== n) throw new RangeError(`minres: workspace is for n = ${workspace.n}, not ${n}`);
  const eps = Number.EPSILON;
  const rtol = options.rtol ?? 1e-6;
  const maxIterations = options.maxIterations ?? 4 * n;
  const shift = options.shift ?? 0;
  const maxXnorm = options.maxXnorm ?? 1e7;
  const acondLimit = Math.min(options.acondLimit ?? 1e15, 0.1 / eps);
  const computeResiduals = options.computeResiduals ?? true;
  const { x, v, y, r1, r2, w1, w2 } = workspace;

  let beta1 = 0;
  for (let i = 0; i < n; i++) {
    x[i] = 0;
    y[i] = b[i];
    r1[i] = b[i];
    r2[i] = b[i];
    w1[i] = 0;
    w2[i] = 0;
    beta1 += b[i] * b[i];
  }
  beta1 = Math.sqrt(beta1);
  if (beta1 === 0 || !Number.isFinite(beta1)) {
    const flag: KrylovFlag = beta1 === 0 ? 'x-zero' : 'non-finite';
    return { x, flag, iterations: 0, matvecs: 0, rnorm: beta1, arnorm: 0, anorm: 0, acond: 1, xnorm: 0, bnorm: beta1, relres: beta1 === 0 ? 0 : 1, relAres: 0 };
  }

  let flag: KrylovFlag | undefined;
  let iterations = 0;
  let oldb = 0;
  let beta = beta1;
  let dbar = 0;
  let epsln = 0;
  let phibar = beta1;
  let tnorm2 = 0;
  let gmax = 0;
  let gmin = Number.MAX_VALUE;
  let cs = -1;
  let sn = 0;
  let anorm = 0;
  let acond = 1;
  let rnorm = beta1;
  let arnorm = 0;
  let xnorm = 0;

  while (flag === undefined) {
    iterations++;
    const s = 1 / beta;
    for (let i = 0; i < n; i++) v[i] = s * y[i];
    A(v, y);
    if (shift !== 0) for (let i = 0; i < n; i++) y[i] -= shift * v[i];
    if (iterations >= 2) {
      const f = beta / oldb;
      for (let i = 0; i < n; i++) y[i] -= f * r1[i];
    }
    let alfa = 0;
    for (let i = 0; i < n; i++) alfa += v[i] * y[i];
    const g = alfa / beta;
    let betaNext = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] - g * r2[i];
      y[i] = yi;
      r1[i] = r2[i];
      r2[i] = yi;
      betaNext += yi * yi;
    }
    oldb = beta;
    beta = Math.sqrt(betaNext);
    if (!Number.isFinite(alfa) || !Number.isFinite(beta)) {
      flag = 'non-finite';
      break;
    }
    tnorm2 += alfa * alfa + oldb * oldb + beta * beta;

    // Apply the previous rotation, then compute and apply the current one.
    const oldeps = epsln;
    const delta = cs * dbar + sn * alfa;
    const gbar = sn * dbar - cs * alfa;
    epsln = sn * beta;
    dbar = -cs * beta;
    const root = Math.hypot(gbar, dbar);
    arnorm = phibar * root; // ‖A r_{k−1}‖
    let gamma = Math.hypot(gbar, beta);
    const gammaTolerance = eps * Math.sqrt(tnorm2);
    const singular = gamma <= gammaTolerance;
    if (singular) gamma = gammaTolerance || eps;
    cs = gbar / gamma;
    sn = beta / gamma;
    const phi = cs * phibar;
    phibar = sn * phibar;

    // x_k = x_{k−1} + φ w_k, with w1 = w_{k−2} and w2 = w_{k−1} on entry.
    const denom = 1 / gamma;
    let xx = 0;
    for (let i = 0; i < n; i++) {
      const wNew = (v[i] - oldeps * w1[i] - delta * w2[i]) * denom;
      w1[i] = w2[i];
      w2[i] = wNew;
      const xi = x[i] + phi * wNew;
      x[i] = xi;
      xx += xi * xi;
    }
    xnorm = Math.sqrt(xx);

    gmax = Math.max(gmax, gamma);
    gmin = Math.min(gmin, gamma);
    anorm = Math.sqrt(tnorm2);
    acond = gmax / gmin;
    rnorm = Math.abs(phibar);
    const relres = rnorm / (anorm * xnorm + beta1);
    const relAres = root / anorm; // of the previous iterate

    if (1 + relres <= 1 || relres <= rtol) flag = 'compatible';
    else if (iterations > 1 && (1 + relAres <= 1 || relAres <= rtol)) flag = 'least-squares';
    else if (anorm * xnorm * eps >= beta1 || xnorm >= maxXnorm) flag = 'norm-limit';
    else if (acond >= acondLimit) flag = 'condition-limit';
    else if (iterations >= maxIterations) flag = 'iteration-limit';
    else if (beta <= eps * anorm) flag = relres <= relAres ? 'compatible' : 'least-squares';
  }

  let matvecs = iterations;
  let finalFlag: KrylovFlag = flag ?? 'iteration-limit';
  let lifted = false;
  if (computeResiduals && finalFlag !== 'non-finite') {
    let norms = trueResiduals(n, A, shift, b, x, r1, r2);
    matvecs += 2;
    const rel = norms.rnorm / (anorm * norms.xnorm + beta1);
    const relA = norms.rnorm > 0 ? norms.arnorm / (anorm * norms.rnorm) : 0;
    if (rel <= rtol) finalFlag = 'compatible';
    else if (relA <= rtol) finalFlag = 'least-squares';
    if (finalFlag === 'least-squares' && (options.lift ?? true)) {
      lifted = true;
      liftToMinimumLength(n, x, r1);
      norms = trueResiduals(n, A, shift, b, x, r1, r2);
      matvecs += 2;
    }
    rnorm = norms.rnorm;
    arnorm = norms.arnorm;
    xnorm = norms.xnorm;
  }
  return {
    x,
    flag: finalFlag,
    lifted,
    iterations,
    matvecs,
    rnorm,
    arnorm,
    anorm,
    acond,
    xnorm,
    bnorm: beta1,
    relres: rnorm / (anorm * xnorm + beta1),
    relAres: rnorm > 0 && anorm > 0 ? arnorm / (anorm * rnorm) : 0,
  };
}
