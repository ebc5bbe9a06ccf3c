/**
 * The UI's reactive view of runs: folds the host's job events into a RunModel and publishes a
 * snapshot at most once per animation frame (a run can stream thousands of points a second),
 * at once for the events that change the run's phase.
 */
import type { LabApi } from '../../../core/jobs/lab-api.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { IDLE, RunModel, isBusy, type RunSnapshot } from './run-model.ts';

/** Publishes within this long even where animation frames are throttled (hidden windows). */
const MAX_PUBLISH_DELAY_MS = 100;

export class RunStore {
  /** Replaced whole on every publish. */
  snapshot = $state.raw<RunSnapshot>(IDLE);
  readonly busy = $derived(isBusy(this.snapshot.phase));

  private readonly model = new RunModel();
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  private readonly lab: LabApi;

  constructor(lab: LabApi) {
    this.lab = lab;
  }

  /** Subscribes to the host's events; returns the unsubscribe function. */
  connect(): () => void {
    const unsubscribe = this.lab.onEvent((event) => {
      if (!this.model.apply(event)) return;
      if (event.type === 'done' || event.type === 'error' || this.snapshot.shownJobId !== this.model.shownJob) this.publish();
      else this.schedule();
    });
    return () => {
      unsubscribe();
      this.cancelScheduled();
    };
  }

  /** Starts a run of `spec`; `key` names what its results belong to (the example id). */
  async start(spec: SpecInput, key: string): Promise<void> {
    if (this.busy) return;
    this.model.starting(key);
    this.publish();
    try {
      const { jobId } = await this.lab.startRun(spec);
      this.model.started(jobId);
    } catch (error) {
      this.model.refused(`the run could not be started: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.publish();
  }

  async cancel(): Promise<void> {
    const jobId = this.snapshot.jobId;
    if (!jobId || !(this.snapshot.phase === 'running' || this.snapshot.phase === 'starting')) return;
    this.model.cancelling();
    this.publish();
    try {
      await this.lab.cancelRun(jobId);
    } catch (error) {
      this.model.apply({ type: 'error', jobId, message: `cancel failed: ${error instanceof Error ? error.message : String(error)}` });
      this.publish();
    }
  }

  /** Forgets the shown results (the picker changed problem); ignored while a run is busy. */
  reset(): void {
    this.model.reset();
    this.publish();
  }

  private publish(): void {
    this.cancelScheduled();
    this.snapshot = this.model.snapshot();
  }

  private schedule(): void {
    if (this.frame !== null || this.timer !== null) return;
    const flush = () => this.publish();
    if (typeof requestAnimationFrame === 'function') this.frame = requestAnimationFrame(flush);
    this.timer = setTimeout(flush, MAX_PUBLISH_DELAY_MS);
  }

  private cancelScheduled(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
