/**
 * Web-Worker entry of the browser host: the transport-agnostic job runner (core/jobs/runner.ts)
 * over the worker's message port, with the MNIST digits fetched from the app's assets.
 *
 * Events are batched: the runner yields to the event loop every few milliseconds, and each
 * yield first posts everything emitted since the last one as one message (trace arrays are
 * transferred, not copied). A fast function can finish ten thousand starts a second, three
 * events each; one message per event would flood the UI thread's task queue and starve its
 * rendering. `done` and `error` are posted at once.
 */
import './zod-jitless.ts';
import { appResources, serveJobs } from '../../../core/jobs/runner.ts';
import { fetchMnist } from './mnist-assets.ts';
import { isJobRequest, transferablesOf, type Channel, type JobEvent, type JobRequest } from '../../../core/jobs/protocol.ts';
import type { EventBatch } from './worker-messages.ts';

/** The part of DedicatedWorkerGlobalScope used here (the DOM lib has no worker scope types). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

/** Flush when this many events are waiting even without a yield. */
const MAX_BATCH = 2000;

let pending: JobEvent[] = [];

function flush(): void {
  if (pending.length === 0) return;
  const batch: EventBatch = { type: 'batch', events: pending };
  pending = [];
  scope.postMessage(batch, batch.events.flatMap(transferablesOf));
}

const channel: Channel<JobRequest, JobEvent> = {
  post(message) {
    pending.push(message);
    if (message.type === 'done' || message.type === 'error' || pending.length >= MAX_BATCH) flush();
  },
  subscribe(handler) {
    const listener = (event: MessageEvent) => {
      if (isJobRequest(event.data)) handler(event.data);
    };
    scope.addEventListener('message', listener);
    return () => scope.removeEventListener('message', listener);
  },
};

/**
 * Yields one turn of the event loop through a MessageChannel: unlike setTimeout(0) it is not
 * clamped to 4 ms, and a `cancel` already queued is delivered before the runner resumes.
 */
function messageChannelYield(): () => Promise<void> {
  const { port1, port2 } = new MessageChannel();
  const waiting: (() => void)[] = [];
  port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      flush();
      waiting.push(resolve);
      port2.postMessage(null);
    });
}

/** The browser's data: the MNIST digits from the app's assets; data files as they came with the request. */
const browserResources = appResources('choose the file in the builder (the browser cannot read paths), or run the spec with the CLI', fetchMnist);

serveJobs(channel, { yieldNow: messageChannelYield(), now: () => performance.now(), loadResources: browserResources });
