// electron/main.ts, loaded against a mocked Electron: the window really gets the secure options,
// the session the CSP and permission guards, every webContents the navigation guards, and the IPC
// handlers reach a (fake) utility process and relay its events back to the window.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LAB_CHANNELS } from '../../core/jobs/lab-api.ts';
import { secureWebPreferences } from '../../electron/security.ts';

type Listener = (...args: unknown[]) => unknown;

const m = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
  }
  class FakeWebContents extends Emitter {
    static nextId = 1;
    id = FakeWebContents.nextId++;
    send = vi.fn();
    setWindowOpenHandler = vi.fn();
  }
  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    show = vi.fn();
    loadFile = vi.fn(async () => {});
    loadURL = vi.fn(async () => {});
    isDestroyed = () => false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
  }
  class FakeChild extends Emitter {
    pid = 99;
    posted: unknown[] = [];
    postMessage(message: unknown) {
      this.posted.push(message);
    }
    kill = vi.fn(() => true);
  }
  const state = {
    app: new (class extends Emitter {
      isPackaged = false;
      enableSandbox = vi.fn();
      whenReady = vi.fn(() => Promise.resolve());
      quit = vi.fn();
      exit = vi.fn();
    })(),
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    children: [] as FakeChild[],
    utilityProcess: { fork: vi.fn() },
    FakeBrowserWindow,
    FakeChild,
    FakeWebContents,
  };
  state.utilityProcess.fork.mockImplementation(() => {
    const child = new FakeChild();
    state.children.push(child);
    return child;
  });
  return state;
});

vi.mock('electron', () => ({
  app: m.app,
  BrowserWindow: m.FakeBrowserWindow,
  ipcMain: m.ipcMain,
  session: m.session,
  utilityProcess: m.utilityProcess,
}));

const flush = () => new Promise((resolve) => setImmediate(resolve));

async function loadMain(options: { devServerUrl?: string; isPackaged?: boolean } = {}) {
  vi.resetModules();
  vi.clearAllMocks();
  m.FakeBrowserWindow.instances.length = 0;
  m.children.length = 0;
  m.app.listeners.clear();
  m.app.isPackaged = options.isPackaged ?? false;
  if (options.devServerUrl) vi.stubEnv('VITE_DEV_SERVER_URL', options.devServerUrl);
  else vi.stubEnv('VITE_DEV_SERVER_URL', '');
  await import('../../electron/main.ts');
  await flush();
  expect(m.FakeBrowserWindow.instances).toHaveLength(1);
  const win = m.FakeBrowserWindow.instances[0];
  const prefs = win.options.webPreferences as { preload: string };
  const indexHtml = path.join(path.dirname(prefs.preload), '..', 'renderer', 'index.html');
  return { win, prefs, indexHtml };
}

function handler(channel: string): Listener {
  const call = m.ipcMain.handle.mock.calls.find((c) => c[0] === channel);
  expect(call, channel).toBeDefined();
  return call![1] as Listener;
}

