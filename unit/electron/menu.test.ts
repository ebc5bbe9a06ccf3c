// electron/menu.ts: the native menu as data. Labels, accelerators and roles per platform, what
// each item does, and no development items in a packaged app.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS } from '../../core/jobs/lab-api.ts';
import { aboutPanelOptions, buildMenuTemplate, type MenuActions } from '../../electron/menu.ts';

function build(platform: NodeJS.Platform, isPackaged = true) {
  const actions: MenuActions = { send: vi.fn(), chooseStoreFolder: vi.fn(), openHelp: vi.fn(), showAbout: vi.fn() };
  const template = buildMenuTemplate({ platform, isPackaged, appName: 'critlab', version: '1.2.3', actions });
  return { template, actions };
}

const items = (menu: MenuItemConstructorOptions) => ((menu.submenu ?? []) as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
const byLabel = (menu: MenuItemConstructorOptions, label: string) => items(menu).find((i) => i.label === label)!;
const top = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label?.replace('&', '') === label)!;
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();
const roles = (menu: MenuItemConstructorOptions) => items(menu).map((i) => i.role).filter(Boolean);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux (with mnemonics), plus the app and Window menus on macOS', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(build('win32').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const mac = build('darwin').template;
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['critlab', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(roles(mac[0])).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('File: New, Open Spec…, Save Spec…, Open Run…, Export Report…, Choose Run Folder…, Quit, with accelerators', () => {
    const file = top(build('linux').template, 'File');
    expect(items(file).map((i) => [i.label, i.accelerator ?? null, i.role ?? null])).toEqual([
      ['New', 'CmdOrCtrl+N', null],
      ['Open Spec…', 'CmdOrCtrl+O', null],
      ['Save Spec…', 'CmdOrCtrl+S', null],
      ['Open Run…', 'CmdOrCtrl+Shift+O', null],
      ['Export Report…', 'CmdOrCtrl+E', null],
      ['Choose Run Folder…', null, null],
      ['Quit', null, 'quit'],
    ]);
    // On macOS Quit lives in the app menu; File ends with Close Window.
    expect(items(top(build('darwin').template, 'File')).at(-1)?.role).toBe('close');
  });

  it('document items send their command to the renderer; shell items call main-process actions', () => {
    const { template, actions } = build('linux');
    const file = top(template, 'File');
    const sent: Array<[string, string]> = [
      ['New', 'new'],
      ['Open Spec…', 'open-spec'],
      ['Save Spec…', 'save-spec'],
      ['Open Run…', 'open-run'],
      ['Export Report…', 'export-report'],
    ];
    for (const [label, command] of sent) {
      click(byLabel(file, label));
      expect(actions.send).toHaveBeenLastCalledWith(command);
      expect(MENU_COMMANDS).toContain(command);
    }
    click(byLabel(file, 'Choose Run Folder…'));
    expect(actions.chooseStoreFolder).toHaveBeenCalledTimes(1);
    click(byLabel(top(template, 'View'), 'Toggle Dark/Light'));
    expect(actions.send).toHaveBeenLastCalledWith('toggle-theme');
    const help = top(template, 'Help');
    click(byLabel(help, 'critlab Help'));
    expect(actions.openHelp).toHaveBeenCalledTimes(1);
    click(byLabel(help, 'About critlab 1.2.3'));
    expect(actions.showAbout).toHaveBeenCalledTimes(1);
    expect(byLabel(help, 'critlab Help').accelerator).toBe('F1');
    expect(help.role).toBe('help');
  });

  it('the macOS app menu opens the about panel', () => {
    const { template, actions } = build('darwin');
    click(items(template[0])[0]);
    expect(items(template[0])[0].label).toBe('About critlab');
    expect(actions.showAbout).toHaveBeenCalled();
    expect(items(top(template, 'Help')).map((i) => i.label)).toEqual(['critlab Help']);
  });

  it('Edit is made of roles', () => {
    expect(roles(top(build('linux').template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('View: zoom and full screen always; reload and developer tools only when unpackaged', () => {
    const packaged = top(build('linux', true).template, 'View');
    expect(roles(packaged)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(byLabel(packaged, 'Toggle Dark/Light').accelerator).toBe('CmdOrCtrl+Shift+L');
    const dev = top(build('linux', false).template, 'View');
    expect(roles(dev)).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('no two items share an accelerator', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = build(platform, false).template.flatMap((m) => items(m).map((i) => i.accelerator).filter(Boolean));
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });
});

describe('aboutPanelOptions', () => {
  it('names the app, its version and the runtime versions', () => {
    expect(aboutPanelOptions({ appName: 'critlab', version: '1.2.3', electron: '45.4.1', chrome: '142.0', node: '22.20.0' })).toEqual({
      applicationName: 'critlab',
      applicationVersion: '1.2.3',
      version: 'Electron 45.4.1 · Chromium 142.0 · Node 22.20.0',
      copyright: 'MIT License',
      credits: expect.stringMatching(/critical points/),
    });
  });
});
