// scripts/build-electron.mjs: the real bundles, not the sources. main/preload/compute must be
// CommonJS; the preload must run with a sandbox's require (only 'electron'); compute.cjs must
// serve a job under plain Node given a parentPort; main.cjs must find its siblings from dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const outdir = mkdtempSync(path.join(tmpdir(), 'critlab-electron-'));
const read = (name: string) => readFileSync(path.join(outdir, name), 'utf8');
const requiresOf = (code: string) => [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir, '--quiet'], { cwd: root, stdio: 'pipe' });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Runs CommonJS code with a given require, the way Node (or Electron's sandbox loader) would. */
function runCjs(code: string, filename: string, requireFn: (name: string) => unknown): void {
  const module = { exports: {} };
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename });
  wrapper(module.exports, requireFn, module, filename, path.dirname(filename));
}

describe('build-electron bundles', () => {
  for (const name of ['main.cjs', 'preload.cjs', 'compute.cjs']) {
    it(`${name} is CommonJS (compiles as a script: no import/export statements)`, () => {
      expect(() => new vm.Script(read(name), { filename: name })).not.toThrow();
    });
  }

  it('requires nothing but electron and Node builtins (npm dependencies are bundled)', () => {
    const builtins = new Set(builtinModules);
    for (const name of ['main.cjs', 'compute.cjs']) {
      for (const dep of requiresOf(read(name))) {
        expect(dep === 'electron' || dep.startsWith('node:') || builtins.has(dep), `${name} requires ${dep}`).toBe(true);
      }
    }
    expect(requiresOf(read('compute.cjs'))).not.toContain('electron');
  });

  it("preload.cjs runs with a sandboxed preload's require and exposes window.lab", () => {
    const code = read('preload.cjs');
    expect(requiresOf(code)).toEqual(['electron']);
    const exposeInMainWorld = vi.fn();
    const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
    runCjs(code, path.join(outdir, 'preload.cjs'), (name) => {
      if (name === 'electron') return { contextBridge: { exposeInMainWorld }, ipcRenderer };
      throw new Error(`a sandboxed preload cannot require ${name}`);
    });
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0];
    expect(key).toBe('lab');
    expect(Object.keys(api).sort()).toEqual(['cancelRun', 'desktop', 'host', 'onEvent', 'startRun']);
    expect(Object.keys(api.desktop).length).toBeGreaterThan(5);
  });

  it('main.cjs points the window at dist/electron/preload.cjs, serves dist/renderer as critlab://app, and forks compute.cjs', async () => {
    const windows: Array<{ options: { webPreferences: Record<string, unknown> }; loadURL: ReturnType<typeof vi.fn> }> = [];
    const on = () => {};
    const userData = mkdtempSync(path.join(tmpdir(), 'critlab-bundle-user-'));
    const electron = {
      app: {
        isPackaged: false, enableSandbox: vi.fn(), on, whenReady: () => Promise.resolve(), quit: vi.fn(), exit: vi.fn(),
        getPath: (name: string) => path.join(userData, name === 'userData' ? '' : name), getVersion: () => '0.1.0', setPath: vi.fn(),
        requestSingleInstanceLock: () => true, setAboutPanelOptions: vi.fn(), showAboutPanel: vi.fn(), setAppUserModelId: vi.fn(),
      },
      BrowserWindow: class {
        webContents = { id: 1, send: vi.fn() };
        once = on;
        on = on;
        maximize = vi.fn();
        loadURL = vi.fn(async () => {});
        isDestroyed = () => false;
        constructor(readonly options: { webPreferences: Record<string, unknown> }) {
          windows.push(this);
        }
      },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
      dialog: {},
      screen: { getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }), getAllDisplays: () => [] },
      session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      utilityProcess: { fork: vi.fn(() => ({ on, postMessage: vi.fn(), kill: vi.fn() })) },
    };
    const nodeRequire = (await import('node:module')).createRequire(import.meta.url);
    runCjs(read('main.cjs'), path.join(outdir, 'main.cjs'), (name) => (name === 'electron' ? electron : nodeRequire(name)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(windows).toHaveLength(1);
    expect(windows[0].options.webPreferences).toMatchObject({ preload: path.join(outdir, 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(windows[0].loadURL).toHaveBeenCalledWith('critlab://app/index.html');
    expect(electron.protocol.handle).toHaveBeenCalledWith('critlab', expect.any(Function));
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(path.join(outdir, 'compute.cjs'), [], expect.anything());
    rmSync(userData, { recursive: true, force: true });
  });

  it('compute.cjs serves a job on process.parentPort under plain Node', () => {
    const preamble = path.join(outdir, 'fake-parent-port.cjs');
    writeFileSync(
      preamble,
      `const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (m) => {
  process.stdout.write(JSON.stringify({ type: m.type, jobId: m.jobId, loss: m.loss instanceof Float64Array }) + '\\n');
  if (m.type === 'done' || m.type === 'error') process.exit(0);
};
process.parentPort = port;
setImmediate(() => port.emit('message', { data: { type: 'start', jobId: 'b', spec: { problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 2 } } }, ports: [] }));
setTimeout(() => { console.error('timed out'); process.exit(2); }, 30000);
`,
    );
    const result = spawnSync(process.execPath, ['--require', preamble, path.join(outdir, 'compute.cjs')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; jobId: string; loss: boolean });
    expect(events.at(-1)).toMatchObject({ type: 'done', jobId: 'b' });
    expect(events.filter((e) => e.type === 'point')).toHaveLength(4);
    expect(events.find((e) => e.type === 'trace')?.loss).toBe(true);
  });

  it('compute.cjs refuses to run outside a utility process', () => {
    const result = spawnSync(process.execPath, [path.join(outdir, 'compute.cjs')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/must run inside an Electron utility process/);
  });
});
