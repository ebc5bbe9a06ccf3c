/**
 * Electron main process (bundled to dist/electron/main.cjs, package.json "main"). Wires the
 * pieces together and holds no policy of its own:
 * - security.ts: sandbox for every renderer, the window's webPreferences, the CSP on every
 *   response, navigation / redirects / new windows / <webview> / permissions denied;
 * - ipc.ts: the LabApi handlers, which check the sender and validate every payload;
 * - lab-host.ts + compute-process.ts: jobs go to a utility process running compute.cjs, and its
 *   events come back to the window on LAB_CHANNELS.onEvent.
 * Loads dist/renderer/index.html, or VITE_DEV_SERVER_URL when set (unpackaged app only).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { LAB_CHANNELS } from '../core/jobs/lab-api.ts';
import { ComputeProcess } from './compute-process.ts';
import { registerLabIpc, isTrustedSender } from './ipc.ts';
import { LabHost } from './lab-host.ts';
import { appUrlMatcher, contentSecurityPolicy, hardenSession, hardenWebContents, rendererTarget, windowOptions } from './security.ts';

/** dist/electron in the bundle: the preload and compute entries sit next to main.cjs. */
const here = __dirname;
const preloadPath = path.join(here, 'preload.cjs');
const computePath = path.join(here, 'compute.cjs');

const target = rendererTarget({
  devServerUrl: process.env.VITE_DEV_SERVER_URL,
  isPackaged: app.isPackaged,
  indexHtml: path.join(here, '..', 'renderer', 'index.html'),
});
const isAppUrl = appUrlMatcher(target);

let mainWindow: BrowserWindow | null = null;

const host = new LabHost({
  createCompute: () => new ComputeProcess({ modulePath: computePath, serviceName: 'critlab compute' }),
  send: (event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(LAB_CHANNELS.onEvent, event);
  },
});

// Before 'ready': every renderer is sandboxed, and every webContents (windows, and anything a
// future feature creates) gets the navigation / window.open / <webview> guards.
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const loaded = target.kind === 'dev' ? win.loadURL(target.url) : win.loadFile(target.indexHtml);
  loaded.catch((error: unknown) => {
    const where = target.kind === 'dev' ? target.url : `${target.indexHtml} (run \`npm run build\` first)`;
    console.error(`critlab: could not load the renderer from ${where}: ${(error as Error).message}`);
    if (!win.isDestroyed()) win.show();
  });
  return win;
}

app
  .whenReady()
  .then(() => {
    hardenSession(session.defaultSession, contentSecurityPolicy(target));
    registerLabIpc(ipcMain, {
      jobs: host,
      isTrustedSender: (event) => isTrustedSender(event, mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null, isAppUrl),
      newJobId: () => randomUUID(),
    });
    mainWindow = createWindow();
    host.warmUp();
  })
  .catch((error: unknown) => {
    console.error(`critlab: failed to start: ${(error as Error).stack ?? String(error)}`);
    app.exit(1);
  });

// A lab, not a document app: closing its window quits, on macOS too.
app.on('window-all-closed', () => app.quit());

let disposed = false;
app.on('will-quit', (event) => {
  if (disposed) return;
  event.preventDefault();
  disposed = true;
  void host.dispose().finally(() => app.quit());
});
