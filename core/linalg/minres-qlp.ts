/**
 * MINRES-QLP: the minimum-length solution of a symmetric (possibly indefinite and singular)
 * system (A − σI)x = b, or of the least-squares problem min ‖b − (A − σI)x‖ when b is not in
 * the range, using only products v ↦ Av.
 *
 * Choi, Paige & Saunders, "MINRES-QLP: a Krylov subspace method for indefinite or singular
 * symmetric systems", SIAM J. Sci. Comput. 33 (2011), Algorithm 5 (Table 5.1 for the
 * recurrences), and Choi & Saunders, "Algorithm 937: MINRES-QLP", ACM TOMS 40 (2014) (the F90
 * reference code, version 27, whose structure and variable names this follows):
 * Lanczos T_k (α = alfa, β = beta), the left reflections Q_k (c = cs, s = sn) give the QR factor
 * R_k (δ = dlta, γ = gama, ε = epln) as in MINRES; the right reflections P_{k−2,k} (cr2, sr2)
 * and P_{k−1,k} (cr1, sr1) turn R_k into the lower-triangular L_k (γ, δ → ϑ = vepln, η = eta);
 * the solution coordinates μ (ul2, ul, u) solve L_k μ = τ and x_k = W_k μ_k with W_k = V_k P_kᵀ.
 * Iterations run as cheaper plain MINRES while cond(A) < trancond and switch to QLP updates
 * after (the "transfer" of §5.3). A numerically singular T_k — last diagonal |γ_k| ≤ 1e-12‖A‖
 * (option singularTolerance; the reference code uses ε), or,
 * on a problem that looks incompatible (relAres < relres), a coordinate μ_k that would push ‖x‖
 * past maxXnorm or ‖A‖‖x‖/‖b‖ past 1/√ε — ends the iteration with μ_k = 0, which is what makes
 * the solution minimum-length (§3, §6).
 *
 * Stopping (see krylov.ts for the flags): relres ≤ rtol (compatible) or relAres ≤ rtol
 * (least-squares), and the safeguards on ‖x‖, cond(A), iterations. ‖A‖ is estimated by
 * max(‖T_k e_k‖, |γ|), cond(A) by ‖A‖ / min|γ|, ‖Ar_{k−1}‖ by ‖r_{k−1}‖·‖(γ̄_k, δ̄_{k+1})‖.
 * Finite precision: on incompatible systems the iterates pass through their best least-squares
 * accuracy and then drift along the (numerically) null direction, so the iterate with the
 * smallest ‖Ar‖ estimate is kept; and because every Krylov iterate's null-space component is a
 * multiple of b's, a least-squares result is "lifted" to the minimum-length one by projecting out
 * the residual (Liu, Milzarek & Roosta 2023; krylov.ts). By default rnorm, arnorm, relres and
 * relAres are then recomputed for the returned x (two operator applications, four when the best
 * iterate or the lifting is used) — what gradient-flatness detection (DESIGN.md §4) reads.
 *
 * Special cases: b = 0 → x = 0 ('x-zero'); β₂ = 0 (b an eigenvector) → x = b/α₁ ('compatible'),
 * or x = 0 when α₁ = 0 too (b in the null space: 'least-squares'). No preconditioner.
 * Cost per iteration: one operator application and ≈ 11n (MINRES phase) to 16n (QLP phase)
 * flops; storage 11 vectors of length n, reusable across solves through a workspace.
 */
import { liftToMinimumLength, trueResiduals, type KrylovFlag, type KrylovOptions, type KrylovResult } from './krylov.ts';
import type { LinearOperator } from './operator.ts';

export interface MinresQlpOptions extends KrylovOptions {
  /** Switch from MINRES to QLP updates once cond(A) ≥ trancond (default 1e7; 1 = always QLP). */
  readonly trancond?: number;
  /** Lift least-squares results to the minimum-length solution (default true; needs computeResiduals). */
  readonly lift?: boolean;
  /**
   * T_k counts as singular when its last QLP diagonal |γ_k| ≤ singularTolerance·‖A‖ (default
   * 1e-12, at least ε): b's components along eigen-directions of A − σI that small are treated
   * as null-space components. The reference code uses ε, which loss of orthogonality in the
   * Lanczos vectors can defeat (|γ_k| then stalls near 1e-13‖A‖ at the exhausted Krylov space).
   */
  readonly singularTolerance?: number;
}

