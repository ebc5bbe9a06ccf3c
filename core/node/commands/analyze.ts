/**
 * `critlab analyze SPEC --at POINT.json`: the analysis at one point as a JSON object (DESIGN.md
 * §3): loss, gradNormSq, eigenvalues (ascending), negative, zero, positive, index, status —
 * `critical` (‖g‖² ≤ the spec's finder tolerance), `gradient-flat` (the r / r_H test of
 * DESIGN.md §4) or `not-critical` — with the flatness measures and, for linear autoencoders,
 * the matched analytic class. POINT.json is a JSON array of parameters or one record of
 * points.jsonl (its `theta` is used).
 */
import fs from 'node:fs';
import { analyzeSpectrum } from '../../analysis/analyze-point.ts';
import { gradientFlatness } from '../../analysis/gradient-flatness.ts';
import { matchLinearTruth } from '../../jobs/runner.ts';
import { createRng } from '../../random/rng.ts';
import { prepareSpecFile } from './spec-file.ts';

function readPoint(file: string, dimension: number): Float64Array {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read point ${file}: ${(error as Error).message}`);
  }
  const theta = Array.isArray(value) ? value : (value as { theta?: unknown })?.theta;
  if (!Array.isArray(theta)) throw new Error(`${file}: expected a JSON array of ${dimension} numbers, or a points.jsonl record with "theta"`);
  if (theta.length !== dimension) throw new Error(`${file}: the point has ${theta.length} parameters; this problem has ${dimension}`);
  const bad = theta.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new Error(`${file}: parameter ${bad} is ${JSON.stringify(theta[bad])}, not a finite number`);
  return Float64Array.from(theta as number[]);
}

export async function analyzeCommand(specFile: string, options: { at: string }): Promise<void> {
  const job = await prepareSpecFile(specFile);
  const { problem, spec } = job;
  const theta = readPoint(options.at, problem.dimension);
  const g = new Float64Array(problem.dimension);
  const loss = problem.gradient(theta, g);
  const gradNormSq = g.reduce((s, v) => s + v * v, 0);
  const critical = gradNormSq <= spec.finder.tolerance;

  const matched = job.truth && critical ? matchLinearTruth(job.truth, theta) : null;
  const counted = matched?.rebalanced ?? theta;
  const rng = createRng(spec.sampling.seed, 0);
  const a = spec.analysis;
  const spectrum = analyzeSpectrum(problem, counted, { ...a, random: () => rng.uniform() });
  const flatness = critical ? null : gradientFlatness(problem, theta, { hessianNorm: spectrum.norm });
  const status = critical ? 'critical' : flatness && flatness.r > a.rThreshold && flatness.rH < a.rHThreshold ? 'gradient-flat' : 'not-critical';
  const out = {
    loss,
    gradNormSq,
    eigenvalues: Array.from(spectrum.eigenvalues),
    negative: spectrum.negative,
    zero: spectrum.zero,
    positive: spectrum.positive,
    index: spectrum.index,
    type: spectrum.type,
    status,
    spectrumMethod: spectrum.method,
    ...(flatness ? { flatness: { r: flatness.r, rH: flatness.rH, rayleigh: flatness.rayleigh, flag: flatness.flag } } : {}),
    ...(problem.testLoss ? { testLoss: problem.testLoss(theta) } : {}),
    ...(job.truth ? { truth: matched?.record ?? null, rebalanced: counted !== theta } : {}),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
