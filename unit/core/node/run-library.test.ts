// core/node/run-library.ts: the store folder as the desktop library sees it. Listing is cheap and
// never throws on a damaged folder; opening checks every line; run ids never reach outside.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PointRecord } from '../../../core/experiment/records.ts';
import {
  describeSpec,
  isRunId,
  listRuns,
  MAX_TRACES_ON_OPEN,
  newRunDir,
  readStoredRun,
  resolveRunDir,
  runFolderName,
} from '../../../core/node/run-library.ts';
import type { TraceEvent } from '../../../core/jobs/protocol.ts';
import { loadRun, RunStore } from '../../../core/node/run-store.ts';
import { mergeRuns } from '../../../core/node/merge.ts';
import { openRunFolder } from '../../../core/node/run-session.ts';

const spec = { name: 'Himmelblau grid', problem: { kind: 'function' as const, name: 'himmelblau' }, sampling: { strategy: 'grid' as const, count: 2 } };
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-library-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function record(id: number): PointRecord {
  const theta = id % 2 === 0 ? [3, 2] : [-2.805118, 3.131313];
  return {
    id, status: 'critical', stopReason: 'converged', loss: 0, gradNormSq: 1e-25, iterations: 5, hvps: 10, index: 0,
    negative: 0, zero: 0, positive: 2, type: 'minimum', cluster: 7, theta, start: [id, id], finder: 'newton', elapsedMs: 1,
  };
}