/** Vectors of one solve, reusable so that repeated solves (Newton iterations) allocate nothing. */
export interface MinresQlpWorkspace {
  readonly n: number;
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly y: Float64Array;
  readonly r1: Float64Array;
  readonly r2: Float64Array;
  readonly w: Float64Array;
  readonly wl: Float64Array;
  readonly wl2: Float64Array;
  readonly xl2: Float64Array;
  readonly xPrev: Float64Array;
  readonly xBest: Float64Array;
}

export function createMinresQlpWorkspace(n: number): MinresQlpWorkspace {
  const f = (): Float64Array => new Float64Array(n);
  return { n, x: f(), v: f(), y: f(), r1: f(), r2: f(), w: f(), wl: f(), wl2: f(), xl2: f(), xPrev: f(), xBest: f() };
}

// SymOrtho outputs (module scratch, so the hot loop allocates nothing).
let symC = 0;
let symS = 0;
let symR = 0;

/** Stable 2×2 reflector [c s; s −c][a; b] = [r; 0], r = ‖(a, b)‖ ≥ 0 (Choi–Saunders SymOrtho). */
function symOrtho(a: number, b: number): void {
  const absA = Math.abs(a);
  const absB = Math.abs(b);
  if (b === 0) {
    symS = 0;
    symR = absA;
    symC = a === 0 ? 1 : a / absA;
  } else if (a === 0) {
    symC = 0;
    symR = absB;
    symS = b / absB;
  } else if (absB > absA) {
    const t = a / b;
    symS = (b / absB) / Math.sqrt(1 + t * t);
    symC = symS * t;
    symR = b / symS;
  } else {
    const t = b / a;
    symC = (a / absA) / Math.sqrt(1 + t * t);
    symS = symC * t;
    symR = a / symC;
  }
}

/** Internal stop reasons: 'singular' (singular T_k met) and 'exhausted' (β_{k+1} ≈ 0). */
type Stop = KrylovFlag | 'singular' | 'exhausted';

/**
 * Solves (A − σI)x = b (A symmetric, given as an operator) for the minimum-length solution, or the
 * minimum-length least-squares solution. `b` is not modified. Pass a workspace from
 * `createMinresQlpWorkspace(n)` to reuse memory; the returned x is then `workspace.x`.
 */
