/**
 * The transport-agnostic job runner. `runJob` executes one experiment: validate the spec, build
 * the problem, plan the starts, run the finder from each (yielding to the host's event loop
 * between iterations so a `cancel` is seen within one finder iteration), analyse each end point
 * and stream `trace`, `point` and `progress` events, then `done` with the run summary.
 * `serveJobs` wires it to any `Channel`: a Web Worker, a worker_threads worker or an Electron
 * utility process each wrap it in a few lines.
 */
import { SpecError, validateSpec, type Spec } from '../experiment/spec.ts';
import { planStarts, type Start } from '../experiment/starts.ts';
import { trajectoryStartRun, type TrajectoryProvenance } from '../experiment/trajectory-sampling.ts';
import type { PointRecord, TruthRecord } from '../experiment/records.ts';
import type { NetworkProblem } from '../problems/network/network-problem.ts';
import {
  linearAeProduct,
  linearAeTruth,
  linearNetworkProduct,
  matchProjector,
  rebalanceLinearAe,
  type LinearAeTruth,
} from '../groundtruth/linear-autoencoder-match.ts';
import { RunAggregator } from '../experiment/aggregate.ts';
import { createProblem, problemBox, requiredResources, type ProblemResources } from '../problems/create-problem.ts';
import type { ProblemSpec } from '../problems/problem-spec.ts';
import type { Problem } from '../problems/problem.ts';
import type { MnistImages } from '../problems/data/mnist.ts';
import { runFinderSpec } from '../finders/index.ts';
import type { FinderResult } from '../finders/finder.ts';
import { analyzeSpectrum, gradientFlatness, needsFlatness, statusOf } from '../analysis/analyze-point.ts';
import { createRng } from '../random/rng.ts';
import { transferablesOf, type Channel, type JobEvent, type JobRequest, type StartRequest } from './protocol.ts';

