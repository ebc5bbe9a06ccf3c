import { emptyStatusCounts, type PointRecord, type RunSummary, type StartRecord } from '../../../core/experiment/records.ts';
import type { ReportRun } from '../../../core/report/report-data.ts';

export function point(id: number, overrides: Partial<PointRecord> = {}): PointRecord {
  return {
    id,
    status: 'critical',
    stopReason: 'converged',
    loss: 1 + id / 10,
    gradNormSq: 1e-30,
    iterations: 12,
    hvps: 140,
    index: 0.25,
    negative: 1,
    zero: 1,
    positive: 2,
    type: 'saddle',
    cluster: id % 2,
    theta: [id, -id, 0.5, 2],
    start: [0, 0, 0, 0],
    eigenvalues: [-1, 0, 2, 3],
    spectrumMethod: 'full',
    finder: 'newton-mr',
    elapsedMs: 3.5,
    ...overrides,
  };
}

export const RECORDS: StartRecord[] = [
  point(2, { status: 'gradient-flat', cluster: null, flatness: { r: 0.95, rH: 1e-4, rayleigh: -0.2, flag: 'least-squares' }, stopReason: 'line search failed, "stuck"' }),
  point(0, { truth: { subset: [0, 3], loss: 1, index: 0.25, negative: 1, zero: 1, positive: 2, productError: 1e-9 } }),
  point(1, { loss: Infinity, status: 'diverged', cluster: null, eigenvalues: [-5, 1] }),
  { id: 3, status: 'failed', error: 'worker crashed twice, <again>' },
];

export const SUMMARY: RunSummary = {
  total: 5,
  finished: 4,
  cancelled: false,
  counts: { ...emptyStatusCounts(), critical: 1, 'gradient-flat': 1, diverged: 1 },
  distinct: [{ cluster: 0, type: 'saddle', loss: 1, index: 0.25, negative: 1, zero: 1, positive: 2, theta: [0, 0, 0.5, 2], hits: 1 }],
  elapsedMs: 1234,
  failed: 1,
};

export const RUN: ReportRun = {
  title: 'Tiny <linear> AE & co',
  spec: { name: 'Tiny <linear> AE & co', description: 'a "test" run', problem: { kind: 'function', name: 'himmelblau' } },
  summary: SUMMARY,
  records: RECORDS,
  traces: [],
  truth: null,
  meta: { generatedAt: '2026-11-22T10:00:00Z', generator: 'unit test', runId: 'r1', versions: { critlab: '0.1.0' } },
};
