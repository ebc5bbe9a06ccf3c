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

  describe('data files', () => {
    const csv = new TextEncoder().encode('a,b,c\n' + Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(2 * i), (i % 5) - 2].map((v) => v.toFixed(6)).join(',')).join('\n') + '\n');
    const labels = new TextEncoder().encode(Array.from({ length: 12 }, (_, i) => String(i % 2)).join('\n') + '\n');
    const fileSpec = (data: Record<string, unknown>, layers = [3, 2, 3], loss = 'mse') => ({
      problem: { kind: 'network', layers, activation: 'tanh', loss, data: { kind: 'file', ...data } },
      sampling: { strategy: 'uniform', starts: 2, seed: 1, box: Array.from({ length: layers[0] * layers[1] + layers[1] * layers[2] }, () => [-1, 1]) },
      finder: { method: 'newton-mr', maxIterations: 5 },
    });

    it('runs on the data files that came with the request (as the IPC delivers them: structured clones)', async () => {
      send(structuredClone({ type: 'start', jobId: 'files', spec: fileSpec({ path: 'samples.csv' }), files: { 'samples.csv': csv } }));
      await port.until(finished('files'));
      const events = port.events.filter((e) => e.jobId === 'files');
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      expect(events.filter((e) => e.type === 'point')).toHaveLength(2);
      expect(events.at(-1)?.type).toBe('done');
    });

    it('refuses a data file that did not come, naming the field and pointing to the builder (never reading the path)', async () => {
      send({ type: 'start', jobId: 'nofile', spec: fileSpec({ path: 'samples.csv' }), files: { 'other.csv': csv } });
      await port.until(finished('nofile'));
      const error = port.events.filter((e) => e.jobId === 'nofile').at(-1);
      expect(error).toMatchObject({ type: 'error', field: 'problem.data.path' });
      expect(error?.type === 'error' && error.message).toBe(
        "problem.data.path: samples.csv: the file's contents did not come with the run; choose the data file in the builder (the desktop app reads files only through the app, not paths named in a spec), or run the spec with the CLI (`critlab run SPEC --out DIR`)",
      );
      send({ type: 'start', jobId: 'nolabels', spec: fileSpec({ path: 'samples.csv', targets: { path: 'labels.csv' } }, [3, 2, 2], 'cross-entropy'), files: { 'samples.csv': csv } });
      await port.until(finished('nolabels'));
      const missingTargets = port.events.filter((e) => e.jobId === 'nolabels').at(-1);
      expect(missingTargets).toMatchObject({ type: 'error', field: 'problem.data.targets.path' });
      expect(missingTargets?.type === 'error' && missingTargets.message).toMatch(/^problem\.data\.targets\.path: labels\.csv: the file's contents did not come with the run; choose the data file in the builder/);
      send({ type: 'start', jobId: 'both', spec: fileSpec({ path: 'samples.csv', targets: { path: 'labels.csv' } }, [3, 2, 2], 'cross-entropy'), files: { 'samples.csv': csv, 'labels.csv': labels } });
      await port.until(finished('both'));
      expect(port.events.filter((e) => e.jobId === 'both').at(-1)?.type).toBe('done');
    });
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
