/**
 * Electron main process (bundled to dist/electron/main.cjs, package.json "main"). Wires the
 * pieces together and holds no policy of its own:
 * - security.ts: sandbox for every renderer, the window's webPreferences, the CSP on every
 *   response, navigation / redirects / new windows / <webview> / permissions denied;
 * - app-protocol.ts: the renderer and the offline help served as critlab://app and
 *   critlab://help (one folder each, nothing else), not file://;
 * - ipc.ts: the LabApi and DesktopApi handlers, which check the sender and validate every payload;
 * - lab-host.ts + compute-pool.ts: runs go to a pool of utility processes running compute.cjs and
 *   into the run store, and their events come back to the window on LAB_CHANNELS.onEvent;
 * - desktop.ts: dialogs, the run library, settings; menu.ts: the native menu;
 *   window-state.ts: the window's bounds across launches.
 * One instance at a time: a second launch focuses the first window and exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import { DESKTOP_CHANNELS, LAB_CHANNELS, type AppInfo, type MenuCommand } from '../core/jobs/lab-api.ts';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, HELP_INDEX_URL } from './app-protocol.ts';
import { ComputeProcess } from './compute-process.ts';
import { Desktop } from './desktop.ts';
import { isTrustedSender, registerLabIpc } from './ipc.ts';
import { LabHost } from './lab-host.ts';
import { aboutPanelOptions, buildMenuTemplate } from './menu.ts';
import {
  appUrlMatcher,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  helpWindowOptions,
  navigationMatcher,
  rendererTarget,
  windowOptions,
} from './security.ts';
import { Settings } from './settings.ts';
import { captureWindowState, fitToDisplays, loadWindowState, saveWindowState } from './window-state.ts';

/** dist/electron in the bundle: the preload and compute entries sit next to main.cjs. */
const here = __dirname;
const preloadPath = path.join(here, 'preload.cjs');
const computePath = path.join(here, 'compute.cjs');
/**
 * The package root (the app.asar root when packaged), which holds dist/ and assets/: two levels
 * up from the bundle in dist/electron, one level up from the sources in electron/ (tests).
 */
const packageRoot = [path.join(here, '..', '..'), path.join(here, '..')].find((dir) => fs.existsSync(path.join(dir, 'package.json'))) ?? path.join(here, '..', '..');
const rendererRoot = path.join(here, '..', 'renderer');
const helpRoot = path.join(packageRoot, 'assets', 'help');
const windowIcon = path.join(packageRoot, 'assets', 'icons', 'icon-512.png');

const warn = (message: string) => console.warn(`critlab: ${message}`);

// An unpackaged app (development, e2e tests) may keep its settings and runs elsewhere.
if (!app.isPackaged && process.env.CRITLAB_USER_DATA) app.setPath('userData', path.resolve(process.env.CRITLAB_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  // Another critlab is running: it gets a 'second-instance' event and shows its window.
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  const target = rendererTarget({ devServerUrl: process.env.VITE_DEV_SERVER_URL, isPackaged: app.isPackaged, rendererRoot });
  const isAppUrl = appUrlMatcher(target);
  const mayNavigate = navigationMatcher(target);
  const userData = app.getPath('userData');
  const info: AppInfo = {
    name: 'critlab',
    version: app.getVersion(),
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    platform: process.platform,
  };

  let mainWindow: BrowserWindow | null = null;
  let helpWindow: BrowserWindow | null = null;
  let host: LabHost | null = null;
  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const sendMenuCommand = (command: MenuCommand) => liveWindow()?.webContents.send(DESKTOP_CHANNELS.onMenuCommand, command);

  // Before 'ready': the app scheme's privileges, every renderer sandboxed, and every webContents
  // (windows, and anything a future feature creates) guarded against navigation, window.open
  // and <webview>.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, mayNavigate));
  app.setAboutPanelOptions(aboutPanelOptions({ appName: info.name, version: info.version, electron: info.electron, chrome: info.chrome, node: info.node }));
  if (process.platform === 'win32') app.setAppUserModelId('org.critlab.app');

  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  function createWindow(): BrowserWindow {
    const remembered = loadWindowState(userData);
    if (remembered.problem) warn(remembered.problem);
    const primary = screen.getPrimaryDisplay();
    const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
    const state = fitToDisplays(remembered.state, [primary, ...others].map((d) => d.workArea));
    const win = new BrowserWindow(windowOptions(preloadPath, state, process.platform === 'linux' ? windowIcon : undefined));
    if (state.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => {
      try {
        saveWindowState(userData, captureWindowState(win));
      } catch (error) {
        warn(`could not remember the window's size: ${(error as Error).message}`);
      }
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
      // The help window does not outlive the app's window (closing that quits the app).
      if (helpWindow && !helpWindow.isDestroyed()) helpWindow.close();
    });
    win.loadURL(target.url).catch((error: unknown) => {
      const where = target.kind === 'dev' ? target.url : `${target.url} (from ${target.root}; run \`npm run build\` first)`;
      console.error(`critlab: could not load the renderer from ${where}: ${(error as Error).message}`);
      if (!win.isDestroyed()) win.show();
    });
    return win;
  }

  function openHelp(): void {
    if (helpWindow && !helpWindow.isDestroyed()) {
      helpWindow.show();
      helpWindow.focus();
      return;
    }
    const win = new BrowserWindow(helpWindowOptions());
    helpWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (helpWindow === win) helpWindow = null;
    });
    win.loadURL(HELP_INDEX_URL).catch((error: unknown) => warn(`could not load the help page: ${(error as Error).message}`));
  }

  app
    .whenReady()
    .then(() => {
      const csp = contentSecurityPolicy(target);
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ roots: { app: rendererRoot, help: helpRoot }, csp }));
      hardenSession(session.defaultSession, csp);

      const settings = Settings.load(userData, warn);
      const labHost = new LabHost({
        createCompute: (slot) => new ComputeProcess({ modulePath: computePath, serviceName: `critlab compute ${slot + 1}` }),
        poolSize: () => settings.poolSize,
        storeRoot: () => settings.storeRoot,
        send: (event) => liveWindow()?.webContents.send(LAB_CHANNELS.onEvent, event),
        versions: { critlab: info.version, electron: info.electron, node: info.node },
        notice: warn,
      });
      host = labHost;
      const desktop = new Desktop({
        dialog,
        window: liveWindow,
        settings,
        host: labHost,
        appInfo: info,
        documentsDir: app.getPath('documents'),
        onStoreChanged: () => sendMenuCommand('runs-changed'),
      });
      registerLabIpc(ipcMain, {
        jobs: labHost,
        desktop,
        isTrustedSender: (event) => isTrustedSender(event, liveWindow()?.webContents ?? null, isAppUrl),
        newJobId: () => randomUUID(),
      });

      const menu = buildMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        appName: info.name,
        version: info.version,
        actions: {
          send: sendMenuCommand,
          chooseStoreFolder: () => {
            desktop.chooseStoreFolder().catch((error: unknown) => dialog.showErrorBox('critlab', (error as Error).message));
          },
          openHelp,
          showAbout: () => app.showAboutPanel(),
        },
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

      mainWindow = createWindow();
      labHost.warmUp();
    })
    .catch((error: unknown) => {
      console.error(`critlab: failed to start: ${(error as Error).stack ?? String(error)}`);
      app.exit(1);
    });

  // A lab, not a document app: closing its window quits, on macOS too.
  app.on('window-all-closed', () => app.quit());

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !host) return;
    event.preventDefault();
    disposed = true;
    void host.dispose().finally(() => app.quit());
  });
}
