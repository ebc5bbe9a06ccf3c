/**
 * core/linalg benchmarks (`npx tsx bench/index.ts linalg`), all from one run on one machine:
 * 1. critlab's symmetric eigensolver against numeric.eig (n = 50, 100, 200; 500 extrapolated
 *    from the measured power law unless BENCH_NUMERIC_500=1, since numeric.eig needs minutes);
 * 2. critlab's absolute times at n = 100, 300, 1000 with eigenvector residuals and orthogonality,
 *    and (2b) both eigenvector methods on a Hessian-like clustered spectrum at n = 1000;
 * 3. the ratio to NumPy/LAPACK eigh and eigvalsh on one thread (bench/python/eigh_numpy.py; skipped
 *    with the reason when python3 or numpy is missing);
 * 4. MINRES-QLP (and MINRES) on a singular indefinite system of order 1000, compatible and not.
 * Times are medians of several runs after a warm-up, in milliseconds, from performance.now().
 */
import { cpus, loadavg } from 'node:os';
import numeric from 'numeric';
import { gemm } from '../core/linalg/blas.ts';
import { minres } from '../core/linalg/minres.ts';
import { minresQlp } from '../core/linalg/minres-qlp.ts';
import { denseOperator } from '../core/linalg/operator.ts';
import { symmetricEigen } from '../core/linalg/symmetric-eigen.ts';
import { runPythonScript } from './python-runner.ts';

function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Symmetric with N(0, 1) entries (the matrices NumPy's script draws too). */
function randomSymmetric(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const t = gaussian(random);
      A[i * n + j] = t;
      A[j * n + i] = t;
    }
  }
  return A;
}

/** Median of `repeats` timed runs after one untimed warm-up. */
function medianMs(f: () => void, repeats: number, warmup = true): number {
  if (warmup) f();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const exp = (x: number): string => x.toExponential(1);
const pad = (s: string, w: number): string => s.padStart(w);

/** max_j ‖A v_j − λ_j v_j‖ / ‖A‖ and max |VᵀV − I| (gemm-based, n up to 1000). */
function quality(n: number, A: Float64Array, values: Float64Array, V: Float64Array): { residual: number; orthogonality: number } {
  const AV = new Float64Array(n * n);
  gemm(false, false, n, n, n, 1, A, n, 0, V, n, 0, 0, AV, n, 0);
  const colSq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = AV[i * n + j] - values[j] * V[i * n + j];
      colSq[j] += r * r;
    }
  }
  const norm = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
  let residual = 0;
  for (let j = 0; j < n; j++) residual = Math.max(residual, Math.sqrt(colSq[j]) / norm);
  const G = AV; // reuse
  gemm(true, false, n, n, n, 1, V, n, 0, V, n, 0, 0, G, n, 0);
  let orthogonality = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) orthogonality = Math.max(orthogonality, Math.abs(G[i * n + j] - (i === j ? 1 : 0)));
  return { residual, orthogonality };
}

function toRows(n: number, A: Float64Array): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n)));
}

function versusNumeric(): Map<number, number> {
  console.log('\n1) Symmetric eigensolver vs numeric.eig (values + vectors; random symmetric N(0,1))');
  console.log(`${pad('n', 6)}${pad('critlab ms', 14)}${pad('numeric.eig ms', 18)}${pad('ratio', 10)}`);
  const measured: [number, number][] = [];
  const critlabTimes = new Map<number, number>();
  for (const n of [50, 100, 200, 500]) {
    const A = randomSymmetric(n, n);
    const ours = medianMs(() => symmetricEigen(n, A, { vectors: true }), n <= 200 ? 9 : 5);
    critlabTimes.set(n, ours);
    let theirs: number;
    let note = '';
    const runLarge = process.env.BENCH_NUMERIC_500 === '1';
    if (n < 500 || runLarge) {
      const rows = toRows(n, A);
      theirs = medianMs(() => numeric.eig(rows), n <= 50 ? 3 : 1, n <= 50);
      measured.push([n, theirs]);
    } else {
      // Least-squares fit of log t = log c + p log n over the measured sizes.
      const xs = measured.map(([m]) => Math.log(m));
      const ys = measured.map(([, t]) => Math.log(t));
      const xm = xs.reduce((s, x) => s + x, 0) / xs.length;
      const ym = ys.reduce((s, y) => s + y, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < xs.length; i++) {
        sxy += (xs[i] - xm) * (ys[i] - ym);
        sxx += (xs[i] - xm) ** 2;
      }
      const p = sxy / sxx;
      theirs = Math.exp(ym + p * (Math.log(n) - xm));
      note = `  (numeric.eig extrapolated, not run: t ∝ n^${p.toFixed(2)} fitted to n = ${measured.map(([m]) => m).join(', ')}; BENCH_NUMERIC_500=1 runs it)`;
    }
    console.log(`${pad(String(n), 6)}${pad(fmt(ours), 14)}${pad(fmt(theirs), 18)}${pad(fmt(theirs / ours, 0) + '×', 10)}${note}`);
  }
  return critlabTimes;
}

