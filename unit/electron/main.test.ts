// electron/main.ts, loaded against a mocked Electron: one instance only; the app scheme serves
// the renderer; the window gets the secure options and its remembered bounds; the session the
// CSP and permission guards; every webContents the navigation guards; the menu is installed and
// talks to the window; and the IPC handlers reach a (fake) pool of utility processes whose runs
// are written to the store in the user-data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, LAB_CHANNELS } from '../../core/jobs/lab-api.ts';
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
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    close = vi.fn();
    isMinimized = vi.fn(() => false);
    isMaximized = vi.fn(() => false);
    getNormalBounds = vi.fn(() => ({ x: 40, y: 30, width: 1111, height: 777 }));
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
    kill = vi.fn(() => {
      setTimeout(() => this.emit('exit', 0), 0);
      return true;
    });
  }
  const state = {
    app: new (class extends Emitter {
      isPackaged = false;
      userData = '';
      lock = true;
      enableSandbox = vi.fn();
      whenReady = vi.fn(() => Promise.resolve());
      quit = vi.fn();
      exit = vi.fn();
      getVersion = vi.fn(() => '0.1.0');
      getPath = vi.fn((name: string) => (name === 'userData' ? state.app.userData : path.join(state.app.userData, name)));
      setPath = vi.fn();
      requestSingleInstanceLock = vi.fn(() => state.app.lock);
      setAboutPanelOptions = vi.fn();
      showAboutPanel = vi.fn();
      setAppUserModelId = vi.fn();
    })(),
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
    screen: {
      getPrimaryDisplay: vi.fn(() => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } })),
      getAllDisplays: vi.fn(() => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }]),
    },
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
    setTimeout(() => child.emit('spawn'), 0);
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
  protocol: m.protocol,
  Menu: m.Menu,
  dialog: m.dialog,
  screen: m.screen,
}));

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));
const APP_URL = 'critlab://app/index.html';

async function loadMain(options: { devServerUrl?: string; isPackaged?: boolean; lock?: boolean; windowState?: unknown } = {}) {
  vi.resetModules();
  vi.clearAllMocks();
  m.FakeBrowserWindow.instances.length = 0;
  m.children.length = 0;
  m.app.listeners.clear();
  m.app.isPackaged = options.isPackaged ?? false;
  m.app.lock = options.lock ?? true;
  m.app.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-main-'));
  // Two compute processes, whatever this machine's core count.
  fs.writeFileSync(path.join(m.app.userData, 'settings.json'), JSON.stringify({ poolSize: 2 }));
  if (options.windowState) fs.writeFileSync(path.join(m.app.userData, 'window-state.json'), JSON.stringify(options.windowState));
  vi.stubEnv('VITE_DEV_SERVER_URL', options.devServerUrl ?? '');
  vi.stubEnv('CRITLAB_USER_DATA', '');
  await import('../../electron/main.ts');
  await flush();
  const win = m.FakeBrowserWindow.instances[0];
  return { win, userData: m.app.userData };
}

function handler(channel: string): Listener {
  const call = m.ipcMain.handle.mock.calls.find((c) => c[0] === channel);
  expect(call, channel).toBeDefined();
  return call![1] as Listener;
}

const trusted = (win: InstanceType<typeof m.FakeBrowserWindow>) => ({ sender: win.webContents, senderFrame: { url: APP_URL, parent: null } });

