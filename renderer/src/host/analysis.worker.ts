/**
 * The renderer's analysis worker: analytic classes, loss slices and landscape trajectories
 * (see analysis-messages.ts), computed from the spec (and the data files it names) with core's
 * problems and optimisers; picked data files are parsed here too.
 * Requests are served in order; the problem of the last spec is kept.
 */
import './zod-jitless.ts';
import { checkSpec, filesFingerprint, linearTruthOf } from '../../../core/jobs/runner.ts';
import { createProblem, requiredResources, type ProblemResources } from '../../../core/problems/create-problem.ts';
import { fetchMnist } from './mnist-assets.ts';
import { parseDataFile } from '../../../core/problems/data/file-data.ts';
import type { RunFiles } from '../../../core/jobs/lab-api.ts';
import type { Problem } from '../../../core/problems/problem.ts';
import { landscapeTrajectory } from '../../../core/optimizers/landscape-trajectory.ts';
import { planePoint, projectPath, sliceField, slicePlane, type SlicePlane } from '../lib/loss-slice.ts';
import type { AnalysisRequest, AnalysisResponse, CheckResult, InspectResult, SliceResult, TrajectoryResult, TruthResult } from './analysis-messages.ts';
import { SpecError } from '../../../core/experiment/spec.ts';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let cached: { key: string; problem: Problem } | null = null;

/** The problem of a spec, built on the data files that came with the request (or the MNIST digits). */
async function problemOf(spec: unknown, files: RunFiles = {}): Promise<Problem> {
  // The files by their contents (a file chosen again under the same name and size is another problem).
  const key = `${JSON.stringify(spec)}\n${filesFingerprint(files)}`;
  if (cached?.key !== key) {
    const checked = checkSpec(spec);
    const resources: ProblemResources = requiredResources(checked.problem).mnist ? { mnist: await fetchMnist() } : { files };
    cached = { key, problem: createProblem(checked.problem, resources) };
  }
  return cached.problem;
}

/** What building the problem refuses (the layer widths against the file's columns, the targets' rows, …). */
async function check(request: Extract<AnalysisRequest, { type: 'check' }>): Promise<CheckResult> {
  try {
    await problemOf(request.spec, request.files);
    return { issues: [] };
  } catch (error) {
    if (error instanceof SpecError) return { issues: error.issues };
    return { issues: [{ path: 'problem.data', message: error instanceof Error ? error.message : String(error) }] };
  }
}

function inspect(request: Extract<AnalysisRequest, { type: 'inspect' }>): InspectResult {
  const table = parseDataFile(request.name, request.bytes);
  return { rows: table.rows, columns: table.columns, header: table.header };
}

async function truth(request: Extract<AnalysisRequest, { type: 'truth' }>): Promise<TruthResult> {
  const spec = checkSpec(request.spec);
  const p = spec.problem;
  if (p.kind !== 'network' || p.activation !== 'linear' || p.bias || p.loss !== 'mse') return { classes: null, note: 'not a bias-free linear mse autoencoder' };
  if (p.layers.length !== 3) return { classes: null, note: 'deep linear network: analytic losses only' };
  const t = linearTruthOf(await problemOf(request.spec, request.files));
  return t ? { classes: t.truth.classes, note: '' } : { classes: null, note: 'not an autoencoder' };
}

async function slice(request: Extract<AnalysisRequest, { type: 'slice' }>): Promise<SliceResult> {
  const problem = await problemOf(request.spec, request.files);
  if (request.center.length !== problem.dimension) throw new Error(`the point has ${request.center.length} parameters; the problem has ${problem.dimension}`);
  const plane = slicePlane(problem, Float64Array.from(request.center), request.directions, request.seed);
  const field = sliceField((theta) => problem.loss(theta), plane, request.span, request.resolution);
  return { field, plane: plane as SliceResult['plane'] };
}

async function trajectory(request: Extract<AnalysisRequest, { type: 'trajectory' }>): Promise<TrajectoryResult> {
  const problem = await problemOf(request.spec, request.files);
  let plane: SlicePlane | null = null;
  let start: Float64Array;
  if (request.plane) {
    plane = { center: Float64Array.from(request.plane.center), d1: Float64Array.from(request.plane.d1), d2: Float64Array.from(request.plane.d2), labels: ['', ''] };
    start = planePoint(plane, request.start[0], request.start[1]);
  } else {
    if (problem.dimension !== 2) throw new Error(`a landscape start needs a 2-D problem or a slice plane (this problem has ${problem.dimension} parameters)`);
    start = Float64Array.from(request.start);
  }
  const run = landscapeTrajectory(problem, start, request.optimizer, { seed: request.seed, recordEvery: 1 });
  const path: Float64Array<ArrayBuffer> = plane ? projectPath(run.path, plane) : Float64Array.from(run.path);
  return { method: run.method, path, loss: run.loss, steps: run.steps, stop: run.stop, notes: run.notes };
}

async function serve(request: AnalysisRequest): Promise<void> {
  let response: AnalysisResponse;
  const transfer: Transferable[] = [];
  try {
    let result: unknown;
    if (request.type === 'truth') result = await truth(request);
    else if (request.type === 'inspect') result = inspect(request);
    else if (request.type === 'check') result = await check(request);
    else if (request.type === 'slice') {
      const r = await slice(request);
      transfer.push(r.field.values.buffer as ArrayBuffer);
      result = r;
    } else {
      const r = await trajectory(request);
      transfer.push(r.path.buffer);
      result = r;
    }
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response, transfer);
}

// One request at a time, in arrival order (a request may wait for the MNIST digits).
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent) => {
  queue = queue.then(() => serve(event.data as AnalysisRequest));
});
