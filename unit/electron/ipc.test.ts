// electron/ipc.ts: the LabApi handlers refuse untrusted senders and malformed payloads before
// anything reaches the compute process, and forward good calls.
import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, LAB_CHANNELS, type RunFiles } from '../../core/jobs/lab-api.ts';
import { DATA_LIMITS } from '../../core/problems/data/data-set.ts';
import type { Spec } from '../../core/experiment/spec.ts';
import {
  MAX_JOB_ID_LENGTH,
  createDesktopHandlers,
  createLabHandlers,
  isTrustedSender,
  parseStartRunArgs,
  registerLabIpc,
  type DesktopService,
  type IpcSender,
  type JobSink,
} from '../../electron/ipc.ts';
import { appUrlMatcher } from '../../electron/security.ts';

const appUrl = 'critlab://app/index.html';
const isAppUrl = appUrlMatcher({ kind: 'app', root: '/opt/critlab/dist/renderer', url: appUrl });
const window = { id: 7 };
const goodSpec = { problem: { kind: 'function', name: 'himmelblau' }, sampling: { strategy: 'grid', count: 3 } };

function sender(overrides: { id?: number; url?: string; parent?: unknown; noFrame?: boolean } = {}): IpcSender {
  return {
    sender: { id: overrides.id ?? window.id },
    senderFrame: overrides.noFrame ? null : { url: overrides.url ?? appUrl, parent: overrides.parent ?? null },
  };
}

function setup() {
  const jobs = { startRun: vi.fn<JobSink['startRun']>(() => ({ runId: 'run-1' })), cancelRun: vi.fn<JobSink['cancelRun']>() };
  const refused = vi.fn();
  let n = 0;
  const handlers = createLabHandlers({
    jobs,
    isTrustedSender: (event) => isTrustedSender(event, window, isAppUrl),
    newJobId: () => `job-${++n}`,
    onRefused: refused,
  });
  return { jobs, handlers, refused };
}

