/**
 * The main-process side of `LabApi`: one `ipcMain.handle` per invoke operation of LAB_CHANNELS.
 * Nothing from the renderer is trusted. Each call first checks its sender (our window's main
 * frame, showing our app's URL), then its arguments: the spec against the same zod schema the
 * CLI uses (the error names the bad field), job ids as short non-empty strings, the data files
 * that may come with a run as plain file names mapped to bytes (bounded in number and size; files
 * the spec does not name are dropped). Only then is the job forwarded, as the schema's parsed
 * output, so no field the schema does not know reaches the compute process.
 *
 * The desktop operations (DESKTOP_CHANNELS) are checked the same way: a run id must be a plain
 * run-folder name (the store then checks it names one of its runs), a report format one of the
 * known ones, a settings patch exactly the schema's shape. No operation takes a path: files are
 * reached only through native dialogs, the run store, or as contents the renderer sends (the
 * data files picked in the builder, whose names are never used as paths outside the run folder).
 *
 * Imports Electron for types only; main.ts passes in `ipcMain` and the sender check.
 */
import type { IpcMain } from 'electron';
import { formatSpecIssues, validateSpec, type Spec } from '../core/experiment/spec.ts';
import {
  DESKTOP_CHANNELS,
  LAB_CHANNELS,
  REPORT_FORMATS,
  type AppInfo,
  type DesktopApi,
  type DesktopSettings,
  type ExportResult,
  type LabApi,
  type OpenedSpec,
  type ReportFormat,
  type RunFiles,
  type RunListing,
  type StoredRun,
} from '../core/jobs/lab-api.ts';
import { isRunId } from '../core/node/run-library.ts';
import { requiredResources } from '../core/problems/create-problem.ts';
import { DATA_LIMITS } from '../core/problems/data/data-set.ts';
import { fileNameProblem, MAX_RUN_FILES, pickRunFiles } from './run-files.ts';
import { settingsPatchSchema } from './settings.ts';

/** Operations the renderer invokes (onEvent flows the other way, main → renderer). */
export type InvokeOperation = Exclude<keyof typeof LAB_CHANNELS, 'onEvent'>;

export const MAX_JOB_ID_LENGTH = 128;

/** What the handlers need to know about an IPC call's origin (a subset of IpcMainInvokeEvent). */
export interface IpcSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * True when the call comes from the expected webContents' top frame and that frame shows our app
 * (not an iframe, not a page it was navigated to, not a frame already gone).
 */
export function isTrustedSender(event: IpcSender, expected: { readonly id: number } | null, isAppUrl: (url: string) => boolean): boolean {
  if (!expected || event.sender.id !== expected.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/**
 * The validated arguments of `startRun`: a plain-object spec that passes the schema, then,
 * optionally, the data files the user picked for it (see parseRunFiles). Files the spec does not
 * name are dropped, so only what the run uses reaches the run folder and the compute processes.
 */
export function parseStartRunArgs(args: readonly unknown[]): { spec: Spec; files: RunFiles } {
  if (args.length !== 1 && args.length !== 2) throw new Error(`startRun takes one or two arguments (the spec, then its data files), got ${args.length}`);
  const spec = checkSpec(args[0]);
  const given = args.length === 2 && args[1] !== undefined ? parseRunFiles(args[1]) : {};
  return { spec, files: pickRunFiles(given, requiredResources(spec.problem).files) };
}

/**
 * The data files of a run, as they come over IPC (a structured clone): a plain object mapping a
 * plain file name (no separators, no '.' or '..', no NUL, at most 255 characters) to its bytes as
 * a Uint8Array; at most MAX_RUN_FILES files and DATA_LIMITS.maxBytes in all.
 */
export function parseRunFiles(value: unknown): Record<string, Uint8Array> {
  const proto = typeof value === 'object' && value !== null ? (Object.getPrototypeOf(value) as unknown) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`invalid data files: expected a plain object mapping file names to their bytes, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  if (names.length > MAX_RUN_FILES) throw new Error(`invalid data files: at most ${MAX_RUN_FILES} files may come with a run, got ${names.length}`);
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const name of names) {
    const problem = fileNameProblem(name);
    if (problem) throw new Error(`invalid data files: the name ${describe(name)} ${problem}`);
    const bytes = record[name];
    if (!(bytes instanceof Uint8Array)) throw new Error(`invalid data files: ${describe(name)} must be the file's bytes (a Uint8Array), got ${describe(bytes)}`);
    total += bytes.byteLength;
    if (total > DATA_LIMITS.maxBytes) throw new Error(`invalid data files: more than ${DATA_LIMITS.maxBytes} bytes in all (the limit for data files)`);
    files[name] = bytes;
  }
  return files;
}

function parseSpecArg(operation: string, args: readonly unknown[]): Spec {
  if (args.length !== 1) throw new Error(`${operation} takes one argument (the spec), got ${args.length}`);
  return checkSpec(args[0]);
}

function checkSpec(spec: unknown): Spec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new Error(`invalid spec: expected an object, got ${spec === null ? 'null' : Array.isArray(spec) ? 'an array' : typeof spec}`);
  }
  const result = validateSpec(spec);
  if (!result.ok) throw new Error(`invalid spec: ${formatSpecIssues(result.issues)}`);
  return result.spec;
}

