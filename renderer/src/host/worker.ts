/**
 * The browser host: `LabApi` over Web Workers, one worker per run (a run is one job of the
 * jobs protocol; the worker is terminated when the job reports `done` or `error`). Lets the app
 * run in any browser: development, the e2e suite, and machines without an Electron binary.
 */
import type { LabApi, RunFiles } from '../../../core/jobs/lab-api.ts';
import type { JobEvent, JobRequest } from '../../../core/jobs/protocol.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { isEventBatch } from './worker-messages.ts';

/** The part of `Worker` this host uses (a test can pass a fake). */
export interface WorkerLike {
  postMessage(message: JobRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface WorkerLabOptions {
  /** Creates the compute worker of one run. */
  createWorker?: () => WorkerLike;
  /** How long a cancelled run may take to report `done` before its worker is terminated. */
  cancelGraceMs?: number;
}

export function createComputeWorker(): WorkerLike {
  return new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'critlab-compute' });
}

interface RunningJob {
  readonly worker: WorkerLike;
  cancelTimer?: ReturnType<typeof setTimeout>;
}

export class WorkerLab implements LabApi {
  readonly host = 'browser' as const;
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly jobs = new Map<string, RunningJob>();
  private readonly createWorker: () => WorkerLike;
  private readonly cancelGraceMs: number;
  private sequence = 0;

  constructor(options: WorkerLabOptions = {}) {
    this.createWorker = options.createWorker ?? createComputeWorker;
    this.cancelGraceMs = options.cancelGraceMs ?? 10_000;
  }

  async startRun(spec: SpecInput, files?: RunFiles): Promise<{ jobId: string }> {
    // A spec is JSON by contract; the copy also drops reactive proxies, which cannot be cloned.
    const plain = JSON.parse(JSON.stringify(spec)) as SpecInput;
    const jobId = `web-${Date.now().toString(36)}-${++this.sequence}`;
    const worker = this.createWorker();
    this.jobs.set(jobId, { worker });
    worker.onmessage = (event) => {
      const events: readonly JobEvent[] = isEventBatch(event.data) ? event.data.events : [event.data as JobEvent];
      for (const message of events) {
        if (message?.jobId !== jobId || !this.jobs.has(jobId)) continue;
        this.emit(message);
        if (message.type === 'done' || message.type === 'error') this.retire(jobId);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(jobId, `compute worker failed: ${event.message || 'the worker script could not be loaded'}`);
    };
    worker.onmessageerror = () => this.fail(jobId, 'compute worker sent a message that could not be read');
    // The data files are cloned into the worker (the app keeps its copy for the next run).
    worker.postMessage(files && Object.keys(files).length > 0 ? { type: 'start', jobId, spec: plain, files } : { type: 'start', jobId, spec: plain });
    return { jobId };
  }

  async cancelRun(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.cancelTimer !== undefined) return;
    job.worker.postMessage({ type: 'cancel', jobId });
    job.cancelTimer = setTimeout(
      () => this.fail(jobId, `the run did not stop within ${this.cancelGraceMs / 1000} s of cancel; its worker was terminated`),
      this.cancelGraceMs,
    );
  }

  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs still holding a worker. */
  get activeJobs(): number {
    return this.jobs.size;
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private fail(jobId: string, message: string): void {
    if (!this.jobs.has(jobId)) return;
    this.retire(jobId);
    this.emit({ type: 'error', jobId, message });
  }

  private retire(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    clearTimeout(job.cancelTimer);
    job.worker.terminate();
    this.jobs.delete(jobId);
  }
}
