/**
 * Driving one run into its folder, shared by the CLI (`critlab run`) and the Electron main
 * process: open the folder (create it, or resume an interrupted run of the same spec), run the
 * starts that are missing on a compute pool, append each finished start to the store the moment
 * its point arrives (its trace, which the runner sends just before the point, is held until
 * then), and close the run with its canonical summary (recomputed in start-id order over every
 * record of the run, previous ones included).
 *
 * The pool and the user interface stay with the caller: the CLI draws a progress bar and closes
 * its pool afterwards, the desktop app relays events to its window and keeps its pool warm.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SpecInput } from '../experiment/spec.ts';
import { isFailedStart, type FailedStart, type PointRecord, type RunSummary, type StartRecord } from '../experiment/records.ts';
import type { ProgressEvent, TraceEvent } from '../jobs/protocol.ts';
import type { PoolScheduler } from '../jobs/scheduler.ts';
import { loadRun, RUN_FILE, RunStore, sameSpec, summarise, type LoadedRun, type Shard } from './run-store.ts';

export interface OpenRunFolderOptions {
  readonly dir: string;
  readonly spec: SpecInput;
  /** Every start id this run (or shard) covers. */
  readonly startIds: readonly number[];
  /** Written to run.json when the folder is created. */
  readonly versions: Record<string, string>;
  readonly shard?: Shard;
  /** Told about repairs made on resume (a cut-off last line kept aside). */
  readonly notice: (message: string) => void;
}

export type OpenedRunFolder =
  /** The folder already holds a finished run; `sameSpec` says whether it is of this spec. Nothing was changed. */
  | { readonly kind: 'finished'; readonly loaded: LoadedRun; readonly sameSpec: boolean }
  | {
      readonly kind: 'open';
      readonly store: RunStore;
      /** True when an earlier run of the folder is continued. */
      readonly resumed: boolean;
      /** Records already in the folder, of this run's start ids. */
      readonly previous: readonly StartRecord[];
      /** Start ids still to run, in order. */
      readonly remaining: readonly number[];
    };

/**
 * Creates the run folder, or reopens an unfinished run of the same spec and shard in it (a run
 * of another spec is refused by RunStore.resume with a RunFolderError, nothing changed).
 */
export function openRunFolder(options: OpenRunFolderOptions): OpenedRunFolder {
  const { dir, spec, startIds, shard, notice } = options;
  if (fs.existsSync(path.join(dir, RUN_FILE))) {
    const loaded = loadRun(dir);
    if (loaded.manifest.status === 'finished') return { kind: 'finished', loaded, sameSpec: sameSpec(loaded.manifest.spec, spec) };
    const store = RunStore.resume(loaded, spec, shard, notice);
    const wanted = new Set(startIds);
    const previous = loaded.records.filter((r) => wanted.has(r.id));
    const done = new Set(previous.map((r) => r.id));
    return { kind: 'open', store, resumed: true, previous, remaining: startIds.filter((id) => !done.has(id)) };
  }
  const store = RunStore.create(dir, spec, options.versions, shard);
  return { kind: 'open', store, resumed: false, previous: [], remaining: [...startIds] };
}

export interface RunSessionEvents {
  /** A finished start, already on disk; `record` carries its live cluster number. */
  point?(record: PointRecord, trace: TraceEvent | undefined): void;
  /** A start given up after crashing its worker twice, already on disk. */
  failed?(failure: FailedStart): void;
  progress?(event: ProgressEvent): void;
}

export interface DriveRunOptions {
  readonly pool: PoolScheduler;
  readonly store: RunStore;
  readonly jobId: string;
  readonly spec: SpecInput;
  /** Every start id the run covers (previous and remaining). */
  readonly startIds: readonly number[];
  readonly remaining: readonly number[];
  readonly previous: readonly StartRecord[];
  readonly dedupTolerance: number;
  readonly now: () => number;
  readonly events?: RunSessionEvents;
  /** Where relative data paths in the spec resolve (the spec file's folder for the CLI). */
  readonly baseDir?: string;
  /** Data files that travel with the run, sent once to each compute process (the desktop app's picked files). */
  readonly files?: Readonly<Record<string, Uint8Array>>;
}

export interface DrivenRun {
  /** Resolves once run.json holds the final status; rejects (run.json says failed) if the run failed. */
  readonly done: Promise<{ readonly summary: RunSummary; readonly cancelled: boolean }>;
  cancel(): void;
}

/**
 * Runs `remaining` on the pool into `store`, then finishes run.json ('finished' or 'cancelled',
 * with the canonical summary; 'failed' with the error) and closes the store.
 */
export function driveRun(options: DriveRunOptions): DrivenRun {
  const { store, events } = options;
  const records: StartRecord[] = [...options.previous];
  const traces = new Map<number, TraceEvent>();
  const t0 = options.now();
  let run: ReturnType<PoolScheduler['run']>;
  try {
    run = options.pool.run({
      jobId: options.jobId,
      spec: options.spec,
      startIds: options.remaining,
      previous: options.previous.filter((r): r is PointRecord => !isFailedStart(r)),
      dedupTolerance: options.dedupTolerance,
      now: options.now,
      ...(options.baseDir ? { baseDir: options.baseDir } : {}),
      ...(options.files ? { files: options.files } : {}),
      events: {
        trace: (event) => traces.set(event.startId, event),
        point: (record) => {
          const trace = traces.get(record.id);
          traces.delete(record.id);
          store.append(record, trace);
          records.push(record);
          events?.point?.(record, trace);
        },
        failed: (failure) => {
          store.append(failure);
          records.push(failure);
          events?.failed?.(failure);
        },
        progress: (event) => events?.progress?.(event),
      },
    });
  } catch (error) {
    store.finish('failed', undefined, (error as Error).message);
    store.close();
    throw error;
  }
  const done = run.done.then(
    (live) => {
      try {
        const summary = summarise(records, options.startIds.length, options.dedupTolerance, live.cancelled, options.now() - t0);
        store.finish(live.cancelled ? 'cancelled' : 'finished', summary);
        return { summary, cancelled: live.cancelled };
      } finally {
        store.close();
      }
    },
    (error: unknown) => {
      try {
        store.finish('failed', undefined, (error as Error).message);
      } finally {
        store.close();
      }
      throw error;
    },
  );
  return { done, cancel: () => run.cancel() };
}
