/**
 * Tick choices d3 does not make well: decades on log axes spanning up to 300 orders of magnitude
 * (‖∇L‖² from 1e2 to 1e−30) and the symmetric-log axis of Hessian spectra (0, ±10^k).
 * Pure functions of a domain and a pixel span, so charts render the same in the app and in the
 * report.
 */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^k as text: "1", "10", "10⁻³⁰". */
export function powerOfTen(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `10${String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])}`;
}

export interface Tick {
  readonly value: number;
  readonly label: string;
}

/**
 * Decade ticks of a log axis over [lo, hi] (lo > 0), at most `max` of them: every decade, or
 * every 2nd, 5th, 10th… when the domain spans many.
 */
export function decadeTicks(lo: number, hi: number, max = 6): Tick[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const span = last - first + 1;
  if (span <= 0) return [{ value: lo, label: compact(lo) }];
  const steps = [1, 2, 3, 5, 10, 20, 25, 50, 100];
  const step = steps.find((s) => Math.ceil(span / s) <= max) ?? Math.ceil(span / max);
  const out: Tick[] = [];
  for (let k = Math.ceil(first / step) * step; k <= last; k += step) out.push({ value: 10 ** k, label: powerOfTen(k) });
  return out;
}

/**
 * Ticks of a symmetric-log axis (d3.scaleSymlog with constant c): 0, and ±10^k for the decades
 * at or above c inside the domain, thinned so labels stay `minGapPx` apart on screen.
 */
export function symlogTicks(domain: readonly [number, number], toPx: (value: number) => number, minGapPx = 16): Tick[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  const candidates: number[] = [];
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return [{ value: 0, label: '0' }];
  const top = Math.floor(Math.log10(maxAbs) + 1e-9);
  for (let k = top; k >= top - 40; k--) {
    const v = 10 ** k;
    if (v <= hi) candidates.push(v);
    if (-v >= lo) candidates.push(-v);
  }
  if (lo <= 0 && hi >= 0) candidates.push(0);
  // Keep 0 and the largest magnitudes first, then fill in while they fit.
  candidates.sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : Math.abs(b) - Math.abs(a)));
  const kept: number[] = [];
  for (const v of candidates) {
    const px = toPx(v);
    if (kept.every((k) => Math.abs(toPx(k) - px) >= minGapPx)) kept.push(v);
  }
  return kept.sort((a, b) => a - b).map((value) => ({ value, label: signedPower(value) }));
}

function signedPower(value: number): string {
  if (value === 0) return '0';
  const k = Math.round(Math.log10(Math.abs(value)));
  return `${value < 0 ? '\u2212' : ''}${powerOfTen(k)}`;
}

/** Short number text for tick labels: 0.25, 1.5k, 2e−5. */
export function compact(value: number): string {
  if (value === 0) return '0';
  const a = Math.abs(value);
  let text: string;
  if (a >= 1e5 || a < 1e-3) text = value.toExponential(1).replace(/\.0e/, 'e').replace('e+', 'e');
  else text = String(Number(value.toPrecision(3)));
  return text.replace(/-/g, '\u2212');
}

/** The symlog constant for a spectrum: its zero band |λ| ≤ cutoff·‖H‖ (never 0). */
export function symlogConstant(eigenvalues: ArrayLike<number>, zeroCutoff: number): number {
  let norm = 0;
  for (let i = 0; i < eigenvalues.length; i++) norm = Math.max(norm, Math.abs(eigenvalues[i]));
  return norm > 0 ? Math.max(norm * zeroCutoff, norm * 1e-12, Number.MIN_VALUE) : 1;
}

/**
 * Ticks of an axis that counts things (ranks, counts): integers only, about `count` of them,
 * labelled without decimals — d3 would put 0.5-steps on a domain of [0.5, 2.5].
 */
export function integerTicks(lo: number, hi: number, count = 6): Tick[] {
  const a = Math.ceil(Math.min(lo, hi));
  const b = Math.floor(Math.max(lo, hi));
  if (!(b >= a) || !Number.isFinite(a) || !Number.isFinite(b)) return [];
  const span = b - a;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const ticks: Tick[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b; v += step) ticks.push({ value: v, label: v.toLocaleString('en-US').replace(/-/g, '\u2212') });
  return ticks;
}
