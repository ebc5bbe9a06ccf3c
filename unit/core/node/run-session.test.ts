// core/node/run-session.ts, the run-driving loop shared by the CLI and the desktop app, on a
// pool of fake workers: each point is appended (its trace after it) before the caller hears of
// it, a resumed folder runs only its missing starts, and run.json ends with the right status.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PointRecord, RunSummary } from '../../../core/experiment/records.ts';
import type { JobEvent, JobRequest } from '../../../core/jobs/protocol.ts';
import { PoolScheduler, type PoolWorker } from '../../../core/jobs/scheduler.ts';
import { driveRun, openRunFolder } from '../../../core/node/run-session.ts';
import { loadRun, type RunManifest } from '../../../core/node/run-store.ts';

const spec = { problem: { kind: 'function' as const, name: 'saddle' }, sampling: { strategy: 'grid' as const, count: 3 } };
const ids = Array.from({ length: 9 }, (_, i) => i);
let dir: string;

beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-session-')), 'run');
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

function record(id: number): PointRecord {
  return {
    id, status: 'critical', stopReason: 'converged', loss: 0, gradNormSq: 0, iterations: 1, hvps: 2, index: 0.5, negative: 1,
    zero: 0, positive: 1, type: 'saddle', cluster: null, theta: [0, 0], start: [id, 0], finder: 'newton', elapsedMs: 1,
  };
}

const summary = (finished: number, cancelled: boolean): RunSummary => ({
  total: finished, finished, cancelled, counts: { critical: finished, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 }, distinct: [], elapsedMs: 0,
});

/** Answers each batch with trace + point per start, then done; `fail` answers with an error. */
function worker(log: number[], options: { fail?: boolean } = {}): PoolWorker {
  let emit: (e: JobEvent) => void = () => {};
  return {
    post(request: JobRequest) {
      if (request.type !== 'start') return;
      log.push(...(request.only ?? []));
      setTimeout(() => {
        if (options.fail) return emit({ type: 'error', jobId: request.jobId, message: 'problem.name: broken', field: 'problem.name' });
        for (const id of request.only ?? []) {
          const f = new Float64Array([2, 1]);
          emit({ type: 'trace', jobId: request.jobId, startId: id, loss: f, gradNormSq: f, step: f, innerIterations: new Float64Array(2), flags: ['', ''] } as unknown as JobEvent);
          emit({ type: 'point', jobId: request.jobId, record: record(id) });
        }
        emit({ type: 'done', jobId: request.jobId, summary: summary(request.only?.length ?? 0, false) });
      }, 1);
    },
    onEvent: (l) => (emit = l),
    onExit: () => {},
    terminate: () => {},
  };
}

const manifest = () => JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunManifest;

describe('openRunFolder + driveRun', () => {
  it('creates the folder, appends every point before the caller hears of it, and finishes run.json', async () => {
    const opened = openRunFolder({ dir, spec, startIds: ids, versions: { critlab: 't' }, notice: () => {} });
    expect(opened.kind).toBe('open');
    if (opened.kind !== 'open') return;
    expect(opened).toMatchObject({ resumed: false, previous: [], remaining: ids });
    const pool = new PoolScheduler(2, () => worker([]));
    const seen: Array<{ id: number; onDisk: number; trace: boolean }> = [];
    const run = driveRun({
      pool, store: opened.store, jobId: 'j', spec, startIds: ids, remaining: opened.remaining, previous: [], dedupTolerance: 1e-4, now: () => 0,
      events: { point: (r, trace) => seen.push({ id: r.id, onDisk: loadRun(dir).records.length, trace: trace?.startId === r.id }) },
    });
    const { summary: s, cancelled } = await run.done;
    expect(cancelled).toBe(false);
    seen.forEach((p, i) => expect(p).toEqual({ id: p.id, onDisk: i + 1, trace: true }));
    expect(s).toMatchObject({ total: 9, finished: 9 });
    expect(manifest()).toMatchObject({ status: 'finished', summary: { total: 9, finished: 9 } });
    expect(fs.readFileSync(path.join(dir, 'traces.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(9);
  });

  it('resumes an unfinished folder of the same spec with only the missing starts', async () => {
    let opened = openRunFolder({ dir, spec, startIds: ids, versions: {}, notice: () => {} });
    if (opened.kind !== 'open') throw new Error('expected open');
    for (const id of [0, 1, 2, 7]) opened.store.append(record(id));
    opened.store.close(); // killed: run.json still says running
    const notices: string[] = [];
    opened = openRunFolder({ dir, spec, startIds: ids, versions: {}, notice: (m) => notices.push(m) });
    if (opened.kind !== 'open') throw new Error('expected open');
    expect(opened.resumed).toBe(true);
    expect(opened.previous.map((r) => r.id)).toEqual([0, 1, 2, 7]);
    expect(opened.remaining).toEqual([3, 4, 5, 6, 8]);
    const log: number[] = [];
    const pool = new PoolScheduler(1, () => worker(log));
    const { summary: s } = await driveRun({ pool, store: opened.store, jobId: 'j', spec, startIds: ids, remaining: opened.remaining, previous: opened.previous, dedupTolerance: 1e-4, now: () => 0 }).done;
    expect(log.sort()).toEqual([3, 4, 5, 6, 8]);
    expect(s).toMatchObject({ total: 9, finished: 9 });
    expect(manifest()).toMatchObject({ status: 'finished', resumedAt: [expect.any(String)] });
  });

  it('says so when the folder holds a finished run, and whether of the same spec', async () => {
    const opened = openRunFolder({ dir, spec, startIds: ids, versions: {}, notice: () => {} });
    if (opened.kind !== 'open') throw new Error('expected open');
    await driveRun({ pool: new PoolScheduler(1, () => worker([])), store: opened.store, jobId: 'j', spec, startIds: ids, remaining: ids, previous: [], dedupTolerance: 1e-4, now: () => 0 }).done;
    const again = openRunFolder({ dir, spec, startIds: ids, versions: {}, notice: () => {} });
    expect(again).toMatchObject({ kind: 'finished', sameSpec: true });
    const other = openRunFolder({ dir, spec: { problem: { kind: 'function', name: 'himmelblau' } }, startIds: ids, versions: {}, notice: () => {} });
    expect(other).toMatchObject({ kind: 'finished', sameSpec: false });
  });

  it('records a failed run in run.json with the error, and rethrows it', async () => {
    const opened = openRunFolder({ dir, spec, startIds: ids, versions: {}, notice: () => {} });
    if (opened.kind !== 'open') throw new Error('expected open');
    const run = driveRun({ pool: new PoolScheduler(1, () => worker([], { fail: true })), store: opened.store, jobId: 'j', spec, startIds: ids, remaining: ids, previous: [], dedupTolerance: 1e-4, now: () => 0 });
    await expect(run.done).rejects.toThrow(/problem\.name: broken/);
    expect(manifest()).toMatchObject({ status: 'failed', error: 'problem.name: broken' });
  });
});
