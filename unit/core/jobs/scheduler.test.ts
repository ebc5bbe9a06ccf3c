import { describe, expect, it } from 'vitest';
import { PoolScheduler, type PoolWorker } from '../../../core/jobs/scheduler.ts';
import type { JobEvent, JobRequest } from '../../../core/jobs/protocol.ts';
import type { FailedStart, PointRecord } from '../../../core/experiment/records.ts';

/** A fake compute worker: answers a one-start job with a point and done, after a tick. */
class FakeWorker implements PoolWorker {
  static all: FakeWorker[] = [];
  readonly received: JobRequest[] = [];
  private emit: (e: JobEvent) => void = () => {};
  private exit: (reason: string) => void = () => {};
  terminated = false;
  constructor(
    readonly slot: number,
    private readonly behaviour: { crashOn?: (id: number, worker: FakeWorker) => boolean; hang?: boolean },
  ) {
    FakeWorker.all.push(this);
  }
  onEvent(listener: (e: JobEvent) => void) {
    this.emit = listener;
  }
  onExit(listener: (reason: string) => void) {
    this.exit = listener;
  }
  terminate() {
    this.terminated = true;
  }
  post(request: JobRequest) {
    this.received.push(request);
    if (this.terminated) return;
    if (request.type === 'cancel') {
      setTimeout(() => this.emit({ type: 'done', jobId: request.jobId, summary: summary(0, true) }), 1);
      return;
    }
    // Runs the batch in order: a point per start, then done; a crash takes the worker down at
    // the start that causes it, after the points before it were reported.
    const batch = [...request.only!];
    const step = () => {
      if (this.terminated) return;
      const id = batch.shift();
      if (id === undefined) {
        this.emit({ type: 'done', jobId: request.jobId, summary: summary(1, false) });
        return;
      }
      if (this.behaviour.crashOn?.(id, this)) {
        this.terminated = true;
        this.exit(`killed by signal SIGSEGV on start ${id}`);
        return;
      }
      this.emit({ type: 'point', jobId: request.jobId, record: record(id) });
      setTimeout(step, id % 3);
    };
    if (!this.behaviour.hang) setTimeout(step, 1);
  }
}

function record(id: number): PointRecord {
  // Two distinct critical points: even ids at θ = (0, 0), odd ids at θ = (1, 1).
  const theta = id % 2 === 0 ? [0, 0] : [1, 1];
  return {
    id, status: 'critical', stopReason: 'converged', loss: theta[0], gradNormSq: 0, iterations: 3, hvps: 8,
    index: 0, negative: 0, zero: 0, positive: 2, type: 'minimum', cluster: null, theta, start: [id, id],
    finder: 'newton', elapsedMs: 1,
  };
}

function summary(finished: number, cancelled: boolean) {
  return { total: 1, finished, cancelled, counts: { critical: finished, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 }, distinct: [], elapsedMs: 0 };
}

