/**
 * The browser's report worker: renders a run's HTML report off the UI thread with the same
 * server renderer the CLI uses (render-report.ts). Vite compiles the Svelte components of
 * worker bundles for the server (vite.config.ts), so `render` from svelte/server runs here.
 */
import '../host/zod-jitless.ts';
import { renderReport, type ReportRun } from './render-report.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.addEventListener('message', (event: MessageEvent<{ id: number; run: ReportRun }>) => {
  const { id, run } = event.data;
  try {
    scope.postMessage({ id, ok: true, html: renderReport(run) });
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
