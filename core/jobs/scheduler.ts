/**
 * The pool scheduler: runs one experiment's starts on a pool of compute workers that all speak
 * the jobs protocol (Electron utility processes, worker_threads, Web Workers — each host wraps
 * its workers as `PoolWorker`s). Starts are handed out in small batches to whichever worker is
 * idle (batches shrink as the queue empties, so slow starts do not hold up the rest and tiny
 * ones do not drown in messages), events are merged into one stream with one progress count,
 * a cancel reaches every worker, and a worker that dies is replaced: the start it was working
 * on (the first unfinished one of its batch) is queued again once, the rest of the batch with
 * no mark against them; a start that kills its worker twice is recorded as failed with the
 * reason, and the run goes on.
 *
 * Pure TypeScript: no Node, DOM or Electron. Cluster numbering of the merged stream is done by
 * a `RunAggregator` over records as they arrive (the final summary can be recomputed in
 * start-id order by the caller when it needs canonical numbering).
 */
import { RunAggregator } from '../experiment/aggregate.ts';
import type { FailedStart, PointRecord, RunSummary } from '../experiment/records.ts';
import type { SpecInput } from '../experiment/spec.ts';
import type { JobEvent, JobRequest } from './protocol.ts';

/** One compute worker as the scheduler sees it. */
export interface PoolWorker {
  post(request: JobRequest): void;
  /** Registers the event listener (called once, right after creation). */
  onEvent(listener: (event: JobEvent) => void): void;
  /** Registers the exit listener: `reason` says why (exit code, signal, crash report). */
  onExit(listener: (reason: string) => void): void;
  terminate(): void;
}

export interface SchedulerEvents {
  /** A finished start's record, with its cluster assigned over the merged stream. */
  point(record: PointRecord): void;
  /** A trace event from a worker (jobId rewritten to the run's). */
  trace(event: Extract<JobEvent, { type: 'trace' }>): void;
  progress(event: Extract<JobEvent, { type: 'progress' }>): void;
  /** A start given up after crashing its worker twice. */
  failed(failure: FailedStart): void;
}

export interface PoolRunOptions {
  readonly jobId: string;
  readonly spec: SpecInput;
  readonly startIds: readonly number[];
  readonly dedupTolerance: number;
  readonly events: SchedulerEvents;
  /** Milliseconds clock, for elapsed times. */
  readonly now: () => number;
  /** Where relative data paths in the spec resolve (sent with every start request). */
  readonly baseDir?: string;
  /**
   * Data files that travel with the run (`StartRequest.files`): sent once to each worker (again
   * to a worker that replaces a crashed one), every request naming them by the run's job id
   * (`filesKey`).
   */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /** Records already in the store (a resumed run): counted and clustered first, not re-run. */
  readonly previous?: readonly PointRecord[];
}

export interface PoolRun {
  readonly done: Promise<RunSummary>;
  cancel(): void;
}

/** How many times a start may take down its worker before it is recorded as failed. */
export const MAX_CRASHES_PER_START = 2;
/** Largest batch of starts sent in one request. */
export const MAX_BATCH = 64;

interface Batch {
  readonly subJobId: string;
  /** Starts of the batch not yet reported, in the order the worker runs them. */
  readonly pending: number[];
}

interface Slot {
  worker: PoolWorker;
  current: Batch | null;
  generation: number;
}

export class PoolScheduler {
  private readonly slots: Slot[] = [];
  private active: ActiveRun | null = null;

