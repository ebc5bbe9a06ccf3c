// electron/compute-pool.ts: the utilityProcess twin of the CLI's thread pool, against fake
// compute processes: starts spread over the pool, a crash restarts the process and re-queues
// its start once, a second crash on the same start records it as failed with the reason, a
// process that dies at once is restarted with back-off, and close waits for every exit.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FailedStart, PointRecord } from '../../core/experiment/records.ts';
import { ComputePool, defaultPoolSize, exitReason, FAST_EXIT_MS, isJobEvent, MAX_POOL_SIZE } from '../../electron/compute-pool.ts';
import { FakeCompute, until, type FakeBehaviour } from './fake-compute.ts';

const spec = { problem: { kind: 'function' as const, name: 'saddle' } };
const ids = (n: number) => Array.from({ length: n }, (_, i) => i);

function collector() {
  const points: PointRecord[] = [];
  const failed: FailedStart[] = [];
  const traces: number[] = [];
  return {
    points,
    failed,
    traces,
    events: {
      point: (r: PointRecord) => points.push(r),
      trace: (t: { startId: number }) => traces.push(t.startId),
      progress: () => {},
      failed: (f: FailedStart) => failed.push(f),
    },
  };
}

function pool(size: number, behaviour: (slot: number, generation: number) => FakeBehaviour = () => ({}), extra: Partial<ConstructorParameters<typeof ComputePool>[0]> = {}) {
  const generations = new Map<number, number>();
  const warn = vi.fn();
  const p = new ComputePool({
    size,
    createCompute: (slot) => {
      const g = generations.get(slot) ?? 0;
      generations.set(slot, g + 1);
      return new FakeCompute(slot, behaviour(slot, g));
    },
    warn,
    ...extra,
  });
  return { pool: p, warn };
}

beforeEach(() => {
  FakeCompute.all = [];
});

