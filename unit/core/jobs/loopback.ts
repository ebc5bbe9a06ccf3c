/** A jobs-protocol channel in one process, for serving jobs in tests: send requests in, read the events out. */
import type { Channel, JobEvent, JobRequest } from '../../../core/jobs/protocol.ts';

export function loopback(): { channel: Channel<JobRequest, JobEvent>; send: (m: JobRequest) => void; fromWorker: JobEvent[] } {
  const toWorker: ((m: JobRequest) => void)[] = [];
  const fromWorker: JobEvent[] = [];
  const channel: Channel<JobRequest, JobEvent> = {
    post: (m) => fromWorker.push(m),
    subscribe: (h) => {
      toWorker.push(h);
      return () => toWorker.splice(toWorker.indexOf(h), 1);
    },
  };
  return { channel, send: (m) => toWorker.forEach((h) => h(m)), fromWorker };
}
