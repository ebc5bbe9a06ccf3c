// electron/compute-process.ts: lifecycle of one utility process, against a fake UtilityProcess.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { JobRequest } from '../../core/jobs/protocol.ts';

const electron = vi.hoisted(() => ({ utilityProcess: { fork: vi.fn() } }));
vi.mock('electron', () => electron);

const { ComputeProcess } = await import('../../electron/compute-process.ts');

class FakeChild extends EventEmitter {
  pid = 4242;
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill = vi.fn(() => true);
}

function setup() {
  const child = new FakeChild();
  const fork = vi.fn(() => child);
  const compute = new ComputeProcess({ modulePath: '/app/dist/electron/compute.cjs', fork });
  return { child, fork, compute };
}

const start: JobRequest = { type: 'start', jobId: 'a', spec: { problem: { kind: 'function', name: 'saddle' } } };
const cancel: JobRequest = { type: 'cancel', jobId: 'a' };

describe('ComputeProcess', () => {
  it("forks through Electron's utilityProcess by default, with a service name", () => {
    electron.utilityProcess.fork.mockReturnValue(new FakeChild());
    const compute = new ComputeProcess({ modulePath: '/app/compute.cjs' });
    compute.start();
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith('/app/compute.cjs', [], expect.objectContaining({ serviceName: 'critlab compute' }));
    expect(compute.alive).toBe(true);
    expect(compute.pid).toBe(4242);
  });

  it('starts once', () => {
    const { compute, fork } = setup();
    compute.start();
    expect(() => compute.start()).toThrow(/already/);
    expect(fork).toHaveBeenCalledTimes(1);
  });

  it('refuses to post before start', () => {
    const { compute } = setup();
    expect(() => compute.post(start)).toThrow(/not started/);
  });

  it('queues requests until spawn, then posts them in order', () => {
    const { compute, child } = setup();
    compute.start();
    compute.post(start);
    compute.post(cancel);
    expect(child.posted).toEqual([]);
    child.emit('spawn');
    expect(child.posted).toEqual([start, cancel]);
    compute.post(start);
    expect(child.posted).toHaveLength(3);
  });

  it('relays messages to every listener until unsubscribed', () => {
    const { compute, child } = setup();
    const a = vi.fn();
    const b = vi.fn();
    compute.onMessage(a);
    const offB = compute.onMessage(b);
    compute.start();
    child.emit('message', { type: 'done', jobId: 'a' });
    offB();
    child.emit('message', { type: 'error', jobId: 'a', message: 'x' });
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('a kill is an exit, not a crash', async () => {
    const { compute, child } = setup();
    const exit = vi.fn();
    const crash = vi.fn();
    compute.onExit(exit);
    compute.onCrash(crash);
    compute.start();
    child.emit('spawn');
    expect(compute.kill()).toBe(true);
    expect(child.kill).toHaveBeenCalled();
    child.emit('exit', 15);
    expect(exit).toHaveBeenCalledWith({ code: 15, crashed: false });
    expect(crash).not.toHaveBeenCalled();
    expect(compute.alive).toBe(false);
    await expect(compute.waitForExit()).resolves.toEqual({ code: 15, crashed: false });
    expect(() => compute.post(start)).toThrow(/exited/);
    expect(compute.kill()).toBe(false);
  });

  it('an unrequested non-zero exit is a crash, reported before the exit, with the fatal error if any', () => {
    const { compute, child } = setup();
    const order: string[] = [];
    compute.onCrash((info) => order.push(`crash ${info.code} ${info.reason}`));
    compute.onExit((info) => order.push(`exit ${info.crashed}`));
    compute.start();
    child.emit('spawn');
    child.emit('error', 'FatalError', 'v8::Heap', 'report');
    child.emit('exit', 134);
    child.emit('exit', 134); // reported once only
    expect(order).toEqual(['crash 134 FatalError at v8::Heap', 'exit true']);
  });

  it('an unrequested exit with code 0 is an exit, not a crash', () => {
    const { compute, child } = setup();
    const crash = vi.fn();
    const exit = vi.fn();
    compute.onCrash(crash);
    compute.onExit(exit);
    compute.start();
    child.emit('exit', 0);
    expect(crash).not.toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith({ code: 0, crashed: false });
  });

  it('drops queued requests when the process dies before spawning', () => {
    const { compute, child } = setup();
    compute.start();
    compute.post(start);
    child.emit('exit', 1);
    child.emit('spawn');
    expect(child.posted).toEqual([]);
  });

  it('waitForExit resolves on exit, or with null after the timeout', async () => {
    const { compute, child } = setup();
    await expect(compute.waitForExit(10)).resolves.toBeNull(); // not started
    compute.start();
    await expect(compute.waitForExit(10)).resolves.toBeNull();
    const waiting = compute.waitForExit(5000);
    child.emit('exit', 0);
    await expect(waiting).resolves.toEqual({ code: 0, crashed: false });
  });
});