/** The validated argument of `cancelRun`: one non-empty job id of bounded length. */
export function parseCancelRunArgs(args: readonly unknown[]): string {
  if (args.length !== 1) throw new Error(`cancelRun takes one argument (the job id), got ${args.length}`);
  return parseJobId(args[0]);
}

export function parseJobId(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`invalid job id: expected a string, got ${value === null ? 'null' : typeof value}`);
  if (value.length === 0 || value.length > MAX_JOB_ID_LENGTH) {
    throw new Error(`invalid job id: length must be 1..${MAX_JOB_ID_LENGTH}, got ${value.length}`);
  }
  return value;
}

export const MAX_RUN_ID_LENGTH = 160;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    // Typed arrays, buffers, maps…: named by their class ("an Int8Array", "a Map").
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const name = proto && proto !== Object.prototype ? proto.constructor?.name : undefined;
    if (typeof name === 'string' && name) return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  return typeof value;
}

/** A run id: a store folder name (letters, digits, '.', '_', '-'; no separators, no leading dot). */
export function parseRunId(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`invalid run id: expected a string, got ${describe(value)}`);
  if (!isRunId(value)) throw new Error(`invalid run id: ${describe(value)} is not a run folder name (letters, digits, '.', '_', '-', at most ${MAX_RUN_ID_LENGTH})`);
  return value;
}

function noArgs(operation: string, args: readonly unknown[]): void {
  if (args.length !== 0) throw new Error(`${operation} takes no arguments, got ${args.length}`);
}

function oneRunId(operation: string, args: readonly unknown[]): string {
  if (args.length !== 1) throw new Error(`${operation} takes one argument (the run id), got ${args.length}`);
  return parseRunId(args[0]);
}

export function parseOpenRunArgs(args: readonly unknown[]): string {
  return oneRunId('openRun', args);
}

export function parseResumeRunArgs(args: readonly unknown[]): string {
  return oneRunId('resumeRun', args);
}

export function parseSaveSpecArgs(args: readonly unknown[]): Spec {
  return parseSpecArg('saveSpecFile', args);
}

export function parseExportReportArgs(args: readonly unknown[]): { runId: string; format: ReportFormat } {
  if (args.length !== 2) throw new Error(`exportReport takes two arguments (the run id and the format), got ${args.length}`);
  const runId = parseRunId(args[0]);
  const format = args[1];
  if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`invalid report format: expected one of ${REPORT_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  return { runId, format: format as ReportFormat };
}

export function parseUpdateSettingsArgs(args: readonly unknown[]): { poolSize: number | null } {
  if (args.length !== 1) throw new Error(`updateSettings takes one argument (the settings patch), got ${args.length}`);
  const result = settingsPatchSchema.safeParse(args[0]);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(settings)'}: ${i.message}`);
    throw new Error(`invalid settings: ${issues.join('; ')}`);
  }
  return result.data;
}

/** Where validated jobs go (LabHost in the app, a fake in tests). */
export interface JobSink {
  /** `files`: the data files the spec names that came with the call (already checked). */
  startRun(jobId: string, spec: Spec, files?: RunFiles): { runId?: string } | void;
  cancelRun(jobId: string): void;
}

/** Where validated desktop operations go (desktop.ts in the app, a fake in tests). */
export interface DesktopService {
  openSpecFile(): Promise<OpenedSpec | null>;
  saveSpecFile(spec: Spec): Promise<{ fileName: string } | null>;
  listRuns(): Promise<RunListing>;
  openRun(runId: string): Promise<StoredRun>;
  resumeRun(jobId: string, runId: string): Promise<{ runId: string }>;
  chooseStoreFolder(): Promise<RunListing | null>;
  exportReport(runId: string, format: ReportFormat): Promise<ExportResult>;
  getSettings(): Promise<DesktopSettings>;
  updateSettings(patch: { poolSize: number | null }): Promise<DesktopSettings>;
  appInfo(): Promise<AppInfo>;
}

export interface LabIpcOptions {
  readonly jobs: JobSink;
  /** The desktop operations; their channels are registered only when given. */
  readonly desktop?: DesktopService;
  readonly isTrustedSender: (event: IpcSender) => boolean;
  readonly newJobId: () => string;
  /** Refused calls are reported here (default: console.warn). */
  readonly onRefused?: (channel: string, reason: string) => void;
}

type Handler<K extends InvokeOperation> = (event: IpcSender, ...args: unknown[]) => Promise<Awaited<ReturnType<LabApi[K]>>>;
export type LabHandlers = { readonly [K in InvokeOperation]: Handler<K> };