export function minresQlp(
  n: number,
  A: LinearOperator,
  b: Float64Array,
  options: MinresQlpOptions = {},
  workspace: MinresQlpWorkspace = createMinresQlpWorkspace(n),
): KrylovResult {
  if (workspace.n !== n) throw new RangeError(`minresQlp: workspace is for n = ${workspace.n}, not ${n}`);
  const eps = Number.EPSILON;
  const rtol = options.rtol ?? 1e-6;
  const maxIterations = options.maxIterations ?? 4 * n;
  const shift = options.shift ?? 0;
  const maxXnorm = Math.min(options.maxXnorm ?? 1e7, 1 / eps);
  const acondLimit = Math.min(options.acondLimit ?? 1e15, 0.1 / eps);
  const trancond = Math.min(options.trancond ?? 1e7, acondLimit);
  const computeResiduals = options.computeResiduals ?? true;
  const lift = options.lift ?? true;
  const singularTolerance = Math.max(options.singularTolerance ?? 1e-12, eps);
  // On a system that looks incompatible, a coordinate making ‖A‖‖x‖/‖b‖ exceed 1/√ε marks a
  // numerically null direction (the scale-free form of the reference code's maxxnorm test).
  const relativeXnormLimit = 1 / Math.sqrt(eps);
  const { x, v, y, r1, r2, w, wl, wl2, xl2, xPrev, xBest } = workspace;

  let beta1 = 0;
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    x[i] = 0;
    y[i] = bi;
    r2[i] = bi;
    r1[i] = 0;
    w[i] = 0;
    wl[i] = 0;
    wl2[i] = 0;
    xl2[i] = 0;
    xPrev[i] = 0;
    beta1 += bi * bi;
  }
  beta1 = Math.sqrt(beta1);
  if (beta1 === 0 || !Number.isFinite(beta1)) {
    const flag: KrylovFlag = beta1 === 0 ? 'x-zero' : 'non-finite';
    return { x, flag, iterations: 0, matvecs: 0, rnorm: beta1, arnorm: 0, anorm: 0, acond: 1, xnorm: 0, bnorm: beta1, relres: beta1 === 0 ? 0 : 1, relAres: 0 };
  }

  let flag: Stop | undefined;
  let iterations = 0;
  let qlpIterations = 0;
  let beta = 0;
  let betan = beta1;
  let betal = 0;
  let tau = 0;
  let taul = 0;
  let taul2 = 0;
  let phi = beta1;
  let cs = -1;
  let sn = 0;
  let cr1 = -1;
  let sr1 = 0;
  let cr2 = -1;
  let sr2 = 0;
  let dltan = 0;
  let eplnn = 0;
  let gama = 0;
  let gamal = 0;
  let gamal2 = 0;
  let gamal3 = 0;
  let eta = 0;
  let etal = 0;
  let etal2 = 0;
  let vepln = 0;
  let veplnl = 0;
  let veplnl2 = 0;
  let ul4 = 0;
  let ul3 = 0;
  let ul2 = 0;
  let ul = 0;
  let u = 0;
  let gamalQLP = 0;
  let veplnQLP = 0;
  let gamaQLP = 0;
  let ulQLP = 0;
  let uQLP = 0;
  let rnorm = beta1;
  let rnorml = beta1;
  let xnorm = 0;
  let xl2norm = 0;
  let anorm = 0;
  let acond = 1;
  let acondl = 1;
  let gmin = 0;
  let gminl = 0;
  let relres = 1;
  let relresl = 1;
  let relAresl = 0;
  let arnormEstimate = 0;
  let bestRelAres = Infinity; // smallest ‖Ar‖ estimate seen, for the iterate saved in xBest

  while (flag === undefined) {
    iterations++;
    // Lanczos step: y ← (A − σI)v − (β/β_{k−1}) r1 − (α/β) r2, with v = y/β.
    betal = beta;
    beta = betan;
    const s = 1 / beta;
    for (let i = 0; i < n; i++) v[i] = s * y[i];
    A(v, y);
    if (shift !== 0) for (let i = 0; i < n; i++) y[i] -= shift * v[i];
    if (iterations >= 2) {
      const f = beta / betal;
      for (let i = 0; i < n; i++) y[i] -= f * r1[i];
    }
    let alfa = 0;
    for (let i = 0; i < n; i++) alfa += v[i] * y[i];
    const g = alfa / beta;
    betan = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] - g * r2[i];
      y[i] = yi;
      r1[i] = r2[i];
      r2[i] = yi;
      betan += yi * yi;
    }
    betan = Math.sqrt(betan);
    if (!Number.isFinite(alfa) || !Number.isFinite(betan)) {
      flag = 'non-finite';
      break;
    }
    if (iterations === 1 && betan === 0) {
      // b is an eigenvector of A − σI: x = b/α solves exactly, or b is a null vector (x = 0).
      const compatible = alfa !== 0;
      if (compatible) for (let i = 0; i < n; i++) x[i] = b[i] / alfa;
      const an = Math.abs(alfa);
      return {
        x,
        flag: compatible ? 'compatible' : 'least-squares',
        iterations: 1,
        matvecs: 1,
        rnorm: compatible ? 0 : beta1,
        arnorm: 0,
        anorm: an,
        acond: 1,
        xnorm: compatible ? beta1 / an : 0,
        bnorm: beta1,
        relres: compatible ? 0 : 1,
        relAres: 0,
      };
    }
    const pnorm = iterations === 1 ? Math.hypot(alfa, betan) : Math.hypot(beta, alfa, betan);

    // Previous left reflection Q_{k−1}.
    const dbar = dltan;
    let dlta = cs * dbar + sn * alfa;
    const epln = eplnn;
    const gbar = sn * dbar - cs * alfa;
    eplnn = sn * betan;
    dltan = -cs * betan;
    const dltaQLP = dlta;

    // Current left reflection Q_k.
    gamal3 = gamal2;
    gamal2 = gamal;
    gamal = gama;
    symOrtho(gbar, betan);
    cs = symC;
    sn = symS;
    gama = symR;
    const gamaTmp = gama;
    taul2 = taul;
    taul = tau;
    tau = cs * phi;
    phi = sn * phi;

    // Previous right reflection P_{k−2,k}.
    if (iterations > 2) {
      veplnl2 = veplnl;
      etal2 = etal;
      etal = eta;
      const dltaTmp = sr2 * vepln - cr2 * dlta;
      veplnl = cr2 * vepln + sr2 * dlta;
      dlta = dltaTmp;
      eta = sr2 * gama;
      gama = -cr2 * gama;
    }
    // Current right reflection P_{k−1,k}.
    if (iterations > 1) {
      symOrtho(gamal, dlta);
      cr1 = symC;
      sr1 = symS;
      gamal = symR;
      vepln = sr1 * gama;
      gama = -cr1 * gama;
    }

    // Solution coordinates μ and ‖x‖; a numerically singular T_k ends the iteration with μ_k = 0.
    const gammaTolerance = singularTolerance * Math.max(anorm, pnorm);
    ul4 = ul3;
    ul3 = ul2;
    if (iterations > 2) ul2 = (taul2 - etal2 * ul4 - veplnl2 * ul3) / gamal2;
    if (iterations > 1) ul = (taul - etal * ul3 - veplnl * ul2) / gamal;
    const xnormTmp = Math.hypot(xl2norm, ul2, ul);
    if (Math.abs(gama) > gammaTolerance) {
      u = (tau - eta * ul2 - vepln * ul) / gama;
      const likeLS = relAresl < relresl;
      const grown = Math.hypot(xnormTmp, u);
      if (likeLS && (grown > maxXnorm || anorm * grown > relativeXnormLimit * beta1)) {
        u = 0;
        flag = 'singular';
      }
    } else {
      u = 0;
      flag = 'singular';
    }
    xl2norm = Math.hypot(xl2norm, ul2);
    xnorm = Math.hypot(xl2norm, ul, u);

    for (let i = 0; i < n; i++) xPrev[i] = x[i];
    if (acond < trancond && flag === undefined && qlpIterations === 0) {
      // MINRES update: w_k = (v_k − ε_k w_{k−2} − δ_k w_{k−1}) / γ_k, x += τ_k w_k.
      const inv = 1 / gamaTmp;
      for (let i = 0; i < n; i++) {
        const wNew = (v[i] - epln * wl[i] - dltaQLP * w[i]) * inv;
        wl2[i] = wl[i];
        wl[i] = w[i];
        w[i] = wNew;
      }
      if (xnorm < maxXnorm) {
        for (let i = 0; i < n; i++) x[i] += tau * w[i];
      } else {
        flag = 'norm-limit';
      }
    } else {
      // MINRES-QLP update.
      qlpIterations++;
      if (qlpIterations === 1) {
        // Transfer: rebuild the last three QLP directions from the MINRES ones.
        for (let i = 0; i < n; i++) xl2[i] = 0;
        if (iterations > 1) {
          for (let i = 0; i < n; i++) {
            if (iterations > 3) wl2[i] = gamal3 * wl2[i] + veplnl2 * wl[i] + etal * w[i];
            if (iterations > 2) wl[i] = gamalQLP * wl[i] + veplnQLP * w[i];
            w[i] = gamaQLP * w[i];
            xl2[i] = x[i] - ulQLP * wl[i] - uQLP * w[i];
          }
        }
      }
      if (iterations === 1) {
        for (let i = 0; i < n; i++) {
          wl2[i] = wl[i];
          wl[i] = sr1 * v[i];
          w[i] = -cr1 * v[i];
        }
      } else if (iterations === 2) {
        for (let i = 0; i < n; i++) {
          const wi = w[i];
          const vi = v[i];
          wl2[i] = wl[i];
          wl[i] = cr1 * wi + sr1 * vi;
          w[i] = sr1 * wi - cr1 * vi;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const wOld = wl[i]; // w_{k−2} before this step
          const wMid = w[i]; // w_{k−1}
          const vi = v[i];
          const wTmp = sr2 * wOld - cr2 * vi;
          wl2[i] = cr2 * wOld + sr2 * vi;
          wl[i] = cr1 * wMid + sr1 * wTmp;
          w[i] = sr1 * wMid - cr1 * wTmp;
        }
      }
      for (let i = 0; i < n; i++) {
        const xl2i = xl2[i] + ul2 * wl2[i];
        xl2[i] = xl2i;
        x[i] = xl2i + ul * wl[i] + u * w[i];
      }
    }

    // Next right reflection P_{k−1,k+1}.
    const gamalTmp = gamal;
    symOrtho(gamalTmp, eplnn);
    cr2 = symC;
    sr2 = symS;
    gamal = symR;
    // Quantities for a later transfer from MINRES to MINRES-QLP.
    gamalQLP = gamalTmp;
    veplnQLP = vepln;
    gamaQLP = gama;
    ulQLP = ul;
    uQLP = u;

    // Norm estimates.
    const absGama = Math.abs(gama);
    anorm = Math.max(anorm, pnorm, gamal, absGama);
    if (iterations === 1) {
      gmin = gama;
      gminl = gmin;
    } else {
      const gminl2 = gminl;
      gminl = gmin;
      gmin = Math.min(gminl2, gamal, absGama);
    }
    acondl = acond;
    acond = anorm / gmin;
    rnorml = rnorm;
    relresl = relres;
    if (flag !== 'singular') rnorm = Math.abs(phi);
    relres = rnorm / (anorm * xnorm + beta1);
    const rootl = Math.hypot(gbar, dltan);
    arnormEstimate = rnorml * rootl;
    relAresl = rootl / anorm; // for x_{k−1}, now in xPrev
    if (iterations > 1 && relAresl < bestRelAres && relAresl < relresl) {
      bestRelAres = relAresl;
      for (let i = 0; i < n; i++) xBest[i] = xPrev[i];
    }

    // Stopping tests, in the reference code's order of precedence.
    const pending = flag;
    if (1 + relres <= 1 || relres <= rtol) flag = 'compatible';
    else if (1 + relAresl <= 1 || relAresl <= rtol) flag = 'least-squares';
    else if (anorm * xnorm * eps >= beta1) flag = 'norm-limit';
    else if (xnorm >= maxXnorm) flag = 'norm-limit';
    else if (acond >= acondLimit) flag = 'condition-limit';
    else if (iterations >= maxIterations) flag = 'iteration-limit';
    else if (betan <= eps * anorm) flag = 'exhausted';
    else flag = pending;
    if (flag === 'least-squares' || flag === 'norm-limit' || flag === 'condition-limit') {
      // These tests concern the previous iterate's estimates.
      acond = acondl;
      rnorm = rnorml;
      relres = relresl;
    }
  }

  let matvecs = iterations;
  const stop: Stop = flag;
  if (!computeResiduals || stop === 'non-finite') {
    const finalFlag: KrylovFlag = stop === 'singular' || stop === 'exhausted' ? (relres <= relAresl ? 'compatible' : 'least-squares') : stop;
    return result(finalFlag, rnorm, arnormEstimate, xnorm);
  }

  // Exact residuals of the returned x (r1 ← r, r2 ← Ar).
  let norms = trueResiduals(n, A, shift, b, x, r1, r2);
  matvecs += 2;
  let rel = norms.rnorm / (anorm * norms.xnorm + beta1);
  let relA = norms.rnorm > 0 ? norms.arnorm / (anorm * norms.rnorm) : 0;
  if (rel > rtol && relA > rtol && bestRelAres < relA) {
    // Past its best on an incompatible system: return the best least-squares iterate.
    for (let i = 0; i < n; i++) x[i] = xBest[i];
    norms = trueResiduals(n, A, shift, b, x, r1, r2);
    matvecs += 2;
    rel = norms.rnorm / (anorm * norms.xnorm + beta1);
    relA = norms.rnorm > 0 ? norms.arnorm / (anorm * norms.rnorm) : 0;
  }
  let finalFlag: KrylovFlag;
  if (rel <= rtol || 1 + rel <= 1) finalFlag = 'compatible';
  else if (relA <= rtol || 1 + relA <= 1) finalFlag = 'least-squares';
  else if (stop === 'singular' && norms.xnorm === 0) finalFlag = 'least-squares'; // (A − σI)b ≈ 0
  else if (stop === 'singular' || stop === 'exhausted') {
    // Krylov space exhausted or T_k singular: x is the solution there, at the attainable accuracy.
    finalFlag = Math.min(rel, relA) <= Math.sqrt(eps) ? (rel <= relA ? 'compatible' : 'least-squares') : 'condition-limit';
  } else finalFlag = stop === 'compatible' || stop === 'least-squares' ? (rel <= relA ? 'compatible' : 'least-squares') : stop;

  // Lift least-squares results; also a limit stop whose x is clearly a least-squares solution at
  // the attainable accuracy (‖Ar‖ tiny, residual dominated by b's null-space part).
  const lsLike = finalFlag === 'least-squares' || (finalFlag !== 'compatible' && relA < rel && relA <= Math.sqrt(eps));
  const lifted = lsLike && lift;
  if (lifted) {
    liftToMinimumLength(n, x, r1);
    norms = trueResiduals(n, A, shift, b, x, r1, r2);
    matvecs += 2;
  }
  return result(finalFlag, norms.rnorm, norms.arnorm, norms.xnorm, lifted);

  function result(finalFlag: KrylovFlag, rn: number, arn: number, xn: number, lifted = false): KrylovResult {
    return {
      lifted,
      x,
      flag: finalFlag,
      iterations,
      matvecs,
      rnorm: rn,
      arnorm: arn,
      anorm,
      acond,
      xnorm: xn,
      bnorm: beta1,
      relres: anorm * xn + beta1 > 0 ? rn / (anorm * xn + beta1) : 0,
      relAres: rn > 0 && anorm > 0 ? arn / (anorm * rn) : 0,
    };
  }
}