  constructor(
    readonly size: number,
    private readonly createWorker: (slot: number) => PoolWorker,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a positive integer (got ${size})`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i, 0));
  }

  private spawn(index: number, generation: number): Slot {
    const worker = this.createWorker(index);
    const slot: Slot = { worker, current: null, generation };
    worker.onEvent((event) => this.active?.onWorkerEvent(slot, event));
    worker.onExit((reason) => this.onWorkerExit(index, slot, reason));
    return slot;
  }

  private onWorkerExit(index: number, slot: Slot, reason: string): void {
    if (this.slots[index] !== slot || this.closed) return;
    const held = slot.current;
    const replacement = this.spawn(index, slot.generation + 1);
    this.slots[index] = replacement;
    this.active?.onCrash(held?.pending ?? [], reason);
    this.active?.dispatch();
  }

  private closed = false;

  /** Runs a spec's starts on the pool; one run at a time. */
  run(options: PoolRunOptions): PoolRun {
    if (this.active) throw new Error('the pool is already running a job');
    const run = new ActiveRun(options, this.slots, () => {
      this.active = null;
    });
    this.active = run;
    run.dispatch();
    return { done: run.done, cancel: () => run.cancel() };
  }

  /** Terminates every worker; the pool cannot be used afterwards. */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.worker.terminate();
  }
}

class ActiveRun {
  readonly done: Promise<RunSummary>;
  private resolve!: (summary: RunSummary) => void;
  private reject!: (error: Error) => void;
  private readonly queue: number[];
  private readonly crashes = new Map<number, number>();
  /** Starts that crashed a worker once: they are retried in a batch of their own. */
  private readonly isolate = new Set<number>();
  private readonly aggregate: RunAggregator;
  private readonly t0: number;
  private cancelled = false;
  private failedCount = 0;
  private settled = false;
  private subJobs = 0;
  /** Workers that were sent the run's data files (a replacement for a crashed one is not among them). */
  private readonly hasFiles = new WeakSet<PoolWorker>();

  constructor(
    private readonly options: PoolRunOptions,
    private readonly slots: Slot[],
    private readonly release: () => void,
  ) {
    this.done = new Promise<RunSummary>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.queue = [...options.startIds];
    this.aggregate = new RunAggregator(options.dedupTolerance);
    for (const record of options.previous ?? []) this.aggregate.add(record);
    this.t0 = options.now();
    this.progress();
  }

  private get total(): number {
    return this.options.startIds.length + (this.options.previous?.length ?? 0);
  }

  dispatch(): void {
    if (this.settled) return;
    for (const slot of this.slots) {
      if (slot.current || this.cancelled) continue;
      if (this.queue.length === 0) break;
      let size = Math.max(1, Math.min(MAX_BATCH, Math.floor(this.queue.length / (4 * this.slots.length))));
      const suspect = this.queue.findIndex((id) => this.isolate.has(id));
      if (suspect === 0) size = 1;
      else if (suspect > 0) size = Math.min(size, suspect);
      const batch = this.queue.splice(0, size);
      const subJobId = `${this.options.jobId}/${this.subJobs++}`;
      slot.current = { subJobId, pending: [...batch] };
      const { baseDir, files } = this.options;
      const sendFiles = files !== undefined && !this.hasFiles.has(slot.worker);
      if (sendFiles) this.hasFiles.add(slot.worker);
      slot.worker.post({
        type: 'start',
        jobId: subJobId,
        spec: this.options.spec,
        only: batch,
        ...(baseDir ? { baseDir } : {}),
        ...(files ? { filesKey: this.options.jobId } : {}),
        ...(sendFiles ? { files } : {}),
      });
    }
    this.maybeFinish();
  }

  onWorkerEvent(slot: Slot, event: JobEvent): void {
    if (this.settled || !slot.current || event.jobId !== slot.current.subJobId) return;
    switch (event.type) {
      case 'point': {
        const at = slot.current.pending.indexOf(event.record.id);
        if (at < 0) return;
        slot.current.pending.splice(at, 1);
        const record = this.aggregate.add(event.record);
        this.options.events.point(record);
        this.progress();
        return;
      }
      case 'trace':
        this.options.events.trace({ ...event, jobId: this.options.jobId });
        return;
      case 'progress':
        return;
      case 'done':
        slot.current = null;
        this.dispatch();
        return;
      case 'error':
        // The same spec goes to every worker: an error about it ends the run.
        this.fail(new Error(event.message), event.field);
        return;
    }
  }

  onCrash(pending: readonly number[], reason: string): void {
    if (this.settled || pending.length === 0) return;
    const [startId, ...untouched] = pending;
    if (!this.cancelled) this.queue.unshift(...untouched);
    const crashes = (this.crashes.get(startId) ?? 0) + 1;
    this.crashes.set(startId, crashes);
    if (crashes < MAX_CRASHES_PER_START && !this.cancelled) {
      // Alone at the head of the queue, so a second crash is pinned on it and nothing else.
      this.queue.unshift(startId);
      this.isolate.add(startId);
    } else if (crashes >= MAX_CRASHES_PER_START) {
      this.failedCount++;
      this.options.events.failed({ id: startId, status: 'failed', error: `compute worker crashed ${crashes} times on this start (last: ${reason})` });
      this.progress();
    }
  }

  cancel(): void {
    if (this.cancelled || this.settled) return;
    this.cancelled = true;
    this.queue.length = 0;
    for (const slot of this.slots) if (slot.current) slot.worker.post({ type: 'cancel', jobId: slot.current.subJobId });
    this.maybeFinish();
  }

  private progress(): void {
    const counts = this.aggregate.counts;
    this.options.events.progress({
      type: 'progress',
      jobId: this.options.jobId,
      done: this.aggregate.finished + this.failedCount,
      total: this.total,
      counts,
      elapsedMs: this.options.now() - this.t0,
    });
  }

  private maybeFinish(): void {
    if (this.settled) return;
    if (this.slots.some((s) => s.current) || (this.queue.length > 0 && !this.cancelled)) return;
    this.settled = true;
    this.release();
    const finished = this.aggregate.finished + this.failedCount;
    const summary = this.aggregate.summary(this.total, this.cancelled && finished < this.total, this.options.now() - this.t0);
    this.resolve({ ...summary, finished, failed: this.failedCount });
  }

  private fail(error: Error, field?: string): void {
    if (this.settled) return;
    this.settled = true;
    for (const slot of this.slots) {
      if (slot.current) slot.worker.post({ type: 'cancel', jobId: slot.current.subJobId });
      slot.current = null;
    }
    this.release();
    this.reject(Object.assign(error, field ? { field } : {}));
  }
}
