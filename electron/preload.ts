/**
 * The preload (bundled as CommonJS to dist/electron/preload.cjs: a sandboxed preload cannot load
 * ES modules, and may `require` only 'electron' and a few builtins). It exposes exactly `LabApi`
 * as `window.lab` through contextBridge, and nothing else: one named function per operation,
 * built from the exhaustive LAB_CHANNELS record, never `ipcRenderer` itself. Event listeners get
 * the event payload only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { LAB_CHANNELS, type LabApi } from '../core/jobs/lab-api.ts';
import type { JobEvent } from '../core/jobs/protocol.ts';

type Operation = keyof typeof LAB_CHANNELS;
type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * ipcRenderer.invoke rejects with "Error invoking remote method '<channel>': Error: <message>";
 * the renderer gets just the main process's message (which names the bad spec field).
 */
function remoteError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, ''));
}

/** One factory per LAB_CHANNELS entry: adding an operation without its function fails to compile. */
const operations: { readonly [K in Operation]: (ipc: IpcRendererLike, channel: (typeof LAB_CHANNELS)[K]) => LabApi[K] } = {
  startRun: (ipc, channel) =>
    async function startRun(spec) {
      try {
        const result = (await ipc.invoke(channel, spec)) as { jobId: string };
        return { jobId: String(result.jobId) };
      } catch (error) {
        throw remoteError(error);
      }
    },
  cancelRun: (ipc, channel) =>
    async function cancelRun(jobId) {
      try {
        await ipc.invoke(channel, jobId);
      } catch (error) {
        throw remoteError(error);
      }
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

export function createLabApi(ipc: IpcRendererLike): LabApi {
  const api: Record<string, unknown> = { host: 'electron' };
  for (const operation of Object.keys(LAB_CHANNELS) as Operation[]) {
    api[operation] = (operations[operation] as (ipc: IpcRendererLike, channel: string) => unknown)(ipc, LAB_CHANNELS[operation]);
  }
  return Object.freeze(api) as unknown as LabApi;
}

contextBridge.exposeInMainWorld('lab', createLabApi(ipcRenderer));
