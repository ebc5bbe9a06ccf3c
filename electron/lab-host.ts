/**
 * The Electron host's runs, between the IPC handlers and the compute pool: every run started
 * (or resumed) from the window gets a folder in the run store and is driven into it by the
 * shared run session (core/node/run-session.ts, as the CLI does), so each start is on disk the
 * moment its point exists and a crash of the app loses at most the starts in flight. Events go
 * to the window as they happen (main.ts sends them on LAB_CHANNELS.onEvent).
 *
 * Runs execute one at a time on the pool (cores − 1 utility processes, see compute-pool.ts);
 * further starts wait in order, their folders already created. Folders whose run.json says
 * `running` but that no run of this session writes are interrupted runs: `resumeRun` continues
 * one, running only its missing starts.
 *
 * Data files picked in the builder come with `startRun`: they are written to the run folder's
 * `data/` before the run starts and sent once to each compute process, which never reads paths
 * named in a spec (every start request names them by the run). Resuming reads them back from
 * `data/`; a run whose data file is missing there is refused, naming the file.
 */
import fs from 'node:fs';
import type { Spec } from '../core/experiment/spec.ts';
import { SpecError, validateSpec } from '../core/experiment/spec.ts';
import { isFailedStart, type PointRecord, type StartRecord } from '../core/experiment/records.ts';
import { RunAggregator } from '../core/experiment/aggregate.ts';
import type { RunFiles } from '../core/jobs/lab-api.ts';
import type { JobEvent } from '../core/jobs/protocol.ts';
import { requiredResources } from '../core/problems/create-problem.ts';
import { plannedStartIds } from '../core/jobs/runner.ts';
import { newRunDir, resolveRunDir } from '../core/node/run-library.ts';
import { driveRun, openRunFolder, type DrivenRun } from '../core/node/run-session.ts';
import { loadRun, RunFolderError, summarise, type RunStore } from '../core/node/run-store.ts';
import { ComputePool, type ComputeLike } from './compute-pool.ts';
import { pickRunFiles, readRunFiles, writeRunFiles } from './run-files.ts';

export interface LabHostOptions {
  /** One compute process (a ComputeProcess in the app). */
  readonly createCompute: (slot: number) => ComputeLike;
  /** Pool size for the next pool created (read each time one is). */
  readonly poolSize: () => number;
  /** The run store's root folder (read for each new run). */
  readonly storeRoot: () => string;
  /** Delivers an event to the renderer (dropped when there is no window). */
  readonly send: (event: JobEvent) => void;
  /** Written to each new run.json. */
  readonly versions: Record<string, string>;
  /** The start ids a spec plans (default: core's planner); throws naming the field at fault. */
  readonly planStartIds?: (spec: Spec) => number[];
  readonly now?: () => number;
  /** Told about repairs and restarts (default: console.warn). */
  readonly notice?: (message: string) => void;
  /** Passed to the pool (tests use fake timers). */
  readonly poolTimers?: Pick<ConstructorParameters<typeof ComputePool>[0], 'setTimer' | 'clearTimer' | 'now'>;
}

interface Job {
  readonly jobId: string;
  readonly runId: string;
  readonly dir: string;
  readonly spec: Spec;
  readonly store: RunStore;
  readonly startIds: readonly number[];
  readonly previous: readonly StartRecord[];
  readonly remaining: readonly number[];
  /** The run's data files (as kept in its folder's data/), sent once to each compute process. */
  readonly files?: RunFiles;
  drive: DrivenRun | null;
  cancelled: boolean;
}

function defaultPlan(spec: Spec): number[] {
  return plannedStartIds(spec);
}

export class LabHost {
  private pool: ComputePool | null = null;
  private poolStale = false;
  private current: Job | null = null;
  private readonly queue: Job[] = [];
  private disposed = false;
  private readonly now: () => number;
  private readonly notice: (message: string) => void;

  constructor(private readonly options: LabHostOptions) {
    this.now = options.now ?? (() => performance.now());
    this.notice = options.notice ?? ((message) => console.warn(`critlab: ${message}`));
  }

  /** Jobs started or queued and not yet done or failed. */
  get activeJobs(): ReadonlySet<string> {
    return new Set([...(this.current ? [this.current] : []), ...this.queue].map((j) => j.jobId));
  }

