/**
 * The CLI's compute pool: `PoolWorker`s over Node worker_threads running the bundled
 * compute-worker, behind the shared PoolScheduler (core/jobs/scheduler.ts). Trace arrays are
 * transferred, not copied.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobEvent, JobRequest } from '../jobs/protocol.ts';
import { PoolScheduler, type PoolWorker } from '../jobs/scheduler.ts';

export const COMPUTE_WORKER_URL = new URL('./compute-worker.mjs', import.meta.url);

/** Default pool size: one worker per core, less one for the host (at least one). */
export function defaultPoolSize(): number {
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

export function threadWorker(url: URL = COMPUTE_WORKER_URL): PoolWorker {
  const worker = new Worker(url);
  let exited = false;
  let lastError = '';
  worker.on('error', (error) => {
    lastError = error.message;
  });
  return {
    post: (request: JobRequest) => {
      if (!exited) worker.postMessage(request);
    },
    onEvent: (listener: (event: JobEvent) => void) => {
      worker.on('message', listener);
    },
    onExit: (listener: (reason: string) => void) => {
      worker.on('exit', (code) => {
        exited = true;
        listener(lastError ? `worker error: ${lastError}` : `worker exited with code ${code}`);
      });
    },
    terminate: () => {
      exited = true;
      void worker.terminate();
    },
  };
}

export function threadPool(size = defaultPoolSize(), url: URL = COMPUTE_WORKER_URL): PoolScheduler {
  return new PoolScheduler(size, () => threadWorker(url));
}
