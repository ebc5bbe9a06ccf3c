/**
 * Problem-layer benchmark (issue 4, DESIGN.md §5): loss, loss + gradient and Hessian-vector
 * product times for
 *   - the 16-4-16 linear autoencoder (no biases, mse) on 1000 Gaussian samples (spectrum 1…16),
 *     both as critlab runs it by default (exact Gram compression: 16 virtual samples) and
 *     sample-wise (backpropagation over all 1000 samples, `compress: false`);
 *   - a 16-32-32-10 tanh MLP with biases and softmax cross-entropy on 1000 samples;
 * all float64, one thread, median of repeated batches after warm-up (performance.now()). The
 * same models are timed in PyTorch (bench/python/torch_models.py, float64,
 * torch.set_num_threads(1)) in the same run when python3 with torch is available.
 * Targets: HVP ≤ 3× gradient; HVP faster than PyTorch's on the autoencoder.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPythonScript } from './python-runner.ts';
import type { DataSet } from '../core/problems/data/data-set.ts';
import { oneHot } from '../core/problems/data/data-set.ts';
import { gaussianDataSet } from '../core/problems/data/gaussian.ts';
import { networkProblem, type NetworkOptions } from '../core/problems/network/network-problem.ts';
import type { Problem } from '../core/problems/problem.ts';
import { createRng } from '../core/random/rng.ts';

const SAMPLES = 1000;
const REPEATS = 30;

interface ModelSpec {
  readonly name: string;
  readonly torchName: string;
  readonly options: NetworkOptions;
}

const models: ModelSpec[] = [
  {
    name: '16-4-16 linear AE (Gram, default)',
    torchName: 'ae',
    options: { layers: [16, 4, 16], activation: 'linear', bias: false, loss: 'mse', l2: 0 },
  },
  {
    name: '16-4-16 linear AE (sample-wise)',
    torchName: 'ae',
    options: { layers: [16, 4, 16], activation: 'linear', bias: false, loss: 'mse', l2: 0, compress: false },
  },
  {
    name: '16-32-32-10 tanh MLP, cross-entropy',
    torchName: 'mlp',
    options: { layers: [16, 32, 32, 10], activation: 'tanh', bias: true, loss: 'cross-entropy', l2: 0 },
  },
];

function dataFor(options: NetworkOptions): DataSet {
  const k = options.layers[0];
  if (options.loss === 'mse') {
    return gaussianDataSet({ samples: SAMPLES, spectrum: Array.from({ length: k }, (_, i) => i + 1), seed: 1 });
  }
  const rng = createRng(1);
  const classes = options.layers[options.layers.length - 1];
  return {
    description: 'Gaussian inputs, random labels',
    task: 'classification',
    inputDim: k,
    targetDim: classes,
    classes,
    train: {
      count: SAMPLES,
      inputs: rng.fillNormal(new Float64Array(SAMPLES * k)),
      targets: oneHot(Array.from({ length: SAMPLES }, () => rng.int(classes)), classes),
    },
    test: null,
  };
}

/** Median milliseconds per call over REPEATS batches, each long enough (≥ 5 ms) to time well. */
function timePerCall(fn: () => void): number {
  const warmUntil = performance.now() + 150;
  while (performance.now() < warmUntil) fn();
  let calls = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (performance.now() - t >= 5) break;
    calls *= 2;
  }
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = performance.now();
    for (let i = 0; i < calls; i++) fn();
    times.push((performance.now() - t) / calls);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

interface Timing {
  loss: number;
  grad: number;
  hvp: number;
}

function timeProblem(problem: Problem): Timing {
  const rng = createRng(2);
  const theta = rng.fillNormal(new Float64Array(problem.dimension), 0, 0.3);
  const v = rng.fillNormal(new Float64Array(problem.dimension));
  const g = new Float64Array(problem.dimension);
  const hv = new Float64Array(problem.dimension);
  let sink = 0;
  const loss = timePerCall(() => {
    sink += problem.loss(theta);
  });
  const grad = timePerCall(() => {
    sink += problem.gradient(theta, g);
  });
  const hvp = timePerCall(() => {
    problem.hvp(theta, v, hv);
    sink += hv[0];
  });
  if (Number.isNaN(sink)) console.log('(NaN)');
  return { loss, grad, hvp };
}

type TorchResult = { ok: true; version: string; models: Record<string, Timing> } | { ok: false; reason: string };

/** Runs the PyTorch script with the first python3 that has torch. */
function runTorch(): TorchResult {
  const config = {
    repeats: REPEATS,
    models: Object.fromEntries(
      models.map((m) => [m.torchName, { layers: m.options.layers, bias: m.options.bias, activation: m.options.activation, loss: m.options.loss, samples: SAMPLES }]),
    ),
  };
  const result = runPythonScript<{ torch: string; models: Record<string, Timing> }>('torch_models.py', config);
  if (!result.ok) return result;
  return { ok: true, version: `${result.value.torch} via ${result.python}`, models: result.value.models };
}

const ms = (x: number) => (x >= 1 ? x.toFixed(3) : x >= 0.01 ? x.toFixed(4) : x.toExponential(2));

export async function run(): Promise<void> {
  console.log(`float64, one thread, ${SAMPLES} samples; median of ${REPEATS} batches (ms per call)`);
  const rows: { model: ModelSpec; timing: Timing; dimension: number }[] = [];
  for (const model of models) {
    const problem = networkProblem(model.options, dataFor(model.options));
    rows.push({ model, timing: timeProblem(problem), dimension: problem.dimension });
  }
  const torch = runTorch();
  const header = ['model', 'params', 'loss', 'loss+grad', 'HVP', 'HVP/grad', 'torch HVP', 'torch/critlab HVP'];
  const table = rows.map(({ model, timing, dimension }) => {
    const t = torch.ok ? torch.models[model.torchName] : undefined;
    return [
      model.name,
      String(dimension),
      ms(timing.loss),
      ms(timing.grad),
      ms(timing.hvp),
      (timing.hvp / timing.grad).toFixed(2),
      t ? ms(t.hvp) : '—',
      t ? `${(t.hvp / timing.hvp).toFixed(2)}×` : '—',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  if (torch.ok) {
    console.log(`\nPyTorch ${torch.version} (float64, 1 thread, HVP by double backward):`);
    for (const [name, t] of Object.entries(torch.models)) {
      console.log(`  ${name.padEnd(4)} loss ${ms(t.loss)}  loss+grad ${ms(t.grad)}  HVP ${ms(t.hvp)}  HVP/grad ${(t.hvp / t.grad).toFixed(2)}`);
    }
  } else {
    console.log(`\nPyTorch comparison skipped: ${torch.reason}`);
  }
  const worst = Math.max(...rows.map((r) => r.timing.hvp / r.timing.grad));
  console.log(`\nHVP/gradient ≤ 3 (DESIGN.md §5): ${worst <= 3 ? 'yes' : 'NO'} (worst ${worst.toFixed(2)})`);
}

// Allow `npx tsx bench/problems.bench.ts` on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
