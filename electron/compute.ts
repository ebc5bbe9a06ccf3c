/**
 * Utility-process entry (bundled to dist/electron/compute.cjs, started by ComputeProcess through
 * `utilityProcess.fork`): serves the jobs protocol on `process.parentPort` with core's runner,
 * like core/node/compute-worker.ts does for worker_threads.
 *
 * parentPort delivers a MessageEvent (`{ data, ports }`); only well-formed requests reach the
 * runner (which validates the spec again). `parentPort.postMessage` takes no transfer list, so
 * trace arrays are structured-cloned (copied), which is correct, just not zero-copy.
 */
import { performance } from 'node:perf_hooks';
import { appResources, serveJobs } from '../core/jobs/runner.ts';
import { loadMnistFromPackage } from '../core/node/data-files.ts';
import { isJobRequest, type Channel, type JobEvent, type JobRequest } from '../core/jobs/protocol.ts';

/** The part of Electron's ParentPort the adapter uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The jobs Channel over a utility process's parentPort. Malformed requests are dropped. */
export function parentPortChannel(port: ParentPortLike): Channel<JobRequest, JobEvent> {
  return {
    post(message) {
      port.postMessage(message);
    },
    subscribe(handler) {
      const listener = (event: { data: unknown }) => {
        if (isJobRequest(event.data)) handler(event.data);
        else console.warn('critlab compute: dropped a malformed request');
      };
      port.on('message', listener);
      return () => {
        port.off('message', listener);
      };
    },
  };
}

/**
 * The desktop's data: the MNIST digits ship with the app. Data files are never read here: the
 * runner uses the ones that came with the request (picked in the builder, see lab-host.ts), and
 * one that did not come is refused naming the spec's field.
 */
export const desktopResources = appResources(
  'choose the data file in the builder (the desktop app reads files only through the app, not paths named in a spec), or run the spec with the CLI (`critlab run SPEC --out DIR`)',
  loadMnistFromPackage,
);

const port = (process as { parentPort?: ParentPortLike | null }).parentPort;
if (!port) throw new Error('compute.cjs must run inside an Electron utility process (process.parentPort is missing)');

serveJobs(parentPortChannel(port), {
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
  loadResources: desktopResources,
});
