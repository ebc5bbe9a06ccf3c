// electron/lab-host.ts: forwarding to the compute process, relaying its events, and failing the
// jobs in flight when it dies.
import { describe, expect, it, vi } from 'vitest';
import type { JobEvent, JobRequest } from '../../core/jobs/protocol.ts';
import { parseStartRunArgs } from '../../electron/ipc.ts';
import type { ExitInfo } from '../../electron/compute-process.ts';
import { LabHost, type ComputeLike } from '../../electron/lab-host.ts';

class FakeCompute implements ComputeLike {
  alive = false;
  posted: JobRequest[] = [];
  private message = new Set<(m: unknown) => void>();
  private exit = new Set<(i: ExitInfo) => void>();
  start(): void {
    this.alive = true;
  }
  post(request: JobRequest): void {
    this.posted.push(request);
  }
  kill = vi.fn(() => {
    this.die({ code: 15, crashed: false });
    return true;
  });
  waitForExit = vi.fn(async () => ({ code: 15, crashed: false }));
  onMessage(listener: (m: unknown) => void) {
    this.message.add(listener);
    return () => this.message.delete(listener);
  }
  onExit(listener: (i: ExitInfo) => void) {
    this.exit.add(listener);
    return () => this.exit.delete(listener);
  }
  emit(message: unknown): void {
    for (const l of this.message) l(message);
  }
  die(info: ExitInfo): void {
    this.alive = false;
    for (const l of this.exit) l(info);
  }
}

const spec = parseStartRunArgs([{ problem: { kind: 'function', name: 'saddle' } }]);

function setup() {
  const computes: FakeCompute[] = [];
  const sent: JobEvent[] = [];
  const host = new LabHost({
    createCompute: () => {
      const c = new FakeCompute();
      computes.push(c);
      return c;
    },
    send: (e) => sent.push(e),
  });
  return { host, computes, sent };
}

describe('LabHost', () => {
  it('forwards starts and cancels of running jobs to one compute process', () => {
    const { host, computes } = setup();
    host.startRun('a', spec);
    host.startRun('b', spec);
    host.cancelRun('a');
    host.cancelRun('unknown');
    expect(computes).toHaveLength(1);
    expect(computes[0].posted).toEqual([
      { type: 'start', jobId: 'a', spec },
      { type: 'start', jobId: 'b', spec },
      { type: 'cancel', jobId: 'a' },
    ]);
  });

  it('relays job events to the renderer and forgets finished jobs', () => {
    const { host, computes, sent } = setup();
    host.startRun('a', spec);
    const progress = { type: 'progress', jobId: 'a', done: 0, total: 1, counts: {}, elapsedMs: 0 };
    computes[0].emit(progress);
    computes[0].emit({ type: 'done', jobId: 'a', summary: {} });
    expect(sent).toEqual([progress, { type: 'done', jobId: 'a', summary: {} }]);
    expect(host.activeJobs.size).toBe(0);
    host.cancelRun('a');
    expect(computes[0].posted).toHaveLength(1); // no cancel for a finished job
  });

  it('drops malformed messages from the compute process', () => {
    const { host, computes, sent } = setup();
    host.startRun('a', spec);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const junk of [null, 42, 'done', { type: 'done' }, { type: 'exec', jobId: 'a' }]) computes[0].emit(junk);
    warn.mockRestore();
    expect(sent).toEqual([]);
  });

  it('fails every job in flight when the process crashes, then starts a fresh one', () => {
    const { host, computes, sent } = setup();
    host.startRun('a', spec);
    host.startRun('b', spec);
    computes[0].emit({ type: 'done', jobId: 'b', summary: {} });
    computes[0].die({ code: 134, crashed: true, reason: 'FatalError at x' });
    expect(sent.slice(1)).toEqual([{ type: 'error', jobId: 'a', message: expect.stringMatching(/compute process crashed \(exit code 134, FatalError at x\)/) }]);
    expect(host.activeJobs.size).toBe(0);
    host.startRun('c', spec);
    expect(computes).toHaveLength(2);
    expect(computes[1].posted).toEqual([{ type: 'start', jobId: 'c', spec }]);
  });

  it('dispose kills the process and waits for it, without reporting errors', async () => {
    const { host, computes, sent } = setup();
    host.warmUp();
    host.startRun('a', spec);
    await host.dispose(100);
    expect(computes[0].kill).toHaveBeenCalled();
    expect(computes[0].waitForExit).toHaveBeenCalledWith(100);
    expect(sent).toEqual([]);
  });
});