function collector() {
  const points: PointRecord[] = [];
  const failed: FailedStart[] = [];
  const progress: { done: number; total: number }[] = [];
  return {
    points, failed, progress,
    events: {
      point: (r: PointRecord) => points.push(r),
      trace: () => {},
      progress: (p: { done: number; total: number }) => progress.push({ done: p.done, total: p.total }),
      failed: (f: FailedStart) => failed.push(f),
    },
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
const spec = { problem: { kind: 'function' as const, name: 'saddle' } };

describe('PoolScheduler', () => {
  it('distributes every start to the workers exactly once and merges their results', async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(3, (slot) => new FakeWorker(slot, {}));
    const c = collector();
    const summary = await pool.run({ jobId: 'r', spec, startIds: ids(30), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(c.points.map((p) => p.id).sort((a, b) => a - b)).toEqual(ids(30));
    // Every worker did part of the work.
    for (const w of FakeWorker.all) expect(w.received.filter((r) => r.type === 'start').length).toBeGreaterThan(0);
    expect(summary).toMatchObject({ total: 30, finished: 30, cancelled: false });
    expect(summary.distinct.map((d) => d.hits)).toEqual([15, 15]);
    // Clusters are assigned over the merged stream.
    for (const p of c.points) expect(p.cluster).toBe(p.id % 2 === 0 ? summary.distinct.findIndex((d) => d.theta[0] === 0) : summary.distinct.findIndex((d) => d.theta[0] === 1));
    expect(c.progress.at(-1)).toEqual({ done: 30, total: 30 });
    pool.close();
  });

  it('restarts a crashed worker and re-queues its start once', async () => {
    FakeWorker.all = [];
    const crashedOnce = new Set<number>();
    const pool = new PoolScheduler(2, (slot) => new FakeWorker(slot, {
      crashOn: (id) => {
        if (id === 5 && !crashedOnce.has(id)) {
          crashedOnce.add(id);
          return true;
        }
        return false;
      },
    }));
    const c = collector();
    const summary = await pool.run({ jobId: 'r', spec, startIds: ids(10), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(c.points.map((p) => p.id).sort((a, b) => a - b)).toEqual(ids(10));
    expect(c.failed).toEqual([]);
    expect(FakeWorker.all).toHaveLength(3); // two originals and one replacement
    expect(summary.finished).toBe(10);
    pool.close();
  });

  it('records a start that crashes twice as failed with the reason, and finishes the rest', async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(2, (slot) => new FakeWorker(slot, { crashOn: (id) => id === 7 }));
    const c = collector();
    const summary = await pool.run({ jobId: 'r', spec, startIds: ids(12), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(c.points.map((p) => p.id).sort((a, b) => a - b)).toEqual(ids(12).filter((i) => i !== 7));
    expect(c.failed).toHaveLength(1);
    expect(c.failed[0]).toMatchObject({ id: 7, status: 'failed' });
    expect(c.failed[0].error).toMatch(/crashed 2 times.*SIGSEGV on start 7/);
    expect(summary).toMatchObject({ finished: 12, failed: 1, cancelled: false });
    expect(c.progress.at(-1)).toEqual({ done: 12, total: 12 });
    pool.close();
  });

  it('pins a crash inside a batch on the start being run, re-queueing the rest of the batch unmarked', async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(2, (slot) => new FakeWorker(slot, { crashOn: (id) => id === 50 }));
    const c = collector();
    const summary = await pool.run({ jobId: 'r', spec, startIds: ids(200), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    // Batches are larger than one start here (200 starts, 2 workers).
    expect(Math.max(...FakeWorker.all.flatMap((w) => w.received.map((r) => (r.type === 'start' ? r.only!.length : 0))))).toBeGreaterThan(1);
    expect(c.points.map((p) => p.id).sort((a, b) => a - b)).toEqual(ids(200).filter((i) => i !== 50));
    expect(c.failed.map((f) => f.id)).toEqual([50]);
    expect(summary).toMatchObject({ total: 200, finished: 200, failed: 1 });
    pool.close();
  });

  it('sends cancel to every busy worker and settles with what finished', async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(3, (slot) => new FakeWorker(slot, { hang: true }));
    const c = collector();
    const run = pool.run({ jobId: 'r', spec, startIds: ids(20), dedupTolerance: 1e-6, events: c.events, now: () => 0 });
    run.cancel();
    const summary = await run.done;
    expect(summary.cancelled).toBe(true);
    expect(summary.finished).toBe(0);
    for (const w of FakeWorker.all) expect(w.received.filter((r) => r.type === 'cancel')).toHaveLength(1);
    // Nothing beyond the first three starts was ever sent.
    expect(FakeWorker.all.flatMap((w) => w.received.filter((r) => r.type === 'start'))).toHaveLength(3);
    pool.close();
  });

  it('counts the records of a resumed run and runs only the rest', async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(2, (slot) => new FakeWorker(slot, {}));
    const c = collector();
    const previous = [0, 1, 2].map(record);
    const summary = await pool.run({ jobId: 'r', spec, startIds: [3, 4, 5], previous, dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    expect(c.points.map((p) => p.id).sort()).toEqual([3, 4, 5]);
    expect(summary).toMatchObject({ total: 6, finished: 6 });
    expect(summary.distinct.map((d) => d.hits)).toEqual([3, 3]);
    pool.close();
  });

  it("sends the run's data files once to each worker, names them on every request, and none when there are none", async () => {
    FakeWorker.all = [];
    const pool = new PoolScheduler(2, (slot) => new FakeWorker(slot, {}));
    const files = { 'samples.csv': new Uint8Array([49, 44, 50, 10]) };
    const c = collector();
    await pool.run({ jobId: 'r', spec, startIds: ids(40), dedupTolerance: 1e-6, events: c.events, now: () => 0, files, baseDir: '/specs' }).done;
    expect(FakeWorker.all).toHaveLength(2);
    for (const worker of FakeWorker.all) {
      const starts = worker.received.filter((r) => r.type === 'start');
      expect(starts.length).toBeGreaterThan(1);
      expect(starts.map((r) => r.type === 'start' && r.files)).toEqual([files, ...starts.slice(1).map(() => undefined)]);
      for (const request of starts) {
        expect(request.type === 'start' && request.filesKey).toBe('r');
        expect(request.type === 'start' && request.baseDir).toBe('/specs');
      }
    }
    // The next run with files sends them again, under its own key.
    await pool.run({ jobId: 'r1', spec, startIds: ids(8), dedupTolerance: 1e-6, events: c.events, now: () => 0, files }).done;
    for (const worker of FakeWorker.all) {
      const starts = worker.received.filter((r) => r.type === 'start' && r.jobId.startsWith('r1/'));
      if (starts.length > 0) expect(starts[0].type === 'start' && [starts[0].files, starts[0].filesKey]).toEqual([files, 'r1']);
    }
    await pool.run({ jobId: 'r2', spec, startIds: ids(4), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done;
    const later = FakeWorker.all.flatMap((w) => w.received.filter((r) => r.type === 'start' && r.jobId.startsWith('r2/')));
    expect(later.length).toBeGreaterThan(0);
    for (const request of later) expect(Object.keys(request).sort()).toEqual(['jobId', 'only', 'spec', 'type']);
    pool.close();
  });

  it('sends the data files again to the worker that replaces a crashed one', async () => {
    FakeWorker.all = [];
    let crashed = false;
    const pool = new PoolScheduler(1, (slot) =>
      new FakeWorker(slot, {
        crashOn: (id) => {
          if (id !== 6 || crashed) return false;
          crashed = true;
          return true;
        },
      }),
    );
    const files = { 'samples.csv': new Uint8Array([49, 10]) };
    const c = collector();
    const summary = await pool.run({ jobId: 'r', spec, startIds: ids(30), dedupTolerance: 1e-6, events: c.events, now: () => 0, files }).done;
    expect(summary.finished).toBe(30);
    expect(FakeWorker.all).toHaveLength(2);
    for (const worker of FakeWorker.all) {
      const starts = worker.received.filter((r) => r.type === 'start');
      expect(starts[0].type === 'start' && starts[0].files).toBe(files);
      expect(starts.slice(1).every((r) => r.type === 'start' && r.files === undefined && r.filesKey === 'r')).toBe(true);
    }
    pool.close();
  });

  it('ends the run with the error when a worker refuses the spec', async () => {
    const pool = new PoolScheduler(2, (slot) => {
      const w = new FakeWorker(slot, { hang: true });
      const post = w.post.bind(w);
      let emit: (e: JobEvent) => void = () => {};
      w.onEvent = (l) => void (emit = l);
      w.post = (r) => {
        post(r);
        if (r.type === 'start') setTimeout(() => emit({ type: 'error', jobId: r.jobId, message: 'problem.name: unknown', field: 'problem.name' }), 1);
      };
      return w;
    });
    const c = collector();
    await expect(pool.run({ jobId: 'r', spec, startIds: ids(4), dedupTolerance: 1e-6, events: c.events, now: () => 0 }).done).rejects.toMatchObject({ message: 'problem.name: unknown', field: 'problem.name' });
    pool.close();
  });
});
