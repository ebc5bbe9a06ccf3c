/**
 * The main-process side of `LabApi`: one `ipcMain.handle` per invoke operation of LAB_CHANNELS.
 * Nothing from the renderer is trusted. Each call first checks its sender (our window's main
 * frame, showing our app's URL), then its arguments: the spec against the same zod schema the
 * CLI uses (the error names the bad field), job ids as short non-empty strings. Only then is the
 * job forwarded, as the schema's parsed output, so no field the schema does not know reaches the
 * compute process.
 *
 * Imports Electron for types only; main.ts passes in `ipcMain` and the sender check.
 */
import type { IpcMain } from 'electron';
import { formatSpecIssues, validateSpec, type Spec } from '../core/experiment/spec.ts';
import { LAB_CHANNELS, type LabApi } from '../core/jobs/lab-api.ts';

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

/** The validated arguments of `startRun`: exactly one plain-object spec that passes the schema. */
export function parseStartRunArgs(args: readonly unknown[]): Spec {
  if (args.length !== 1) throw new Error(`startRun takes one argument (the spec), got ${args.length}`);
  const [spec] = args;
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

/** Where validated jobs go (LabHost in the app, a fake in tests). */
export interface JobSink {
  startRun(jobId: string, spec: Spec): void;
  cancelRun(jobId: string): void;
}

export interface LabIpcOptions {
  readonly jobs: JobSink;
  readonly isTrustedSender: (event: IpcSender) => boolean;
  readonly newJobId: () => string;
  /** Refused calls are reported here (default: console.warn). */
  readonly onRefused?: (channel: string, reason: string) => void;
}

type Handler<K extends InvokeOperation> = (event: IpcSender, ...args: unknown[]) => Promise<Awaited<ReturnType<LabApi[K]>>>;
export type LabHandlers = { readonly [K in InvokeOperation]: Handler<K> };

/** One handler per invoke operation; a new LabApi operation without a handler fails to compile. */
export function createLabHandlers(options: LabIpcOptions): LabHandlers {
  const refused = options.onRefused ?? ((channel, reason) => console.warn(`critlab: refused ${channel}: ${reason}`));
  const guard = <T>(channel: string, event: IpcSender, body: () => T): T => {
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
  return {
    startRun: async (event, ...args) =>
      guard(LAB_CHANNELS.startRun, event, () => {
        const spec = parseStartRunArgs(args);
        const jobId = options.newJobId();
        options.jobs.startRun(jobId, spec);
        return { jobId };
      }),
    cancelRun: async (event, ...args) =>
      guard(LAB_CHANNELS.cancelRun, event, () => {
        options.jobs.cancelRun(parseCancelRunArgs(args));
      }),
  };
}

/** Registers the handlers on `ipcMain`; returns the function that removes them. */
export function registerLabIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: LabIpcOptions): () => void {
  const handlers = createLabHandlers(options);
  const operations = Object.keys(handlers) as InvokeOperation[];
  for (const operation of operations) ipcMain.handle(LAB_CHANNELS[operation], handlers[operation]);
  return () => {
    for (const operation of operations) ipcMain.removeHandler(LAB_CHANNELS[operation]);
  };
}