  /** Run folders being written (or waiting to be) by this session. */
  get activeRunIds(): ReadonlySet<string> {
    return new Set([...(this.current ? [this.current] : []), ...this.queue].map((j) => j.runId));
  }

  /** The pool in use (created by the first run), for tests and diagnostics. */
  get computePool(): ComputePool | null {
    return this.pool;
  }

  /** Starts the pool's processes now (otherwise the first run does). */
  warmUp(): void {
    this.ensurePool();
  }

  /**
   * A new run of `spec` (already validated by the IPC layer) in a new store folder. Throws,
   * before any folder is made, when the spec cannot be planned (the message names the field).
   * `files` (checked by the IPC layer) are the data files picked for the spec: those it names are
   * written to the folder's `data/` before the run is created, and go once to each compute process.
   * A needed file that did not come is refused by the compute process, naming the spec's field.
   */
  startRun(jobId: string, spec: Spec, files?: RunFiles): { runId: string } {
    this.assertOpen();
    const startIds = this.plan(spec);
    const kept = pickRunFiles(files, requiredResources(spec.problem).files);
    const hasFiles = Object.keys(kept).length > 0;
    const { runId, dir } = newRunDir(this.options.storeRoot(), spec);
    if (hasFiles) {
      try {
        writeRunFiles(dir, kept);
      } catch (error) {
        fs.rmSync(dir, { recursive: true, force: true }); // the fresh folder holds nothing else
        throw new Error(`the data files could not be kept in the run folder ${dir}: ${(error as Error).message}`);
      }
    }
    const opened = openRunFolder({ dir, spec, startIds, versions: this.options.versions, notice: this.notice });
    if (opened.kind !== 'open') throw new Error(`${dir} already holds a finished run`); // a fresh folder: cannot happen
    this.enqueue({
      jobId,
      runId,
      dir,
      spec,
      store: opened.store,
      startIds,
      previous: [],
      remaining: opened.remaining,
      ...(hasFiles ? { files: kept } : {}),
      drive: null,
      cancelled: false,
    });
    return { runId };
  }

  /**
   * Continues a stored run that did not finish; only its missing starts run, with the data files
   * kept in its folder's `data/`. Refused, changing nothing, when one of them is missing there.
   */
  resumeRun(jobId: string, runId: string): { runId: string } {
    this.assertOpen();
    if (this.activeRunIds.has(runId)) throw new RunFolderError(`run '${runId}' is already running`);
    const root = this.options.storeRoot();
    const dir = resolveRunDir(root, runId);
    const loaded = loadRun(dir);
    const { manifest } = loaded;
    if (manifest.status === 'finished') throw new RunFolderError(`run '${runId}' has already finished; there is nothing to resume`);
    const checked = validateSpec(manifest.spec);
    if (!checked.ok) throw new SpecError(checked.issues);
    const shard = manifest.shard;
    const startIds = this.plan(checked.spec).filter((id) => !shard || id % shard.count === shard.index);
    const needed = requiredResources(checked.spec.problem).files;
    const files = needed.length > 0 ? readRunFiles(dir, runId, needed) : undefined;
    const opened = openRunFolder({ dir, spec: manifest.spec, startIds, versions: this.options.versions, ...(shard ? { shard } : {}), notice: this.notice });
    if (opened.kind !== 'open') throw new RunFolderError(`run '${runId}' has already finished; there is nothing to resume`);
    this.enqueue({
      jobId,
      runId,
      dir,
      spec: checked.spec,
      store: opened.store,
      startIds,
      previous: opened.previous,
      remaining: opened.remaining,
      ...(files ? { files } : {}),
      drive: null,
      cancelled: false,
    });
    return { runId };
  }

  /** Cancelling a job that is not running (finished, failed, unknown) does nothing. */
  cancelRun(jobId: string): void {
    if (this.current?.jobId === jobId) {
      this.current.cancelled = true;
      this.current.drive?.cancel();
      return;
    }
    const at = this.queue.findIndex((j) => j.jobId === jobId);
    if (at < 0) return;
    const [job] = this.queue.splice(at, 1);
    // Never started: the folder keeps what it had, marked cancelled (so it can be resumed).
    const tolerance = job.spec.analysis.dedupTolerance;
    const summary = summarise(job.previous, job.startIds.length, tolerance, true, 0);
    try {
      job.store.finish('cancelled', summary);
    } finally {
      job.store.close();
    }
    this.options.send({ type: 'done', jobId, summary });
  }