describe('isTrustedSender', () => {
  it("accepts our window's main frame showing our app", () => {
    expect(isTrustedSender(sender(), window, isAppUrl)).toBe(true);
  });

  it('refuses another webContents, a subframe, a gone frame, a foreign page, or no window', () => {
    expect(isTrustedSender(sender({ id: 8 }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender({ parent: { url: appUrl } }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender({ noFrame: true }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender({ url: 'https://evil.example/' }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender({ url: 'file:///tmp/evil.html' }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender({ url: 'critlab://help/index.html' }), window, isAppUrl)).toBe(false);
    expect(isTrustedSender(sender(), null, isAppUrl)).toBe(false);
  });
});

describe('startRun handler', () => {
  it('forwards a valid spec, parsed (defaults filled in), under a fresh job id, and names the stored run', async () => {
    const { jobs, handlers, refused } = setup();
    await expect(handlers.startRun(sender(), goodSpec)).resolves.toEqual({ jobId: 'job-1', runId: 'run-1' });
    jobs.startRun.mockReturnValueOnce(undefined);
    await expect(handlers.startRun(sender(), goodSpec)).resolves.toEqual({ jobId: 'job-2' });
    expect(jobs.startRun).toHaveBeenCalledTimes(2);
    const [jobId, spec] = jobs.startRun.mock.calls[0];
    expect(jobId).toBe('job-1');
    expect(spec.problem).toEqual(goodSpec.problem);
    expect(spec.finder.tolerance).toBe(1e-10);
    expect(refused).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender before looking at the payload', async () => {
    const { jobs, handlers, refused } = setup();
    for (const event of [sender({ id: 99 }), sender({ url: 'https://evil.example/' }), sender({ parent: {} }), sender({ noFrame: true })]) {
      await expect(handlers.startRun(event, goodSpec)).rejects.toThrow(/untrusted sender/);
    }
    expect(jobs.startRun).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledWith(LAB_CHANNELS.startRun, 'untrusted sender');
  });

  it('refuses a spec that is not an object', async () => {
    const { jobs, handlers } = setup();
    for (const bad of [null, undefined, 42, 'himmelblau', [goodSpec], true]) {
      await expect(handlers.startRun(sender(), bad), String(bad)).rejects.toThrow(/invalid spec: expected an object/);
    }
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('refuses a spec failing the schema, naming the field', async () => {
    const { jobs, handlers } = setup();
    await expect(handlers.startRun(sender(), { ...goodSpec, finder: { tolerance: 5 } })).rejects.toThrow(/invalid spec: finder\.tolerance: /);
    await expect(handlers.startRun(sender(), { problem: { kind: 'function', name: 'nope' } })).rejects.toThrow(/problem\.name: unknown function 'nope'/);
    await expect(handlers.startRun(sender(), { ...goodSpec, evil: true })).rejects.toThrow(/invalid spec: .*evil/);
    await expect(handlers.startRun(sender(), {})).rejects.toThrow(/invalid spec: problem: /);
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('refuses extra or missing arguments', async () => {
    const { jobs, handlers } = setup();
    await expect(handlers.startRun(sender())).rejects.toThrow(/one or two arguments/);
    await expect(handlers.startRun(sender(), goodSpec, {}, { only: [1] })).rejects.toThrow(/one or two arguments \(the spec, then its data files\), got 3/);
    await expect(handlers.startRun(sender(), goodSpec, { only: [1] })).rejects.toThrow(/invalid data files: "only" must be the file's bytes \(a Uint8Array\), got an array/);
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('forwards only what the schema knows (the parsed output, not the caller object)', () => {
    const input = structuredClone(goodSpec);
    const { spec, files }: { spec: Spec; files: RunFiles } = parseStartRunArgs([input]);
    expect(spec).not.toBe(input);
    expect(files).toEqual({});
    expect(Object.keys(spec).sort()).toEqual(['analysis', 'finder', 'problem', 'sampling']);
  });
});

describe('startRun data files', () => {
  const fileSpec = { problem: { kind: 'network', layers: [3, 2, 3], data: { kind: 'file', path: 'samples.csv' } }, sampling: { strategy: 'trajectory', starts: 2 } };
  const targetSpec = {
    problem: { kind: 'network', layers: [3, 2, 2], loss: 'cross-entropy', data: { kind: 'file', path: 'samples.csv', targets: { path: 'labels.csv' } } },
    sampling: { strategy: 'trajectory', starts: 2 },
  };
  const csv = new TextEncoder().encode('a,b,c\n1,2,3\n');
  const labels = new TextEncoder().encode('0\n1\n');
  /** A Uint8Array that claims `n` bytes (the limit is checked on byteLength; no 512 MB allocation). */
  const claiming = (n: number) => Object.defineProperty(new Uint8Array(1), 'byteLength', { value: n });

  it('forwards the files the spec names, as given, and drops the others', async () => {
    const { jobs, handlers, refused } = setup();
    const extra = new Uint8Array([1, 2, 3]);
    await expect(handlers.startRun(sender(), fileSpec, { 'samples.csv': csv, 'unused.csv': extra })).resolves.toEqual({ jobId: 'job-1', runId: 'run-1' });
    const [jobId, spec, files] = jobs.startRun.mock.calls[0];
    expect(jobId).toBe('job-1');
    expect(spec.problem).toMatchObject({ kind: 'network', data: { kind: 'file', path: 'samples.csv' } });
    expect(Object.keys(files!)).toEqual(['samples.csv']);
    expect(files!['samples.csv']).toBe(csv);
    // Both files of a spec with a targets file; a spec without data files gets none (two arguments).
    expect(parseStartRunArgs([targetSpec, { 'labels.csv': labels, 'samples.csv': csv }]).files).toEqual({ 'samples.csv': csv, 'labels.csv': labels });
    await handlers.startRun(sender(), goodSpec, { 'samples.csv': csv });
    expect(jobs.startRun.mock.calls[1]).toHaveLength(2);
    // Files left out (or undefined) are simply absent: the runner then refuses the spec naming the field.
    expect(parseStartRunArgs([fileSpec]).files).toEqual({});
    expect(parseStartRunArgs([fileSpec, undefined]).files).toEqual({});
    expect(parseStartRunArgs([fileSpec, { 'other.csv': csv }]).files).toEqual({});
    expect(refused).not.toHaveBeenCalled();
  });

  it('accepts files up to the data limit in all', () => {
    const half = DATA_LIMITS.maxBytes / 2;
    const { files } = parseStartRunArgs([targetSpec, { 'samples.csv': claiming(half), 'labels.csv': claiming(half) }]);
    expect(Object.keys(files).sort()).toEqual(['labels.csv', 'samples.csv']);
  });

  it('refuses names that are not plain file names, saying why', async () => {
    const { jobs, handlers, refused } = setup();
    const cases: Array<[string, RegExp]> = [
      ['', /the name "" is empty/],
      ['.', /the name "\." is not a file name/],
      ['..', /the name "\.\." is not a file name/],
      ['../samples.csv', /contains a path separator/],
      ['data/samples.csv', /contains a path separator/],
      ['..\\samples.csv', /contains a path separator/],
      ['C:\\x\\samples.csv', /contains a path separator/],
      ['/etc/passwd', /contains a path separator/],
      ['samples.csv\0.png', /contains a NUL character/],
      ['x'.repeat(256), /is longer than 255 characters \(256\)/],
      ['__proto__', /is not allowed/],
    ];
    for (const [name, message] of cases) {
      const files = JSON.parse('{}') as Record<string, Uint8Array>;
      Object.defineProperty(files, name, { value: csv, enumerable: true });
      await expect(handlers.startRun(sender(), fileSpec, files), JSON.stringify(name)).rejects.toThrow(message);
      expect(() => parseStartRunArgs([fileSpec, files])).toThrow(/^invalid data files: the name /);
    }
    // 255 characters is still a file name.
    expect(() => parseStartRunArgs([fileSpec, { ['x'.repeat(255)]: csv }])).not.toThrow();
    expect(jobs.startRun).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(cases.length);
  });

  it("refuses values that are not a file's bytes, and files that are not a plain object", async () => {
    const { jobs, handlers } = setup();
    const values: Array<[unknown, string]> = [
      ['a,b\n', '"a,b\\n"'],
      [[1, 2, 3], 'an array'],
      [null, 'null'],
      [{ 0: 1 }, 'object'],
      [new ArrayBuffer(4), 'an ArrayBuffer'],
      [new Int8Array(4), 'an Int8Array'],
      [new Float64Array(2), 'a Float64Array'],
      [new DataView(new ArrayBuffer(2)), 'a DataView'],
    ];
    for (const [value, shown] of values) {
      const escaped = shown.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
      await expect(handlers.startRun(sender(), fileSpec, { 'samples.csv': value }), shown).rejects.toThrow(
        new RegExp(`^invalid data files: "samples\\.csv" must be the file's bytes \\(a Uint8Array\\), got ${escaped}$`),
      );
    }
    const notObjects: Array<[unknown, string]> = [
      [null, 'null'],
      ['samples.csv', '"samples.csv"'],
      [42, 'number'],
      [[csv], 'an array'],
      [csv, 'a Uint8Array'],
      [new Map([['samples.csv', csv]]), 'a Map'],
    ];
    for (const [files, shown] of notObjects) {
      await expect(handlers.startRun(sender(), fileSpec, files), shown).rejects.toThrow(`invalid data files: expected a plain object mapping file names to their bytes, got ${shown}`);
    }
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('refuses more than 8 files, and more bytes in all than the data limit', async () => {
    const { jobs, handlers } = setup();
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}.csv`, new Uint8Array(1)]));
    await expect(handlers.startRun(sender(), fileSpec, nine)).rejects.toThrow('invalid data files: at most 8 files may come with a run, got 9');
    const eight = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i === 0 ? 'samples.csv' : `f${i}.csv`, csv]));
    expect(parseStartRunArgs([fileSpec, eight]).files).toEqual({ 'samples.csv': csv });
    const half = DATA_LIMITS.maxBytes / 2;
    await expect(handlers.startRun(sender(), targetSpec, { 'samples.csv': claiming(half), 'labels.csv': claiming(half + 1) })).rejects.toThrow(
      `invalid data files: more than ${DATA_LIMITS.maxBytes} bytes in all (the limit for data files)`,
    );
    // Files the spec does not use count too: the limit is on what came over IPC.
    await expect(handlers.startRun(sender(), fileSpec, { 'samples.csv': csv, 'huge.bin': claiming(DATA_LIMITS.maxBytes) })).rejects.toThrow(/more than \d+ bytes in all/);
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('checks the spec before the files', async () => {
    const { handlers } = setup();
    await expect(handlers.startRun(sender(), { problem: { kind: 'function', name: 'nope' } }, { '../x': 1 })).rejects.toThrow(/invalid spec: problem\.name/);
  });
});

describe('cancelRun handler', () => {
  it('forwards a well-formed job id', async () => {
    const { jobs, handlers } = setup();
    await expect(handlers.cancelRun(sender(), 'job-1')).resolves.toBeUndefined();
    expect(jobs.cancelRun).toHaveBeenCalledWith('job-1');
    await handlers.cancelRun(sender(), 'x'.repeat(MAX_JOB_ID_LENGTH));
    expect(jobs.cancelRun).toHaveBeenCalledTimes(2);
  });

  it('refuses bad job ids', async () => {
    const { jobs, handlers } = setup();
    for (const bad of ['', 'x'.repeat(MAX_JOB_ID_LENGTH + 1), 42, null, undefined, { jobId: 'a' }, ['a']]) {
      await expect(handlers.cancelRun(sender(), bad), JSON.stringify(bad)).rejects.toThrow(/invalid job id/);
    }
    await expect(handlers.cancelRun(sender(), 'a', 'b')).rejects.toThrow(/one argument/);
    expect(jobs.cancelRun).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender', async () => {
    const { jobs, handlers } = setup();
    await expect(handlers.cancelRun(sender({ url: 'https://evil.example/' }), 'job-1')).rejects.toThrow(/untrusted sender/);
    expect(jobs.cancelRun).not.toHaveBeenCalled();
  });
});

describe('registerLabIpc', () => {
  it('handles exactly the invoke channels (not the event channels) and can unregister them', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const unregister = registerLabIpc(ipcMain, { jobs: { startRun: vi.fn(), cancelRun: vi.fn() }, isTrustedSender: () => true, newJobId: () => 'j' });
    const channels = ipcMain.handle.mock.calls.map((c) => c[0]).sort();
    expect(channels).toEqual([LAB_CHANNELS.cancelRun, LAB_CHANNELS.startRun].sort());
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual(channels);
  });

  it('with a desktop service, also handles every desktop invoke channel (not onMenuCommand)', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const unregister = registerLabIpc(ipcMain, { jobs: { startRun: vi.fn(), cancelRun: vi.fn() }, desktop: fakeDesktop(), isTrustedSender: () => true, newJobId: () => 'j' });
    const channels = ipcMain.handle.mock.calls.map((c) => c[0]).sort();
    const { onMenuCommand: _menu, ...invoke } = DESKTOP_CHANNELS;
    expect(channels).toEqual([LAB_CHANNELS.cancelRun, LAB_CHANNELS.startRun, ...Object.values(invoke)].sort());
    expect(channels).not.toContain(DESKTOP_CHANNELS.onMenuCommand);
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual(channels);
  });
});

function fakeDesktop() {
  const listing = { root: '/store', runs: [] };
  const settings = { storeRoot: '/store', storeRootIsDefault: true, poolSize: null, effectivePoolSize: 1 };
  return {
    openSpecFile: vi.fn<DesktopService['openSpecFile']>(async () => null),
    saveSpecFile: vi.fn<DesktopService['saveSpecFile']>(async () => ({ fileName: 'x.json' })),
    listRuns: vi.fn<DesktopService['listRuns']>(async () => listing),
    openRun: vi.fn<DesktopService['openRun']>(async (runId) => ({ runId }) as never),
    resumeRun: vi.fn<DesktopService['resumeRun']>(async (_jobId, runId) => ({ runId })),
    chooseStoreFolder: vi.fn<DesktopService['chooseStoreFolder']>(async () => listing),
    exportReport: vi.fn<DesktopService['exportReport']>(async () => ({ status: 'cancelled' })),
    getSettings: vi.fn<DesktopService['getSettings']>(async () => settings),
    updateSettings: vi.fn<DesktopService['updateSettings']>(async () => settings),
    appInfo: vi.fn<DesktopService['appInfo']>(async () => ({ name: 'critlab', version: '1', electron: '45', chrome: '1', node: '22', platform: 'linux' })),
  };
}

function desktopSetup() {
  const desktop = fakeDesktop();
  const refused = vi.fn();
  let n = 0;
  const handlers = createDesktopHandlers({
    jobs: { startRun: vi.fn(), cancelRun: vi.fn() },
    desktop,
    isTrustedSender: (event) => isTrustedSender(event, window, isAppUrl),
    newJobId: () => `job-${++n}`,
    onRefused: refused,
  });
  return { desktop, handlers, refused };
}

/** A well-formed call of each desktop operation. */
const goodCalls: { [K in keyof ReturnType<typeof desktopSetup>['handlers']]: unknown[] } = {
  openSpecFile: [],
  saveSpecFile: [goodSpec],
  listRuns: [],
  openRun: ['2026-11-22T10-31-05Z-himmelblau'],
  resumeRun: ['2026-11-22T10-31-05Z-himmelblau'],
  chooseStoreFolder: [],
  exportReport: ['2026-11-22T10-31-05Z-himmelblau', 'json'],
  getSettings: [],
  updateSettings: [{ poolSize: 3 }],
  appInfo: [],
};

describe('desktop handlers', () => {
  it('cover every DesktopApi invoke operation', () => {
    const { handlers } = desktopSetup();
    const { onMenuCommand: _menu, ...invoke } = DESKTOP_CHANNELS;
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(invoke).sort());
  });

  it('forward well-formed calls to the desktop service', async () => {
    const { desktop, handlers, refused } = desktopSetup();
    await expect(handlers.openSpecFile(sender())).resolves.toBeNull();
    await expect(handlers.listRuns(sender())).resolves.toEqual({ root: '/store', runs: [] });
    await handlers.openRun(sender(), 'run-a');
    expect(desktop.openRun).toHaveBeenCalledWith('run-a');
    await expect(handlers.resumeRun(sender(), 'run-a')).resolves.toEqual({ jobId: 'job-1', runId: 'run-a' });
    expect(desktop.resumeRun).toHaveBeenCalledWith('job-1', 'run-a');
    await handlers.exportReport(sender(), 'run-a', 'csv');
    expect(desktop.exportReport).toHaveBeenCalledWith('run-a', 'csv');
    await handlers.updateSettings(sender(), { poolSize: null });
    expect(desktop.updateSettings).toHaveBeenCalledWith({ poolSize: null });
    await handlers.saveSpecFile(sender(), goodSpec);
    const saved = desktop.saveSpecFile.mock.calls[0][0];
    expect(saved.finder.tolerance).toBe(1e-10); // the schema's output, defaults filled in
    await handlers.appInfo(sender());
    await handlers.getSettings(sender());
    await handlers.chooseStoreFolder(sender());
    expect(refused).not.toHaveBeenCalled();
  });

  it('refuse an untrusted sender on every channel before looking at the payload', async () => {
    const { desktop, handlers, refused } = desktopSetup();
    for (const [operation, args] of Object.entries(goodCalls)) {
      const handler = handlers[operation as keyof typeof handlers] as (event: IpcSender, ...a: unknown[]) => Promise<unknown>;
      for (const event of [sender({ id: 99 }), sender({ url: 'https://evil.example/' }), sender({ url: 'critlab://help/index.html' }), sender({ parent: {} })]) {
        await expect(handler(event, ...args), operation).rejects.toThrow(/untrusted sender/);
      }
    }
    for (const fn of Object.values(desktop)) expect(fn).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledWith(DESKTOP_CHANNELS.openRun, 'untrusted sender');
  });

  it('refuse extra arguments to the no-argument operations', async () => {
    const { desktop, handlers } = desktopSetup();
    await expect(handlers.openSpecFile(sender(), '/etc/passwd')).rejects.toThrow(/^openSpecFile takes no arguments, got 1$/);
    await expect(handlers.listRuns(sender(), '/elsewhere')).rejects.toThrow(/^listRuns takes no arguments, got 1$/);
    await expect(handlers.chooseStoreFolder(sender(), '/tmp')).rejects.toThrow(/^chooseStoreFolder takes no arguments, got 1$/);
    await expect(handlers.getSettings(sender(), 1)).rejects.toThrow(/takes no arguments/);
    await expect(handlers.appInfo(sender(), 1, 2)).rejects.toThrow(/^appInfo takes no arguments, got 2$/);
    for (const fn of Object.values(desktop)) expect(fn).not.toHaveBeenCalled();
  });

  it('refuse run ids that are not plain folder names (no paths ever reach the store)', async () => {
    const { desktop, handlers } = desktopSetup();
    const bad: Array<[unknown, RegExp]> = [
      ['../outside', /invalid run id: "\.\.\/outside" is not a run folder name/],
      ['/etc', /not a run folder name/],
      ['a/b', /not a run folder name/],
      ['..', /not a run folder name/],
      ['.hidden', /not a run folder name/],
      ['C:\\runs', /not a run folder name/],
      ['', /not a run folder name/],
      ['x'.repeat(161), /not a run folder name/],
      [42, /invalid run id: expected a string, got number/],
      [null, /expected a string, got null/],
      [{ runId: 'a' }, /expected a string, got object/],
      [['a'], /expected a string, got an array/],
    ];
    for (const [runId, message] of bad) {
      await expect(handlers.openRun(sender(), runId), String(runId)).rejects.toThrow(message);
      await expect(handlers.resumeRun(sender(), runId), String(runId)).rejects.toThrow(message);
      await expect(handlers.exportReport(sender(), runId, 'json'), String(runId)).rejects.toThrow(message);
    }
    await expect(handlers.openRun(sender())).rejects.toThrow(/^openRun takes one argument \(the run id\), got 0$/);
    await expect(handlers.resumeRun(sender(), 'a', 'b')).rejects.toThrow(/^resumeRun takes one argument \(the run id\), got 2$/);
    expect(desktop.openRun).not.toHaveBeenCalled();
    expect(desktop.resumeRun).not.toHaveBeenCalled();
    expect(desktop.exportReport).not.toHaveBeenCalled();
  });

  it('refuse unknown report formats and wrong arity', async () => {
    const { desktop, handlers } = desktopSetup();
    await expect(handlers.exportReport(sender(), 'run-a', 'pdf')).rejects.toThrow(/^invalid report format: expected one of html, json, csv, npy, got "pdf"$/);
    await expect(handlers.exportReport(sender(), 'run-a', 3)).rejects.toThrow(/got number/);
    await expect(handlers.exportReport(sender(), 'run-a')).rejects.toThrow(/^exportReport takes two arguments \(the run id and the format\), got 1$/);
    expect(desktop.exportReport).not.toHaveBeenCalled();
  });

  it('refuse malformed specs to save, naming the field', async () => {
    const { desktop, handlers } = desktopSetup();
    await expect(handlers.saveSpecFile(sender(), { ...goodSpec, finder: { tolerance: 5 } })).rejects.toThrow(/invalid spec: finder\.tolerance: /);
    await expect(handlers.saveSpecFile(sender(), 'spec')).rejects.toThrow(/invalid spec: expected an object, got string/);
    await expect(handlers.saveSpecFile(sender(), { ...goodSpec, path: '/etc/passwd' })).rejects.toThrow(/invalid spec: .*path/);
    await expect(handlers.saveSpecFile(sender())).rejects.toThrow(/^saveSpecFile takes one argument \(the spec\), got 0$/);
    expect(desktop.saveSpecFile).not.toHaveBeenCalled();
  });

  it('refuse settings patches outside the schema, naming the field', async () => {
    const { desktop, handlers } = desktopSetup();
    const bad: Array<[unknown, RegExp]> = [
      [{ poolSize: 0 }, /^invalid settings: poolSize: /],
      [{ poolSize: 2.5 }, /poolSize: /],
      [{ poolSize: 65 }, /poolSize: /],
      [{ poolSize: '4' }, /poolSize: /],
      [{}, /poolSize: /],
      [{ poolSize: 2, storeRoot: '/tmp/evil' }, /storeRoot/],
      [null, /invalid settings: \(settings\): /],
      [[2], /invalid settings/],
    ];
    for (const [patch, message] of bad) await expect(handlers.updateSettings(sender(), patch), JSON.stringify(patch)).rejects.toThrow(message);
    await expect(handlers.updateSettings(sender())).rejects.toThrow(/^updateSettings takes one argument \(the settings patch\), got 0$/);
    expect(desktop.updateSettings).not.toHaveBeenCalled();
  });

  it("pass the service's own failures through (a damaged run, a cancelled dialog)", async () => {
    const { desktop, handlers, refused } = desktopSetup();
    desktop.openRun.mockRejectedValueOnce(new Error('/store/r/points.jsonl line 3 is not valid JSON'));
    await expect(handlers.openRun(sender(), 'r')).rejects.toThrow(/line 3 is not valid JSON/);
    expect(refused).not.toHaveBeenCalled();
  });
});
