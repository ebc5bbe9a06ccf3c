/**
 * A stored run (desktop run library) as the events a live run would have sent: a trace then a
 * point per finished start, in start-id order, then `done` with the stored summary. Folding
 * them into a RunModel gives a run tab whose views all work as for a live run.
 */
import type { StoredRun, StoredTrace } from '../../../core/jobs/lab-api.ts';
import type { JobEvent } from '../../../core/jobs/protocol.ts';
import { isFailedStart } from '../../../core/experiment/records.ts';

export function storedTraceEvent(jobId: string, t: StoredTrace): JobEvent {
  return {
    type: 'trace',
    jobId,
    startId: t.id,
    loss: Float64Array.from(t.loss),
    gradNormSq: Float64Array.from(t.gradNormSq),
    step: Float64Array.from(t.step),
    innerIterations: Float64Array.from(t.innerIterations ?? t.loss.map(() => 0)),
    flags: [...(t.flags ?? t.loss.map(() => ''))],
    ...(t.path ? { path: Float64Array.from(t.path) } : {}),
  };
}

export function storedRunEvents(jobId: string, stored: StoredRun): JobEvent[] {
  const traces = new Map(stored.traces.map((t) => [t.id, t]));
  const events: JobEvent[] = [];
  for (const record of stored.records) {
    if (isFailedStart(record)) continue;
    const t = traces.get(record.id);
    if (t) events.push(storedTraceEvent(jobId, t));
    events.push({ type: 'point', jobId, record });
  }
  events.push({ type: 'done', jobId, summary: { ...stored.summary, cancelled: stored.status !== 'finished' } });
  return events;
}
