import { describe, expect, it } from 'vitest';
import { runJob, serveJobs, type RunnerEnvironment } from '../../../core/jobs/runner.ts';
import type { JobEvent, StartRequest } from '../../../core/jobs/protocol.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { himmelblauPoints } from '../../fixtures/reference-critical-points.ts';
import { loopback } from './loopback.ts';
import himmelblauSpec from '../../../assets/examples/himmelblau.json' with { type: 'json' };

const env: RunnerEnvironment = {
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
};

async function collect(request: StartRequest, isCancelled: () => boolean = () => false): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  await runJob(request, (e) => events.push(e), isCancelled, env);
  return events;
}

describe('runJob', () => {
  it('runs the Himmelblau example: one point per start, 9 distinct critical points typed right', async () => {
    const events = await collect({ type: 'start', jobId: 'h', spec: himmelblauSpec as SpecInput });
    const points = events.filter((e) => e.type === 'point');
    const traces = events.filter((e) => e.type === 'trace');
    const done = events.at(-1);
    expect(points).toHaveLength(400);
    expect(traces).toHaveLength(400);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.summary.finished).toBe(400);
    expect(done.summary.cancelled).toBe(false);
    expect(done.summary.distinct).toHaveLength(9);
    for (const ref of himmelblauPoints) {
      const d = done.summary.distinct.find((p) => Math.abs(p.theta[0] - ref.x) <= 1e-6 && Math.abs(p.theta[1] - ref.y) <= 1e-6);
      expect(d, `(${ref.x}, ${ref.y})`).toBeDefined();
      expect(d!.type).toBe(ref.type);
    }
    // Every start is accounted for exactly once, and the hit counts add up.
    const critical = points.filter((e) => e.type === 'point' && e.record.status === 'critical').length;
    expect(done.summary.counts.critical).toBe(critical);
    expect(done.summary.distinct.reduce((s, d) => s + d.hits, 0)).toBe(critical);
    expect(new Set(points.map((e) => (e.type === 'point' ? e.record.id : -1))).size).toBe(400);
    // Progress is monotone and ends at the total.
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ done: 400, total: 400 });
  });

  it('records carry the DESIGN.md §3 fields', async () => {
    const events = await collect({ type: 'start', jobId: 'f', spec: { problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 2 } } });
    const point = events.find((e) => e.type === 'point');
    expect(point?.type).toBe('point');
    if (point?.type !== 'point') return;
    for (const key of ['id', 'status', 'loss', 'gradNormSq', 'iterations', 'hvps', 'index', 'negative', 'zero', 'positive', 'theta']) {
      expect(point.record).toHaveProperty(key);
    }
    expect(point.record).toMatchObject({ status: 'critical', type: 'saddle', negative: 1, zero: 0, positive: 1, index: 0.5 });
  });

  it('runs only the requested start ids', async () => {
    const events = await collect({ type: 'start', jobId: 'o', spec: himmelblauSpec as SpecInput, only: [3, 17, 399] });
    const ids = events.flatMap((e) => (e.type === 'point' ? [e.record.id] : []));
    expect(ids).toEqual([3, 17, 399]);
  });

  it('reports a bad spec as an error event naming the field', async () => {
    const events = await collect({ type: 'start', jobId: 'e', spec: { problem: { kind: 'function', name: 'himmelbau' } } as SpecInput });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', field: 'problem.name' });
    expect(events[0].type === 'error' && events[0].message).toMatch(/unknown function 'himmelbau'/);
  });

  it('reports a box of the wrong dimension with the field at fault', async () => {
    const events = await collect({
      type: 'start',
      jobId: 'b',
      spec: { problem: { kind: 'function', name: 'himmelblau' }, sampling: { strategy: 'grid', box: [[0, 1]] } },
    });
    expect(events[0]).toMatchObject({ type: 'error', field: 'sampling.box' });
  });

  it('stops within one finder iteration of a cancel, keeping what was finished', async () => {
    // The runner consults the cancel flag before every finder iteration. Raise it in the middle
    // of the second start's iterations: that start is dropped, the first is kept, and no
    // iteration runs after the flag is seen.
    const events: JobEvent[] = [];
    let checks = 0;
    let cancelAt = Infinity;
    await runJob(
      { type: 'start', jobId: 'c', spec: himmelblauSpec as SpecInput },
      (e) => {
        events.push(e);
        if (e.type === 'point' && cancelAt === Infinity) cancelAt = checks + 3;
      },
      () => ++checks >= cancelAt,
      env,
    );
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.summary.cancelled).toBe(true);
    expect(done.summary.finished).toBe(1);
    expect(events.filter((e) => e.type === 'point')).toHaveLength(1);
    expect(checks).toBe(cancelAt);
  });
});