/** What the runner needs from its host besides a channel. */
export interface RunnerEnvironment {
  /** Resolves after the host's event loop has had a turn (so pending messages are delivered). */
  yieldNow(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
  /**
   * Loads the data a problem names (files, MNIST): hosts with a file system provide it
   * (core/node/data-files.ts); without it, such specs are refused with a message that says so.
   */
  loadResources?(problem: ProblemSpec, request: StartRequest): Promise<ProblemResources>;
}

/** A start as planned: its θ and, for trajectory sampling, where on which trajectory it came from. */
export interface PlannedStart extends Start {
  readonly provenance?: TrajectoryProvenance;
}

/** RNG streams of the analysis (Lanczos, SLQ) start here, clear of the sampling streams 0 … starts − 1. */
const ANALYSIS_STREAM = 2 ** 30;

/** Longest stretch of computation between two turns of the event loop. */
const SLICE_MS = 8;
/** Parameters up to this dimension have their θ path recorded in the trace (for 2-D/3-D plots). */
const PATH_MAX_DIMENSION = 3;

export interface PreparedJob {
  readonly spec: Spec;
  readonly problem: Problem;
  /** Ids of every start of the spec, in order (0 … count − 1). */
  readonly startIds: number[];
  /**
   * Computes start `id`: immediate for grid and uniform starts; for trajectory sampling it runs
   * the start's optimiser (yielding per step so a cancel is seen) — each start is independent,
   * seeded by (sampling.seed, id), so any worker can compute any start.
   */
  startRun(id: number): Generator<unknown, PlannedStart, void>;
  /** Analytic critical points, for bias-free linear autoencoders (DESIGN.md §4). */
  readonly truth: LinearTruth | null;
}

export interface LinearTruth {
  /** One hidden layer: full classes with counts; deeper: loss values and subsets only. */
  readonly depth: 'one-hidden-layer' | 'deep';
  readonly layers: readonly number[];
  readonly truth: LinearAeTruth;
}

/** The ground truth of a bias-free linear mse autoencoder, or null for any other problem. */
export function linearTruthOf(problem: Problem): LinearTruth | null {
  if (!('architecture' in problem)) return null;
  const net = problem as NetworkProblem;
  const { layers, activation, bias, loss } = net.architecture;
  if (activation !== 'linear' || bias || loss !== 'mse' || net.data.task !== 'autoencode') return null;
  const k = layers[0];
  const p = Math.min(...layers.slice(1, -1));
  const train = net.data.train;
  return {
    depth: layers.length === 3 ? 'one-hidden-layer' : 'deep',
    layers,
    truth: linearAeTruth(train.count, k, train.inputs, p),
  };
}

/** Validates a spec; throws SpecError naming the field at fault. */
export function checkSpec(rawSpec: unknown): Spec {
  const result = validateSpec(rawSpec);
  if (!result.ok) throw new SpecError(result.issues);
  return result.spec;
}

/** Validates and expands a spec; throws SpecError naming the field at fault. */
export function prepareJob(rawSpec: unknown, resources: ProblemResources = {}): PreparedJob {
  const spec = checkSpec(rawSpec);
  const problem = createProblem(spec.problem, resources);
  const sampling = spec.sampling;
  if (sampling.strategy === 'trajectory') {
    return {
      spec,
      problem,
      startIds: Array.from({ length: sampling.starts }, (_, i) => i),
      startRun: (id) => trajectoryStartRun(problem, sampling, id),
      truth: linearTruthOf(problem),
    };
  }
  const sampler = createRng(sampling.seed, 0);
  const starts = planStarts(sampling, problem.dimension, problemBox(spec.problem), () => sampler.uniform());
  return {
    spec,
    problem,
    startIds: starts.map((s) => s.id),
    // eslint-disable-next-line require-yield
    startRun: function* (id) {
      return starts[id];
    },
    truth: linearTruthOf(problem),
  };
}

/**
 * The ids of a spec's starts without building its data (hosts plan runs and shards with it
 * before any data are loaded): grid sizes come from the box or the function's dimension, the
 * other strategies name their count. Throws SpecError naming the field at fault.
 */
export function plannedStartIds(rawSpec: unknown): number[] {
  const spec = checkSpec(rawSpec);
  const sampling = spec.sampling;
  if (sampling.strategy !== 'grid') return Array.from({ length: sampling.starts }, (_, i) => i);
  const p = spec.problem;
  const dimension = p.kind === 'function' ? createProblem(p).dimension : networkDimension(p.layers, p.bias);
  // planStarts checks the box and counts against the dimension and the start limit.
  return planStarts(sampling, dimension, problemBox(p), () => 0).map((s) => s.id);
}

function networkDimension(layers: readonly number[], bias: boolean): number {
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += layers[l] * (layers[l - 1] + (bias ? 1 : 0));
  return n;
}

/**
 * The refusal of a spec whose data file did not come with the run, or null when every file it
 * names came: a SpecError at the first missing file's field (`problem.data.path`, else
 * `problem.data.targets.path`), saying what to do on this host (`advice`).
 */
export function missingDataFileError(problem: ProblemSpec, files: Readonly<Record<string, Uint8Array>> | undefined, advice: string): SpecError | null {
  const missing = requiredResources(problem).files.find((file) => !(files && Object.hasOwn(files, file)));
  if (missing === undefined) return null;
  const data = problem.kind === 'network' ? problem.data : null;
  const field = data?.kind === 'file' && data.path === missing ? 'problem.data.path' : 'problem.data.targets.path';
  return new SpecError(field, `${missing}: the file's contents did not come with the run; ${advice}`);
}

/**
 * The `loadResources` of an app host (the desktop's compute process, the browser's worker): the
 * MNIST digits from `loadMnist`; data files only as they came with the request (an app never
 * reads a path named in a spec), one that did not come refused at its field with `advice`.
 */
export function appResources(advice: string, loadMnist: () => Promise<MnistImages>): NonNullable<RunnerEnvironment['loadResources']> {
  return async (problem, request) => {
    const missing = missingDataFileError(problem, request.files, advice);
    if (missing) throw missing;
    return requiredResources(problem).mnist ? { mnist: await loadMnist() } : {};
  };
}

/**
 * The data a request's spec needs (data files or the MNIST digits, never both): files that came
 * with the request are used as they are; the rest, and MNIST, come from the host, and a host
 * that cannot load them refuses the spec naming the field. A spec that needs none gets none.
 */
async function resourcesFor(request: StartRequest, env: RunnerEnvironment): Promise<ProblemResources> {
  const spec = checkSpec(request.spec);
  const needed = requiredResources(spec.problem);
  if (needed.files.length === 0 && !needed.mnist) return {};
  const given = pickFiles(request.files ?? {}, needed.files);
  if (!needed.mnist && needed.files.every((file) => Object.hasOwn(given, file))) return { files: given };
  if (!env.loadResources) {
    if (needed.mnist) throw new SpecError('problem.data', 'this host cannot load the MNIST digits: run this spec in the desktop app or with the CLI');
    throw missingDataFileError(spec.problem, given, 'choose the file in the app (it cannot read paths), or run the spec with the CLI')!;
  }
  try {
    const loaded = await env.loadResources(spec.problem, request);
    return { ...loaded, files: { ...loaded.files, ...given } };
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError('problem.data', (error as Error).message);
  }
}

/**
 * A fingerprint of data files' contents: names, sizes and a 32-bit FNV-1a hash of the bytes
 * (so a file chosen again under the same name, with other contents, is another job).
 */
export function filesFingerprint(files: Readonly<Record<string, Uint8Array>>): string {
  return Object.keys(files)
    .sort()
    .map((name) => {
      const bytes = files[name];
      let h = 0x811c9dc5;
      for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
      return `${JSON.stringify(name)}:${bytes.length}:${(h >>> 0).toString(16)}`;
    })
    .join(',');
}

/** The named files of `given` (a request may carry more than the spec uses: those are ignored). */
function pickFiles(given: Readonly<Record<string, Uint8Array>>, names: readonly string[]): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const name of names) if (Object.hasOwn(given, name)) out[name] = given[name];
  return out;
}

