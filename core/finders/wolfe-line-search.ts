/**
 * A step length satisfying the strong Wolfe conditions for a one-dimensional function
 * φ(α) = f(θ + αd) with φ'(0) < 0:
 *   φ(α) ≤ φ(0) + c₁ α φ'(0)          (sufficient decrease)
 *   |φ'(α)| ≤ c₂ |φ'(0)|               (curvature), 0 < c₁ < c₂ < 1.
 *
 * Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 3.5 (bracketing: trial steps grow by
 * `growth` up to α_max until a step violates sufficient decrease, fails to decrease φ, or has
 * φ' ≥ 0) and Alg. 3.6 (zoom: the bracket [α_lo, α_hi] shrinks around a strong-Wolfe point). The
 * zoom trial is the minimiser of the Hermite cubic through (α_lo, φ, φ') and (α_hi, φ, φ')
 * (eq. 3.59) when φ'(α_hi) is known, else of the quadratic through φ(α_lo), φ'(α_lo), φ(α_hi).
 * Safeguards (N&W §3.5; Moré & Thuente, ACM TOMS 20, 1994, §4): the trial is clamped to the
 * bracket shrunk by 10% at each end (so a minimiser near α_lo is approached geometrically rather
 * than by bisection), and bisection is used when the interpolant has no minimiser or when two
 * zoom steps have not shrunk the bracket by a factor 0.66.
 * φ' is evaluated only at steps that pass the sufficient-decrease test, so each trial costs one
 * `value` and at most one `derivative` call.
 *
 * Contract with the caller: `value(α)` moves the caller's trial point to α and returns φ(α);
 * `derivative()` returns φ'(α) at the α of the latest `value` call. On success the latest `value`
 * call was at the returned α and `derivative()` was called there, so whatever the caller computed
 * for them (gradient, Hessian-vector product) belongs to the accepted step.
 * Special cases: φ'(0) ≥ 0 → 'not-descent' (no evaluation); a non-finite φ(α) is treated as
 * "too far" (the bracket shrinks by bisection); a non-finite φ'(α) → 'non-finite'; the bracket
 * collapsing to rounding level → 'interval'; α reaching α_max without bracketing → 'alpha-max'.
 * Cost: one φ per trial plus one φ' per trial that passes sufficient decrease; nothing allocated
 * (the result record is the caller's).
 */

export interface LineFunction {
  /** φ(α); moves the caller's trial point to θ + αd. */
  value(alpha: number): number;
  /** φ'(α) at the α of the latest `value` call. */
  derivative(): number;
}

export interface WolfeOptions {
  /** Sufficient-decrease constant c₁ ∈ (0, 1). */
  readonly c1: number;
  /** Curvature constant c₂ ∈ (c₁, 1) (0.9 for Newton and quasi-Newton directions, N&W §3.1). */
  readonly c2: number;
  /** Largest step tried. */
  readonly alphaMax: number;
  /** Most φ evaluations per search. */
  readonly maxEvaluations: number;
  /** Growth factor of the bracketing phase (> 1). */
  readonly growth: number;
}

/** c₁ = 1e-4, c₂ = 0.9 (N&W §3.1), α_max = 1e10, 30 evaluations, steps doubling. */
export const DEFAULT_WOLFE_OPTIONS: WolfeOptions = {
  c1: 1e-4,
  c2: 0.9,
  alphaMax: 1e10,
  maxEvaluations: 30,
  growth: 2,
};

export type WolfeStatus = 'wolfe' | 'not-descent' | 'max-evaluations' | 'interval' | 'alpha-max' | 'non-finite';

/** The outcome, written into a caller-owned record so repeated searches allocate nothing. */
export interface WolfeResult {
  ok: boolean;
  status: WolfeStatus;
  /** Accepted step (meaningful when ok). */
  alpha: number;
  /** φ(alpha), φ'(alpha). */
  value: number;
  derivative: number;
  /** `value` and `derivative` calls made. */
  evaluations: number;
  derivatives: number;
}

export function createWolfeResult(): WolfeResult {
  return { ok: false, status: 'not-descent', alpha: 0, value: 0, derivative: 0, evaluations: 0, derivatives: 0 };
}

/**
 * Strong-Wolfe line search from α₁ (the first trial step) given φ(0) = phi0 and φ'(0) = dphi0.
 * Writes the outcome into `result` and returns it.
 */
export function wolfeLineSearch(
  phi: LineFunction,
  phi0: number,
  dphi0: number,
  alpha1: number,
  options: WolfeOptions = DEFAULT_WOLFE_OPTIONS,
  result: WolfeResult = createWolfeResult(),
): WolfeResult {
  const { c1, c2, alphaMax, maxEvaluations, growth } = options;
  result.ok = false;
  result.alpha = 0;
  result.value = phi0;
  result.derivative = dphi0;
  result.evaluations = 0;
  result.derivatives = 0;
  if (!(dphi0 < 0) || !Number.isFinite(phi0)) return fail(result, 'not-descent');

  // Bracketing (Alg. 3.5).
  let alphaPrev = 0;
  let phiPrev = phi0;
  let dphiPrev = dphi0;
  let alpha = Math.min(alpha1 > 0 && Number.isFinite(alpha1) ? alpha1 : 1, alphaMax);
  for (let i = 1; ; i++) {
    if (result.evaluations >= maxEvaluations) return fail(result, 'max-evaluations');
    const phiA = phi.value(alpha);
    result.evaluations++;
    if (!Number.isFinite(phiA) || phiA > phi0 + c1 * alpha * dphi0 || (i > 1 && phiA >= phiPrev)) {
      return zoom(phi, phi0, dphi0, options, result, alphaPrev, phiPrev, dphiPrev, alpha, phiA, Number.NaN, false);
    }
    const dphiA = phi.derivative();
    result.derivatives++;
    if (!Number.isFinite(dphiA)) return fail(result, 'non-finite');
    if (Math.abs(dphiA) <= -c2 * dphi0) return succeed(result, alpha, phiA, dphiA);
    if (dphiA >= 0) return zoom(phi, phi0, dphi0, options, result, alpha, phiA, dphiA, alphaPrev, phiPrev, dphiPrev, true);
    if (alpha >= alphaMax) return fail(result, 'alpha-max');
    alphaPrev = alpha;
    phiPrev = phiA;
    dphiPrev = dphiA;
    alpha = Math.min(growth * alpha, alphaMax);
  }
}

