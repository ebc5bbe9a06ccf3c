/**
 * Runs one job on a worker_threads worker (the CLI's compute process) and relays its events.
 * `cancel()` sends the protocol's cancel request; the worker then finishes the iteration in
 * flight and reports `done` with `cancelled: true`.
 */
import { Worker } from 'node:worker_threads';
import type { DoneEvent, JobEvent, JobRequest } from '../jobs/protocol.ts';
import type { SpecInput } from '../experiment/spec.ts';
import { portChannel } from './worker-channel.ts';

export interface WorkerJob {
  readonly done: Promise<DoneEvent>;
  cancel(): void;
}

export const COMPUTE_WORKER_URL = new URL('./compute-worker.mjs', import.meta.url);

export function runOnWorker(spec: SpecInput, onEvent: (event: JobEvent) => void, only?: readonly number[]): WorkerJob {
  const worker = new Worker(COMPUTE_WORKER_URL);
  const channel = portChannel<JobEvent, JobRequest>(worker);
  const jobId = 'cli';
  const done = new Promise<DoneEvent>((resolve, reject) => {
    channel.subscribe((event) => {
      onEvent(event);
      if (event.type === 'done') resolve(event);
      if (event.type === 'error') reject(Object.assign(new Error(event.message), { field: event.field }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`compute worker exited unexpectedly (code ${code})`)));
  }).finally(() => void worker.terminate());
  channel.post({ type: 'start', jobId, spec, ...(only ? { only } : {}) });
  return {
    done,
    cancel: () => channel.post({ type: 'cancel', jobId }),
  };
}
