/**
 * Hutchinson's stochastic trace estimator: tr(A) ≈ (1/p) Σ_k z_kᵀ A z_k for random z_k with
 * E[z zᵀ] = I.
 *
 * Hutchinson, "A stochastic estimator of the trace of the influence matrix for Laplacian
 * smoothing splines", Commun. Stat. Simul. Comput. 19 (1990); variance and probe choice:
 * Avron & Toledo, "Randomized algorithms for estimating the trace of an implicit symmetric
 * positive semi-definite matrix", J. ACM 58 (2011): Rademacher probes (default) have variance
 * 2(‖A‖_F² − Σ A_ii²) per probe, Gaussian probes 2‖A‖_F².
 * Returns the mean and its standard error over the probes (from their sample variance).
 * Special cases: one probe gives standardError = NaN. Cost: `probes` operator applications.
 */
import type { LinearOperator } from './operator.ts';

export interface HutchinsonOptions {
  /** Number of probe vectors (default 30). */
  readonly probes?: number;
  /** Uniform [0, 1) generator. */
  readonly random: () => number;
  /** Probe distribution (default 'rademacher'). */
  readonly distribution?: 'rademacher' | 'gaussian';
}

export interface HutchinsonResult {
  readonly estimate: number;
  readonly standardError: number;
  readonly probes: number;
  readonly matvecs: number;
}

export function hutchinsonTrace(n: number, A: LinearOperator, options: HutchinsonOptions): HutchinsonResult {
  const probes = options.probes ?? 30;
  if (!Number.isInteger(probes) || probes < 1) throw new RangeError(`hutchinsonTrace: probes must be ≥ 1 (got ${probes})`);
  const { random } = options;
  const gaussian = options.distribution === 'gaussian';
  const z = new Float64Array(n);
  const Az = new Float64Array(n);
  let sum = 0;
  let sumSq = 0;
  for (let k = 0; k < probes; k++) {
    if (gaussian) {
      // Box–Muller, two normals per pair of uniforms.
      for (let i = 0; i < n; i += 2) {
        const u1 = 1 - random();
        const u2 = random();
        const r = Math.sqrt(-2 * Math.log(u1));
        z[i] = r * Math.cos(2 * Math.PI * u2);
        if (i + 1 < n) z[i + 1] = r * Math.sin(2 * Math.PI * u2);
      }
    } else {
      for (let i = 0; i < n; i++) z[i] = random() < 0.5 ? -1 : 1;
    }
    A(z, Az);
    let q = 0;
    for (let i = 0; i < n; i++) q += z[i] * Az[i];
    sum += q;
    sumSq += q * q;
  }
  const estimate = sum / probes;
  const variance = probes > 1 ? Math.max(0, (sumSq - probes * estimate * estimate) / (probes - 1)) : NaN;
  return { estimate, standardError: Math.sqrt(variance / probes), probes, matvecs: probes };
}
