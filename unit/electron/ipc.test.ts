// electron/ipc.ts: the LabApi handlers refuse untrusted senders and malformed payloads before
// anything reaches the compute process, and forward good calls.
import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { LAB_CHANNELS } from '../../core/jobs/lab-api.ts';
import type { Spec } from '../../core/experiment/spec.ts';
import {
  MAX_JOB_ID_LENGTH,
  createLabHandlers,
  isTrustedSender,
  parseStartRunArgs,
  registerLabIpc,
  type IpcSender,
  type JobSink,
} from '../../electron/ipc.ts';
import { appUrlMatcher } from '../../electron/security.ts';

const appUrl = pathToFileURL('/opt/critlab/dist/renderer/index.html').href;
const isAppUrl = appUrlMatcher({ kind: 'file', indexHtml: '/opt/critlab/dist/renderer/index.html' });
const window = { id: 7 };
const goodSpec = { problem: { kind: 'function', name: 'himmelblau' }, sampling: { strategy: 'grid', count: 3 } };

function sender(overrides: { id?: number; url?: string; parent?: unknown; noFrame?: boolean } = {}): IpcSender {
  return {
    sender: { id: overrides.id ?? window.id },
    senderFrame: overrides.noFrame ? null : { url: overrides.url ?? appUrl, parent: overrides.parent ?? null },
  };
}

function setup() {
  const jobs = { startRun: vi.fn<JobSink['startRun']>(), cancelRun: vi.fn<JobSink['cancelRun']>() };
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
    expect(isTrustedSender(sender(), null, isAppUrl)).toBe(false);
  });
});

describe('startRun handler', () => {
  it('forwards a valid spec, parsed (defaults filled in), under a fresh job id', async () => {
    const { jobs, handlers, refused } = setup();
    await expect(handlers.startRun(sender(), goodSpec)).resolves.toEqual({ jobId: 'job-1' });
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
    await expect(handlers.startRun(sender())).rejects.toThrow(/one argument/);
    await expect(handlers.startRun(sender(), goodSpec, { only: [1] })).rejects.toThrow(/one argument/);
    expect(jobs.startRun).not.toHaveBeenCalled();
  });

  it('forwards only what the schema knows (the parsed output, not the caller object)', () => {
    const input = structuredClone(goodSpec);
    const spec: Spec = parseStartRunArgs([input]);
    expect(spec).not.toBe(input);
    expect(Object.keys(spec).sort()).toEqual(['analysis', 'finder', 'problem', 'sampling']);
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
  it('handles exactly the invoke channels (not the event channel) and can unregister them', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const unregister = registerLabIpc(ipcMain, { jobs: { startRun: vi.fn(), cancelRun: vi.fn() }, isTrustedSender: () => true, newJobId: () => 'j' });
    const channels = ipcMain.handle.mock.calls.map((c) => c[0]).sort();
    expect(channels).toEqual([LAB_CHANNELS.cancelRun, LAB_CHANNELS.startRun].sort());
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual(channels);
  });
});
