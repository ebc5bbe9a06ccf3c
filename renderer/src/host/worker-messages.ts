/**
 * What the compute worker posts to the browser host: job events in batches (see
 * compute.worker.ts). A transport detail of the browser host; the renderer still sees single
 * `JobEvent`s through `LabApi.onEvent`.
 */
import type { JobEvent } from '../../../core/jobs/protocol.ts';

export interface EventBatch {
  readonly type: 'batch';
  readonly events: readonly JobEvent[];
}

export function isEventBatch(value: unknown): value is EventBatch {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'batch' &&
    Array.isArray((value as { events?: unknown }).events)
  );
}
