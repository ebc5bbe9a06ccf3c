// electron/compute.ts: the utility-process entry relays between process.parentPort and core's
// runner (mocked here, so this checks the adapter alone; compute-runner.test.ts runs a real job).
import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Channel, JobEvent, JobRequest } from '../../core/jobs/protocol.ts';
import type { RunnerEnvironment } from '../../core/jobs/runner.ts';

const fake = vi.hoisted(() => {
  const served: { channel?: Channel<JobRequest, JobEvent>; env?: RunnerEnvironment } = {};
  return { served, serveJobs: vi.fn((channel: Channel<JobRequest, JobEvent>, env: RunnerEnvironment) => Object.assign(served, { channel, env })) };
});
vi.mock('../../core/jobs/runner.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../core/jobs/runner.ts')>()), serveJobs: fake.serveJobs }));
// compute.ts never imports 'electron' (the utility process gets parentPort on `process`); make sure of it.
vi.mock('electron', () => {
  throw new Error('compute.ts must not import electron');
});

class FakeParentPort extends EventEmitter {
  postMessage = vi.fn();
}
const port = new FakeParentPort();
const processWithPort = process as unknown as { parentPort?: unknown };
processWithPort.parentPort = port;
afterAll(() => {
  delete processWithPort.parentPort;
});

const { parentPortChannel } = await import('../../electron/compute.ts');

describe('compute entry', () => {
  it('serves the jobs protocol on process.parentPort at load', () => {
    expect(fake.serveJobs).toHaveBeenCalledTimes(1);
    expect(fake.served.channel).toBeDefined();
    expect(port.listenerCount('message')).toBe(0); // the (mocked) runner has not subscribed yet
  });

  it('relays well-formed requests from parentPort (MessageEvent.data) to the runner', () => {
    const received: JobRequest[] = [];
    const unsubscribe = fake.served.channel!.subscribe((r) => received.push(r));
    const start = { type: 'start', jobId: 'a', spec: { problem: { kind: 'function', name: 'saddle' } } };
    port.emit('message', { data: start, ports: [] });
    port.emit('message', { data: { type: 'cancel', jobId: 'a' }, ports: [] });
    expect(received).toEqual([start, { type: 'cancel', jobId: 'a' }]);
    unsubscribe();
    port.emit('message', { data: start, ports: [] });
    expect(received).toHaveLength(2);
  });

  it('drops malformed requests', () => {
    const received: JobRequest[] = [];
    const unsubscribe = fake.served.channel!.subscribe((r) => received.push(r));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const junk of [null, 42, 'start', { type: 'start' }, { type: 'start', jobId: '' }, { type: 'eval', jobId: 'a' }]) {
      port.emit('message', { data: junk, ports: [] });
    }
    warn.mockRestore();
    unsubscribe();
    expect(received).toEqual([]);
  });

  it('posts events to parentPort as they are (no transfer list: parentPort clones)', () => {
    const event = { type: 'trace', jobId: 'a', startId: 0, loss: new Float64Array([1, 2]), gradNormSq: new Float64Array([3]), step: new Float64Array([4]), innerIterations: new Float64Array([0]), flags: [''] } as unknown as Extract<JobEvent, { type: 'trace' }>;
    fake.served.channel!.post(event, [event.loss.buffer]);
    expect(port.postMessage).toHaveBeenCalledTimes(1);
    expect(port.postMessage.mock.calls[0]).toEqual([event]);
  });

  it('yields to the event loop with setImmediate and has a monotonic clock', async () => {
    const env = fake.served.env!;
    let immediate = false;
    setImmediate(() => (immediate = true));
    await env.yieldNow();
    expect(immediate).toBe(true);
    const t = env.now();
    expect(env.now()).toBeGreaterThanOrEqual(t);
  });

  it('parentPortChannel works on any port (the adapter is reusable)', () => {
    const other = new FakeParentPort();
    const channel = parentPortChannel(other);
    const seen = vi.fn();
    const off = channel.subscribe(seen);
    other.emit('message', { data: { type: 'cancel', jobId: 'z' } });
    off();
    expect(other.listenerCount('message')).toBe(0);
    expect(seen).toHaveBeenCalledWith({ type: 'cancel', jobId: 'z' });
  });
});
