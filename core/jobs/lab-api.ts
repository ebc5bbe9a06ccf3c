/**
 * `LabApi`: everything the renderer may ask of its host, and nothing more. The Electron preload
 * exposes it as `window.lab` (through contextBridge); the browser host implements it over Web
 * Workers. The renderer talks only to this interface (DESIGN.md §2).
 *
 * Desktop-only operations (files through native dialogs, the run library, menus) live in the
 * optional `desktop` member: the Electron host provides it, the browser host leaves it undefined,
 * and the renderer shows those features only when it is present. Every operation of both
 * interfaces has its IPC channel in an exhaustive record below, so an operation without a
 * channel (or the reverse) fails to compile.
 */
import type { SpecInput } from '../experiment/spec.ts';
import type { RunSummary, StartRecord } from '../experiment/records.ts';
import type { JobEvent } from './protocol.ts';

/**
 * Data files the user picked for a run, keyed by the path the spec names (`problem.data.path`,
 * `problem.data.targets.path`): neither host reads paths named in a spec, so the files travel
 * with the run (jobs protocol `StartRequest.files`).
 */
export type RunFiles = Readonly<Record<string, Uint8Array>>;

export interface LabApi {
  /** Which host serves the app. */
  readonly host: 'electron' | 'browser';
  /**
   * Starts a run of `spec`; its events arrive through `onEvent`, tagged with the returned jobId.
   * A host that stores runs (the desktop app) also names the stored run (`DesktopApi.openRun`)
   * and keeps a copy of `files` with it, so the run can be resumed.
   */
  startRun(spec: SpecInput, files?: RunFiles): Promise<{ jobId: string; runId?: string }>;
  /** Asks a run to stop; it finishes the iteration in flight and reports `done` (cancelled). */
  cancelRun(jobId: string): Promise<void>;
  /** Subscribes to every job event; returns the unsubscribe function. */
  onEvent(listener: (event: JobEvent) => void): () => void;
  /** Desktop-only operations; undefined in the browser. */
  readonly desktop?: DesktopApi;
}

/** What the native menu asks the renderer to do (File, View menus). */
export type MenuCommand =
  | 'new'
  | 'open-spec'
  | 'save-spec'
  | 'open-run'
  | 'export-report'
  | 'toggle-theme'
  /** The run library changed under the renderer (another run folder was chosen): list it again. */
  | 'runs-changed';

export const MENU_COMMANDS: readonly MenuCommand[] = ['new', 'open-spec', 'save-spec', 'open-run', 'export-report', 'toggle-theme', 'runs-changed'];

/** A spec file the user picked in the Open dialog; `text` passed the spec schema. */
export interface OpenedSpec {
  /** The file's name (not its path: the renderer never sees paths it could hand back). */
  readonly fileName: string;
  readonly text: string;
  readonly spec: SpecInput;
}

/**
 * How a stored run stands. `interrupted`: its run.json still says running but no run of this
 * app session is writing it (the app crashed or was killed): it can be resumed. `damaged`:
 * run.json cannot be read; `problems` says why.
 */
export type StoredRunStatus = 'running' | 'interrupted' | 'finished' | 'cancelled' | 'failed' | 'damaged';

/** One run folder of the store, as the library view lists it. */
export interface RunInfo {
  /** The run folder's name inside the store: the only handle the renderer gets. */
  readonly runId: string;
  readonly status: StoredRunStatus;
  /** The spec's name, else a short description of its problem ('' when damaged). */
  readonly name: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Complete lines of points.jsonl (finished starts, failed ones included). */
  readonly records: number;
  /** Starts the run plans (from its summary), when known. */
  readonly total?: number;
  readonly summary?: RunSummary;
  /** What is wrong with the folder (a cut-off last line, an unreadable run.json...); empty if nothing. */
  readonly problems: readonly string[];
}

export interface RunListing {
  /** Where the store is (shown to the user; never accepted back). */
  readonly root: string;
  /** Newest first. */
  readonly runs: readonly RunInfo[];
}

