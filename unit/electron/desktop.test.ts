// electron/desktop.ts: the desktop operations behind DesktopApi, with a fake dialog. Files only
// through dialogs or the store; the renderer gets names, not paths; bad files get precise messages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseStartRunArgs } from '../../electron/ipc.ts';
import { Desktop, MAX_SPEC_BYTES, type DesktopDeps } from '../../electron/desktop.ts';
import { Settings } from '../../electron/settings.ts';
import { RunStore } from '../../core/node/run-store.ts';
import { fakeRecord } from './fake-compute.ts';

let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-desktop-'));
  fs.mkdirSync(path.join(base, 'userData'));
  fs.mkdirSync(path.join(base, 'docs'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const specText = JSON.stringify({ name: 'Saddle', problem: { kind: 'function', name: 'saddle' } }, null, 2);

function setup(answers: { open?: string[] | null; save?: string | null } = {}) {
  const dialog = {
    showOpenDialog: vi.fn(async (_options: unknown) => (answers.open ? { canceled: false, filePaths: answers.open } : { canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async (_options: unknown) => (answers.save ? { canceled: false, filePath: answers.save } : { canceled: true, filePath: '' })),
  };
  const settings = Settings.load(path.join(base, 'userData'));
  const host = { resumeRun: vi.fn((_jobId: string, runId: string) => ({ runId })), activeRunIds: new Set<string>(), resizePool: vi.fn() };
  const onStoreChanged = vi.fn();
  const deps: DesktopDeps = {
    dialog: dialog as never,
    window: () => null,
    settings,
    host: host as never,
    appInfo: { name: 'critlab', version: '0.1.0', electron: '45.4.1', chrome: '142', node: '22', platform: 'linux' },
    documentsDir: path.join(base, 'docs'),
    onStoreChanged,
  };
  return { desktop: new Desktop(deps), dialog, settings, host, onStoreChanged };
}

function storedRun(root: string, runId: string) {
  const store = RunStore.create(path.join(root, runId), { problem: { kind: 'function', name: 'saddle' } }, { critlab: 't' });
  for (const id of [0, 1, 2]) store.append(fakeRecord(id));
  store.finish('finished');
  store.close();
}

describe('Desktop', () => {
  it('openSpecFile reads the chosen file, validates it, and returns its name and text (no path)', async () => {
    const file = path.join(base, 'docs', 'saddle.json');
    fs.writeFileSync(file, specText);
    const { desktop, dialog } = setup({ open: [file] });
    const opened = await desktop.openSpecFile();
    expect(opened).toEqual({ fileName: 'saddle.json', text: specText, spec: JSON.parse(specText) });
    expect(JSON.stringify(opened)).not.toContain(base);
    expect(dialog.showOpenDialog.mock.calls[0][0]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['json'] }, { extensions: ['*'] }] });
  });

  it('openSpecFile: null when cancelled; precise errors for invalid, malformed, huge or unreadable files', async () => {
    expect(await setup().desktop.openSpecFile()).toBeNull();
    const bad = path.join(base, 'docs', 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ problem: { kind: 'function', name: 'saddle' }, finder: { tolerance: 7 } }));
    await expect(setup({ open: [bad] }).desktop.openSpecFile()).rejects.toThrow(/^bad\.json is not a valid spec:\nfinder\.tolerance: /);
    const broken = path.join(base, 'docs', 'broken.json');
    fs.writeFileSync(broken, '{ "problem": ');
    await expect(setup({ open: [broken] }).desktop.openSpecFile()).rejects.toThrow(/broken\.json is not a valid spec:\nmalformed JSON/);
    const huge = path.join(base, 'docs', 'huge.json');
    fs.writeFileSync(huge, ' '.repeat(MAX_SPEC_BYTES + 1));
    await expect(setup({ open: [huge] }).desktop.openSpecFile()).rejects.toThrow(/huge\.json is too large for a spec/);
    await expect(setup({ open: [path.join(base, 'gone.json')] }).desktop.openSpecFile()).rejects.toThrow(/gone\.json cannot be read \(ENOENT\)/);
  });

  it('saveSpecFile writes the validated spec where the user chose, proposing a name from the spec', async () => {
    const target = path.join(base, 'docs', 'mine.json');
    const { desktop, dialog } = setup({ save: target });
    const { spec } = parseStartRunArgs([JSON.parse(specText)]);
    expect(await desktop.saveSpecFile(spec)).toEqual({ fileName: 'mine.json' });
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toEqual(spec);
    expect(dialog.showSaveDialog.mock.calls[0][0]).toMatchObject({ defaultPath: path.join(base, 'docs', 'saddle.json') });
    expect(await setup().desktop.saveSpecFile(spec)).toBeNull();
  });

  it('lists and opens runs of the store in userData; damaged folders are listed, not fatal', async () => {
    const { desktop, settings } = setup();
    const root = settings.storeRoot;
    storedRun(root, 'good');
    fs.mkdirSync(path.join(root, 'damaged'));
    fs.writeFileSync(path.join(root, 'damaged', 'run.json'), '{');
    const listing = await desktop.listRuns();
    expect(listing.root).toBe(path.join(base, 'userData', 'runs'));
    expect(listing.runs.map((r) => [r.runId, r.status])).toEqual(expect.arrayContaining([['good', 'finished'], ['damaged', 'damaged']]));
    const run = await desktop.openRun('good');
    expect(run.records.map((r) => r.id)).toEqual([0, 1, 2]);
    await expect(desktop.openRun('damaged')).rejects.toThrow(/run\.json is damaged/);
    await expect(desktop.openRun('missing')).rejects.toThrow(/no run 'missing'/);
  });

  it('openRun hands back the data files kept in the run folder, and opens the run without them when they are gone', async () => {
    const { desktop, settings } = setup();
    const root = settings.storeRoot;
    const spec = { problem: { kind: 'network' as const, layers: [3, 2, 3], data: { kind: 'file' as const, path: 'samples.csv' } } };
    const store = RunStore.create(path.join(root, 'withdata'), spec, { critlab: 't' });
    store.append(fakeRecord(0));
    store.finish('finished');
    store.close();
    const bytes = Buffer.from('1,2,3\n4,5,6\n');
    fs.mkdirSync(path.join(root, 'withdata', 'data'));
    fs.writeFileSync(path.join(root, 'withdata', 'data', 'samples.csv'), bytes);
    const run = await desktop.openRun('withdata');
    expect(Object.keys(run.files ?? {})).toEqual(['samples.csv']);
    expect(Buffer.from(run.files!['samples.csv']).equals(bytes)).toBe(true);
    fs.rmSync(path.join(root, 'withdata', 'data'), { recursive: true });
    const without = await desktop.openRun('withdata');
    expect(without.files).toBeUndefined();
    expect(without.records.map((r) => r.id)).toEqual([0]);
    storedRun(root, 'plain');
    expect((await desktop.openRun('plain')).files).toBeUndefined();
  });

  it('chooseStoreFolder switches the store to the chosen folder, remembers it, and says the library changed', async () => {
    const chosen = path.join(base, 'elsewhere');
    const { desktop, settings, onStoreChanged } = setup({ open: [chosen] });
    storedRun(chosen, 'there');
    const listing = await desktop.chooseStoreFolder();
    expect(listing?.root).toBe(chosen);
    expect(listing?.runs.map((r) => r.runId)).toEqual(['there']);
    expect(settings.storeRoot).toBe(chosen);
    expect(Settings.load(path.join(base, 'userData')).storeRoot).toBe(chosen);
    expect(onStoreChanged).toHaveBeenCalled();
    expect(await setup().desktop.chooseStoreFolder()).toBeNull();
  });

  it('chooseStoreFolder refuses a folder it cannot write, keeping the old store', async () => {
    const file = path.join(base, 'a-file');
    fs.writeFileSync(file, 'x');
    const { desktop, settings } = setup({ open: [path.join(file, 'sub')] });
    await expect(desktop.chooseStoreFolder()).rejects.toThrow(/runs cannot be stored in .*sub \((ENOTDIR|EEXIST)\)/);
    expect(settings.storeRoot).toBe(path.join(base, 'userData', 'runs'));
  });

  it('exportReport writes json through a Save dialog; the other formats say they are not available yet', async () => {
    const target = path.join(base, 'docs', 'report.json');
    const { desktop, settings } = setup({ save: target });
    storedRun(settings.storeRoot, 'good');
    expect(await desktop.exportReport('good', 'json')).toEqual({ status: 'saved', fileName: 'report.json' });
    const exported = JSON.parse(fs.readFileSync(target, 'utf8'));
    expect(exported).toMatchObject({ format: 'critlab-run-export', runId: 'good', status: 'finished', summary: { finished: 3 } });
    expect(exported.records).toHaveLength(3);
    for (const format of ['html', 'csv', 'npy'] as const) {
      expect(await desktop.exportReport('good', format)).toEqual({ status: 'unavailable', reason: expect.stringMatching(new RegExp(`^${format} reports are not available yet`)) });
    }
    expect(await setup().desktop.exportReport('good', 'json')).toEqual({ status: 'cancelled' });
    await expect(desktop.exportReport('nope', 'json')).rejects.toThrow(/no run 'nope'/);
  });

  it('resumeRun goes to the host; settings changes resize the pool; appInfo', async () => {
    const { desktop, host } = setup();
    expect(await desktop.resumeRun('j', 'r')).toEqual({ runId: 'r' });
    expect(host.resumeRun).toHaveBeenCalledWith('j', 'r');
    expect(await desktop.updateSettings({ poolSize: 3 })).toMatchObject({ poolSize: 3, effectivePoolSize: 3 });
    expect(host.resizePool).toHaveBeenCalled();
    expect(await desktop.getSettings()).toMatchObject({ poolSize: 3 });
    expect(await desktop.appInfo()).toMatchObject({ name: 'critlab', electron: '45.4.1' });
  });
});