interface NumpyResult {
  n: number;
  eigh_ms: number;
  eigvalsh_ms: number;
}

function numpyTimings(sizes: number[]): { results: NumpyResult[]; label: string } | { skipped: string } {
  // Shared runner: one BLAS thread, the machine's OpenBLAS overrides unset for the subprocess only.
  const run = runPythonScript<{ numpy: string; blas: string; results: NumpyResult[] }>('eigh_numpy.py', { sizes });
  if (!run.ok) return { skipped: run.reason };
  return { results: run.value.results, label: `NumPy ${run.value.numpy}, ${run.value.blas}, 1 thread (${run.python})` };
}

function absoluteAndNumpy(): void {
  const sizes = [100, 300, 1000];
  console.log('\n2) critlab symmetricEigen, absolute times and eigenvector quality');
  console.log(`${pad('n', 6)}${pad('values ms', 12)}${pad('vectors ms', 13)}${pad('max‖Av−λv‖/‖A‖', 18)}${pad('max|VᵀV−I|', 13)}`);
  const ours = new Map<number, { values: number; vectors: number }>();
  for (const n of sizes) {
    const A = randomSymmetric(n, 1000 + n);
    const repeats = n <= 300 ? 9 : 3;
    const values = medianMs(() => symmetricEigen(n, A), repeats);
    const vectors = medianMs(() => symmetricEigen(n, A, { vectors: true }), repeats);
    const eig = symmetricEigen(n, A, { vectors: true });
    const q = quality(n, A, eig.values, eig.vectors);
    ours.set(n, { values, vectors });
    console.log(`${pad(String(n), 6)}${pad(fmt(values), 12)}${pad(fmt(vectors), 13)}${pad(exp(q.residual), 18)}${pad(exp(q.orthogonality), 13)}`);
  }

  clustered();

  console.log('\n3) Ratio to NumPy/LAPACK (same sizes, this run; eigh = dsyevd, eigvalsh = dsyevd values only)');
  const numpy = numpyTimings(sizes);
  if ('skipped' in numpy) {
    console.log(`   skipped: ${numpy.skipped}`);
    return;
  }
  console.log(`   ${numpy.label}`);
  console.log(`${pad('n', 6)}${pad('critlab vec', 13)}${pad('numpy eigh', 12)}${pad('ratio', 8)}${pad('critlab val', 13)}${pad('eigvalsh', 10)}${pad('ratio', 8)}`);
  for (const r of numpy.results) {
    const o = ours.get(r.n)!;
    console.log(
      `${pad(String(r.n), 6)}${pad(fmt(o.vectors), 13)}${pad(fmt(r.eigh_ms), 12)}${pad(fmt(o.vectors / r.eigh_ms) + '×', 8)}` +
        `${pad(fmt(o.values), 13)}${pad(fmt(r.eigvalsh_ms), 10)}${pad(fmt(o.values / r.eigvalsh_ms) + '×', 8)}`,
    );
  }
}

/** Hessian-like spectrum at n = 1000: where the eigenvector method matters. */
function clustered(): void {
  const n = 1000;
  const random = mulberry32(11);
  // 90% of the eigenvalues in a bulk of magnitude 1e-10…1e-4, the rest in [0.1, 10.1].
  const lambda = Float64Array.from({ length: n }, (_, i) => (i < 0.9 * n ? (random() < 0.5 ? -1 : 1) * 10 ** (-10 + 6 * random()) : 0.1 + 10 * random()));
  const Q = symmetricEigen(n, randomSymmetric(n, 12), { vectors: true }).vectors;
  const A = withSpectrum(n, lambda, Q);
  console.log(`\n2b) n = ${n}, Hessian-like spectrum (90% of eigenvalues within 1e-4‖A‖ of 0): eigenvector methods`);
  console.log(`${pad('method', 20)}${pad('vectors ms', 13)}${pad('max‖Av−λv‖/‖A‖', 18)}${pad('max|VᵀV−I|', 13)}`);
  for (const method of ['auto', 'divide-conquer', 'inverse-iteration'] as const) {
    const repeats = method === 'inverse-iteration' ? 1 : 3;
    const ms = medianMs(() => symmetricEigen(n, A, { vectors: true, method }), repeats, method !== 'inverse-iteration');
    const eig = symmetricEigen(n, A, { vectors: true, method });
    const q = quality(n, A, eig.values, eig.vectors);
    console.log(`${pad(method, 20)}${pad(fmt(ms), 13)}${pad(exp(q.residual), 18)}${pad(exp(q.orthogonality), 13)}`);
  }
}

