import { describe, expect, it } from 'vitest';
import { RunModel } from '../../renderer/src/lib/run-model.ts';
import { storedRunEvents } from '../../renderer/src/lib/stored-run.ts';
import type { StoredRun } from '../../core/jobs/lab-api.ts';
import { emptyStatusCounts, type PointRecord } from '../../core/experiment/records.ts';

function point(id: number, cluster: number): PointRecord {
  return {
    id, status: 'critical', stopReason: 'converged', loss: cluster, gradNormSq: 1e-20, iterations: 4, hvps: 9,
    index: 0, negative: 0, zero: 0, positive: 2, type: 'minimum', cluster, theta: [cluster, 0], start: [id, id], finder: 'newton', elapsedMs: 1,
  };
}

function stored(status: StoredRun['status']): StoredRun {
  return {
    runId: '2026-11-24-himmelblau',
    status,
    spec: { problem: { kind: 'function', name: 'himmelblau' } },
    startedAt: '2026-11-24T10:00:00Z',
    versions: { critlab: '0.1.0' },
    summary: {
      total: 4, finished: 3, cancelled: false, elapsedMs: 12,
      counts: { ...emptyStatusCounts(), critical: 2 },
      distinct: [{ cluster: 0, type: 'minimum', loss: 0, index: 0, negative: 0, zero: 0, positive: 2, theta: [0, 0], hits: 2 }],
    },
    records: [point(0, 0), { id: 1, status: 'failed', error: 'crashed twice' }, point(2, 0)],
    traces: [{ id: 0, loss: [3, 1, 0], gradNormSq: [9, 1, 1e-20], step: [0, 1, 1] }],
    problems: [],
  };
}

describe('a stored run as events', () => {
  it('folds into the same snapshot a live run would give: points, traces, summary', () => {
    const model = new RunModel();
    model.starting('library');
    model.started('stored:x');
    for (const e of storedRunEvents('stored:x', stored('finished'))) expect(model.apply(e)).toBe(true);
    const s = model.snapshot();
    expect(s.phase).toBe('done');
    expect(s.records.map((r) => r.id)).toEqual([0, 2]);
    expect(s.traces.get(0)?.gradNormSq.length).toBe(3);
    expect(s.distinct).toHaveLength(1);
  });

  it('marks an interrupted run as cancelled, failed starts leave no point', () => {
    const events = storedRunEvents('j', stored('interrupted'));
    expect(events.filter((e) => e.type === 'point')).toHaveLength(2);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.summary.cancelled).toBe(true);
  });
});
