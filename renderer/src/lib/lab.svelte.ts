/**
 * The runs of this window, kept side by side (one tab each): every run is a `RunSession` that
 * folds its own job's events into a RunModel and publishes a snapshot at most once per
 * animation frame (a run can stream thousands of points a second), at once for the events
 * that change its phase. A session holds a copy of the spec it ran, so editing the builder
 * never touches a run in progress. The analytic classes of a linear autoencoder are fetched
 * from the analysis worker when a session starts.
 */
import type { LabApi, RunFiles, StoredRun } from '../../../core/jobs/lab-api.ts';
import { storedRunEvents } from './stored-run.ts';
import type { JobEvent } from '../../../core/jobs/protocol.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import type { LinearAeClass } from '../../../core/groundtruth/linear-autoencoder.ts';
import type { AnalysisClient } from '../host/analysis-client.ts';
import { IDLE, RunModel, isBusy, type RunSnapshot } from './run-model.ts';
import { Selection } from './selection.svelte.ts';
import { LandscapeState } from './landscape-state.svelte.ts';

/** Publishes within this long even where animation frames are throttled (hidden windows). */
const MAX_PUBLISH_DELAY_MS = 100;
/**
 * Large runs publish less often: every view re-derives from the whole record list on each
 * publish (linear work, a sort for the table), so the pause grows with the records — one frame
 * up to 2,000 records, then 1 ms per 250 records, at most 0.5 s — and the UI thread stays free
 * for input between publishes.
 */
export function publishDelay(records: number): number {
  return records <= 2000 ? 0 : Math.min(500, records / 250);
}
/** Finished runs kept at most; the oldest finished one is closed to make room. */
export const MAX_RUNS = 12;

export interface TruthState {
  readonly status: 'none' | 'loading' | 'ready' | 'error';
  readonly classes: readonly LinearAeClass[] | null;
  readonly message: string;
}

function isLinearAutoencoder(spec: SpecInput): boolean {
  const p = spec.problem as { kind?: string; activation?: string; bias?: boolean; loss?: string; layers?: number[] };
  return p.kind === 'network' && (p.activation ?? 'linear') === 'linear' && !p.bias && (p.loss ?? 'mse') === 'mse' && p.layers?.length === 3;
}

export class RunSession {
  /** Replaced whole on every publish. */
  snapshot = $state.raw<RunSnapshot>(IDLE);
  truth = $state.raw<TruthState>({ status: 'none', classes: null, message: '' });
  readonly busy = $derived(isBusy(this.snapshot.phase));
  readonly selection = new Selection();
  /** The landscape panel's slice, trajectories and settings (kept across tab switches). */
  readonly landscape = new LandscapeState();
  readonly model = new RunModel();
  /** A runId the host gave the stored run (desktop), if any. */
  runId = $state<string | null>(null);

  readonly key: string;
  readonly name: string;
  readonly spec: SpecInput;
  /** The data files the spec names, as picked when the run started (the analysis worker's slices need them too). */
  readonly files: RunFiles;
  readonly createdAt = Date.now();

  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(key: string, name: string, spec: SpecInput, files: RunFiles = {}) {
    this.key = key;
    this.name = name;
    this.spec = JSON.parse(JSON.stringify(spec)) as SpecInput;
    this.files = files;
  }

  get jobId(): string | null {
    return this.snapshot.jobId;
  }

  /** Folds an event in; publishes now for phase changes, else on the next frame. */
  receive(event: JobEvent): void {
    if (!this.model.apply(event)) return;
    if (event.type === 'done' || event.type === 'error' || this.snapshot.shownJobId !== this.model.shownJob) this.publish();
    else this.schedule();
  }

  publish(): void {
    this.cancelScheduled();
    this.snapshot = this.model.snapshot();
  }

  dispose(): void {
    this.cancelScheduled();
  }

