/**
 * The Electron host's job bookkeeping, between the IPC handlers and the compute process: forwards
 * validated starts and cancels to the compute process, relays its events to the renderer
 * (main.ts sends them on LAB_CHANNELS.onEvent), and keeps the set of jobs in flight so that when
 * the process dies each of them gets an `error` event instead of hanging. The next start forks a
 * fresh process. (Issue 7 replaces the single process with a pool that re-queues unfinished
 * starts, and adds the run store.)
 */
import type { Spec } from '../core/experiment/spec.ts';
import type { JobEvent, JobRequest } from '../core/jobs/protocol.ts';
import type { ExitInfo } from './compute-process.ts';
import type { JobSink } from './ipc.ts';

/** The part of ComputeProcess the host uses. */
export interface ComputeLike {
  readonly alive: boolean;
  start(): void;
  post(request: JobRequest): void;
  kill(): boolean;
  waitForExit(timeoutMs?: number): Promise<ExitInfo | null>;
  onMessage(listener: (message: unknown) => void): () => void;
  onExit(listener: (info: ExitInfo) => void): () => void;
}

export interface LabHostOptions {
  readonly createCompute: () => ComputeLike;
  /** Delivers an event to the renderer (dropped when there is no window). */
  readonly send: (event: JobEvent) => void;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(['progress', 'point', 'trace', 'done', 'error']);

/** Shape check on what the compute process sends (our own code, but a bug must not reach the UI as garbage). */
function isJobEvent(value: unknown): value is JobEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return typeof v.type === 'string' && EVENT_TYPES.has(v.type) && typeof v.jobId === 'string';
}

export class LabHost implements JobSink {
  private compute: ComputeLike | null = null;
  private readonly active = new Set<string>();

  constructor(private readonly options: LabHostOptions) {}

  /** Jobs started and not yet done or failed. */
  get activeJobs(): ReadonlySet<string> {
    return this.active;
  }

  /** Forks the compute process now (otherwise the first start does). */
  warmUp(): void {
    this.ensureCompute();
  }

  startRun(jobId: string, spec: Spec): void {
    const compute = this.ensureCompute();
    this.active.add(jobId);
    compute.post({ type: 'start', jobId, spec });
  }

  /** Cancelling a job that is not running (finished, failed, unknown) does nothing. */
  cancelRun(jobId: string): void {
    if (!this.active.has(jobId) || !this.compute) return;
    this.compute.post({ type: 'cancel', jobId });
  }

  /** Stops the compute process; resolves when it has exited (or after `timeoutMs`). */
  async dispose(timeoutMs = 2000): Promise<void> {
    const compute = this.compute;
    this.compute = null;
    this.active.clear();
    if (!compute?.alive) return;
    compute.kill();
    await compute.waitForExit(timeoutMs);
  }

  private ensureCompute(): ComputeLike {
    if (this.compute?.alive) return this.compute;
    const compute = this.options.createCompute();
    compute.onMessage((message) => this.relay(message));
    compute.onExit((info) => this.handleExit(compute, info));
    compute.start();
    this.compute = compute;
    return compute;
  }

  private relay(message: unknown): void {
    if (!isJobEvent(message)) {
      console.warn('critlab: dropped a malformed message from the compute process');
      return;
    }
    if (message.type === 'done' || message.type === 'error') this.active.delete(message.jobId);
    this.options.send(message);
  }

  private handleExit(compute: ComputeLike, info: ExitInfo): void {
    if (this.compute !== compute) return;
    this.compute = null;
    const why = info.crashed
      ? `the compute process crashed (exit code ${info.code}${info.reason ? `, ${info.reason}` : ''}); the run was stopped`
      : `the compute process exited (code ${info.code}); the run was stopped`;
    for (const jobId of [...this.active]) {
      this.active.delete(jobId);
      this.options.send({ type: 'error', jobId, message: why });
    }
  }
}