  /** The pool size changed: the next run gets a new pool (the current one finishes on the old). */
  resizePool(): void {
    if (!this.pool) return;
    if (this.current) this.poolStale = true;
    else void this.replacePool();
  }

  /**
   * Stops everything for quitting: queued runs are marked cancelled, the running one is
   * cancelled and given `timeoutMs` to record it, then the processes are terminated. A run cut
   * off here stays `running` on disk, so the next launch offers to resume it.
   */
  async dispose(timeoutMs = 2000): Promise<void> {
    if (this.disposed) return;
    for (const job of [...this.queue]) this.cancelRun(job.jobId);
    const current = this.current;
    this.disposed = true;
    if (current?.drive) {
      current.cancelled = true;
      current.drive.cancel();
      await Promise.race([current.drive.done.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    }
    const pool = this.pool;
    this.pool = null;
    await pool?.close(timeoutMs);
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('the app is quitting');
  }

  private plan(spec: Spec): number[] {
    return (this.options.planStartIds ?? defaultPlan)(spec);
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    // After the IPC reply has gone out, so the renderer knows the job id before its events.
    setImmediate(() => this.pump());
  }

  private ensurePool(): ComputePool {
    this.pool ??= new ComputePool({
      size: this.options.poolSize(),
      createCompute: this.options.createCompute,
      warn: this.notice,
      ...this.options.poolTimers,
    });
    return this.pool;
  }

  private async replacePool(): Promise<void> {
    const old = this.pool;
    this.pool = null;
    this.poolStale = false;
    await old?.close();
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    const { jobId } = job;
    let pool: ComputePool;
    try {
      pool = this.ensurePool();
    } catch (error) {
      const message = (error as Error).message;
      try {
        job.store.finish('failed', undefined, message);
      } finally {
        job.store.close();
      }
      this.finishJob(job, { type: 'error', jobId, message });
      return;
    }
    try {
      this.replayPrevious(job);
      job.drive = driveRun({
        pool: pool.scheduler,
        store: job.store,
        jobId,
        spec: job.spec,
        startIds: job.startIds,
        remaining: job.remaining,
        previous: job.previous,
        dedupTolerance: job.spec.analysis.dedupTolerance,
        now: this.now,
        ...(job.files ? { files: job.files } : {}),
        events: {
          point: (record, trace) => {
            if (trace) this.options.send(trace);
            this.options.send({ type: 'point', jobId, record });
          },
          progress: (event) => this.options.send(event),
          failed: (failure) => this.notice(`run ${job.runId}: start ${failure.id} failed: ${failure.error}`),
        },
      });
    } catch (error) {
      // driveRun has recorded the failure in run.json and closed the store.
      this.finishJob(job, { type: 'error', jobId, message: (error as Error).message });
      return;
    }
    job.drive.done.then(
      ({ summary }) => this.finishJob(job, { type: 'done', jobId, summary }),
      (error: unknown) => {
        const field = (error as { field?: unknown }).field;
        this.finishJob(job, { type: 'error', jobId, message: (error as Error).message, ...(typeof field === 'string' ? { field } : {}) });
      },
    );
  }

  /** A resumed run's stored points, sent first so the window shows the whole run. */
  private replayPrevious(job: Job): void {
    if (job.previous.length === 0) return;
    const aggregate = new RunAggregator(job.spec.analysis.dedupTolerance);
    for (const stored of job.previous) {
      if (isFailedStart(stored)) continue;
      const record = aggregate.add({ ...(stored as PointRecord), cluster: (stored as PointRecord).cluster ?? null });
      this.options.send({ type: 'point', jobId: job.jobId, record });
    }
  }

  private finishJob(job: Job, event: JobEvent): void {
    if (this.current === job) this.current = null;
    this.options.send(event);
    if (this.poolStale) void this.replacePool();
    if (!this.disposed) this.pump();
  }
}
