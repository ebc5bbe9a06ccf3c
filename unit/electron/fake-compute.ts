// A fake compute process for the pool and host tests: speaks the jobs protocol like core's
// runner (per start of a batch: a trace, then its point; then done; a cancel ends the batch
// with done), asynchronously, and can be told to crash on given starts.
import { vi } from 'vitest';
import type { PointRecord, RunSummary } from '../../core/experiment/records.ts';
import type { JobEvent, JobRequest } from '../../core/jobs/protocol.ts';
import type { ComputeLike } from '../../electron/compute-pool.ts';
import type { ExitInfo } from '../../electron/compute-process.ts';

export interface FakeBehaviour {
  /** Crash (exit code 139) when this start comes up; `compute` is the process it runs on. */
  crashOn?: (id: number, compute: FakeCompute) => boolean;
  /** Exit right after start (a compute entry that cannot load). */
  dieOnStart?: boolean;
  /** Never answer starts (until cancelled). */
  hang?: boolean;
  /** Milliseconds per start. */
  delayMs?: number;
  /** Throw from start() (fork failed). */
  throwOnStart?: boolean;
}

/** Start `id`'s record: even ids converge to θ = (0, 0), odd ids to θ = (1, 1). */
export function fakeRecord(id: number): PointRecord {
  const theta = id % 2 === 0 ? [0, 0] : [1, 1];
  return {
    id,
    status: 'critical',
    stopReason: 'converged',
    loss: theta[0],
    gradNormSq: 0,
    iterations: 3,
    hvps: 8,
    index: 0,
    negative: 0,
    zero: 0,
    positive: 2,
    type: 'minimum',
    cluster: null,
    theta,
    start: [id, id],
    finder: 'newton',
    elapsedMs: 1,
  };
}

function summary(finished: number, cancelled: boolean): RunSummary {
  return { total: finished, finished, cancelled, counts: { critical: finished, 'gradient-flat': 0, stalled: 0, 'max-iterations': 0, diverged: 0 }, distinct: [], elapsedMs: 0 };
}

export class FakeCompute implements ComputeLike {
  static all: FakeCompute[] = [];
  alive = false;
  started = false;
  readonly posted: JobRequest[] = [];
  private readonly messages = new Set<(m: unknown) => void>();
  private readonly exits = new Set<(i: ExitInfo) => void>();
  private exitInfo: ExitInfo | null = null;
  private readonly cancelled = new Set<string>();

  constructor(
    readonly slot: number,
    private readonly behaviour: FakeBehaviour = {},
  ) {
    FakeCompute.all.push(this);
  }

  start(): void {
    if (this.behaviour.throwOnStart) throw new Error('fork failed');
    this.started = true;
    this.alive = true;
    if (this.behaviour.dieOnStart) setTimeout(() => this.die({ code: 1, crashed: true, reason: 'cannot load compute.cjs' }), 0);
  }

  post(request: JobRequest): void {
    if (!this.alive) throw new Error('compute process has exited');
    this.posted.push(request);
    if (request.type === 'cancel') {
      this.cancelled.add(request.jobId);
      return;
    }
    const batch = [...(request.only ?? [])];
    let finished = 0;
    const step = () => {
      if (!this.alive) return;
      if (this.cancelled.has(request.jobId)) {
        this.emit({ type: 'done', jobId: request.jobId, summary: summary(finished, true) });
        return;
      }
      if (this.behaviour.hang) {
        setTimeout(step, 2);
        return;
      }
      const id = batch.shift();
      if (id === undefined) {
        this.emit({ type: 'done', jobId: request.jobId, summary: summary(finished, false) });
        return;
      }
      if (this.behaviour.crashOn?.(id, this)) {
        this.die({ code: 139, crashed: true, reason: `SIGSEGV on start ${id}` });
        return;
      }
      const f = new Float64Array([1, 0.5, 0]);
      this.emit({ type: 'trace', jobId: request.jobId, startId: id, loss: f, gradNormSq: f, step: f, innerIterations: new Float64Array(3), flags: ['', '', ''] });
      this.emit({ type: 'point', jobId: request.jobId, record: fakeRecord(id) });
      finished++;
      setTimeout(step, this.behaviour.delayMs ?? 0);
    };
    setTimeout(step, this.behaviour.delayMs ?? 0);
  }

  kill = vi.fn(() => {
    if (!this.alive) return false;
    setTimeout(() => this.die({ code: 0, crashed: false }), 0);
    return true;
  });

  async waitForExit(): Promise<ExitInfo | null> {
    if (this.exitInfo) return this.exitInfo;
    if (!this.started) return null;
    return new Promise((resolve) => this.exits.add((info) => resolve(info)));
  }

  onMessage(listener: (m: unknown) => void): () => void {
    this.messages.add(listener);
    return () => this.messages.delete(listener);
  }

  onExit(listener: (i: ExitInfo) => void): () => void {
    this.exits.add(listener);
    return () => this.exits.delete(listener);
  }

  emit(message: unknown): void {
    // What crosses a utility process boundary is a structured clone.
    const copy = structuredClone(message);
    for (const l of [...this.messages]) l(copy);
  }

  die(info: ExitInfo): void {
    if (!this.alive) return;
    this.alive = false;
    this.exitInfo = info;
    for (const l of [...this.exits]) l(info);
    this.exits.clear();
    this.messages.clear();
  }
}

/** Polls until `predicate` holds (or fails the test after `timeoutMs`). */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!predicate()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export type { JobEvent };
