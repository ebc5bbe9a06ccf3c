/**
 * Data files that travel with a start request (picked in the app): the runner uses them as they
 * are, asks the host only for what did not come, and refuses a spec whose files neither came nor
 * can be loaded, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { filesFingerprint, runJob, serveJobs, type RunnerEnvironment } from '../../../core/jobs/runner.ts';
import type { JobEvent, StartRequest } from '../../../core/jobs/protocol.ts';
import { loopback } from './loopback.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import type { ProblemResources } from '../../../core/problems/create-problem.ts';

const bare: RunnerEnvironment = {
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
};

/** 12 samples of 3 features, as CSV text. */
const CSV = new TextEncoder().encode(
  'a,b,c\n' + Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(2 * i), (i % 5) - 2].map((v) => v.toFixed(6)).join(',')).join('\n') + '\n',
);
const LABELS = new TextEncoder().encode(Array.from({ length: 12 }, (_, i) => String(i % 2)).join('\n') + '\n');

function spec(data: Record<string, unknown>, layers = [3, 2, 3], loss = 'mse'): SpecInput {
  return {
    problem: { kind: 'network', layers, activation: 'tanh', loss, data: { kind: 'file', ...data } },
    sampling: { strategy: 'uniform', starts: 2, seed: 1, box: Array.from({ length: layers[0] * layers[1] + layers[1] * layers[2] }, () => [-1, 1]) },
    finder: { method: 'newton-mr', maxIterations: 5 },
  } as unknown as SpecInput;
}

async function run(request: Omit<StartRequest, 'type' | 'jobId'>, env: RunnerEnvironment = bare): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  await runJob({ type: 'start', jobId: 'f', ...request }, (e) => events.push(e), () => false, env);
  return events;
}

describe('data files with the request', () => {
  it('runs on files that came with the request, on a host that cannot read files', async () => {
    const events = await run({ spec: spec({ path: 'samples.csv' }), files: { 'samples.csv': CSV, 'unused.csv': new Uint8Array(3) } });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.filter((e) => e.type === 'point')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('refuses a data file that did not come, naming the field and what to do', async () => {
    const events = await run({ spec: spec({ path: 'samples.csv' }), files: { 'other.csv': CSV } });
    const error = events.at(-1);
    expect(error).toMatchObject({ type: 'error', field: 'problem.data.path' });
    expect(error?.type === 'error' && error.message).toMatch(/^problem\.data\.path: samples\.csv: the file's contents did not come with the run; choose the file/);
  });

  it('names the targets file when only it is missing', async () => {
    const events = await run({ spec: spec({ path: 'samples.csv', targets: { path: 'labels.csv' } }, [3, 2, 2], 'cross-entropy'), files: { 'samples.csv': CSV } });
    expect(events.at(-1)).toMatchObject({ type: 'error', field: 'problem.data.targets.path' });
    const ok = await run({ spec: spec({ path: 'samples.csv', targets: { path: 'labels.csv' } }, [3, 2, 2], 'cross-entropy'), files: { 'samples.csv': CSV, 'labels.csv': LABELS } });
    expect(ok.at(-1)?.type).toBe('done');
  });

  it('asks a host that loads files only when some did not come, and prefers the ones that did', async () => {
    const asked: string[] = [];
    const loading: RunnerEnvironment = {
      ...bare,
      async loadResources(): Promise<ProblemResources> {
        asked.push('load');
        return { files: { 'samples.csv': new TextEncoder().encode('not,a,number\nx,y,z\n'), 'labels.csv': LABELS } };
      },
    };
    const given = await run({ spec: spec({ path: 'samples.csv' }), files: { 'samples.csv': CSV } }, loading);
    expect(given.at(-1)?.type).toBe('done');
    expect(asked).toEqual([]);
    const partly = await run({ spec: spec({ path: 'samples.csv', targets: { path: 'labels.csv' } }, [3, 2, 2], 'cross-entropy'), files: { 'samples.csv': CSV } }, loading);
    expect(partly.at(-1)?.type).toBe('done');
    expect(asked).toEqual(['load']);
  });

  it('refuses MNIST on a host that cannot load it', async () => {
    const events = await run({
      spec: { problem: { kind: 'network', layers: [16, 4, 16], data: { kind: 'mnist', samples: 100, size: 4, task: 'autoencode' } } } as unknown as SpecInput,
    });
    expect(events.at(-1)).toMatchObject({ type: 'error', field: 'problem.data' });
    expect(events.at(-1)?.type === 'error' && events.at(-1)).toMatchObject({ message: expect.stringContaining('cannot load the MNIST digits') });
  });
});

describe('a compute process serving a run in batches', () => {
  function serve() {
    const { channel, send, fromWorker: events } = loopback();
    serveJobs(channel, bare);
    const run = async (request: Omit<StartRequest, 'type'>) => {
      send({ type: 'start', ...request });
      while (!events.some((e) => e.jobId === request.jobId && (e.type === 'done' || e.type === 'error'))) await bare.yieldNow();
      return events.filter((e) => e.jobId === request.jobId);
    };
    return { run };
  }
  const lossesOf = (events: JobEvent[]) => events.flatMap((e) => (e.type === 'point' ? [e.record.loss] : []));
  const fileSpec = spec({ path: 'samples.csv' });

  it("takes a run's later batches without the files it already has, under the run's key", async () => {
    const { run } = serve();
    const first = await run({ jobId: 'r/0', spec: fileSpec, only: [0], files: { 'samples.csv': CSV }, filesKey: 'r' });
    const second = await run({ jobId: 'r/1', spec: fileSpec, only: [0], filesKey: 'r' });
    expect(first.at(-1)?.type).toBe('done');
    expect(second.at(-1)?.type).toBe('done');
    expect(lossesOf(second)).toEqual(lossesOf(first));
    // Another run's key without its files is refused, naming the field.
    const other = await run({ jobId: 's/0', spec: fileSpec, only: [0], filesKey: 's' });
    expect(other.at(-1)).toMatchObject({ type: 'error', field: 'problem.data.path' });
  });

  it('builds the problem again for the same spec on other file contents', async () => {
    const { run } = serve();
    const scaled = new TextEncoder().encode(new TextDecoder().decode(CSV).replace(/(\d)\.(\d)/g, '$1$2.'));
    const a = await run({ jobId: 'a', spec: fileSpec, only: [0], files: { 'samples.csv': CSV } });
    const b = await run({ jobId: 'b', spec: fileSpec, only: [0], files: { 'samples.csv': scaled } });
    expect(a.at(-1)?.type).toBe('done');
    expect(b.at(-1)?.type).toBe('done');
    expect(lossesOf(b)[0]).not.toBeCloseTo(lossesOf(a)[0], 6);
    expect(filesFingerprint({ 'samples.csv': CSV })).not.toBe(filesFingerprint({ 'samples.csv': scaled }));
    expect(filesFingerprint({ b: CSV, a: LABELS })).toBe(filesFingerprint({ a: LABELS, b: CSV }));
  });
});
