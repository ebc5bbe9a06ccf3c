// electron/lab-host.ts: runs from the window go through the pool into the run store. Each start
// is on disk when its point reaches the window; cancel, queueing, a crash mid-run (restart and
// re-queue), resuming an interrupted run, refusals before any folder exists, and quitting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StartRecord } from '../../core/experiment/records.ts';
import type { JobEvent } from '../../core/jobs/protocol.ts';
import { listRuns } from '../../core/node/run-library.ts';
import type { RunManifest } from '../../core/node/run-store.ts';
import { parseStartRunArgs } from '../../electron/ipc.ts';
import { LabHost } from '../../electron/lab-host.ts';
import { FakeCompute, fakeRecord, until, type FakeBehaviour } from './fake-compute.ts';

const { spec } = parseStartRunArgs([{ name: 'Saddle test', problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 4 } }]);
let root: string;

beforeEach(() => {
  FakeCompute.all = [];
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-host-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function setup(options: { size?: number; behaviour?: (slot: number, generation: number) => FakeBehaviour; plan?: (n: number) => number[] } = {}) {
  const sent: JobEvent[] = [];
  const notices: string[] = [];
  const generations = new Map<number, number>();
  let size = options.size ?? 2;
  const host = new LabHost({
    createCompute: (slot) => {
      const g = generations.get(slot) ?? 0;
      generations.set(slot, g + 1);
      return new FakeCompute(slot, options.behaviour?.(slot, g) ?? {});
    },
    poolSize: () => size,
    storeRoot: () => root,
    send: (e) => sent.push(e),
    versions: { critlab: '0.1.0-test' },
    notice: (m) => notices.push(m),
  });
  return { host, sent, notices, setSize: (n: number) => (size = n) };
}

const finished = (sent: JobEvent[], jobId: string) => () => sent.some((e) => e.jobId === jobId && (e.type === 'done' || e.type === 'error'));
const manifest = (runId: string) => JSON.parse(fs.readFileSync(path.join(root, runId, 'run.json'), 'utf8')) as RunManifest;
const lines = (runId: string, file = 'points.jsonl') =>
  fs.existsSync(path.join(root, runId, file))
    ? fs.readFileSync(path.join(root, runId, file), 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as StartRecord)
    : [];

describe('LabHost', () => {
  it('runs a spec on the pool into a new store folder, each point on disk before the window sees it', async () => {
    const { host, sent } = setup();
    let runId = '';
    const onDisk: number[] = [];
    const send = sent.push.bind(sent);
    sent.push = (...events: JobEvent[]) => {
      for (const e of events) if (e.type === 'point') onDisk.push(lines(runId).length);
      return send(...events);
    };
    ({ runId } = host.startRun('a', spec));
    expect(runId).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-saddle-test$/);
    expect(manifest(runId)).toMatchObject({ format: 'critlab-run', status: 'running', versions: { critlab: '0.1.0-test' } });
    expect(host.activeRunIds.has(runId)).toBe(true);
    await until(finished(sent, 'a'));

    const points = sent.filter((e) => e.type === 'point');
    expect(points).toHaveLength(16);
    // When the n-th point reached the window, at least n records were already in points.jsonl.
    onDisk.forEach((count, i) => expect(count).toBeGreaterThanOrEqual(i + 1));
    // Each point is preceded by its trace, and events carry the window's job id.
    expect(sent.filter((e) => e.type === 'trace')).toHaveLength(16);
    expect(sent.every((e) => e.jobId === 'a')).toBe(true);
    const done = sent.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.summary).toMatchObject({ total: 16, finished: 16, cancelled: false });

    const m = manifest(runId);
    expect(m.status).toBe('finished');
    expect(m.summary?.distinct.map((d) => d.hits)).toEqual([8, 8]);
    expect(lines(runId).map((r) => r.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(lines(runId, 'traces.jsonl')).toHaveLength(16);
    expect(host.activeJobs.size).toBe(0);
    await host.dispose();
  });

  it('refuses a spec that cannot be planned before creating any folder, naming the field', async () => {
    const { host } = setup();
    const { spec: bad } = parseStartRunArgs([{ problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', box: [[0, 1]], count: 2 } }]);
    expect(() => host.startRun('a', bad)).toThrow(/needs 2 intervals/);
    expect(fs.readdirSync(root)).toEqual([]);
    await host.dispose();
  });

  it('cancels a running job: run.json says cancelled and keeps the finished starts', async () => {
    const { host, sent } = setup({ behaviour: () => ({ delayMs: 5 }) });
    const { runId } = host.startRun('a', spec);
    await until(() => sent.filter((e) => e.type === 'point').length >= 2);
    host.cancelRun('a');
    await until(finished(sent, 'a'));
    const done = sent.at(-1)!;
    expect(done).toMatchObject({ type: 'done', summary: { cancelled: true } });
    expect(manifest(runId).status).toBe('cancelled');
    expect(lines(runId).length).toBe(sent.filter((e) => e.type === 'point').length);
    host.cancelRun('a'); // no longer running: nothing happens
    await host.dispose();
  });

  it('queues runs one after the other; a queued run cancelled never starts', async () => {
    const { host, sent } = setup();
    const first = host.startRun('a', spec);
    const second = host.startRun('b', spec);
    const third = host.startRun('c', spec);
    expect(new Set([first.runId, second.runId, third.runId]).size).toBe(3);
    host.cancelRun('b');
    expect(sent.find((e) => e.jobId === 'b')).toMatchObject({ type: 'done', summary: { cancelled: true, finished: 0 } });
    expect(manifest(second.runId).status).toBe('cancelled');
    await until(finished(sent, 'c'));
    // Runs did not overlap: all of a's events come before c's.
    const lastA = sent.map((e) => e.jobId).lastIndexOf('a');
    const firstC = sent.map((e) => e.jobId).indexOf('c');
    expect(lastA).toBeLessThan(firstC);
    expect(manifest(third.runId).status).toBe('finished');
    await host.dispose();
  });

  it('survives a crashed process: it is restarted, its start re-queued, and the run completes', async () => {
    let crashed = false;
    const { host, sent, notices } = setup({
      behaviour: () => ({
        crashOn: (id) => {
          if (id !== 5 || crashed) return false;
          crashed = true;
          return true;
        },
      }),
    });
    const { runId } = host.startRun('a', spec);
    await until(finished(sent, 'a'));
    expect(sent.at(-1)).toMatchObject({ type: 'done', summary: { finished: 16 } });
    expect(lines(runId)).toHaveLength(16);
    expect(notices.some((n) => /crashed .*restarting it/.test(n))).toBe(true);
    await host.dispose();
  });

  it('a start that crashes twice is stored as failed with the reason; the run finishes', async () => {
    const { host, sent } = setup({ behaviour: () => ({ crashOn: (id) => id === 2 }) });
    const { runId } = host.startRun('a', spec);
    await until(finished(sent, 'a'));
    const failed = lines(runId).filter((r) => r.status === 'failed');
    expect(failed).toEqual([{ id: 2, status: 'failed', error: expect.stringMatching(/crashed 2 times/) }]);
    expect(manifest(runId)).toMatchObject({ status: 'finished', summary: { finished: 16, failed: 1 } });
    await host.dispose();
  });

  it('resumes an interrupted run: only the missing starts run, stored ones are replayed first', async () => {
    // An interrupted run as a crash leaves it: run.json says running, 5 records and a cut-off line.
    const { host, sent, notices } = setup();
    const runId = '2026-01-01T00-00-00Z-saddle-test';
    fs.mkdirSync(path.join(root, runId));
    fs.writeFileSync(
      path.join(root, runId, 'run.json'),
      JSON.stringify({ format: 'critlab-run', formatVersion: 1, spec, versions: {}, status: 'running', startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const stored = [0, 3, 4, 9, 15].map((id) => {
      const { cluster: _c, ...r } = fakeRecord(id);
      return JSON.stringify(r);
    });
    fs.writeFileSync(path.join(root, runId, 'points.jsonl'), stored.join('\n') + '\n{"id":7,"sta');
    expect(listRuns(root, host.activeRunIds)[0]).toMatchObject({ runId, status: 'interrupted', records: 5 });

    expect(host.resumeRun('r', runId)).toEqual({ runId });
    expect(() => host.resumeRun('r2', runId)).toThrow(/already running/);
    expect(notices.some((n) => /cut off .*that start runs again/.test(n))).toBe(true);
    await until(finished(sent, 'r'));
    const points = sent.filter((e) => e.type === 'point');
    expect(points.slice(0, 5).map((e) => e.type === 'point' && e.record.id)).toEqual([0, 3, 4, 9, 15]);
    expect(points).toHaveLength(16);
    const posted = FakeCompute.all.flatMap((c) => c.posted.filter((r) => r.type === 'start').flatMap((r) => (r.type === 'start' ? r.only ?? [] : [])));
    expect(posted.sort((a, b) => a - b)).toEqual([1, 2, 5, 6, 7, 8, 10, 11, 12, 13, 14]);
    const m = manifest(runId);
    expect(m.status).toBe('finished');
    expect(m.resumedAt).toHaveLength(1);
    expect(m.summary).toMatchObject({ total: 16, finished: 16 });
    expect(lines(runId).map((r) => r.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(fs.readdirSync(path.join(root, runId)).some((f) => f.startsWith('points.jsonl.truncated-'))).toBe(true);
    await host.dispose();
  });

  it('refuses to resume a finished run, an unknown run, a bad id, or a damaged one', async () => {
    const { host, sent } = setup();
    const { runId } = host.startRun('a', spec);
    await until(finished(sent, 'a'));
    expect(() => host.resumeRun('b', runId)).toThrow(/already finished/);
    expect(() => host.resumeRun('b', 'no-such-run')).toThrow(/no run 'no-such-run'/);
    expect(() => host.resumeRun('b', '../etc')).toThrow(/invalid run id/);
    fs.mkdirSync(path.join(root, 'broken'));
    fs.writeFileSync(path.join(root, 'broken', 'run.json'), JSON.stringify({ format: 'critlab-run', spec, status: 'running', startedAt: 'x', versions: {} }));
    fs.writeFileSync(path.join(root, 'broken', 'points.jsonl'), 'garbage\n{"id":1}\n');
    const before = fs.readFileSync(path.join(root, 'broken', 'points.jsonl'), 'utf8');
    expect(() => host.resumeRun('b', 'broken')).toThrow(/points\.jsonl line 1 is not valid JSON/);
    expect(fs.readFileSync(path.join(root, 'broken', 'points.jsonl'), 'utf8')).toBe(before);
    await host.dispose();
  });

  describe('data files', () => {
    const fileSpec = parseStartRunArgs([
      { name: 'File net', problem: { kind: 'network', layers: [3, 2, 3], data: { kind: 'file', path: 'samples.csv' } }, sampling: { strategy: 'trajectory', starts: 6 } },
    ]).spec;
    const csv = new TextEncoder().encode('a,b,c\n1,2,3\n4,5,6\n');
    const startRequests = () => FakeCompute.all.flatMap((c) => c.posted.filter((r) => r.type === 'start'));
    /** Each compute process's start requests of the run `jobId`, in the order it got them. */
    const requestsByProcess = (jobId: string) =>
      FakeCompute.all
        .map((c) => c.posted.filter((r): r is Extract<typeof r, { type: 'start' }> => r.type === 'start' && r.jobId.startsWith(`${jobId}/`)))
        .filter((list) => list.length > 0);

    /** A run of `fileSpec` interrupted after starts 0 and 1, its data file kept in data/ unless left out. */
    function interruptedRun(runId: string, data: Uint8Array | null): string {
      const dir = path.join(root, runId);
      fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
      if (data) fs.writeFileSync(path.join(dir, 'data', 'samples.csv'), data);
      fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ format: 'critlab-run', formatVersion: 1, spec: fileSpec, versions: {}, status: 'running', startedAt: '2026-01-01T00:00:00.000Z' }));
      const stored = [0, 1].map((id) => {
        const { cluster: _c, ...r } = fakeRecord(id);
        return JSON.stringify(r) + '\n';
      });
      fs.writeFileSync(path.join(dir, 'points.jsonl'), stored.join(''));
      return dir;
    }

    it('keeps the picked files in the run folder under data/ and sends them once to each compute process', async () => {
      const { host, sent } = setup();
      const { runId } = host.startRun('a', fileSpec, { 'samples.csv': csv, 'unused.csv': new Uint8Array([1]) });
      // On disk before the run starts (startRun returns before any start is posted).
      expect(startRequests()).toEqual([]);
      expect(fs.readdirSync(path.join(root, runId, 'data'))).toEqual(['samples.csv']);
      expect(new Uint8Array(fs.readFileSync(path.join(root, runId, 'data', 'samples.csv')))).toEqual(csv);
      await until(finished(sent, 'a'));
      expect(sent.at(-1)).toMatchObject({ type: 'done', summary: { finished: 6 } });
      expect(startRequests().length).toBeGreaterThan(1);
      // Each compute process gets the files once, with its first batch; every batch names them.
      for (const requests of requestsByProcess('a')) {
        expect(Object.keys(requests[0].files ?? {})).toEqual(['samples.csv']);
        expect(requests[0].files?.['samples.csv']).toEqual(csv);
        for (const later of requests.slice(1)) expect(later.files).toBeUndefined();
        for (const request of requests) expect(request.filesKey).toBe('a');
      }
      // The data folder is not damage: the library lists the run as it lists any other.
      expect(listRuns(root).find((r) => r.runId === runId)).toMatchObject({ status: 'finished', records: 6, problems: [] });
      await host.dispose();
    });

    it('runs without files stay as they were: no data/ folder, no files in the requests', async () => {
      const { host, sent } = setup();
      const { runId } = host.startRun('a', spec, { 'samples.csv': csv });
      await until(finished(sent, 'a'));
      expect(fs.existsSync(path.join(root, runId, 'data'))).toBe(false);
      expect(startRequests().every((r) => r.type === 'start' && !('files' in r))).toBe(true);
      await host.dispose();
    });

    it('refuses file names that are not plain names before making any folder', async () => {
      const { host } = setup();
      const traversal = parseStartRunArgs([{ ...fileSpec, problem: { ...fileSpec.problem, data: { kind: 'file', path: '../samples.csv' } } }]).spec;
      expect(() => host.startRun('a', traversal, { '../samples.csv': csv })).toThrow(/data file name "\.\.\/samples\.csv" contains a path separator/);
      expect(fs.readdirSync(root)).toEqual([]);
      await host.dispose();
    });

    it('resuming reads the files back from data/ and sends them with the missing starts', async () => {
      const { host, sent } = setup();
      const runId = '2026-01-01T00-00-00Z-file-net';
      interruptedRun(runId, csv);
      expect(host.resumeRun('r', runId)).toEqual({ runId });
      await until(finished(sent, 'r'));
      expect(sent.at(-1)).toMatchObject({ type: 'done', summary: { total: 6, finished: 6 } });
      const requests = startRequests();
      expect(requests.flatMap((r) => (r.type === 'start' ? r.only ?? [] : [])).sort()).toEqual([2, 3, 4, 5]);
      for (const [first] of requestsByProcess('r')) {
        const bytes = first.files?.['samples.csv'];
        expect(bytes).toEqual(csv);
        // A plain, exactly sized Uint8Array (not a Buffer, not a view into a pool).
        expect(bytes?.constructor).toBe(Uint8Array);
        expect(bytes?.buffer.byteLength).toBe(csv.byteLength);
      }
      expect(manifest(runId)).toMatchObject({ status: 'finished', summary: { total: 6, finished: 6 } });
      await host.dispose();
    });

    it('refuses to resume a run whose data file is missing from its folder, naming it and changing nothing', async () => {
      const { host } = setup();
      const runId = '2026-01-01T00-00-00Z-file-net';
      const dir = interruptedRun(runId, null);
      const before = fs.readFileSync(path.join(dir, 'run.json'), 'utf8');
      expect(() => host.resumeRun('r', runId)).toThrow(
        `run '${runId}': the data file "samples.csv" is missing from the run folder (data/samples.csv); the run cannot be resumed without it`,
      );
      expect(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')).toBe(before);
      expect(host.activeRunIds.size).toBe(0);
      // A folder in place of the file is refused too; with the file back, the run resumes.
      fs.mkdirSync(path.join(dir, 'data', 'samples.csv'));
      expect(() => host.resumeRun('r', runId)).toThrow(/data\/samples\.csv in the run folder is not a plain file/);
      fs.rmdirSync(path.join(dir, 'data', 'samples.csv'));
      fs.writeFileSync(path.join(dir, 'data', 'samples.csv'), csv);
      expect(host.resumeRun('r', runId)).toEqual({ runId });
      await host.dispose();
    });

    it('refuses to resume a run whose spec names a data path, not a plain file name', async () => {
      const { host } = setup();
      const runId = 'cli-run';
      const cliSpec = { ...fileSpec, problem: { ...fileSpec.problem, data: { kind: 'file', path: 'inputs/samples.csv' } } };
      fs.mkdirSync(path.join(root, runId));
      fs.writeFileSync(path.join(root, runId, 'run.json'), JSON.stringify({ format: 'critlab-run', formatVersion: 1, spec: cliSpec, versions: {}, status: 'running', startedAt: 'x' }));
      expect(() => host.resumeRun('r', runId)).toThrow(/cannot be resumed in the app: its spec names the data file "inputs\/samples\.csv", which contains a path separator/);
      await host.dispose();
    });
  });

  it('a new pool size applies to the next run', async () => {
    const { host, sent, setSize } = setup({ size: 1 });
    host.startRun('a', spec);
    await until(finished(sent, 'a'));
    expect(host.computePool?.size).toBe(1);
    setSize(3);
    host.resizePool();
    host.startRun('b', spec);
    await until(finished(sent, 'b'));
    expect(host.computePool?.size).toBe(3);
    await host.dispose();
  });

  it('dispose cancels the running run, marks queued ones cancelled, and stops every process', async () => {
    const { host } = setup({ behaviour: () => ({ hang: true }) });
    const running = host.startRun('a', spec);
    const queued = host.startRun('b', spec);
    await until(() => FakeCompute.all.some((c) => c.posted.length > 0));
    await host.dispose(500);
    expect(manifest(running.runId).status).toBe('cancelled');
    expect(manifest(queued.runId).status).toBe('cancelled');
    expect(FakeCompute.all.every((c) => !c.alive)).toBe(true);
    expect(() => host.startRun('c', spec)).toThrow(/quitting/);
  });

  it('a run cut off by quitting without time to record it stays resumable (running on disk)', async () => {
    const { host } = setup({ behaviour: () => ({ hang: true }) });
    const { runId } = host.startRun('a', spec);
    await until(() => FakeCompute.all.some((c) => c.posted.length > 0));
    // The processes ignore the cancel (hang) ... and dispose gives up after its timeout.
    for (const c of FakeCompute.all) c.post = vi.fn();
    await host.dispose(30);
    expect(manifest(runId).status).toBe('running');
    expect(listRuns(root)[0]).toMatchObject({ runId, status: 'interrupted' });
  });
});
