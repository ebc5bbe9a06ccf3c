/**
 * The renderer's picture of a run, folded from job events (plain TypeScript: no Svelte, so it
 * is unit-tested directly; lab.svelte.ts publishes snapshots of it to the UI).
 *
 * A new run replaces the results on screen only when its first event arrives: a run refused
 * at once (a bad spec) reports its error and leaves the earlier results untouched (DESIGN.md §5).
 * Events of other jobs are ignored; events that arrive while `startRun` is still pending (an
 * IPC host may send them before its reply) are held and replayed once the job id is known.
 */
import type { JobEvent, TraceEvent } from '../../../core/jobs/protocol.ts';
import { distinctPointOf, emptyStatusCounts, type DistinctPoint, type PointRecord, type StatusCounts } from '../../../core/experiment/records.ts';

export type RunPhase = 'idle' | 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface RunError {
  readonly message: string;
  /** Spec field at fault (dotted path), when the host named one. */
  readonly field?: string;
}

export interface RunSnapshot {
  readonly phase: RunPhase;
  /** The job being started or run (null when idle). */
  readonly jobId: string | null;
  /** The job whose results are shown (may be an earlier one after a refused start). */
  readonly shownJobId: string | null;
  /** Key of what the shown results belong to (the example id), so a changed picker hides them. */
  readonly shownKey: string | null;
  readonly finished: number;
  readonly total: number;
  readonly counts: StatusCounts;
  /** Starts whose compute process crashed (reported by pool hosts in the summary). */
  readonly crashed: number;
  readonly elapsedMs: number;
  /** Distinct critical points, by cluster number. */
  readonly distinct: readonly DistinctPoint[];
  /** Every start's record, in arrival order (replaced whole on each publish). */
  readonly records: readonly PointRecord[];
  /** The same records by start id (one map for the whole run, grown in place). */
  readonly recordById: ReadonlyMap<number, PointRecord>;
  /** Per-iteration traces by start id (the same map across publishes; `tracesVersion` counts additions). */
  readonly traces: ReadonlyMap<number, RunTrace>;
  readonly tracesVersion: number;
  readonly error: RunError | null;
}

/** A start's trace as the views use it (the event's arrays, kept as they arrived). */
export type RunTrace = Pick<TraceEvent, 'startId' | 'loss' | 'gradNormSq' | 'step' | 'path'>;

export const IDLE: RunSnapshot = {
  phase: 'idle',
  jobId: null,
  shownJobId: null,
  shownKey: null,
  finished: 0,
  total: 0,
  counts: emptyStatusCounts(),
  crashed: 0,
  elapsedMs: 0,
  distinct: [],
  records: [],
  recordById: new Map(),
  traces: new Map(),
  tracesVersion: 0,
  error: null,
};

/**
 * Trace values kept per run at most (≈ 160 MB of doubles): beyond it new traces are dropped and
 * `tracesDropped` counts them, so a huge run cannot exhaust the renderer's memory.
 */
export const MAX_TRACE_VALUES = 20_000_000;

/** Events held while a start is pending, at most. */
const MAX_HELD = 10_000;

export function isBusy(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'running' || phase === 'cancelling';
}

export class RunModel {
  private phase: RunPhase = 'idle';
  private jobId: string | null = null;
  private key: string | null = null;
  private shownJobId: string | null = null;
  private shownKey: string | null = null;
  private finished = 0;
  private total = 0;
  private counts: StatusCounts = emptyStatusCounts();
  private crashed = 0;
  private elapsedMs = 0;
  private clusters = new Map<number, DistinctPoint>();
  private records: PointRecord[] = [];
  private recordById = new Map<number, PointRecord>();
  private traces = new Map<number, RunTrace>();
  private traceValues = 0;
  private tracesVersion = 0;
  /** Traces not kept (MAX_TRACE_VALUES reached). */
  tracesDropped = 0;
  private error: RunError | null = null;
  private held: JobEvent[] | null = null;

  /** A start was requested for `key`; events are held until `started` names the job. */
  starting(key: string): void {
    this.phase = 'starting';
    this.jobId = null;
    this.key = key;
    this.error = null;
    this.held = [];
  }

  /** The host accepted the start as `jobId`: replay its held events. */
  started(jobId: string): void {
    this.jobId = jobId;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.apply(event);
  }

