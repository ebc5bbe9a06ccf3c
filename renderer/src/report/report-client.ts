/** Asks the report worker for a run's HTML report (one worker per request, ended after it). */
import type { ReportRun } from '../../../core/report/report-data.ts';

export function renderReportInWorker(run: ReportRun): Promise<string> {
  const worker = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'critlab-report' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: boolean; html?: string; message?: string }>) => {
      worker.terminate();
      if (event.data.ok && typeof event.data.html === 'string') resolve(event.data.html);
      else reject(new Error(event.data.message ?? 'the report could not be rendered'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`report worker failed: ${event.message || 'the worker script could not be loaded'}`));
    };
    try {
      // Records and traces are plain data ($state.raw): structured clone keeps Infinity and typed arrays.
      worker.postMessage({ id: 1, run });
    } catch {
      worker.postMessage({ id: 1, run: JSON.parse(JSON.stringify(run, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v))) });
    }
  });
}