describe('runJob: gradient-flat points (DESIGN.md §4)', () => {
  it('labels Newton-MR runs that stall on the gradient-flat line of x + cosh y as gradient-flat, not critical', async () => {
    // ∇f = (1, sinh y), H = diag(0, cosh y): on y = 0 the gradient (1, 0) spans the kernel of H,
    // so ‖g‖² = 1 is stationary there and no point is critical.
    const events = await collect({
      type: 'start',
      jobId: 'flat',
      spec: {
        problem: { kind: 'function', expression: 'x + cosh(y)', variables: ['x', 'y'] },
        sampling: { strategy: 'uniform', box: [[-1, 1], [-1, 1]], starts: 8, seed: 3 },
        finder: { method: 'newton-mr', maxIterations: 200 },
      },
    });
    const records = events.flatMap((e) => (e.type === 'point' ? [e.record] : []));
    expect(records).toHaveLength(8);
    for (const r of records) {
      expect(r.status).toBe('gradient-flat');
      expect(Math.abs(r.gradNormSq - 1)).toBeLessThan(1e-12);
      expect(Math.abs(r.theta[1])).toBeLessThan(1e-8);
      // r ≈ 1 and r_H ≈ 0 at the stall (thresholds 0.9 and 5e-4 in the spec defaults).
      expect(r.flatness!.r).toBeGreaterThan(0.99);
      expect(r.flatness!.rH).toBeLessThan(1e-8);
    }
  });

  it('flags the non-smooth Ackley control in every record', async () => {
    const events = await collect({
      type: 'start',
      jobId: 'ackley',
      spec: { problem: { kind: 'function', name: 'ackley' }, sampling: { strategy: 'grid', count: 2 }, finder: { method: 'newton-mr', maxIterations: 20 } },
    });
    const records = events.flatMap((e) => (e.type === 'point' ? [e.record] : []));
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.warnings?.[0]).toMatch(/not twice differentiable/);
  });
});

describe('serveJobs', () => {
  it('serves start and cancel over a channel', async () => {
    const { channel, send, fromWorker } = loopback();
    const stop = serveJobs(channel, env);
    send({ type: 'start', jobId: 'j1', spec: himmelblauSpec as SpecInput });
    // Let a few starts finish, then cancel.
    while (fromWorker.filter((e) => e.type === 'point').length < 3) await env.yieldNow();
    send({ type: 'cancel', jobId: 'j1' });
    while (!fromWorker.some((e) => e.type === 'done')) await env.yieldNow();
    const done = fromWorker.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.summary.cancelled).toBe(true);
    expect(done?.type === 'done' && done.summary.finished).toBeLessThan(400);
    stop();
  });

  it('refuses a second start with the same job id while the first runs', async () => {
    const { channel, send, fromWorker } = loopback();
    serveJobs(channel, env);
    send({ type: 'start', jobId: 'dup', spec: himmelblauSpec as SpecInput });
    send({ type: 'start', jobId: 'dup', spec: himmelblauSpec as SpecInput });
    expect(fromWorker.some((e) => e.type === 'error' && /already running/.test(e.message))).toBe(true);
    send({ type: 'cancel', jobId: 'dup' });
    while (!fromWorker.some((e) => e.type === 'done')) await env.yieldNow();
  });
});
