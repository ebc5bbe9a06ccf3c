import { describe, expect, it } from 'vitest';
import { RunModel } from '../../renderer/src/lib/run-model.ts';
import type { JobEvent } from '../../core/jobs/protocol.ts';
import { emptyStatusCounts, type PointRecord, type PointType } from '../../core/experiment/records.ts';

function record(id: number, cluster: number | null, type: PointType = 'minimum', theta = [id, -id]): PointRecord {
  return {
    id,
    status: cluster === null ? 'diverged' : 'critical',
    stopReason: cluster === null ? 'diverged' : 'converged',
    loss: cluster ?? Infinity,
    gradNormSq: 0,
    iterations: 5,
    hvps: 7,
    index: type === 'saddle' ? 0.5 : 0,
    negative: type === 'saddle' ? 1 : 0,
    zero: 0,
    positive: type === 'saddle' ? 1 : 2,
    type,
    cluster,
    theta,
    start: theta,
    finder: 'newton',
    elapsedMs: 1,
  };
}

const progress = (jobId: string, done: number, total: number): JobEvent => ({
  type: 'progress',
  jobId,
  done,
  total,
  counts: { ...emptyStatusCounts(), critical: done },
  elapsedMs: done,
});

function startedModel(jobId = 'a', key = 'himmelblau'): RunModel {
  const model = new RunModel();
  model.starting(key);
  model.started(jobId);
  return model;
}

describe('RunModel', () => {
  it('groups streamed points by cluster and counts the starts that reached each', () => {
    const model = startedModel();
    model.apply(progress('a', 0, 4));
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.apply({ type: 'point', jobId: 'a', record: record(1, 1, 'saddle') });
    model.apply({ type: 'point', jobId: 'a', record: record(2, 0) });
    model.apply({ type: 'point', jobId: 'a', record: record(3, null) });
    model.apply(progress('a', 4, 4));
    const s = model.snapshot();
    expect(s.phase).toBe('running');
    expect(s.distinct.map((d) => [d.cluster, d.type, d.hits])).toEqual([
      [0, 'minimum', 2],
      [1, 'saddle', 1],
    ]);
    expect(s.finished).toBe(4);
  });

  it('ends as cancelled with the summary of what was found', () => {
    const model = startedModel();
    model.apply(progress('a', 1, 10));
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.cancelling();
    expect(model.snapshot().phase).toBe('cancelling');
    model.apply({
      type: 'done',
      jobId: 'a',
      summary: {
        total: 10,
        finished: 1,
        cancelled: true,
        counts: { ...emptyStatusCounts(), critical: 1 },
        distinct: [{ cluster: 0, type: 'minimum', loss: 0, index: 0, negative: 0, zero: 0, positive: 2, theta: [0, 0], hits: 1 }],
        elapsedMs: 12,
      },
    });
    const s = model.snapshot();
    expect(s.phase).toBe('cancelled');
    expect(s.finished).toBe(1);
    expect(s.distinct).toHaveLength(1);
  });

  it('keeps the earlier results when the next run is refused before it starts', () => {
    const model = startedModel('a');
    model.apply(progress('a', 1, 1));
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.apply({ type: 'done', jobId: 'a', summary: { total: 1, finished: 1, cancelled: false, counts: { ...emptyStatusCounts(), critical: 1 }, distinct: model.snapshot().distinct.slice(), elapsedMs: 3 } });

    model.starting('himmelblau');
    model.started('b');
    model.apply({ type: 'error', jobId: 'b', message: 'sampling.count.0: Too big', field: 'sampling.count.0' });
    const s = model.snapshot();
    expect(s.phase).toBe('error');
    expect(s.error).toEqual({ message: 'sampling.count.0: Too big', field: 'sampling.count.0' });
    expect(s.shownJobId).toBe('a');
    expect(s.distinct).toHaveLength(1);
    expect(s.finished).toBe(1);
  });

  it('replaces the results when the next run sends its first event', () => {
    const model = startedModel('a');
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.starting('himmelblau');
    model.started('b');
    expect(model.snapshot().distinct).toHaveLength(1);
    model.apply(progress('b', 0, 3));
    expect(model.snapshot().distinct).toHaveLength(0);
    expect(model.snapshot().shownJobId).toBe('b');
  });

  it('ignores other jobs and replays events that arrived before the job id was known', () => {
    const model = new RunModel();
    model.starting('saddle');
    model.apply(progress('b', 0, 2));
    model.apply({ type: 'point', jobId: 'b', record: record(0, 0, 'saddle') });
    model.apply({ type: 'point', jobId: 'other', record: record(1, 0) });
    model.started('b');
    const s = model.snapshot();
    expect(s.phase).toBe('running');
    expect(s.distinct.map((d) => d.type)).toEqual(['saddle']);
    expect(model.apply({ type: 'point', jobId: 'other', record: record(2, 1) })).toBe(false);
  });

  it('reset clears the results, but not while a run is busy', () => {
    const model = startedModel();
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.reset();
    expect(model.snapshot().distinct).toHaveLength(1);
    model.apply({ type: 'error', jobId: 'a', message: 'boom' });
    model.reset();
    expect(model.snapshot()).toMatchObject({ phase: 'idle', distinct: [], shownKey: null, error: null });
  });
});

describe('RunModel records and traces', () => {
  it('keeps every record (by id too) and the traces of the run', () => {
    const model = startedModel();
    model.apply({ type: 'trace', jobId: 'a', startId: 0, loss: Float64Array.of(3, 1), gradNormSq: Float64Array.of(1, 1e-20), step: Float64Array.of(0, 1), innerIterations: Float64Array.of(0, 2), flags: ['', ''] });
    model.apply({ type: 'point', jobId: 'a', record: record(0, 0) });
    model.apply({ type: 'point', jobId: 'a', record: record(1, null) });
    const s = model.snapshot();
    expect(s.records.map((r) => r.id)).toEqual([0, 1]);
    expect(s.recordById.get(1)?.status).toBe('diverged');
    expect(s.traces.get(0)?.gradNormSq[1]).toBe(1e-20);
    expect(s.tracesVersion).toBe(1);
    expect(model.recordCount).toBe(2);
    // A new run's first event replaces them.
    model.starting('himmelblau');
    model.started('b');
    model.apply(progress('b', 0, 1));
    expect(model.snapshot().records).toEqual([]);
    expect(model.snapshot().traces.size).toBe(0);
  });
});
