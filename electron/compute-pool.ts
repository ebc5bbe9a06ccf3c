/**
 * The desktop app's compute pool: `PoolWorker`s over utility processes (ComputeProcess, running
 * dist/electron/compute.cjs) behind the shared PoolScheduler (core/jobs/scheduler.ts), the twin
 * of core/node/thread-pool.ts for the CLI. The scheduler distributes starts, merges progress,
 * sends cancels to every worker and replaces a worker that dies (re-queuing its start once; a
 * start that kills two workers is recorded as failed with the reason).
 *
 * What this adapter adds:
 * - the reason a process ended, in words, for the failed-start record;
 * - a shape check on what a process sends (our code, but a bug must not reach the store);
 * - restart back-off: a process that dies within FAST_EXIT_MS of its start makes the next one in
 *   its slot wait (250 ms, doubling to 30 s), so a compute entry that cannot even load (a broken
 *   install) does not turn into a fork loop; requests posted meanwhile are held, in order;
 * - `close`, which terminates every process and waits for them to exit.
 */
import os from 'node:os';
import type { JobEvent, JobRequest } from '../core/jobs/protocol.ts';
import { PoolScheduler, type PoolWorker } from '../core/jobs/scheduler.ts';
import type { ExitInfo } from './compute-process.ts';

/** The part of ComputeProcess the pool uses (tests pass a fake). */
export interface ComputeLike {
  readonly alive: boolean;
  start(): void;
  post(request: JobRequest): void;
  kill(): boolean;
  waitForExit(timeoutMs?: number): Promise<ExitInfo | null>;
  onMessage(listener: (message: unknown) => void): () => void;
  onExit(listener: (info: ExitInfo) => void): () => void;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(['progress', 'point', 'trace', 'done', 'error']);

/** Shape check on what a compute process sends. */
export function isJobEvent(value: unknown): value is JobEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return typeof v.type === 'string' && EVENT_TYPES.has(v.type) && typeof v.jobId === 'string';
}

/** Default pool size: one process per core, less one for the app itself (at least one). */
export function defaultPoolSize(cores: number = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.max(1, cores - 1);
}

export const MAX_POOL_SIZE = 64;
/** A process that exits sooner than this after its start counts as a fast failure. */
export const FAST_EXIT_MS = 5000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** Why a process ended, for the record of a start that died with it. */
export function exitReason(info: ExitInfo): string {
  if (info.crashed) return `the compute process crashed (exit code ${info.code}${info.reason ? `, ${info.reason}` : ''})`;
  return `the compute process exited unexpectedly (code ${info.code})`;
}

export interface ComputePoolOptions {
  readonly size: number;
  readonly createCompute: (slot: number) => ComputeLike;
  /** Milliseconds clock (for the back-off). */
  readonly now?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
  /** Told about dropped messages and restarts (default: console.warn). */
  readonly warn?: (message: string) => void;
}

interface SlotHistory {
  failures: number;
}

export class ComputePool {
  readonly scheduler: PoolScheduler;
  private readonly live = new Set<ComputeLike>();
  private readonly history = new Map<number, SlotHistory>();
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private readonly warn: (message: string) => void;
  private closed = false;

  constructor(private readonly options: ComputePoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1 || options.size > MAX_POOL_SIZE) {
      throw new Error(`pool size must be an integer from 1 to ${MAX_POOL_SIZE} (got ${options.size})`);
    }
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    this.warn = options.warn ?? ((message) => console.warn(`critlab: ${message}`));
    this.scheduler = new PoolScheduler(options.size, (slot) => this.worker(slot));
  }

  get size(): number {
    return this.scheduler.size;
  }

  /** Processes currently started and not yet exited. */
  get processes(): number {
    return [...this.live].filter((c) => c.alive).length;
  }

  /** The back-off before the next process of `slot` starts (0 unless its predecessors died fast). */
  backoffMs(slot: number): number {
    const failures = this.history.get(slot)?.failures ?? 0;
    return failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));
  }

  private worker(slot: number): PoolWorker {
    const compute = this.options.createCompute(slot);
    const history = this.history.get(slot) ?? { failures: 0 };
    this.history.set(slot, history);
    const held: JobRequest[] = [];
    let started = false;
    let terminated = false;
    let startedAt = 0;
    let timer: unknown = null;
    let onExit: ((reason: string) => void) | null = null;

    const start = () => {
      timer = null;
      if (terminated || this.closed) return;
      started = true;
      startedAt = this.now();
      this.live.add(compute);
      compute.onExit((info) => {
        this.live.delete(compute);
        if (terminated || this.closed) return;
        history.failures = this.now() - startedAt < FAST_EXIT_MS ? history.failures + 1 : 0;
        const reason = exitReason(info);
        this.warn(`${reason}; restarting it${this.backoffMs(slot) > 0 ? ` in ${this.backoffMs(slot)} ms` : ''}`);
        onExit?.(reason);
      });
      try {
        compute.start();
      } catch (error) {
        this.live.delete(compute);
        history.failures++;
        const reason = `the compute process could not be started (${(error as Error).message})`;
        this.warn(reason);
        // Reported asynchronously: the scheduler must finish wiring this worker first.
        queueMicrotask(() => {
          if (!terminated && !this.closed) onExit?.(reason);
        });
        return;
      }
      for (const request of held.splice(0)) compute.post(request);
    };

    const delay = this.backoffMs(slot);
    if (delay > 0) timer = this.setTimer(start, delay);
    else queueMicrotask(start);

    return {
      post: (request) => {
        if (terminated) return;
        if (!started) {
          held.push(request);
          return;
        }
        if (!compute.alive) return; // its exit is on the way; the scheduler re-queues the batch
        compute.post(request);
      },
      onEvent: (listener) => {
        compute.onMessage((message) => {
          if (isJobEvent(message)) listener(message);
          else this.warn('dropped a malformed message from a compute process');
        });
      },
      onExit: (listener) => {
        onExit = listener;
      },
      terminate: () => {
        terminated = true;
        if (timer !== null) this.clearTimer(timer);
        timer = null;
        if (started && compute.alive) compute.kill();
      },
    };
  }

  /** Terminates every process and waits (up to `timeoutMs` each) for them to exit. */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    const computes = [...this.live];
    this.scheduler.close();
    this.closed = true;
    await Promise.all(computes.map((c) => c.waitForExit(timeoutMs)));
    this.live.clear();
  }
}