/** Q diag(λ) Qᵀ, symmetrised. */
function withSpectrum(n: number, lambda: Float64Array, Q: Float64Array): Float64Array {
  const QL = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QL[i * n + j] = Q[i * n + j] * lambda[j];
  const A = new Float64Array(n * n);
  gemm(false, true, n, n, n, 1, QL, n, 0, Q, n, 0, 0, A, n, 0);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = A[j * n + i] = 0.5 * (A[i * n + j] + A[j * n + i]);
  return A;
}

function krylov(): void {
  const n = 1000;
  console.log(`\n4) MINRES-QLP on a singular indefinite system, n = ${n} (dense operator, 2n² flops per product)`);
  // A = Q diag(λ) Qᵀ: 100 zero eigenvalues, the rest ±[0.01, 2] (cond 200 on the range).
  const random = mulberry32(7);
  const lambda = Float64Array.from({ length: n }, (_, i) => (i < 100 ? 0 : (i % 2 ? -1 : 1) * (0.01 + 1.99 * random())));
  const Q = symmetricEigen(n, randomSymmetric(n, 8), { vectors: true }).vectors;
  const A = withSpectrum(n, lambda, Q);
  const op = denseOperator(n, A);
  const pinv = (b: Float64Array): Float64Array => {
    const c = new Float64Array(n);
    gemm(true, false, n, 1, n, 1, Q, n, 0, b, 1, 0, 0, c, 1, 0);
    for (let j = 0; j < n; j++) c[j] = lambda[j] === 0 ? 0 : c[j] / lambda[j];
    const x = new Float64Array(n);
    gemm(false, false, n, 1, n, 1, Q, n, 0, c, 1, 0, 0, x, 1, 0);
    return x;
  };
  const bRandom = Float64Array.from({ length: n }, () => gaussian(random));
  const bRange = new Float64Array(n);
  gemm(false, false, n, 1, n, 1, A, n, 0, bRandom, 1, 0, 0, bRange, 1, 0);
  console.log(`${pad('solver / system', 30)}${pad('rtol', 7)}${pad('flag', 15)}${pad('iters', 7)}${pad('ms', 8)}${pad('ms/iter', 9)}${pad('relres', 9)}${pad('relAres', 9)}${pad('‖x−A⁺b‖/‖A⁺b‖', 16)}`);
  const cases: [string, Float64Array, number, 'qlp' | 'minres'][] = [
    ['MINRES-QLP compatible', bRange, 1e-10, 'qlp'],
    ['MINRES-QLP incompatible', bRandom, 1e-8, 'qlp'],
    ['MINRES-QLP incompatible', bRandom, 1e-6, 'qlp'],
    ['MINRES compatible', bRange, 1e-10, 'minres'],
  ];
  for (const [label, b, rtol, solver] of cases) {
    const solve = () => (solver === 'qlp' ? minresQlp(n, op, b, { rtol }) : minres(n, op, b, { rtol }));
    const ms = medianMs(solve, 3);
    const res = solve();
    const exact = pinv(b);
    let err = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      err += (res.x[i] - exact[i]) ** 2;
      norm += exact[i] ** 2;
    }
    console.log(
      `${pad(label, 30)}${pad(rtol.toExponential(0), 7)}${pad(res.flag, 15)}${pad(String(res.iterations), 7)}${pad(fmt(ms), 8)}${pad(fmt(ms / res.iterations, 3), 9)}` +
        `${pad(exp(res.relres), 9)}${pad(exp(res.relAres), 9)}${pad(exp(Math.sqrt(err / norm)), 16)}`,
    );
  }
}

export async function run(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`critlab core/linalg — Node ${process.version}, ${cpu} × ${cpus().length}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('(medians of repeated runs after a warm-up; other processes on this machine add noise)');
  // JIT warm-up of every code path measured below, so the first table row is not a cold start.
  for (let r = 0; r < 5; r++) {
    const W = randomSymmetric(120, 99 + r);
    symmetricEigen(120, W);
    symmetricEigen(120, W, { vectors: true, method: 'inverse-iteration' });
    symmetricEigen(120, W, { vectors: true, method: 'divide-conquer' });
    minresQlp(120, denseOperator(120, W), W.subarray(0, 120), { rtol: 1e-10 });
    minres(120, denseOperator(120, W), W.subarray(0, 120), { rtol: 1e-10 });
  }
  versusNumeric();
  absoluteAndNumpy();
  krylov();
}
