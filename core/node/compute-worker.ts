/**
 * worker_threads entry: serves the jobs protocol on `parentPort` (the CLI's compute process).
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { serveJobs } from '../jobs/runner.ts';
import type { JobEvent, JobRequest } from '../jobs/protocol.ts';
import { portChannel } from './worker-channel.ts';
import { loadProblemResources } from './data-files.ts';

if (!parentPort) throw new Error('compute-worker must run inside a worker_threads Worker');

serveJobs(portChannel<JobRequest, JobEvent>(parentPort), {
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
  loadResources: (problem, request) => loadProblemResources(problem, request.baseDir),
});