describe('ComputePool', () => {
  it('defaults to cores − 1 processes (at least one) and refuses absurd sizes', () => {
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    for (const size of [0, -1, 1.5, MAX_POOL_SIZE + 1, Number.NaN]) {
      expect(() => new ComputePool({ size, createCompute: (slot) => new FakeCompute(slot) }), String(size)).toThrow(/pool size/);
    }
  });

  it('starts one process per slot and spreads the starts over all of them', async () => {
    const { pool: p } = pool(3);
    const c = collector();
    const summary = await p.scheduler.run({ jobId: 'r', spec, startIds: ids(40), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(FakeCompute.all).toHaveLength(3);
    expect(c.points.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids(40));
    for (const compute of FakeCompute.all) expect(compute.posted.filter((r) => r.type === 'start').length).toBeGreaterThan(0);
    expect(summary).toMatchObject({ total: 40, finished: 40, cancelled: false });
    expect(c.traces.sort((a, b) => a - b)).toEqual(ids(40));
    await p.close();
  });

  it('cancel reaches every process running a batch', async () => {
    const { pool: p } = pool(2, () => ({ hang: true }));
    const run = p.scheduler.run({ jobId: 'r', spec, startIds: ids(10), dedupTolerance: 1e-6, events: collector().events, now: () => 0 });
    await until(() => FakeCompute.all.every((c) => c.posted.length > 0));
    run.cancel();
    const summary = await run.done;
    expect(summary.cancelled).toBe(true);
    for (const compute of FakeCompute.all) expect(compute.posted.some((r) => r.type === 'cancel')).toBe(true);
    await p.close();
  });

  it('restarts a crashed process and re-queues its start once; the run completes', async () => {
    // Start 7 crashes the first process it meets, and only that one.
    let crashed = false;
    const { pool: p, warn } = pool(2, () => ({
      crashOn: (id) => {
        if (id !== 7 || crashed) return false;
        crashed = true;
        return true;
      },
    }));
    const c = collector();
    const summary = await p.scheduler.run({ jobId: 'r', spec, startIds: ids(20), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(FakeCompute.all).toHaveLength(3); // two, plus the replacement
    expect(c.points.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids(20));
    expect(c.failed).toEqual([]);
    expect(summary).toMatchObject({ finished: 20, cancelled: false });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/compute process crashed \(exit code 139, SIGSEGV on start 7\); restarting it/));
    await p.close();
  });

  it('records a start that crashes two processes as failed, with the reason, and runs the rest', async () => {
    const { pool: p } = pool(2, () => ({ crashOn: (id) => id === 3 }));
    const c = collector();
    const summary = await p.scheduler.run({ jobId: 'r', spec, startIds: ids(12), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(c.failed).toEqual([{ id: 3, status: 'failed', error: expect.stringMatching(/crashed 2 times .*compute process crashed \(exit code 139, SIGSEGV on start 3\)/) }]);
    expect(c.points.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids(12).filter((id) => id !== 3));
    expect(summary).toMatchObject({ finished: 12, failed: 1 });
    await p.close();
  });

  it('waits before restarting a process that dies right after its start (no fork loop)', async () => {
    let clock = 0;
    const timers: Array<{ callback: () => void; ms: number }> = [];
    const { pool: p } = pool(1, (_slot, generation) => ({ dieOnStart: generation < 3 }), {
      now: () => clock,
      setTimer: (callback, ms) => {
        timers.push({ callback, ms });
        return timers.length;
      },
      clearTimer: () => {},
    });
    await until(() => FakeCompute.all.length === 2); // the first died; the second waits
    expect(FakeCompute.all[1].started).toBe(false);
    expect(timers.map((t) => t.ms)).toEqual([250]);
    expect(p.backoffMs(0)).toBe(250);
    timers[0].callback();
    await until(() => FakeCompute.all.length === 3);
    expect(timers.map((t) => t.ms)).toEqual([250, 500]);
    timers[1].callback();
    await until(() => FakeCompute.all.length === 4);
    timers[2].callback();
    await until(() => FakeCompute.all[3].started);
    // A process that lives longer than FAST_EXIT_MS resets the back-off.
    clock += FAST_EXIT_MS + 1;
    FakeCompute.all[3].die({ code: 134, crashed: true });
    await until(() => FakeCompute.all.length === 5);
    expect(p.backoffMs(0)).toBe(0);
    await until(() => FakeCompute.all[4].started);
    await p.close();
  });

  it('holds requests posted while a restart waits, and sends them in order once started', async () => {
    const timers: Array<() => void> = [];
    const { pool: p } = pool(1, (_s, g) => ({ dieOnStart: g === 0 }), { setTimer: (cb) => timers.push(cb), clearTimer: () => {} });
    await until(() => FakeCompute.all.length === 2);
    const c = collector();
    const run = p.scheduler.run({ jobId: 'r', spec, startIds: ids(3), dedupTolerance: 1e-6, events: c.events, now: () => 0 });
    expect(FakeCompute.all[1].posted).toEqual([]);
    timers[0]();
    await run.done;
    expect(c.points).toHaveLength(3);
    expect(FakeCompute.all[1].posted[0]).toMatchObject({ type: 'start' });
    await p.close();
  });

  it('a process that cannot even be forked counts as a crash (reported asynchronously)', async () => {
    const timers: Array<() => void> = [];
    const { pool: p, warn } = pool(1, (_s, g) => ({ throwOnStart: g === 0 }), { setTimer: (cb) => timers.push(cb), clearTimer: () => {} });
    await until(() => FakeCompute.all.length === 2);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be started \(fork failed\)/));
    timers[0]();
    await until(() => FakeCompute.all[1].started);
    await p.close();
  });

  it('drops malformed messages from a process', async () => {
    const { pool: p, warn } = pool(1);
    const c = collector();
    const run = p.scheduler.run({ jobId: 'r', spec, startIds: ids(2), dedupTolerance: 1e-6, events: c.events, now: () => 0 });
    await until(() => FakeCompute.all[0].started);
    for (const junk of [null, 42, { type: 'point' }, { type: 'exec', jobId: 'r/0' }]) FakeCompute.all[0].emit(junk);
    await run.done;
    expect(warn).toHaveBeenCalledWith('dropped a malformed message from a compute process');
    expect(c.points).toHaveLength(2);
    await p.close();
  });

  it('close terminates every process and waits for them; their exits are not crashes', async () => {
    const { pool: p, warn } = pool(3);
    await until(() => FakeCompute.all.every((c) => c.started));
    expect(p.processes).toBe(3);
    await p.close();
    for (const compute of FakeCompute.all) expect(compute.kill).toHaveBeenCalled();
    expect(FakeCompute.all.every((c) => !c.alive)).toBe(true);
    expect(FakeCompute.all).toHaveLength(3); // nothing restarted
    expect(warn).not.toHaveBeenCalled();
  });

  it('describes exits in words', () => {
    expect(exitReason({ code: 139, crashed: true, reason: 'FatalError at x' })).toBe('the compute process crashed (exit code 139, FatalError at x)');
    expect(exitReason({ code: 0, crashed: false })).toBe('the compute process exited unexpectedly (code 0)');
  });

  it('isJobEvent accepts the five event types with a job id and nothing else', () => {
    for (const type of ['progress', 'point', 'trace', 'done', 'error']) expect(isJobEvent({ type, jobId: 'a' })).toBe(true);
    for (const junk of [null, undefined, 'done', { type: 'done' }, { type: 'start', jobId: 'a' }, { type: 'done', jobId: 3 }]) expect(isJobEvent(junk)).toBe(false);
  });
});