  private schedule(): void {
    if (this.frame !== null || this.timer !== null) return;
    const flush = () => this.publish();
    const delay = publishDelay(this.model.recordCount);
    if (delay > 0) {
      this.timer = setTimeout(flush, delay);
      return;
    }
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

export class Lab {
  runs = $state.raw<readonly RunSession[]>([]);
  activeKey = $state<string | null>(null);
  readonly active = $derived(this.runs.find((r) => r.key === this.activeKey) ?? null);
  readonly anyBusy = $derived(this.runs.some((r) => r.busy));

  private readonly api: LabApi;
  private readonly analysis: AnalysisClient | null;
  private readonly byJob = new Map<string, RunSession>();
  private sequence = 0;

  constructor(api: LabApi, analysis: AnalysisClient | null) {
    this.api = api;
    this.analysis = analysis;
  }

  /** Subscribes to the host's events; returns the unsubscribe function. */
  connect(): () => void {
    const unsubscribe = this.api.onEvent((event) => {
      const owner = this.byJob.get(event.jobId);
      if (owner) owner.receive(event);
      // A host may send a job's first events before startRun resolves: the starting sessions hold them.
      else for (const r of this.runs) if (r.snapshot.phase === 'starting') r.receive(event);
    });
    return () => {
      unsubscribe();
      for (const r of this.runs) r.dispose();
    };
  }

  /**
   * Starts a run of `spec` in a new tab (made active), with the data files it names; resolves
   * once the host answered.
   */
  async start(spec: SpecInput, name: string, files: RunFiles = {}): Promise<RunSession> {
    // The host gets the session's own copy of the spec (plain JSON, never the builder's state).
    const withFiles = Object.keys(files).length > 0;
    return this.launch(name, spec, null, 'started', (copy) => (withFiles ? this.api.startRun(copy, files) : this.api.startRun(copy)), files);
  }

  /**
   * Shows a stored run (desktop run library) in a new tab: its records, traces and summary are
   * folded in as the events a live run would have sent, so every view works on it.
   */
  openStored(stored: StoredRun): RunSession {
    const session = new RunSession(`run-${++this.sequence}`, stored.spec.name ?? stored.runId, stored.spec, stored.files);
    session.runId = stored.runId;
    const jobId = `stored:${stored.runId}`;
    session.model.starting(session.key);
    session.model.started(jobId);
    for (const event of storedRunEvents(jobId, stored)) session.model.apply(event);
    this.runs = [...this.trimmed(), session];
    this.activeKey = session.key;
    session.publish();
    if (isLinearAutoencoder(session.spec)) void this.fetchTruth(session);
    return session;
  }

  /**
   * Resumes an interrupted stored run in a new tab (the host streams its stored points first);
   * `files` are the data files kept with it, for the views that rebuild its problem.
   */
  async resume(
    runId: string,
    name: string,
    spec: SpecInput,
    resumeRun: (runId: string) => Promise<{ jobId: string; runId: string }>,
    files: RunFiles = {},
  ): Promise<RunSession> {
    return this.launch(name, spec, runId, 'resumed', () => resumeRun(runId), files);
  }

  /** Opens a tab for a run the host is asked to start (or resume) and binds it to the job. */
  private async launch(
    name: string,
    spec: SpecInput,
    runId: string | null,
    verb: 'started' | 'resumed',
    ask: (spec: SpecInput) => Promise<{ jobId: string; runId?: string }>,
    files: RunFiles = {},
  ): Promise<RunSession> {
    const session = new RunSession(`run-${++this.sequence}`, name, spec, files);
    session.runId = runId;
    this.runs = [...this.trimmed(), session];
    this.activeKey = session.key;
    session.model.starting(session.key);
    session.publish();
    if (isLinearAutoencoder(session.spec)) void this.fetchTruth(session);
    try {
      const answer = await ask(session.spec);
      this.byJob.set(answer.jobId, session);
      if (answer.runId) session.runId = answer.runId;
      session.model.started(answer.jobId);
    } catch (error) {
      session.model.refused(`the run could not be ${verb}: ${error instanceof Error ? error.message : String(error)}`);
    }
    session.publish();
    return session;
  }

  async cancel(session: RunSession): Promise<void> {
    const jobId = session.snapshot.jobId;
    if (!jobId || !(session.snapshot.phase === 'running' || session.snapshot.phase === 'starting')) return;
    session.model.cancelling();
    session.publish();
    try {
      await this.api.cancelRun(jobId);
    } catch (error) {
      session.model.apply({ type: 'error', jobId, message: `cancel failed: ${error instanceof Error ? error.message : String(error)}` });
      session.publish();
    }
  }

  /** Closes a tab (a busy run is cancelled first). */
  close(session: RunSession): void {
    if (session.busy) void this.cancel(session);
    const index = this.runs.indexOf(session);
    this.runs = this.runs.filter((r) => r !== session);
    session.dispose();
    if (this.activeKey === session.key) this.activeKey = this.runs[Math.min(index, this.runs.length - 1)]?.key ?? null;
  }

  activate(key: string): void {
    if (this.runs.some((r) => r.key === key)) this.activeKey = key;
  }

  private trimmed(): readonly RunSession[] {
    if (this.runs.length < MAX_RUNS) return this.runs;
    const oldest = this.runs.find((r) => !r.busy);
    if (!oldest) return this.runs;
    oldest.dispose();
    return this.runs.filter((r) => r !== oldest);
  }

  private async fetchTruth(session: RunSession): Promise<void> {
    if (!this.analysis) return;
    session.truth = { status: 'loading', classes: null, message: '' };
    try {
      const t = await this.analysis.truth({ spec: session.spec, files: session.files });
      session.truth = t.classes ? { status: 'ready', classes: t.classes, message: '' } : { status: 'none', classes: null, message: t.note };
    } catch (error) {
      session.truth = { status: 'error', classes: null, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
