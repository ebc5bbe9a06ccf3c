// electron/preload.ts: exposes exactly LabApi as window.lab, over the LAB_CHANNELS channels,
// and never hands ipcRenderer (or an IpcRendererEvent) to the page.
import { describe, expect, it, vi } from 'vitest';
import { LAB_CHANNELS, type LabApi } from '../../core/jobs/lab-api.ts';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
}));
vi.mock('electron', () => electron);

await import('../../electron/preload.ts');

function exposed(): LabApi {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
  expect(key).toBe('lab');
  return api as LabApi;
}

describe('preload', () => {
  it('exposes exactly the LabApi keys, frozen, as plain functions', () => {
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual(['host', ...Object.keys(LAB_CHANNELS)].sort());
    expect(Object.keys(api).sort()).toEqual(['cancelRun', 'host', 'onEvent', 'startRun']);
    expect(api.host).toBe('electron');
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) {
      expect(value).not.toBe(electron.ipcRenderer);
      if (typeof value === 'object') throw new Error('no objects may be exposed');
    }
  });

  it('startRun invokes the start channel with the spec and returns only the job id', async () => {
    const api = exposed();
    const spec = { problem: { kind: 'function' as const, name: 'saddle' } };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ jobId: 'j1', extra: 'leak' });
    await expect(api.startRun(spec)).resolves.toEqual({ jobId: 'j1' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(LAB_CHANNELS.startRun, spec);
    expect(electron.ipcRenderer.invoke.mock.lastCall).toHaveLength(2);
  });

  it('cancelRun invokes the cancel channel with the job id', async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockResolvedValueOnce(undefined);
    await expect(api.cancelRun('j1')).resolves.toBeUndefined();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(LAB_CHANNELS.cancelRun, 'j1');
  });

  it("rejects with the main process's message, without Electron's wrapper text", async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'lab:start-run': Error: invalid spec: finder.tolerance: Too big: expected number to be <=1"),
    );
    await expect(api.startRun({ problem: { kind: 'function', name: 'saddle' } })).rejects.toThrow(/^invalid spec: finder\.tolerance: Too big/);
  });

  it('onEvent passes the payload only (never the IpcRendererEvent) and unsubscribes the same function', () => {
    const api = exposed();
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith(LAB_CHANNELS.onEvent, expect.any(Function));
    const relay = electron.ipcRenderer.on.mock.lastCall![1] as (...args: unknown[]) => void;
    const payload = { type: 'done', jobId: 'j1', summary: {} };
    relay({ sender: electron.ipcRenderer, senderId: 0 }, payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([payload]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(LAB_CHANNELS.onEvent, relay);
  });

  it('uses only the LAB_CHANNELS channels and never send/sendSync', async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockResolvedValue({ jobId: 'x' });
    await api.startRun({ problem: { kind: 'function', name: 'saddle' } });
    await api.cancelRun('x');
    api.onEvent(() => {})();
    const channels = new Set(Object.values(LAB_CHANNELS) as string[]);
    for (const call of [...electron.ipcRenderer.invoke.mock.calls, ...electron.ipcRenderer.on.mock.calls]) {
      expect(channels.has(call[0] as string), String(call[0])).toBe(true);
    }
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});
