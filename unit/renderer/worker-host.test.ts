import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerLab, type WorkerLike } from '../../renderer/src/host/worker.ts';
import type { JobEvent, JobRequest } from '../../core/jobs/protocol.ts';
import { emptyStatusCounts } from '../../core/experiment/records.ts';

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly received: JobRequest[] = [];
  terminated = false;
  postMessage(message: JobRequest): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(event: JobEvent): void {
    this.onmessage?.({ data: event } as MessageEvent);
  }
}

function host(options: { cancelGraceMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const lab = new WorkerLab({
    ...options,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
  });
  const events: JobEvent[] = [];
  lab.onEvent((e) => events.push(e));
  return { lab, workers, events };
}

const summary = { total: 1, finished: 1, cancelled: false, counts: emptyStatusCounts(), distinct: [], elapsedMs: 1 };

afterEach(() => vi.useRealTimers());

describe('WorkerLab (browser host)', () => {
  it('sends the data files a run names with its start request, and none when there are none', async () => {
    const { lab, workers } = host();
    const spec = { problem: { kind: 'network' as const, layers: [3, 2, 3], data: { kind: 'file' as const, path: 'x.csv' } } };
    const bytes = new TextEncoder().encode('1,2,3\n4,5,6\n');
    const { jobId } = await lab.startRun(spec, { 'x.csv': bytes });
    expect(workers[0].received[0]).toEqual({ type: 'start', jobId, spec, files: { 'x.csv': bytes } });
    const second = await lab.startRun(spec, {});
    expect(workers[1].received[0]).toEqual({ type: 'start', jobId: second.jobId, spec });
  });

  it('starts one worker per run with a plain-JSON copy of the spec, and retires it when done', async () => {
    const { lab, workers, events } = host();
    const spec = { problem: { kind: 'function' as const, name: 'himmelblau' } };
    const { jobId } = await lab.startRun(spec);
    expect(lab.host).toBe('browser');
    expect(workers).toHaveLength(1);
    const [request] = workers[0].received;
    expect(request).toEqual({ type: 'start', jobId, spec });
    expect(request.type === 'start' && request.spec).not.toBe(spec);

    workers[0].send({ type: 'done', jobId, summary });
    expect(events.map((e) => e.type)).toEqual(['done']);
    expect(workers[0].terminated).toBe(true);
    expect(lab.activeJobs).toBe(0);
  });

  it('forwards cancel to the run\'s worker and terminates it if it never reports back', async () => {
    vi.useFakeTimers();
    const { lab, workers, events } = host({ cancelGraceMs: 500 });
    const { jobId } = await lab.startRun({ problem: { kind: 'function', name: 'saddle' } });
    await lab.cancelRun(jobId);
    expect(workers[0].received.at(-1)).toEqual({ type: 'cancel', jobId });
    vi.advanceTimersByTime(499);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(events).toMatchObject([{ type: 'error', jobId }]);
  });

  it('reports a worker that fails to load as an error of its job', async () => {
    const { lab, workers, events } = host();
    const { jobId } = await lab.startRun({ problem: { kind: 'function', name: 'saddle' } });
    workers[0].onerror?.({ message: 'SyntaxError', preventDefault() {} } as ErrorEvent);
    expect(events).toEqual([{ type: 'error', jobId, message: 'compute worker failed: SyntaxError' }]);
    expect(workers[0].terminated).toBe(true);
  });

  it('unpacks event batches in order and stops at the job\'s last event', async () => {
    const { lab, workers, events } = host();
    const { jobId } = await lab.startRun({ problem: { kind: 'function', name: 'saddle' } });
    const progress: JobEvent = { type: 'progress', jobId, done: 1, total: 1, counts: emptyStatusCounts(), elapsedMs: 1 };
    workers[0].onmessage?.({ data: { type: 'batch', events: [progress, { type: 'done', jobId, summary }, progress] } } as MessageEvent);
    expect(events.map((e) => e.type)).toEqual(['progress', 'done']);
    expect(workers[0].terminated).toBe(true);
  });

  it('ignores messages that carry another job id', async () => {
    const { lab, workers, events } = host();
    await lab.startRun({ problem: { kind: 'function', name: 'saddle' } });
    workers[0].send({ type: 'done', jobId: 'someone-else', summary });
    expect(events).toEqual([]);
    expect(workers[0].terminated).toBe(false);
  });
});