  /** The host refused the start outright (its promise rejected). */
  refused(message: string): void {
    this.held = null;
    this.fail({ message });
  }

  cancelling(): void {
    if (this.phase === 'starting' || this.phase === 'running') this.phase = 'cancelling';
  }

  /** Clears everything (the picker moved on to another problem). Ignored while a run is busy. */
  reset(): void {
    if (isBusy(this.phase)) return;
    this.phase = 'idle';
    this.jobId = null;
    this.key = null;
    this.shownJobId = null;
    this.shownKey = null;
    this.error = null;
    this.held = null;
    this.clear();
  }

  /** Folds one event in; returns whether it changed the picture. */
  apply(event: JobEvent): boolean {
    if (this.held) {
      if (this.held.length < MAX_HELD) this.held.push(event);
      return false;
    }
    if (event.jobId !== this.jobId || this.jobId === null) return false;
    switch (event.type) {
      case 'progress':
        this.show();
        this.finished = event.done;
        this.total = event.total;
        this.counts = { ...event.counts };
        this.elapsedMs = event.elapsedMs;
        if (this.phase === 'starting') this.phase = 'running';
        return true;
      case 'point':
        this.show();
        this.addPoint(event.record);
        return true;
      case 'trace':
        return this.addTrace(event);
      case 'done': {
        this.show();
        const s = event.summary;
        this.finished = s.finished;
        this.total = s.total;
        this.counts = { ...s.counts };
        this.crashed = s.failed ?? 0;
        this.elapsedMs = s.elapsedMs;
        this.clusters = new Map(s.distinct.map((d) => [d.cluster, d]));
        this.phase = s.cancelled ? 'cancelled' : 'done';
        return true;
      }
      case 'error':
        this.fail({ message: event.message, ...(event.field !== undefined ? { field: event.field } : {}) });
        return true;
    }
  }

  /** Records received so far. */
  get recordCount(): number {
    return this.records.length;
  }

  /** The job whose results are shown. */
  get shownJob(): string | null {
    return this.shownJobId;
  }

  snapshot(): RunSnapshot {
    return {
      phase: this.phase,
      jobId: this.jobId,
      shownJobId: this.shownJobId,
      shownKey: this.shownKey,
      finished: this.finished,
      total: this.total,
      counts: { ...this.counts },
      crashed: this.crashed,
      elapsedMs: this.elapsedMs,
      distinct: [...this.clusters.values()].sort((a, b) => a.cluster - b.cluster),
      records: this.records.slice(),
      recordById: this.recordById,
      traces: this.traces,
      tracesVersion: this.tracesVersion,
      error: this.error,
    };
  }

  private fail(error: RunError): void {
    this.phase = 'error';
    this.error = error;
  }

  /** The running job's first event: its results replace the ones on screen. */
  private show(): void {
    if (this.shownJobId === this.jobId) return;
    this.shownJobId = this.jobId;
    this.shownKey = this.key;
    this.clear();
  }

  private clear(): void {
    this.finished = 0;
    this.total = 0;
    this.counts = emptyStatusCounts();
    this.crashed = 0;
    this.elapsedMs = 0;
    this.clusters = new Map();
    this.records = [];
    this.recordById = new Map();
    this.traces = new Map();
    this.traceValues = 0;
    this.tracesVersion = 0;
    this.tracesDropped = 0;
  }

  private addTrace(event: TraceEvent): boolean {
    this.show();
    const size = event.loss.length * 3 + (event.path?.length ?? 0);
    if (this.traceValues + size > MAX_TRACE_VALUES) {
      this.tracesDropped++;
      return false;
    }
    this.traceValues += size;
    const { startId, loss, gradNormSq, step, path } = event;
    this.traces.set(startId, path ? { startId, loss, gradNormSq, step, path } : { startId, loss, gradNormSq, step });
    this.tracesVersion++;
    return true;
  }

  private addPoint(record: PointRecord): void {
    this.records.push(record);
    this.recordById.set(record.id, record);
    if (record.cluster === null) return;
    const known = this.clusters.get(record.cluster);
    if (known) {
      this.clusters.set(record.cluster, { ...known, hits: known.hits + 1 });
      return;
    }
    this.clusters.set(record.cluster, distinctPointOf(record, record.cluster));
  }
}
