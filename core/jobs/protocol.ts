/**
 * The jobs protocol: the one contract between a host (Electron main, the browser's Web-Worker
 * host, the CLI) and a compute process running core. Requests go in (`start`, `cancel`), events
 * come out (`progress`, `point`, `trace`, `done`, `error`). It is transport-agnostic: a
 * `Channel` with post and subscribe is all the runner needs (DESIGN.md §2).
 */
import type { SpecInput } from '../experiment/spec.ts';
import type { PointRecord, RunSummary, StatusCounts } from '../experiment/records.ts';

export interface StartRequest {
  readonly type: 'start';
  readonly jobId: string;
  /** Validated again by the runner: a host never has to be trusted. */
  readonly spec: SpecInput;
  /** Run only these start ids (a pool worker's share, or a resumed run's remainder). */
  readonly only?: readonly number[];
  /** Folder that relative data paths in the spec resolve against (hosts with a file system). */
  readonly baseDir?: string;
  /**
   * Contents of data files the spec names, keyed by the spec's path (`problem.data.path`,
   * `problem.data.targets.path`): files the user picked in the app, which travel with the run
   * (the browser cannot read paths; the desktop app reads files only through its dialogs).
   * Files named here are used as given; others are loaded by the host, if it can.
   */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /**
   * Names the data files of a run (its job id, say): every request of the run carries it, and a
   * compute process that already built the run's problem from them accepts later requests of the
   * run without `files` (a pool sends them once per process, not with every batch).
   */
  readonly filesKey?: string;
}

export interface CancelRequest {
  readonly type: 'cancel';
  readonly jobId: string;
}

export type JobRequest = StartRequest | CancelRequest;

export interface ProgressEvent {
  readonly type: 'progress';
  readonly jobId: string;
  /** Starts finished so far, and the number this job will run. */
  readonly done: number;
  readonly total: number;
  readonly counts: StatusCounts;
  readonly elapsedMs: number;
}

export interface PointEvent {
  readonly type: 'point';
  readonly jobId: string;
  readonly record: PointRecord;
}

/** Per-iteration trace of one finder run; arrays are transferable. */
export interface TraceEvent {
  readonly type: 'trace';
  readonly jobId: string;
  readonly startId: number;
  readonly loss: Float64Array<ArrayBuffer>;
  readonly gradNormSq: Float64Array<ArrayBuffer>;
  readonly step: Float64Array<ArrayBuffer>;
  /** Inner solver iterations per outer iteration (0 where the method has none). */
  readonly innerIterations: Float64Array<ArrayBuffer>;
  /** Inner solver flag per iteration (e.g. MINRES-QLP's 'compatible' / 'least-squares'; '' if none). */
  readonly flags: string[];
  /** θ after each iteration, row-major (iterations+1) × dimension; only for dimension ≤ 3. */
  readonly path?: Float64Array<ArrayBuffer>;
}

export interface DoneEvent {
  readonly type: 'done';
  readonly jobId: string;
  readonly summary: RunSummary;
}

export interface ErrorEvent {
  readonly type: 'error';
  readonly jobId: string;
  readonly message: string;
  /** Spec field at fault (dotted path), when the error is about the spec. */
  readonly field?: string;
}

export type JobEvent = ProgressEvent | PointEvent | TraceEvent | DoneEvent | ErrorEvent;

/** A bidirectional message port as seen from one side. */
export interface Channel<Incoming, Outgoing> {
  post(message: Outgoing, transfer?: readonly ArrayBuffer[]): void;
  /** Returns the unsubscribe function. */
  subscribe(handler: (message: Incoming) => void): () => void;
}

/** Buffers of an event that can be moved rather than copied across a transport. */
export function transferablesOf(event: JobEvent): ArrayBuffer[] {
  if (event.type !== 'trace') return [];
  const buffers = [event.loss.buffer, event.gradNormSq.buffer, event.step.buffer, event.innerIterations.buffer];
  if (event.path) buffers.push(event.path.buffer);
  return buffers;
}

const requestTypes: Record<JobRequest['type'], true> = { start: true, cancel: true };

/** Structural check for requests arriving over an untrusted transport. */
export function isJobRequest(value: unknown): value is JobRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; jobId?: unknown };
  return typeof v.type === 'string' && v.type in requestTypes && typeof v.jobId === 'string' && v.jobId.length > 0;
}