/** Builds a request's job; `load` gives the data it needs (called only when the job must be built). */
export type JobPreparer = (request: StartRequest, load: () => Promise<ProblemResources>) => Promise<PreparedJob>;

const prepareFresh: JobPreparer = async (request, load) => prepareJob(request.spec, await load());

export async function runJob(
  request: StartRequest,
  emit: (event: JobEvent) => void,
  isCancelled: () => boolean,
  env: RunnerEnvironment,
  prepare: JobPreparer = prepareFresh,
): Promise<void> {
  const { jobId } = request;
  const t0 = env.now();
  let job: PreparedJob;
  try {
    job = await prepare(request, () => resourcesFor(request, env));
  } catch (error) {
    emit({ type: 'error', jobId, message: (error as Error).message, ...(error instanceof SpecError ? { field: error.field } : {}) });
    return;
  }
  const { spec, problem } = job;
  const wanted = request.only ? new Set(request.only) : null;
  const starts = wanted ? job.startIds.filter((id) => wanted.has(id)) : job.startIds;
  const aggregate = new RunAggregator(spec.analysis.dedupTolerance);
  let lastYield = env.now();
  let cancelled = false;

  const progress = () =>
    emit({ type: 'progress', jobId, done: aggregate.finished, total: starts.length, counts: aggregate.counts, elapsedMs: env.now() - t0 });
  progress();

  try {
    for (const id of starts) {
      const t1 = env.now();
      // Both the start's sampling and its finder run yield per step: the cancel flag is read
      // before every step, and the event loop gets a turn every SLICE_MS.
      const drive = async <T>(run: Generator<unknown, T, void>): Promise<T | null> => {
        let step = run.next();
        while (!step.done) {
          if (env.now() - lastYield > SLICE_MS) {
            await env.yieldNow();
            lastYield = env.now();
          }
          if (isCancelled()) return null;
          step = run.next();
        }
        return step.value;
      };
      const start = await drive(job.startRun(id));
      const recordPath = problem.dimension <= PATH_MAX_DIMENSION;
      let result = start && (await drive(runFinderSpec(spec.finder, problem, start.theta, recordPath)));
      // Polish: a run certified at ‖g‖² ≤ tolerance continues (up to polishIterations more) toward
      // polishTolerance, so its loss and spectrum are those of the critical point, not of a point
      // 1e-5 away (DESIGN.md §4: good Newton-MR runs reach 1e-30).
      const { polishIterations, polishTolerance } = spec.analysis;
      if (result && result.stop === 'converged' && polishIterations > 0 && result.gradNormSq > polishTolerance) {
        const polishSpec = { ...spec.finder, tolerance: polishTolerance, maxIterations: polishIterations };
        const polished = await drive(runFinderSpec(polishSpec, problem, result.theta, recordPath));
        if (polished === null) result = null;
        else result = polished.gradNormSq < result.gradNormSq ? joinRuns(result, polished) : result;
      }
      if (start === null || result === null) {
        cancelled = true;
        break;
      }
      const record = aggregate.add(analyse(job, start, result, env.now() - t1));
      emitTrace(emit, jobId, start.id, result);
      emit({ type: 'point', jobId, record });
      progress();
      if (env.now() - lastYield > SLICE_MS) {
        await env.yieldNow();
        lastYield = env.now();
      }
      if (isCancelled()) {
        cancelled = aggregate.finished < starts.length;
        break;
      }
    }
  } catch (error) {
    emit({ type: 'error', jobId, message: `run failed: ${(error as Error).message}` });
    return;
  }
  emit({ type: 'done', jobId, summary: aggregate.summary(starts.length, cancelled, env.now() - t0) });
}