describe('main process', () => {
  beforeEach(() => {
    vi.unstubAllEnvs();
  });

  it('sandboxes every renderer before ready', async () => {
    await loadMain();
    expect(m.app.enableSandbox).toHaveBeenCalled();
  });

  it('creates the window with the secure webPreferences and the bundled CommonJS preload', async () => {
    const { prefs } = await loadMain();
    expect(path.isAbsolute(prefs.preload)).toBe(true);
    expect(path.basename(prefs.preload)).toBe('preload.cjs');
    expect(prefs).toEqual(secureWebPreferences(prefs.preload));
    // Restated here, so a change to security.ts alone cannot silently weaken the real window.
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('loads the built renderer (dist/renderer/index.html next to dist/electron)', async () => {
    const { win, indexHtml } = await loadMain();
    expect(win.loadFile).toHaveBeenCalledWith(indexHtml);
    expect(win.loadURL).not.toHaveBeenCalled();
  });

  it('loads VITE_DEV_SERVER_URL when set, but never in a packaged app', async () => {
    let { win } = await loadMain({ devServerUrl: 'http://localhost:5173' });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    ({ win } = await loadMain({ devServerUrl: 'http://localhost:5173', isPackaged: true }));
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalled();
  });

  it('puts a strict CSP on every response of the default session and denies permissions', async () => {
    await loadMain();
    const listener = m.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0][0] as Listener;
    const callback = vi.fn();
    listener({ url: 'file:///x/index.html', responseHeaders: {} }, callback);
    const csp = (callback.mock.calls[0][0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy'][0];
    expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    const request = m.session.defaultSession.setPermissionRequestHandler.mock.calls[0][0] as Listener;
    const granted = vi.fn();
    request(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('guards every webContents created: window.open denied, foreign navigation blocked', async () => {
    const { indexHtml } = await loadMain();
    const contents = new m.FakeWebContents();
    m.app.emit('web-contents-created', {}, contents);
    const open = contents.setWindowOpenHandler.mock.calls[0][0] as Listener;
    expect(open({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const foreign = { url: 'https://evil.example/', preventDefault: vi.fn() };
      contents.emit(event, foreign);
      expect(foreign.preventDefault, event).toHaveBeenCalled();
      const own = { url: pathToFileURL(indexHtml).href, preventDefault: vi.fn() };
      contents.emit(event, own);
      expect(own.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it('registers the LabApi invoke channels, and forwards a trusted start to the compute process', async () => {
    const { win, indexHtml } = await loadMain();
    expect(m.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual([LAB_CHANNELS.cancelRun, LAB_CHANNELS.startRun].sort());
    expect(m.utilityProcess.fork).toHaveBeenCalledWith(path.join(path.dirname(indexHtml), '..', 'electron', 'compute.cjs'), [], expect.objectContaining({ serviceName: 'critlab compute' }));
    const child = m.children[0];
    child.emit('spawn');
    const trusted = { sender: win.webContents, senderFrame: { url: pathToFileURL(indexHtml).href, parent: null } };
    const spec = { problem: { kind: 'function', name: 'saddle' } };
    const { jobId } = (await handler(LAB_CHANNELS.startRun)(trusted, spec)) as { jobId: string };
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(child.posted).toEqual([expect.objectContaining({ type: 'start', jobId, spec: expect.objectContaining({ problem: spec.problem }) })]);
    await handler(LAB_CHANNELS.cancelRun)(trusted, jobId);
    expect(child.posted.at(-1)).toEqual({ type: 'cancel', jobId });

    // Events from the compute process reach the window on the event channel.
    const progress = { type: 'progress', jobId, done: 0, total: 1, counts: {}, elapsedMs: 0 };
    child.emit('message', progress);
    expect(win.webContents.send).toHaveBeenCalledWith(LAB_CHANNELS.onEvent, progress);

    // A crash fails the job in flight instead of leaving the UI waiting.
    child.emit('exit', 139);
    expect(win.webContents.send).toHaveBeenLastCalledWith(LAB_CHANNELS.onEvent, expect.objectContaining({ type: 'error', jobId }));
  });

  it('refuses calls from another webContents or a foreign page, and malformed specs', async () => {
    const { win, indexHtml } = await loadMain();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const start = handler(LAB_CHANNELS.startRun);
    const spec = { problem: { kind: 'function', name: 'saddle' } };
    await expect(start({ sender: new m.FakeWebContents(), senderFrame: { url: pathToFileURL(indexHtml).href, parent: null } }, spec)).rejects.toThrow(/untrusted/);
    await expect(start({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, spec)).rejects.toThrow(/untrusted/);
    await expect(start({ sender: win.webContents, senderFrame: { url: pathToFileURL(indexHtml).href, parent: null } }, { problem: 3 })).rejects.toThrow(/invalid spec: problem/);
    warn.mockRestore();
    expect(m.children[0].posted).toEqual([]);
  });

  it('kills the compute process before quitting', async () => {
    await loadMain();
    const child = m.children[0];
    child.emit('spawn');
    const willQuit = m.app.listeners.get('will-quit')![0];
    const event = { preventDefault: vi.fn() };
    willQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(child.kill).toHaveBeenCalled();
    expect(m.app.quit).not.toHaveBeenCalled();
    child.emit('exit', 0);
    await flush();
    expect(m.app.quit).toHaveBeenCalled();
  });
});
