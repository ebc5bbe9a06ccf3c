/**
 * The jobs Channel over Node's worker_threads, seen from either side: inside a worker
 * (`parentPort`) or from the host holding the `Worker`. Float64Array buffers are transferred.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { Channel } from '../jobs/protocol.ts';

export function portChannel<In, Out>(port: MessagePort | Worker): Channel<In, Out> {
  return {
    post(message, transfer) {
      port.postMessage(message, transfer ? [...transfer] : undefined);
    },
    subscribe(handler) {
      const listener = (message: In) => handler(message);
      port.on('message', listener);
      return () => {
        port.off('message', listener);
      };
    },
  };
}