function analyse(job: PreparedJob, start: PlannedStart, result: FinderResult, elapsedMs: number): PointRecord {
  const { spec, problem } = job;
  const a = spec.analysis;
  // Analysis randomness (Lanczos starts, SLQ probes) is seeded by the start id, so a start's
  // record does not depend on which worker ran it or in what order.
  const random = createRng(spec.sampling.seed, ANALYSIS_STREAM + start.id);
  const critical = result.gradNormSq <= spec.finder.tolerance && Number.isFinite(result.gradNormSq);
  const truth = critical && job.truth ? matchLinearTruth(job.truth, result.theta) : null;
  // DESIGN.md §4: a badly balanced factorisation can push true eigenvalues below the cutoff;
  // count the spectrum at the rebalanced point of the same orbit (same inertia).
  const counted = truth?.rebalanced ?? result.theta;
  const spectrum = analyzeSpectrum(problem, counted, { ...a, random: () => random.uniform() });
  const tolerance = spec.finder.tolerance;
  const flatness = needsFlatness(result.stop, result.gradNormSq, tolerance)
    ? gradientFlatness(problem, result.theta, { hessianNorm: spectrum.norm })
    : undefined;
  const status = statusOf(result.stop, result.gradNormSq, { tolerance, rThreshold: a.rThreshold, rHThreshold: a.rHThreshold }, flatness);
  return {
    id: start.id,
    status,
    stopReason: result.stop,
    innerFlag: result.innerFlag,
    loss: result.loss,
    gradNormSq: result.gradNormSq,
    iterations: result.iterations,
    hvps: result.hvps + spectrum.hvps + (flatness?.hvps ?? 0),
    index: spectrum.index,
    negative: spectrum.negative,
    zero: spectrum.zero,
    positive: spectrum.positive,
    type: spectrum.type,
    cluster: null,
    theta: Array.from(result.theta),
    start: Array.from(start.theta),
    eigenvalues: Array.from(spectrum.eigenvalues),
    spectrumMethod: spectrum.method,
    ...(flatness ? { flatness: { r: flatness.r, rH: flatness.rH, rayleigh: flatness.rayleigh, flag: flatness.flag } } : {}),
    ...(problem.testLoss ? { testLoss: problem.testLoss(result.theta) } : {}),
    ...(job.truth ? { truth: truth?.record ?? null } : {}),
    ...(truth?.rebalanced ? { rebalanced: true } : {}),
    ...(problem.twiceDifferentiable ? {} : { warnings: ['the loss is not twice differentiable everywhere: gradient and Hessian figures may not be meaningful here'] }),
    ...(start.provenance ? { provenance: start.provenance } : {}),
    finder: spec.finder.method,
    elapsedMs,
  };
}

/**
 * The analytic class of a critical point of a linear autoencoder (null when none matches), and
 * for one hidden layer the rebalanced factorisation its spectrum should be counted at.
 */