/** A stored run, loaded whole. */
export interface StoredRun {
  readonly runId: string;
  readonly status: StoredRunStatus;
  readonly spec: SpecInput;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly resumedAt?: readonly string[];
  readonly versions: Readonly<Record<string, string>>;
  /** Recomputed from the records in start-id order (canonical cluster numbers). */
  readonly summary: RunSummary;
  /** Records in start-id order, each critical one with its cluster. */
  readonly records: readonly StartRecord[];
  /** Per-iteration traces, by start id (those that were stored). */
  readonly traces: readonly StoredTrace[];
  /** Set (to the number of stored traces) when there were too many to send: `traces` is then empty. */
  readonly tracesOmitted?: number;
  /**
   * The data files the run was given, as kept in its folder's `data/` (the views' ground truth and
   * loss slices rebuild the problem from them); absent when it has none or they are gone.
   */
  readonly files?: RunFiles;
  readonly error?: string;
  /** Damage found and tolerated (a cut-off last line, kept aside on resume); empty if none. */
  readonly problems: readonly string[];
}

export interface StoredTrace {
  readonly id: number;
  readonly loss: readonly number[];
  readonly gradNormSq: readonly number[];
  readonly step: readonly number[];
  readonly innerIterations?: readonly number[];
  readonly flags?: readonly string[];
  readonly path?: readonly number[];
}

export type ReportFormat = 'html' | 'json' | 'csv' | 'npy';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'csv', 'npy'];

export type ExportResult =
  | { readonly status: 'saved'; readonly fileName: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'unavailable'; readonly reason: string };

export interface DesktopSettings {
  /** Where runs are stored. */
  readonly storeRoot: string;
  /** True when storeRoot is the default folder in the app's user-data folder. */
  readonly storeRootIsDefault: boolean;
  /** Compute processes; null means the default (cores − 1). */
  readonly poolSize: number | null;
  /** The pool size in effect (the default resolved). */
  readonly effectivePoolSize: number;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly platform: string;
}

export interface DesktopApi {
  /** Shows the Open dialog; resolves with the spec read, null if cancelled; rejects naming the bad field. */
  openSpecFile(): Promise<OpenedSpec | null>;
  /** Validates the spec, shows the Save dialog and writes it; null if cancelled. */
  saveSpecFile(spec: SpecInput): Promise<{ fileName: string } | null>;
  /** The run folders of the store, newest first; damaged folders listed with their problems. */
  listRuns(): Promise<RunListing>;
  /** Loads one stored run; rejects with a precise message if its files are damaged. */
  openRun(runId: string): Promise<StoredRun>;
  /** Resumes an interrupted (or cancelled) run: only its missing starts run, under a new job. */
  resumeRun(runId: string): Promise<{ jobId: string; runId: string }>;
  /** Shows a folder dialog for a new store location; resolves with the new listing, null if cancelled. */
  chooseStoreFolder(): Promise<RunListing | null>;
  /** Exports a stored run's report through a Save dialog. */
  exportReport(runId: string, format: ReportFormat): Promise<ExportResult>;
  getSettings(): Promise<DesktopSettings>;
  /** Changes the pool size (null: the default); applies to the next run. */
  updateSettings(patch: { poolSize: number | null }): Promise<DesktopSettings>;
  appInfo(): Promise<AppInfo>;
  /** Subscribes to native-menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/**
 * IPC channel names, one per operation. A `Record` over LabApi's operations, so adding an
 * operation without a channel (or the reverse) fails to compile.
 */
export const LAB_CHANNELS = {
  startRun: 'lab:start-run',
  cancelRun: 'lab:cancel-run',
  onEvent: 'lab:event',
} as const satisfies Record<Exclude<keyof LabApi, 'host' | 'desktop'>, string>;

/** The desktop operations' channels, exhaustive over DesktopApi in the same way. */
export const DESKTOP_CHANNELS = {
  openSpecFile: 'lab:desktop:open-spec-file',
  saveSpecFile: 'lab:desktop:save-spec-file',
  listRuns: 'lab:desktop:list-runs',
  openRun: 'lab:desktop:open-run',
  resumeRun: 'lab:desktop:resume-run',
  chooseStoreFolder: 'lab:desktop:choose-store-folder',
  exportReport: 'lab:desktop:export-report',
  getSettings: 'lab:desktop:get-settings',
  updateSettings: 'lab:desktop:update-settings',
  appInfo: 'lab:desktop:app-info',
  onMenuCommand: 'lab:desktop:menu-command',
} as const satisfies Record<keyof DesktopApi, string>;
