/**
 * The preload (bundled as CommonJS to dist/electron/preload.cjs: a sandboxed preload cannot load
 * ES modules, and may `require` only 'electron' and a few builtins). It exposes exactly `LabApi`
 * as `window.lab` through contextBridge, and nothing else: one named function per operation,
 * built from the exhaustive LAB_CHANNELS and DESKTOP_CHANNELS records, never `ipcRenderer`
 * itself. Event listeners get the event payload only, never the IpcRendererEvent (whose `sender`
 * is ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { DESKTOP_CHANNELS, LAB_CHANNELS, MENU_COMMANDS, type DesktopApi, type LabApi, type MenuCommand } from '../core/jobs/lab-api.ts';
import type { JobEvent } from '../core/jobs/protocol.ts';

type Operation = keyof typeof LAB_CHANNELS;
type DesktopOperation = keyof typeof DESKTOP_CHANNELS;
type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * ipcRenderer.invoke rejects with "Error invoking remote method '<channel>': Error: <message>";
 * the renderer gets just the main process's message (which names the bad spec field).
 */
function remoteError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, ''));
}

/** An invoke on `channel` whose rejection carries only the main process's message. */
function invoker<A extends unknown[], R>(ipc: IpcRendererLike, channel: string): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return (await ipc.invoke(channel, ...args)) as R;
    } catch (error) {
      throw remoteError(error);
    }
  };
}

/** One factory per LAB_CHANNELS entry: adding an operation without its function fails to compile. */
const operations: { readonly [K in Operation]: (ipc: IpcRendererLike, channel: (typeof LAB_CHANNELS)[K]) => LabApi[K] } = {
  startRun: (ipc, channel) => {
    const invoke = invoker<[unknown] | [unknown, unknown], { jobId: string; runId?: string }>(ipc, channel);
    return async function startRun(spec, files) {
      // The data files go along only when given (the main process checks them).
      const result = await (files === undefined ? invoke(spec) : invoke(spec, files));
      return typeof result.runId === 'string' ? { jobId: String(result.jobId), runId: result.runId } : { jobId: String(result.jobId) };
    };
  },
  cancelRun: (ipc, channel) => {
    const invoke = invoker<[string], unknown>(ipc, channel);
    return async function cancelRun(jobId) {
      await invoke(jobId);
    };
  },
  onEvent: (ipc, channel) =>
    function onEvent(listener) {
      const relay = (_event: IpcRendererEvent, payload: JobEvent) => listener(payload);
      ipc.on(channel, relay);
      return function unsubscribe() {
        ipc.removeListener(channel, relay);
      };
    },
};

const menuCommands: ReadonlySet<string> = new Set(MENU_COMMANDS);

/** The same for DESKTOP_CHANNELS: every DesktopApi operation, nothing else. */
const desktopOperations: { readonly [K in DesktopOperation]: (ipc: IpcRendererLike, channel: (typeof DESKTOP_CHANNELS)[K]) => DesktopApi[K] } = {
  openSpecFile: (ipc, channel) => invoker(ipc, channel),
  saveSpecFile: (ipc, channel) => invoker(ipc, channel),
  listRuns: (ipc, channel) => invoker(ipc, channel),
  openRun: (ipc, channel) => invoker(ipc, channel),
  resumeRun: (ipc, channel) => invoker(ipc, channel),
  chooseStoreFolder: (ipc, channel) => invoker(ipc, channel),
  exportReport: (ipc, channel) => invoker(ipc, channel),
  getSettings: (ipc, channel) => invoker(ipc, channel),
  updateSettings: (ipc, channel) => invoker(ipc, channel),
  appInfo: (ipc, channel) => invoker(ipc, channel),
  onMenuCommand: (ipc, channel) =>
    function onMenuCommand(listener) {
      const relay = (_event: IpcRendererEvent, command: MenuCommand) => {
        if (menuCommands.has(command)) listener(command);
      };
      ipc.on(channel, relay);
      return function unsubscribe() {
        ipc.removeListener(channel, relay);
      };
    },
};

export function createDesktopApi(ipc: IpcRendererLike): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const operation of Object.keys(DESKTOP_CHANNELS) as DesktopOperation[]) {
    api[operation] = (desktopOperations[operation] as (ipc: IpcRendererLike, channel: string) => unknown)(ipc, DESKTOP_CHANNELS[operation]);
  }
  return Object.freeze(api) as unknown as DesktopApi;
}

export function createLabApi(ipc: IpcRendererLike): LabApi {
  const api: Record<string, unknown> = { host: 'electron' };
  for (const operation of Object.keys(LAB_CHANNELS) as Operation[]) {
    api[operation] = (operations[operation] as (ipc: IpcRendererLike, channel: string) => unknown)(ipc, LAB_CHANNELS[operation]);
  }
  api.desktop = createDesktopApi(ipc);
  return Object.freeze(api) as unknown as LabApi;
}

contextBridge.exposeInMainWorld('lab', createLabApi(ipcRenderer));
