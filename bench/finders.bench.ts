/**
 * Finder benchmark (issue 5, DESIGN.md §5): time of one Newton-MR outer iteration (MINRES-QLP
 * inner solve + backtracking on ‖g‖²) on the 16-4-16 bias-free linear autoencoder with 1000
 * Gaussian samples (spectrum 1…16), float64, one thread — as critlab runs it (exact Gram
 * compression) and sample-wise — against the same iteration in PyTorch + SciPy
 * (bench/python/newton_mr_torch_scipy.py, run in the same process tree; skipped with a reason
 * when python3 with torch and scipy is absent). DESIGN.md quotes ≈23–41 ms per torch + SciPy
 * iteration on these machines.
 */
import { gaussianDataSet } from '../core/problems/data/gaussian.ts';
import { networkProblem } from '../core/problems/network/network-problem.ts';
import { newtonMr } from '../core/finders/newton-mr.ts';
import { DEFAULT_NEWTON_MR_OPTIONS } from '../core/finders/newton-mr.ts';
import { createRng } from '../core/random/rng.ts';
import { runPythonScript } from './python-runner.ts';

const K = 16;
const P = 4;
const SAMPLES = 1000;
const ITERATIONS = 30;
const INNER_RTOL = 1e-10;
const INNER_MAX = 4 * 2 * K * P;

function timeNewtonMr(compress: boolean): { ms: number; inner: number; gradNormSq: number } {
  const data = gaussianDataSet({ samples: SAMPLES, spectrum: Array.from({ length: K }, (_, i) => i + 1), seed: 1 });
  const problem = networkProblem({ layers: [K, P, K], activation: 'linear', bias: false, loss: 'mse', l2: 0, compress }, data);
  const rng = createRng(3);
  const start = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.3);
  const options = { ...DEFAULT_NEWTON_MR_OPTIONS, maxIterations: ITERATIONS, tolerance: 0, innerRtol: INNER_RTOL, innerMaxIterations: INNER_MAX };
  // Warm-up run (JIT), then the timed one.
  for (const _ of newtonMr(problem, start, { ...options, maxIterations: 5 }));
  const t0 = performance.now();
  const run = newtonMr(problem, start, options);
  let step = run.next();
  while (!step.done) step = run.next();
  const elapsed = performance.now() - t0;
  const result = step.value;
  const inner = result.trace.innerIterations.slice(1);
  return {
    ms: elapsed / Math.max(1, result.iterations),
    inner: inner.reduce((a, b) => a + b, 0) / Math.max(1, inner.length),
    gradNormSq: result.gradNormSq,
  };
}

export async function run(): Promise<void> {
  console.log(`Newton-MR outer iteration, 16-4-16 linear AE, ${SAMPLES} samples, float64, one thread, ${ITERATIONS} iterations`);
  const gram = timeNewtonMr(true);
  const wise = timeNewtonMr(false);
  const torch = runPythonScript<{ torch: string; scipy: string; msPerIteration: number; minresIterations: number }>('newton_mr_torch_scipy.py', {
    k: K, p: P, samples: SAMPLES, seed: 1, iterations: ITERATIONS, innerRtol: INNER_RTOL, innerMaxIterations: INNER_MAX,
  });
  const rows: [string, number, number, string][] = [
    ['critlab (Gram compression, default)', gram.ms, gram.inner, `‖g‖² ${gram.gradNormSq.toExponential(1)}`],
    ['critlab (sample-wise)', wise.ms, wise.inner, `‖g‖² ${wise.gradNormSq.toExponential(1)}`],
  ];
  if (torch.ok) rows.push([`torch ${torch.value.torch} + SciPy ${torch.value.scipy} MINRES`, torch.value.msPerIteration, torch.value.minresIterations, '']);
  console.log('implementation                              ms/iteration   inner its   ratio vs torch+SciPy');
  for (const [name, ms, inner, note] of rows) {
    const r = torch.ok ? torch.value.msPerIteration / ms : NaN;
    const ratio = !torch.ok ? 'n/a' : name.startsWith('torch') ? 'reference' : r >= 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
    console.log(`${name.padEnd(42)} ${ms.toFixed(3).padStart(12)} ${inner.toFixed(1).padStart(11)}   ${ratio}  ${note}`);
  }
  if (!torch.ok) console.log(`torch + SciPy reference skipped: ${torch.reason}`);
}