/**
 * Alg. 3.6. Invariants: the bracket between lo and hi contains strong-Wolfe steps; lo is the
 * best step so far that satisfies sufficient decrease (φ'(lo) known); φ'(lo)(hi − lo) < 0.
 */
function zoom(
  phi: LineFunction,
  phi0: number,
  dphi0: number,
  options: WolfeOptions,
  result: WolfeResult,
  lo: number,
  phiLo: number,
  dphiLo: number,
  hi: number,
  phiHi: number,
  dphiHi: number,
  hiHasDerivative: boolean,
): WolfeResult {
  const { c1, c2, maxEvaluations } = options;
  // Bracket widths before the last two zoom steps (Moré–Thuente's bisection rule).
  let width1 = Infinity;
  let width2 = Infinity;
  for (;;) {
    if (result.evaluations >= maxEvaluations) return fail(result, 'max-evaluations');
    const width = Math.abs(hi - lo);
    if (width <= 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi))) return fail(result, 'interval');
    const bisect = width > BISECTION_FACTOR * width2;
    width2 = width1;
    width1 = width;
    const alphaJ = bisect ? lo + 0.5 * (hi - lo) : interpolate(lo, phiLo, dphiLo, hi, phiHi, dphiHi, hiHasDerivative);
    const phiJ = phi.value(alphaJ);
    result.evaluations++;
    if (!Number.isFinite(phiJ) || phiJ > phi0 + c1 * alphaJ * dphi0 || phiJ >= phiLo) {
      hi = alphaJ;
      phiHi = phiJ;
      dphiHi = Number.NaN;
      hiHasDerivative = false;
      continue;
    }
    const dphiJ = phi.derivative();
    result.derivatives++;
    if (!Number.isFinite(dphiJ)) return fail(result, 'non-finite');
    if (Math.abs(dphiJ) <= -c2 * dphi0) return succeed(result, alphaJ, phiJ, dphiJ);
    if (dphiJ * (hi - lo) >= 0) {
      hi = lo;
      phiHi = phiLo;
      dphiHi = dphiLo;
      hiHasDerivative = true;
    }
    lo = alphaJ;
    phiLo = phiJ;
    dphiLo = dphiJ;
  }
}

function succeed(result: WolfeResult, alpha: number, value: number, derivative: number): WolfeResult {
  result.ok = true;
  result.status = 'wolfe';
  result.alpha = alpha;
  result.value = value;
  result.derivative = derivative;
  return result;
}

function fail(result: WolfeResult, status: WolfeStatus): WolfeResult {
  result.ok = false;
  result.status = status;
  return result;
}

/** The trial is kept this fraction of the bracket away from both ends. */
const MARGIN = 0.1;
/** Bisect when two zoom steps shrank the bracket by less than this factor (Moré–Thuente). */
const BISECTION_FACTOR = 0.66;

/** Zoom trial step between lo and hi: cubic (eq. 3.59) or quadratic, clamped; else bisection. */
function interpolate(
  lo: number,
  phiLo: number,
  dphiLo: number,
  hi: number,
  phiHi: number,
  dphiHi: number,
  hiHasDerivative: boolean,
): number {
  const width = hi - lo;
  let trial = Number.NaN;
  if (Number.isFinite(phiHi)) {
    if (hiHasDerivative) trial = hermiteCubicMinimiser(lo, phiLo, dphiLo, hi, phiHi, dphiHi);
    if (!Number.isFinite(trial)) {
      // φ(lo + t) ≈ φ_lo + φ'_lo t + c t², c from φ_hi.
      const c = (phiHi - phiLo - dphiLo * width) / (width * width);
      if (c > 0) trial = lo - dphiLo / (2 * c);
    }
  }
  if (!Number.isFinite(trial)) return lo + 0.5 * width;
  const margin = MARGIN * Math.abs(width);
  const left = Math.min(lo, hi) + margin;
  const right = Math.max(lo, hi) - margin;
  return Math.min(Math.max(trial, left), right);
}

/**
 * Minimiser of the cubic interpolating φ and φ' at a and b (N&W eq. 3.59 with α_{i−1} = a,
 * α_i = b); NaN when it has no real minimiser.
 */
export function hermiteCubicMinimiser(a: number, phiA: number, dphiA: number, b: number, phiB: number, dphiB: number): number {
  const d1 = dphiA + dphiB - (3 * (phiA - phiB)) / (a - b);
  const discriminant = d1 * d1 - dphiA * dphiB;
  if (!(discriminant >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(discriminant);
  const denominator = dphiB - dphiA + 2 * d2;
  if (denominator === 0) return Number.NaN;
  return b - ((b - a) * (dphiB + d2 - d1)) / denominator;
}
