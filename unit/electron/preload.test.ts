// electron/preload.ts: exposes exactly LabApi as window.lab, over the LAB_CHANNELS channels,
// and never hands ipcRenderer (or an IpcRendererEvent) to the page.
import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, LAB_CHANNELS, type DesktopApi, type LabApi } from '../../core/jobs/lab-api.ts';

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
  it('exposes exactly the LabApi keys, frozen, as plain functions (and the desktop object of functions)', () => {
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual(['desktop', 'host', ...Object.keys(LAB_CHANNELS)].sort());
    expect(Object.keys(api).sort()).toEqual(['cancelRun', 'desktop', 'host', 'onEvent', 'startRun']);
    expect(api.host).toBe('electron');
    expect(Object.isFrozen(api)).toBe(true);
    for (const [key, value] of Object.entries(api)) {
      expect(value).not.toBe(electron.ipcRenderer);
      if (key === 'host') expect(typeof value).toBe('string');
      else if (key !== 'desktop') expect(typeof value, key).toBe('function');
    }
    const desktop = api.desktop!;
    expect(Object.keys(desktop).sort()).toEqual(Object.keys(DESKTOP_CHANNELS).sort());
    expect(Object.isFrozen(desktop)).toBe(true);
    for (const [key, value] of Object.entries(desktop)) expect(typeof value, key).toBe('function');
  });

  it('startRun invokes the start channel with the spec and returns only the job id', async () => {
    const api = exposed();
    const spec = { problem: { kind: 'function' as const, name: 'saddle' } };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ jobId: 'j1', extra: 'leak' });
    await expect(api.startRun(spec)).resolves.toEqual({ jobId: 'j1' });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ jobId: 'j2', runId: 'r2', extra: 'leak' });
    await expect(api.startRun(spec)).resolves.toEqual({ jobId: 'j2', runId: 'r2' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(LAB_CHANNELS.startRun, spec);
    expect(electron.ipcRenderer.invoke.mock.lastCall).toHaveLength(2);
  });

  it('startRun sends the data files after the spec, only when they are given', async () => {
    const api = exposed();
    const spec = { problem: { kind: 'network' as const, layers: [3, 2, 3], data: { kind: 'file' as const, path: 'samples.csv' } } };
    const files = { 'samples.csv': new Uint8Array([97, 44, 98, 10]) };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ jobId: 'j3', runId: 'r3' });
    await expect(api.startRun(spec, files)).resolves.toEqual({ jobId: 'j3', runId: 'r3' });
    expect(electron.ipcRenderer.invoke.mock.lastCall).toEqual([LAB_CHANNELS.startRun, spec, files]);
    expect(electron.ipcRenderer.invoke.mock.lastCall![2]).toBe(files);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ jobId: 'j4' });
    await expect(api.startRun(spec, undefined)).resolves.toEqual({ jobId: 'j4' });
    expect(electron.ipcRenderer.invoke.mock.lastCall).toEqual([LAB_CHANNELS.startRun, spec]);
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
    const channels = new Set([...Object.values(LAB_CHANNELS), ...Object.values(DESKTOP_CHANNELS)] as string[]);
    for (const call of [...electron.ipcRenderer.invoke.mock.calls, ...electron.ipcRenderer.on.mock.calls]) {
      expect(channels.has(call[0] as string), String(call[0])).toBe(true);
    }
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('each desktop operation invokes its own channel with exactly its arguments', async () => {
    const desktop = exposed().desktop!;
    const calls: Array<[keyof DesktopApi, unknown[]]> = [
      ['openSpecFile', []],
      ['saveSpecFile', [{ problem: { kind: 'function', name: 'saddle' } }]],
      ['listRuns', []],
      ['openRun', ['run-a']],
      ['resumeRun', ['run-a']],
      ['chooseStoreFolder', []],
      ['exportReport', ['run-a', 'json']],
      ['getSettings', []],
      ['updateSettings', [{ poolSize: 2 }]],
      ['appInfo', []],
    ];
    expect(calls.map(([k]) => k).sort()).toEqual(Object.keys(DESKTOP_CHANNELS).filter((k) => k !== 'onMenuCommand').sort());
    for (const [operation, args] of calls) {
      electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: operation });
      await expect((desktop[operation] as (...a: unknown[]) => Promise<unknown>)(...args)).resolves.toEqual({ ok: operation });
      expect(electron.ipcRenderer.invoke.mock.lastCall).toEqual([DESKTOP_CHANNELS[operation], ...args]);
    }
  });

  it("desktop operations reject with the main process's message only", async () => {
    const desktop = exposed().desktop!;
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'lab:desktop:open-run': RunFolderError: /s/r/points.jsonl line 3 is not valid JSON"));
    await expect(desktop.openRun('r')).rejects.toThrow(/^\/s\/r\/points\.jsonl line 3 is not valid JSON$/);
  });

  it('onMenuCommand relays known commands only, without the IpcRendererEvent, and unsubscribes', () => {
    const desktop = exposed().desktop!;
    const listener = vi.fn();
    const unsubscribe = desktop.onMenuCommand(listener);
    expect(electron.ipcRenderer.on).toHaveBeenLastCalledWith(DESKTOP_CHANNELS.onMenuCommand, expect.any(Function));
    const relay = electron.ipcRenderer.on.mock.lastCall![1] as (...args: unknown[]) => void;
    relay({ sender: electron.ipcRenderer }, 'open-spec');
    relay({ sender: electron.ipcRenderer }, 'rm -rf');
    relay({ sender: electron.ipcRenderer }, { command: 'new' });
    expect(listener.mock.calls).toEqual([['open-spec']]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(DESKTOP_CHANNELS.onMenuCommand, relay);
  });
});