/** A run folder written through the real store. */
function makeRun(runId: string, options: { records?: number; finish?: boolean; startedAt?: string } = {}): string {
  const dir = path.join(root, runId);
  const store = RunStore.create(dir, spec, { critlab: 'test' });
  const f = new Float64Array([1, 0]);
  for (let id = 0; id < (options.records ?? 4); id++) store.append(record(id), { type: 'trace', jobId: 'j', startId: id, loss: f, gradNormSq: f, step: f, innerIterations: new Float64Array(2), flags: ['', ''] } as unknown as TraceEvent);
  if (options.finish) store.finish('finished', { total: 4, finished: 4, cancelled: false, counts: { critical: 4, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 }, distinct: [], elapsedMs: 12 });
  store.close();
  if (options.startedAt) {
    const file = path.join(dir, 'run.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), startedAt: options.startedAt }));
  }
  return dir;
}

describe('run ids and folder names', () => {
  it('accepts plain folder names only', () => {
    for (const ok of ['2026-11-22T10-31-05Z-himmelblau', 'a', 'run_1.v2']) expect(isRunId(ok), ok).toBe(true);
    for (const bad of ['', '.', '..', '.hidden', '../x', 'a/b', 'a\\b', '/abs', 'C:x', 'x'.repeat(161), 'a b', 'é', 42, null, undefined, ['a']]) {
      expect(isRunId(bad), String(bad)).toBe(false);
    }
  });

  it('names folders by time and spec, safely, and never reuses one', () => {
    const date = new Date('2026-11-22T10:31:05.123Z');
    expect(runFolderName(spec, date)).toBe('2026-11-22T10-31-05Z-himmelblau-grid');
    expect(runFolderName({ problem: { kind: 'function', expression: 'x^2 - y^2', variables: ['x', 'y'] } }, date)).toBe('2026-11-22T10-31-05Z-x-2-y-2');
    expect(runFolderName({ name: '../../etc/passwd', problem: spec.problem }, date)).toBe('2026-11-22T10-31-05Z-etc-passwd');
    expect(runFolderName({ name: '!!!', problem: spec.problem }, date)).toBe('2026-11-22T10-31-05Z-run');
    expect(isRunId(runFolderName({ name: 'x'.repeat(500), problem: spec.problem }, date))).toBe(true);
    const first = newRunDir(root, spec, date);
    fs.mkdirSync(first.dir);
    const second = newRunDir(root, spec, date);
    expect(second.runId).toBe(`${first.runId}-2`);
    expect(path.dirname(second.dir)).toBe(root);
  });

  it('describes specs by name, function or network', () => {
    expect(describeSpec(spec)).toBe('Himmelblau grid');
    expect(describeSpec({ problem: { kind: 'function', name: 'saddle' } })).toBe('saddle');
    expect(describeSpec({ problem: { kind: 'network', layers: [16, 4, 16] } })).toBe('network 16-4-16');
    expect(describeSpec(null)).toBe('run');
  });

  it('resolves only existing run folders directly inside the root', () => {
    makeRun('good');
    expect(resolveRunDir(root, 'good')).toBe(path.join(root, 'good'));
    expect(() => resolveRunDir(root, '../good')).toThrow(/invalid run id: "\.\.\/good" is not a run folder name/);
    expect(() => resolveRunDir(root, 42)).toThrow(/invalid run id: number/);
    expect(() => resolveRunDir(root, 'missing')).toThrow(/no run 'missing'/);
    // A symbolic link to a run elsewhere is not a folder of the store.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-outside-'));
    RunStore.create(path.join(outside, 'r'), spec, {}).close();
    fs.symlinkSync(path.join(outside, 'r'), path.join(root, 'linked'));
    expect(() => resolveRunDir(root, 'linked')).toThrow(/not a folder of the store/);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe('listRuns', () => {
  it('lists runs newest first with their status, name and counts', () => {
    makeRun('older', { finish: true, startedAt: '2026-01-01T00:00:00.000Z' });
    makeRun('newer', { records: 2, startedAt: '2026-02-01T00:00:00.000Z' });
    const runs = listRuns(root);
    expect(runs.map((r) => r.runId)).toEqual(['newer', 'older']);
    expect(runs[0]).toEqual({ runId: 'newer', status: 'interrupted', name: 'Himmelblau grid', startedAt: '2026-02-01T00:00:00.000Z', records: 2, problems: [] });
    expect(runs[1]).toMatchObject({ status: 'finished', records: 4, total: 4, summary: { finished: 4 }, problems: [] });
    expect(runs[1].finishedAt).toMatch(/^\d{4}-/);
    // A run this session is writing is running, not interrupted.
    expect(listRuns(root, new Set(['newer']))[0].status).toBe('running');
  });

  it('reports damaged folders instead of failing, and skips what is not a run', () => {
    makeRun('fine', { finish: true });
    const cut = makeRun('cut');
    fs.appendFileSync(path.join(cut, 'points.jsonl'), '{"id":9,"status":"crit');
    fs.mkdirSync(path.join(root, 'bad-json'));
    fs.writeFileSync(path.join(root, 'bad-json', 'run.json'), '{"format": "critlab-run", ');
    fs.mkdirSync(path.join(root, 'foreign'));
    fs.writeFileSync(path.join(root, 'foreign', 'run.json'), '{"hello": 1}');
    fs.mkdirSync(path.join(root, 'no-manifest'));
    fs.writeFileSync(path.join(root, 'no-manifest', 'points.jsonl'), '{}\n');
    fs.mkdirSync(path.join(root, 'odd-status'));
    fs.writeFileSync(path.join(root, 'odd-status', 'run.json'), JSON.stringify({ format: 'critlab-run', spec, status: 'exploded' }));
    fs.mkdirSync(path.join(root, 'empty-folder'));
    fs.mkdirSync(path.join(root, '.hidden'));
    fs.writeFileSync(path.join(root, '.hidden', 'run.json'), '{}');
    fs.writeFileSync(path.join(root, 'notes.txt'), 'not a run');

    const runs = new Map(listRuns(root).map((r) => [r.runId, r]));
    expect([...runs.keys()].sort()).toEqual(['bad-json', 'cut', 'fine', 'foreign', 'no-manifest', 'odd-status']);
    expect(runs.get('fine')!.problems).toEqual([]);
    expect(runs.get('cut')).toMatchObject({ status: 'interrupted', records: 4, problems: [expect.stringMatching(/points\.jsonl: the last line was cut off \(22 bytes/)] });
    expect(runs.get('bad-json')).toMatchObject({ status: 'damaged', problems: [expect.stringMatching(/run\.json is damaged \(/)] });
    expect(runs.get('foreign')).toMatchObject({ status: 'damaged', problems: ['run.json is not a critlab run manifest'] });
    expect(runs.get('no-manifest')).toMatchObject({ status: 'damaged', records: 1, problems: ['run.json is missing'] });
    expect(runs.get('odd-status')).toMatchObject({ status: 'damaged', problems: ['run.json has an unknown status "exploded"'] });
  });

  it('treats a missing root as an empty store', () => {
    expect(listRuns(path.join(root, 'nope'))).toEqual([]);
  });
});

describe('readStoredRun', () => {
  it('loads records in id order with canonical clusters, the summary and the traces', () => {
    makeRun('r', { finish: true });
    const run = readStoredRun(root, 'r');
    expect(run).toMatchObject({ runId: 'r', status: 'finished', spec, versions: { critlab: 'test' }, problems: [] });
    expect(run.records.map((r) => r.id)).toEqual([0, 1, 2, 3]);
    expect(run.records.map((r) => (r as PointRecord).cluster)).toEqual([0, 1, 0, 1]);
    expect(run.summary).toMatchObject({ total: 4, finished: 4 });
    expect(run.summary.distinct.map((d) => d.hits)).toEqual([2, 2]);
    expect(run.traces).toHaveLength(4);
    expect(run.traces[0]).toMatchObject({ id: 0, loss: [1, 0], gradNormSq: [1, 0], step: [1, 0] });
    expect(run.tracesOmitted).toBeUndefined();
  });

  it('reports a cut-off last line as a problem, and fails on a damaged line naming it', () => {
    const dir = makeRun('cut');
    fs.appendFileSync(path.join(dir, 'points.jsonl'), '{"id":9');
    expect(readStoredRun(root, 'cut').problems).toEqual([expect.stringMatching(/last line was cut off \(7 bytes/)]);
    const bad = makeRun('bad');
    const file = path.join(bad, 'points.jsonl');
    const content = fs.readFileSync(file, 'utf8').split('\n');
    content[1] = '{"id": "two"}';
    fs.writeFileSync(file, content.join('\n'));
    expect(() => readStoredRun(root, 'bad')).toThrow(/points\.jsonl line 2 is not a point record/);
    expect(() => readStoredRun(root, '../bad')).toThrow(/invalid run id/);
  });

  it('leaves out traces when there are too many to send', () => {
    const dir = makeRun('big', { records: 1 });
    const line = JSON.stringify({ id: 0, loss: [1], gradNormSq: [1], step: [1] }) + '\n';
    fs.writeFileSync(path.join(dir, 'traces.jsonl'), line.repeat(MAX_TRACES_ON_OPEN + 1));
    const run = readStoredRun(root, 'big');
    expect(run.traces).toEqual([]);
    expect(run.tracesOmitted).toBe(MAX_TRACES_ON_OPEN + 1);
  });
});

describe('a data/ folder in a run folder (the desktop app keeps picked data files there)', () => {
  function withData(dir: string): void {
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'samples.csv'), 'a,b\n1,2\n');
  }

  it('is not damage: listing, opening, loading and resuming the run ignore it', () => {
    withData(makeRun('finished-run', { finish: true }));
    withData(makeRun('interrupted-run', { records: 2 }));
    const runs = new Map(listRuns(root).map((r) => [r.runId, r]));
    expect([...runs.keys()].sort()).toEqual(['finished-run', 'interrupted-run']);
    expect(runs.get('finished-run')).toMatchObject({ status: 'finished', records: 4, problems: [] });
    expect(runs.get('interrupted-run')).toMatchObject({ status: 'interrupted', records: 2, problems: [] });
    const opened = readStoredRun(root, 'finished-run');
    expect(opened.records.map((r) => r.id)).toEqual([0, 1, 2, 3]);
    expect(opened.problems).toEqual([]);
    expect(loadRun(path.join(root, 'interrupted-run'))).toMatchObject({ records: [{ id: 0 }, { id: 1 }], truncatedTail: '' });
    const resumed = openRunFolder({ dir: path.join(root, 'interrupted-run'), spec, startIds: [0, 1, 2, 3], versions: {}, notice: () => {} });
    expect(resumed).toMatchObject({ kind: 'open', resumed: true, remaining: [2, 3] });
    if (resumed.kind === 'open') resumed.store.close();
    expect(fs.readFileSync(path.join(root, 'interrupted-run', 'data', 'samples.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('does not stop a merge, and is not copied into the merged folder', () => {
    const shard = (index: number) => {
      const dir = path.join(root, `shard-${index}`);
      const store = RunStore.create(dir, spec, { critlab: 'test' }, { index, count: 2 });
      store.append(record(index));
      store.finish('finished', { total: 1, finished: 1, cancelled: false, counts: { critical: 1, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 }, distinct: [], elapsedMs: 1 });
      store.close();
      withData(dir);
      return dir;
    };
    const out = path.join(root, 'merged');
    const summary = mergeRuns([shard(0), shard(1)], out, 'test');
    expect(summary).toMatchObject({ total: 2, finished: 2 });
    expect(fs.readdirSync(out).sort()).toEqual(['points.jsonl', 'run.json', 'traces.jsonl']);
  });
});
