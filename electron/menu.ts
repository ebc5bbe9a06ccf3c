/**
 * The native application menu as a pure template (main.ts builds it with
 * `Menu.buildFromTemplate`). Items that concern the document (new, open or save a spec, open a
 * stored run, export a report, switch theme) send a MenuCommand to the renderer, which owns that
 * state and calls back through DesktopApi; items that are the shell's own business (choose the
 * run folder, help, about, quit) call the main process's actions. Development-only items
 * (reload, developer tools) exist only in an unpackaged app.
 *
 * Imports Electron for types only, so it is unit-tested under plain Node.
 */
import type { AboutPanelOptionsOptions, MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/jobs/lab-api.ts';

export interface MenuActions {
  /** Sends a command to the main window's renderer. */
  send(command: MenuCommand): void;
  /** Shows the folder dialog for the run store. */
  chooseStoreFolder(): void;
  /** Opens the offline help page. */
  openHelp(): void;
  /** Shows the about panel. */
  showAbout(): void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Packaged builds get no reload and no developer tools. */
  readonly isPackaged: boolean;
  readonly appName: string;
  readonly version: string;
  readonly actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function command(label: string, accelerator: string | undefined, name: MenuCommand, actions: MenuActions): MenuItemConstructorOptions {
  return { id: `command:${name}`, label, ...(accelerator ? { accelerator } : {}), click: () => actions.send(name) };
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, appName, version, isPackaged } = options;
  const mac = options.platform === 'darwin';

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { id: 'about', label: `About ${appName}`, click: () => actions.showAbout() },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('New', 'CmdOrCtrl+N', 'new', actions),
      command('Open Spec…', 'CmdOrCtrl+O', 'open-spec', actions),
      command('Save Spec…', 'CmdOrCtrl+S', 'save-spec', actions),
      separator,
      command('Open Run…', 'CmdOrCtrl+Shift+O', 'open-run', actions),
      command('Export Report…', 'CmdOrCtrl+E', 'export-report', actions),
      separator,
      { id: 'choose-store-folder', label: 'Choose Run Folder…', click: () => actions.chooseStoreFolder() },
      ...(mac ? [separator, { role: 'close' } as MenuItemConstructorOptions] : [separator, { role: 'quit', label: 'Quit' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, separator, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(isPackaged ? [] : [{ role: 'reload' } as MenuItemConstructorOptions, { role: 'forceReload' } as MenuItemConstructorOptions]),
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions, separator]),
      command('Toggle Dark/Light', 'CmdOrCtrl+Shift+L', 'toggle-theme', actions),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      { id: 'help', label: `${appName} Help`, accelerator: mac ? undefined : 'F1', click: () => actions.openHelp() },
      ...(mac ? [] : [separator, { id: 'about', label: `About ${appName} ${version}`, click: () => actions.showAbout() } as MenuItemConstructorOptions]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, ...(mac ? [windowMenu] : []), help];
}

/** Options for app.setAboutPanelOptions. */
export function aboutPanelOptions(info: { appName: string; version: string; electron: string; chrome: string; node: string; iconPath?: string }): AboutPanelOptionsOptions {
  return {
    applicationName: info.appName,
    applicationVersion: info.version,
    version: `Electron ${info.electron} · Chromium ${info.chrome} · Node ${info.node}`,
    copyright: 'MIT License',
    credits: 'A desktop lab for the critical points of neural-network loss surfaces.',
    ...(info.iconPath ? { iconPath: info.iconPath } : {}),
  };
}
