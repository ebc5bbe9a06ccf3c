// electron/compute.ts end to end: a fake parentPort in, core's real runner behind it, events out.
import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '../../core/jobs/protocol.ts';

class FakeParentPort extends EventEmitter {
  readonly events: JobEvent[] = [];
  private waiters: Array<() => void> = [];
  postMessage(message: JobEvent): void {
    // What crosses a utility process boundary is a structured clone.
    this.events.push(structuredClone(message));
    for (const w of this.waiters.splice(0)) w();
  }
  async until(predicate: (events: JobEvent[]) => boolean): Promise<void> {
    while (!predicate(this.events)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
const port = new FakeParentPort();
const processWithPort = process as unknown as { parentPort?: unknown };
processWithPort.parentPort = port;
afterAll(() => {
  delete processWithPort.parentPort;
});

await import('../../electron/compute.ts');

const send = (data: unknown) => port.emit('message', { data, ports: [] });
const finished = (jobId: string) => (events: JobEvent[]) => events.some((e) => e.jobId === jobId && (e.type === 'done' || e.type === 'error'));

describe('compute entry with the real runner', () => {
  it('runs a start request and streams progress, trace, point and done', async () => {
    send({ type: 'start', jobId: 'saddle', spec: { problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 2 } } });
    await port.until(finished('saddle'));
    const events = port.events.filter((e) => e.jobId === 'saddle');
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(['done', 'point', 'progress', 'trace']);
    const trace = events.find((e) => e.type === 'trace');
    expect(trace?.type === 'trace' && trace.loss).toBeInstanceOf(Float64Array);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') expect(done.summary.finished).toBe(4);
  });

  it('answers a spec the runner refuses with an error event naming the field', async () => {
    send({ type: 'start', jobId: 'bad', spec: { problem: { kind: 'function', name: 'saddle' }, finder: { tolerance: -1 } } });
    await port.until(finished('bad'));
    expect(port.events.find((e) => e.jobId === 'bad')).toMatchObject({ type: 'error', field: 'finder.tolerance' });
  });

  it('cancels a running job', async () => {
    send({ type: 'start', jobId: 'long', spec: { problem: { kind: 'function', name: 'himmelblau' }, sampling: { strategy: 'grid', count: 300 } } });
    await port.until((events) => events.some((e) => e.jobId === 'long' && e.type === 'point'));
    send({ type: 'cancel', jobId: 'long' });
    await port.until(finished('long'));
    const done = port.events.filter((e) => e.jobId === 'long').at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') {
      expect(done.summary.cancelled).toBe(true);
      expect(done.summary.finished).toBeLessThan(300 * 300);
    }
  });

  it('ignores malformed messages and keeps serving', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    send('rm -rf /');
    send({ type: 'start' });
    warn.mockRestore();
    send({ type: 'start', jobId: 'after', spec: { problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', count: 1 } } });
    await port.until(finished('after'));
    expect(port.events.filter((e) => e.jobId === 'after').at(-1)?.type).toBe('done');
  });
});
