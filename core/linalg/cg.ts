/**
 * Conjugate gradients for (A − σI)x = b with A − σI symmetric positive definite.
 *
 * Hestenes & Stiefel, "Methods of conjugate gradients for solving linear systems", J. Res. NBS
 * 49 (1952); Golub & Van Loan, Matrix Computations, 4th ed., Alg. 11.3.3 (ρ = rᵀr,
 * α = ρ/pᵀq, β = ρ_new/ρ). Stops when ‖r‖ ≤ rtol·‖b‖ ('compatible'); a direction with
 * pᵀAp ≤ 0 proves A − σI is not positive definite and stops with 'indefinite' (x is the last
 * iterate, as in truncated Newton). ‖A‖ and cond(A) are estimated from the Rayleigh quotients
 * pᵀAp/pᵀp seen (lower bounds). Flags and the relres/relAres fields: krylov.ts.
 * Special cases: b = 0 → x = 0; with computeResiduals: false, arnorm is NaN (CG has no
 * recurrence for ‖Ar‖). Cost per iteration: one operator application + 10n flops; storage 4 vectors.
 */
import type { KrylovFlag, KrylovOptions, KrylovResult } from './krylov.ts';
import type { LinearOperator } from './operator.ts';

export interface CgWorkspace {
  readonly n: number;
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

export function createCgWorkspace(n: number): CgWorkspace {
  return { n, x: new Float64Array(n), r: new Float64Array(n), p: new Float64Array(n), q: new Float64Array(n) };
}

/** Solves (A − σI)x = b for SPD A − σI. `b` is not modified; with a workspace, x is `workspace.x`. */
export function cg(
  n: number,
  A: LinearOperator,
  b: Float64Array,
  options: Pick<KrylovOptions, 'rtol' | 'maxIterations' | 'shift' | 'computeResiduals'> = {},
  workspace: CgWorkspace = createCgWorkspace(n),
): KrylovResult {
  if (workspace.n !== n) throw new RangeError(`cg: workspace is for n = ${workspace.n}, not ${n}`);
  const rtol = options.rtol ?? 1e-6;
  const maxIterations = options.maxIterations ?? 4 * n;
  const shift = options.shift ?? 0;
  const computeResiduals = options.computeResiduals ?? true;
  const { x, r, p, q } = workspace;

  let rho = 0;
  for (let i = 0; i < n; i++) {
    x[i] = 0;
    r[i] = b[i];
    p[i] = b[i];
    rho += b[i] * b[i];
  }
  const bnorm = Math.sqrt(rho);
  if (bnorm === 0 || !Number.isFinite(bnorm)) {
    const flag: KrylovFlag = bnorm === 0 ? 'x-zero' : 'non-finite';
    return { x, flag, iterations: 0, matvecs: 0, rnorm: bnorm, arnorm: 0, anorm: 0, acond: 1, xnorm: 0, bnorm, relres: bnorm === 0 ? 0 : 1, relAres: 0 };
  }

  let flag: KrylovFlag | undefined;
  let iterations = 0;
  let rqMax = 0;
  let rqMin = Infinity;
  const target = rtol * bnorm;
  while (flag === undefined) {
    if (Math.sqrt(rho) <= target) {
      flag = 'compatible';
      break;
    }
    if (iterations >= maxIterations) {
      flag = 'iteration-limit';
      break;
    }
    iterations++;
    A(p, q);
    let pq = 0;
    let pp = 0;
    for (let i = 0; i < n; i++) {
      if (shift !== 0) q[i] -= shift * p[i];
      pq += p[i] * q[i];
      pp += p[i] * p[i];
    }
    if (!Number.isFinite(pq)) {
      flag = 'non-finite';
      break;
    }
    const rq = pq / pp;
    rqMax = Math.max(rqMax, Math.abs(rq));
    rqMin = Math.min(rqMin, Math.abs(rq));
    if (pq <= 0) {
      flag = 'indefinite';
      break;
    }
    const alpha = rho / pq;
    let rhoNew = 0;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      const ri = r[i] - alpha * q[i];
      r[i] = ri;
      rhoNew += ri * ri;
    }
    const beta = rhoNew / rho;
    rho = rhoNew;
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
  }

  let rnorm = Math.sqrt(rho);
  let arnorm = NaN;
  let xx = 0;
  for (let i = 0; i < n; i++) xx += x[i] * x[i];
  const xnorm = Math.sqrt(xx);
  let matvecs = iterations;
  if (computeResiduals && flag !== 'non-finite') {
    A(x, q);
    let rr = 0;
    for (let i = 0; i < n; i++) {
      const ri = b[i] - q[i] + shift * x[i];
      r[i] = ri;
      rr += ri * ri;
    }
    A(r, q);
    let ar = 0;
    for (let i = 0; i < n; i++) {
      const t = q[i] - shift * r[i];
      ar += t * t;
    }
    matvecs += 2;
    rnorm = Math.sqrt(rr);
    arnorm = Math.sqrt(ar);
  }
  const anorm = rqMax;
  return {
    x,
    flag: flag ?? 'iteration-limit',
    iterations,
    matvecs,
    rnorm,
    arnorm,
    anorm,
    acond: rqMin > 0 && Number.isFinite(rqMin) ? rqMax / rqMin : Infinity,
    xnorm,
    bnorm,
    relres: anorm * xnorm + bnorm > 0 ? rnorm / (anorm * xnorm + bnorm) : 0,
    relAres: rnorm > 0 && anorm > 0 && Number.isFinite(arnorm) ? arnorm / (anorm * rnorm) : 0,
  };
}