/** One handler per invoke operation; a new LabApi operation without a handler fails to compile. */
export function createLabHandlers(options: LabIpcOptions): LabHandlers {
  const guard = guardFor(options);
  return {
    startRun: async (event, ...args) =>
      guard(LAB_CHANNELS.startRun, event, () => {
        const { spec, files } = parseStartRunArgs(args);
        const jobId = options.newJobId();
        const started = Object.keys(files).length > 0 ? options.jobs.startRun(jobId, spec, files) : options.jobs.startRun(jobId, spec);
        return started?.runId ? { jobId, runId: started.runId } : { jobId };
      }),
    cancelRun: async (event, ...args) =>
      guard(LAB_CHANNELS.cancelRun, event, () => {
        options.jobs.cancelRun(parseCancelRunArgs(args));
      }),
  };
}

/**
 * The sender check, then the body: a refusal (untrusted sender, malformed arguments) is reported
 * to `onRefused` and rethrown. The body validates its arguments synchronously, before anything
 * async, so a refusal never reaches a service.
 */
function guardFor(options: LabIpcOptions) {
  const refused = options.onRefused ?? ((channel, reason) => console.warn(`critlab: refused ${channel}: ${reason}`));
  return <T>(channel: string, event: IpcSender, body: () => T): T => {
    if (!options.isTrustedSender(event)) {
      refused(channel, 'untrusted sender');
      throw new Error('refused: untrusted sender');
    }
    try {
      return body();
    } catch (error) {
      refused(channel, (error as Error).message);
      throw error;
    }
  };
}

/** Desktop operations the renderer invokes (onMenuCommand flows main → renderer). */
export type DesktopOperation = Exclude<keyof typeof DESKTOP_CHANNELS, 'onMenuCommand'>;

type DesktopHandler<K extends DesktopOperation> = (event: IpcSender, ...args: unknown[]) => Promise<Awaited<ReturnType<DesktopApi[K]>>>;
export type DesktopHandlers = { readonly [K in DesktopOperation]: DesktopHandler<K> };

/** One handler per desktop operation; a new DesktopApi operation without one fails to compile. */
export function createDesktopHandlers(options: LabIpcOptions & { readonly desktop: DesktopService }): DesktopHandlers {
  const guard = guardFor(options);
  const { desktop } = options;
  const C = DESKTOP_CHANNELS;
  return {
    openSpecFile: async (event, ...args) => guard(C.openSpecFile, event, () => (noArgs('openSpecFile', args), desktop.openSpecFile())),
    saveSpecFile: async (event, ...args) => guard(C.saveSpecFile, event, () => desktop.saveSpecFile(parseSaveSpecArgs(args))),
    listRuns: async (event, ...args) => guard(C.listRuns, event, () => (noArgs('listRuns', args), desktop.listRuns())),
    openRun: async (event, ...args) => guard(C.openRun, event, () => desktop.openRun(parseOpenRunArgs(args))),
    resumeRun: async (event, ...args) =>
      guard(C.resumeRun, event, () => {
        const runId = parseResumeRunArgs(args);
        const jobId = options.newJobId();
        return desktop.resumeRun(jobId, runId).then((r) => ({ jobId, runId: r.runId }));
      }),
    chooseStoreFolder: async (event, ...args) => guard(C.chooseStoreFolder, event, () => (noArgs('chooseStoreFolder', args), desktop.chooseStoreFolder())),
    exportReport: async (event, ...args) =>
      guard(C.exportReport, event, () => {
        const { runId, format } = parseExportReportArgs(args);
        return desktop.exportReport(runId, format);
      }),
    getSettings: async (event, ...args) => guard(C.getSettings, event, () => (noArgs('getSettings', args), desktop.getSettings())),
    updateSettings: async (event, ...args) => guard(C.updateSettings, event, () => desktop.updateSettings(parseUpdateSettingsArgs(args))),
    appInfo: async (event, ...args) => guard(C.appInfo, event, () => (noArgs('appInfo', args), desktop.appInfo())),
  };
}

/** Registers the handlers on `ipcMain`; returns the function that removes them. */
export function registerLabIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: LabIpcOptions): () => void {
  const channels: string[] = [];
  const handlers = createLabHandlers(options);
  for (const operation of Object.keys(handlers) as InvokeOperation[]) {
    ipcMain.handle(LAB_CHANNELS[operation], handlers[operation]);
    channels.push(LAB_CHANNELS[operation]);
  }
  if (options.desktop) {
    const desktop = createDesktopHandlers({ ...options, desktop: options.desktop });
    for (const operation of Object.keys(desktop) as DesktopOperation[]) {
      ipcMain.handle(DESKTOP_CHANNELS[operation], desktop[operation]);
      channels.push(DESKTOP_CHANNELS[operation]);
    }
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