describe('main process', () => {
  beforeEach(() => {
    vi.unstubAllEnvs();
  });
  afterEach(() => {
    if (m.app.userData) fs.rmSync(m.app.userData, { recursive: true, force: true });
  });

  it('quits at once when another instance holds the lock, and focuses the first window on a second launch', async () => {
    await loadMain({ lock: false });
    expect(m.app.quit).toHaveBeenCalled();
    expect(m.FakeBrowserWindow.instances).toHaveLength(0);
    expect(m.utilityProcess.fork).not.toHaveBeenCalled();

    const { win } = await loadMain();
    win.isMinimized.mockReturnValue(true);
    m.app.emit('second-instance', {}, ['critlab']);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('sandboxes every renderer and registers the app scheme before ready', async () => {
    await loadMain();
    expect(m.app.enableSandbox).toHaveBeenCalled();
    expect(m.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'critlab', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(m.protocol.handle).toHaveBeenCalledWith('critlab', expect.any(Function));
  });

  it('serves dist/renderer and assets/help over the app scheme, and nothing outside them', async () => {
    await loadMain();
    const serve = m.protocol.handle.mock.calls[0][1] as (r: Request) => Promise<Response>;
    const outside = await serve(new Request('critlab://app/..%2f..%2fpackage.json'));
    expect(outside.status).toBe(403);
    const help = await serve(new Request('critlab://help/index.html'));
    expect(help.status).toBe(200);
    expect(await help.text()).toMatch(/critlab Help/);
    expect(help.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('creates the window with the secure webPreferences, the bundled CommonJS preload, and loads critlab://app', async () => {
    const { win } = await loadMain();
    const prefs = win.options.webPreferences as { preload: string };
    expect(path.isAbsolute(prefs.preload)).toBe(true);
    expect(path.basename(prefs.preload)).toBe('preload.cjs');
    expect(prefs).toEqual(secureWebPreferences(prefs.preload));
    // Restated here, so a change to security.ts alone cannot silently weaken the real window.
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(win.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('loads VITE_DEV_SERVER_URL when set, but never in a packaged app', async () => {
    let { win } = await loadMain({ devServerUrl: 'http://localhost:5173' });
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    ({ win } = await loadMain({ devServerUrl: 'http://localhost:5173', isPackaged: true }));
    expect(win.loadURL).toHaveBeenCalledWith(APP_URL);
  });

  it('opens the window where it was left (clamped to the display) and remembers it on close', async () => {
    const { win, userData } = await loadMain({ windowState: { x: 100, y: 80, width: 1300, height: 900, maximized: true } });
    expect(win.options).toMatchObject({ x: 100, y: 80, width: 1300, height: 900 });
    expect(win.maximize).toHaveBeenCalled();
    win.emit('close');
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
    // A corrupt file: defaults, no crash.
    const again = await loadMain({ windowState: { width: 'huge' } });
    expect(again.win.options).toMatchObject({ width: 1280, height: 820 });
    expect(again.win.options).not.toHaveProperty('x');
  });

  it('puts a strict CSP on every response of the default session and denies permissions', async () => {
    await loadMain();
    const listener = m.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0][0] as Listener;
    const callback = vi.fn();
    listener({ url: APP_URL, responseHeaders: {} }, callback);
    const csp = (callback.mock.calls[0][0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy'][0];
    expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    const request = m.session.defaultSession.setPermissionRequestHandler.mock.calls[0][0] as Listener;
    const granted = vi.fn();
    request(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('guards every webContents created: window.open denied, foreign navigation blocked', async () => {
    await loadMain();
    const contents = new m.FakeWebContents();
    m.app.emit('web-contents-created', {}, contents);
    const open = contents.setWindowOpenHandler.mock.calls[0][0] as Listener;
    expect(open({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd']) {
        const foreign = { url, preventDefault: vi.fn() };
        contents.emit(event, foreign);
        expect(foreign.preventDefault, `${event} ${url}`).toHaveBeenCalled();
      }
      const own = { url: APP_URL, preventDefault: vi.fn() };
      contents.emit(event, own);
      expect(own.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it('installs the native menu; its document items reach the window, Help opens a sandboxed help window', async () => {
    const { win } = await loadMain();
    expect(m.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const template = m.Menu.buildFromTemplate.mock.calls[0][0] as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    const file = template.find((t) => t.label === '&File')!;
    file.submenu!.find((i) => i.label === 'Open Spec…')!.click!();
    expect(win.webContents.send).toHaveBeenCalledWith(DESKTOP_CHANNELS.onMenuCommand, 'open-spec');
    const help = template.find((t) => t.label === '&Help')!;
    help.submenu!.find((i) => i.label === 'critlab Help')!.click!();
    const helpWindow = m.FakeBrowserWindow.instances[1];
    expect(helpWindow.loadURL).toHaveBeenCalledWith('critlab://help/index.html');
    expect(helpWindow.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(helpWindow.options.webPreferences).not.toHaveProperty('preload');
    help.submenu!.find((i) => i.label?.startsWith('About critlab'))!.click!();
    expect(m.app.showAboutPanel).toHaveBeenCalled();
    expect(m.app.setAboutPanelOptions).toHaveBeenCalledWith(expect.objectContaining({ applicationName: 'critlab', applicationVersion: '0.1.0' }));
  });

  it('registers every LabApi and DesktopApi invoke channel', async () => {
    await loadMain();
    const { onEvent: _e, ...lab } = LAB_CHANNELS;
    const { onMenuCommand: _m, ...desktop } = DESKTOP_CHANNELS;
    expect(m.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual([...Object.values(lab), ...Object.values(desktop)].sort());
  });

  it('runs a trusted start on the pool of utility processes, into a folder of the store in userData', async () => {
    const { win, userData } = await loadMain();
    expect(m.utilityProcess.fork).toHaveBeenCalledTimes(2);
    expect(m.utilityProcess.fork.mock.calls[0][0]).toMatch(/compute\.cjs$/);
    expect(m.utilityProcess.fork.mock.calls.map((c) => (c[2] as { serviceName: string }).serviceName)).toEqual(['critlab compute 1', 'critlab compute 2']);
    const spec = { name: 'tiny', problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 2 } };
    const { jobId, runId } = (await handler(LAB_CHANNELS.startRun)(trusted(win), spec)) as { jobId: string; runId: string };
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.existsSync(path.join(userData, 'runs', runId, 'run.json'))).toBe(true);
    await flush();
    // Four starts on two processes: one start each to begin with (batches shrink as the queue empties).
    const starts = m.children.flatMap((c) => c.posted as Array<{ type: string; jobId: string; only?: number[] }>).filter((r) => r.type === 'start');
    expect(starts).toHaveLength(2);
    expect(new Set(starts.flatMap((r) => r.only ?? [])).size).toBe(2);
    for (const id of starts.flatMap((r) => r.only ?? [])) expect([0, 1, 2, 3]).toContain(id);

    // A worker's events reach the window under the run's job id (once its point is on disk).
    const child = m.children.find((c) => c.posted.length > 0)!;
    const sub = (child.posted[0] as { jobId: string; only: number[] });
    const id = sub.only[0];
    const record = { id, status: 'critical', stopReason: 'converged', loss: 0, gradNormSq: 0, iterations: 1, hvps: 1, index: 0.5, negative: 1, zero: 0, positive: 1, type: 'saddle', cluster: null, theta: [0, 0], start: [0, 0], finder: 'newton', elapsedMs: 1 };
    child.emit('message', { type: 'point', jobId: sub.jobId, record });
    expect(win.webContents.send).toHaveBeenCalledWith(LAB_CHANNELS.onEvent, expect.objectContaining({ type: 'point', jobId }));
    expect(fs.readFileSync(path.join(userData, 'runs', runId, 'points.jsonl'), 'utf8')).toContain(`"id":${id}`);

    // A crash restarts the process (after a short back-off: it died young) and re-queues its start.
    const forks = m.utilityProcess.fork.mock.calls.length;
    const posted = () => m.children.flatMap((c) => c.posted as Array<{ type: string; only?: number[] }>).filter((r) => r.type === 'start');
    const before = posted().length;
    child.emit('exit', 139);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(m.utilityProcess.fork.mock.calls.length).toBe(forks + 1);
    expect(posted().length).toBeGreaterThan(before);

    // The library lists the run as running (this session writes it).
    const listing = (await handler(DESKTOP_CHANNELS.listRuns)(trusted(win))) as { root: string; runs: Array<{ runId: string; status: string }> };
    expect(listing.root).toBe(path.join(userData, 'runs'));
    expect(listing.runs).toEqual([expect.objectContaining({ runId, status: 'running' })]);
  });

  it('refuses calls from another webContents or a foreign page, and malformed payloads', async () => {
    const { win } = await loadMain();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const start = handler(LAB_CHANNELS.startRun);
    const spec = { problem: { kind: 'function', name: 'saddle' } };
    await expect(start({ sender: new m.FakeWebContents(), senderFrame: { url: APP_URL, parent: null } }, spec)).rejects.toThrow(/untrusted/);
    await expect(start({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, spec)).rejects.toThrow(/untrusted/);
    await expect(start(trusted(win), { problem: 3 })).rejects.toThrow(/invalid spec: problem/);
    await expect(handler(DESKTOP_CHANNELS.openRun)(trusted(win), '../../etc')).rejects.toThrow(/invalid run id/);
    await expect(handler(DESKTOP_CHANNELS.listRuns)({ sender: win.webContents, senderFrame: { url: 'critlab://help/index.html', parent: null } })).rejects.toThrow(/untrusted/);
    warn.mockRestore();
    await flush();
    expect(m.children.flatMap((c) => c.posted)).toEqual([]);
  });

  it('stops the compute processes before quitting', async () => {
    await loadMain();
    const willQuit = m.app.listeners.get('will-quit')![0];
    const event = { preventDefault: vi.fn() };
    willQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    for (const child of m.children) expect(child.kill).toHaveBeenCalled();
    expect(m.app.quit).not.toHaveBeenCalled();
    await flush();
    expect(m.app.quit).toHaveBeenCalled();
  });
});
