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
import type { PointRecord } from '../experiment/records.ts';
import { RunAggregator } from '../experiment/aggregate.ts';
import { createProblem, problemBox } from '../problems/create-problem.ts';
import type { Problem } from '../problems/problem.ts';
import { newton } from '../finders/newton.ts';
import type { FinderResult, FinderRun, Objective } from '../finders/finder.ts';
import { analyzeSpectrum, statusOf } from '../analysis/analyze-point.ts';
import { transferablesOf, type Channel, type JobEvent, type JobRequest, type StartRequest } from './protocol.ts';

/** What the runner needs from its host besides a channel. */
export interface RunnerEnvironment {
  /** Resolves after the host's event loop has had a turn (so pending messages are delivered). */
  yieldNow(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** Longest stretch of computation between two turns of the event loop. */
const SLICE_MS = 8;
/** Parameters up to this dimension have their θ path recorded in the trace (for 2-D/3-D plots). */
const PATH_MAX_DIMENSION = 3;

export interface PreparedJob {
  readonly spec: Spec;
  readonly problem: Problem;
  readonly starts: Start[];
}

/** Validates and expands a spec; throws SpecError naming the field at fault. */
export function prepareJob(rawSpec: unknown): PreparedJob {
  const result = validateSpec(rawSpec);
  if (!result.ok) throw new SpecError(result.issues);
  const spec = result.spec;
  const problem = createProblem(spec.problem);
  const starts = planStarts(spec.sampling, problem.dimension, problemBox(spec.problem), uniformFromSeed(spec.sampling.seed));
  return { spec, problem, starts };
}

function runFinder(spec: Spec, objective: Objective, start: Float64Array): FinderRun {
  const f = spec.finder;
  return newton(objective, start, {
    maxIterations: f.maxIterations,
    tolerance: f.tolerance,
    rho: f.rho,
    beta: f.beta,
    maxBacktracks: f.maxBacktracks,
    divergence: f.divergence,
    recordPath: objective.dimension <= PATH_MAX_DIMENSION,
  });
}

export async function runJob(
  request: StartRequest,
  emit: (event: JobEvent) => void,
  isCancelled: () => boolean,
  env: RunnerEnvironment,
  prepare: (spec: unknown) => PreparedJob = prepareJob,
): Promise<void> {
  const { jobId } = request;
  const t0 = env.now();
  let job: PreparedJob;
  try {
    job = prepare(request.spec);
  } catch (error) {
    emit({ type: 'error', jobId, message: (error as Error).message, ...(error instanceof SpecError ? { field: error.field } : {}) });
    return;
  }
  const { spec, problem } = job;
  const wanted = request.only ? new Set(request.only) : null;
  const starts = wanted ? job.starts.filter((s) => wanted.has(s.id)) : job.starts;
  const aggregate = new RunAggregator(spec.analysis.dedupTolerance);
  let lastYield = env.now();
  let cancelled = false;

  const progress = () =>
    emit({ type: 'progress', jobId, done: aggregate.finished, total: starts.length, counts: aggregate.counts, elapsedMs: env.now() - t0 });
  progress();

  try {
    for (const start of starts) {
      const t1 = env.now();
      const run = runFinder(spec, problem, start.theta);
      let step = run.next();
      while (!step.done) {
        if (env.now() - lastYield > SLICE_MS) {
          await env.yieldNow();
          lastYield = env.now();
        }
        if (isCancelled()) break;
        step = run.next();
      }
      if (!step.done) {
        cancelled = true;
        break;
      }
      const record = aggregate.add(analyse(spec, problem, start, step.value, env.now() - t1));
      emitTrace(emit, jobId, start.id, step.value);
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

function analyse(spec: Spec, problem: Problem, start: Start, result: FinderResult, elapsedMs: number): PointRecord {
  const analysis = analyzeSpectrum(problem, result.theta, spec.analysis.zeroCutoff);
  return {
    id: start.id,
    status: statusOf(result.stop),
    stopReason: result.stop,
    loss: result.loss,
    gradNormSq: result.gradNormSq,
    iterations: result.iterations,
    hvps: result.hvps + analysis.hvps,
    index: analysis.index,
    negative: analysis.negative,
    zero: analysis.zero,
    positive: analysis.positive,
    type: analysis.type,
    cluster: null,
    theta: Array.from(result.theta),
    start: Array.from(start.theta),
    eigenvalues: Array.from(analysis.eigenvalues),
    finder: spec.finder.method,
    elapsedMs,
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
    ...(t.path ? { path: Float64Array.from(t.path) } : {}),
  });
}

/**
 * Serves jobs over a channel: `start` runs a job (several may run interleaved), `cancel` flags
 * it. Returns the unsubscribe function.
 */
export function serveJobs(channel: Channel<JobRequest, JobEvent>, env: RunnerEnvironment): () => void {
  const running = new Map<string, { cancelled: boolean }>();
  // A pool sends one start request per start of the same spec: build its problem (and data)
  // once. Specs are compared by their JSON text; the last one is kept.
  let cached: { key: string; job: PreparedJob } | null = null;
  const prepare = (spec: unknown): PreparedJob => {
    const key = JSON.stringify(spec);
    if (cached?.key !== key) cached = { key, job: prepareJob(spec) };
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

/** Seeded uniform generator for `uniform` sampling (mulberry32). */
function uniformFromSeed(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
