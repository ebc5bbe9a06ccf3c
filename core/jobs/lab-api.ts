/**
 * `LabApi`: everything the renderer may ask of its host, and nothing more. The Electron preload
 * exposes it as `window.lab` (through contextBridge); the browser host implements it over Web
 * Workers. The renderer talks only to this interface (DESIGN.md §2).
 */
import type { SpecInput } from '../experiment/spec.ts';
import type { JobEvent } from './protocol.ts';

export interface LabApi {
  /** Which host serves the app. */
  readonly host: 'electron' | 'browser';
  /** Starts a run of `spec`; its events arrive through `onEvent`, tagged with the returned jobId. */
  startRun(spec: SpecInput): Promise<{ jobId: string }>;
  /** Asks a run to stop; it finishes the iteration in flight and reports `done` (cancelled). */
  cancelRun(jobId: string): Promise<void>;
  /** Subscribes to every job event; returns the unsubscribe function. */
  onEvent(listener: (event: JobEvent) => void): () => void;
}

/**
 * IPC channel names, one per operation. A `Record` over LabApi's operations, so adding an
 * operation without a channel (or the reverse) fails to compile.
 */
export const LAB_CHANNELS = {
  startRun: 'lab:start-run',
  cancelRun: 'lab:cancel-run',
  onEvent: 'lab:event',
} as const satisfies Record<Exclude<keyof LabApi, 'host'>, string>;