export function matchLinearTruth(t: LinearTruth, theta: Float64Array): { record: TruthRecord; rebalanced: Float64Array | null } | null {
  const P = t.depth === 'one-hidden-layer' ? linearAeProduct(t.truth.k, t.truth.p, theta) : linearNetworkProduct(t.layers, theta);
  // Tolerance on ‖W₂W₁ − U_IU_Iᵀ‖_F: a point with ‖g‖² ≤ 1e-10 is within ≈ 1e-5 of its class
  // (‖g‖ over the smallest eigenvalue gap); projectors of different classes differ by ≥ 1.
  const match = matchProjector(t.truth, P, 1e-3);
  if (!match) return null;
  const c = match.class;
  if (t.depth === 'deep') return { record: { subset: c.subset, loss: c.loss, productError: match.productError }, rebalanced: null };
  return {
    record: { subset: c.subset, loss: c.loss, index: c.index, negative: c.negative, zero: c.zero, positive: c.positive, productError: match.productError },
    rebalanced: rebalanceLinearAe(t.truth, theta, c.subset),
  };
}

/** A run followed by its polishing run: the later θ, counts added, traces joined. */
function joinRuns(first: FinderResult, second: FinderResult): FinderResult {
  const a = first.trace;
  const b = second.trace;
  const tail = <T>(xs: readonly T[]) => xs.slice(1);
  return {
    ...second,
    stop: 'converged',
    iterations: first.iterations + second.iterations,
    hvps: first.hvps + second.hvps,
    gradients: first.gradients + second.gradients,
    trace: {
      loss: [...a.loss, ...tail(b.loss)],
      gradNormSq: [...a.gradNormSq, ...tail(b.gradNormSq)],
      step: [...a.step, ...tail(b.step)],
      innerIterations: [...a.innerIterations, ...tail(b.innerIterations)],
      flag: [...a.flag, ...tail(b.flag)],
      path: a.path && b.path ? [...a.path, ...b.path.slice(second.theta.length)] : a.path,
    },
  };
}

function emitTrace(emit: (event: JobEvent) => void, jobId: string, startId: number, result: FinderResult): void {
  const t = result.trace;
  emit({
    type: 'trace',
    jobId,
    startId,
    loss: Float64Array.from(t.loss),
    gradNormSq: Float64Array.from(t.gradNormSq),
    step: Float64Array.from(t.step),
    innerIterations: Float64Array.from(t.innerIterations),
    flags: [...t.flag],
    ...(t.path ? { path: Float64Array.from(t.path) } : {}),
  });
}

/**
 * Serves jobs over a channel: `start` runs a job (several may run interleaved), `cancel` flags
 * it. Returns the unsubscribe function.
 */
export function serveJobs(channel: Channel<JobRequest, JobEvent>, env: RunnerEnvironment): () => void {
  const running = new Map<string, { cancelled: boolean }>();
  // A pool sends one start request per batch of the same run: build its problem (and data)
  // once. Requests are the same job when their spec's JSON text and their data files are (the
  // run's filesKey, else the files' own fingerprint); the last one is kept. A request of a run
  // whose files this process already has may leave them out.
  let cached: { key: string; job: PreparedJob } | null = null;
  const prepare: JobPreparer = async (request, load) => {
    const files = request.filesKey ?? (request.files ? filesFingerprint(request.files) : '');
    const key = `${JSON.stringify(request.spec)}\n${files}`;
    if (cached?.key !== key) cached = { key, job: prepareJob(request.spec, await load()) };
    return cached.job;
  };
  const emit = (event: JobEvent) => channel.post(event, transferablesOf(event));
  return channel.subscribe((request) => {
    if (request.type === 'cancel') {
      const job = running.get(request.jobId);
      if (job) job.cancelled = true;
      return;
    }
    if (running.has(request.jobId)) {
      emit({ type: 'error', jobId: request.jobId, message: `job ${request.jobId} is already running` });
      return;
    }
    const flag = { cancelled: false };
    running.set(request.jobId, flag);
    void runJob(request, emit, () => flag.cancelled, env, prepare).finally(() => running.delete(request.jobId));
  });
}
