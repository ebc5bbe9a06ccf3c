/**
 * Exports of a run from the app: the HTML report (rendered in the report worker by the same
 * server renderer the CLI uses), points as JSON and CSV, θ and spectra as NumPy arrays (one
 * .npz of .npy members) — as browser downloads (which Electron turns into a Save dialog).
 */
import type { RunSummary } from '../../../core/experiment/records.ts';
import { pointsToCsv } from '../../../core/report/csv.ts';
import { pointsToJson } from '../../../core/report/json.ts';
import { pointsToNpz } from '../../../core/report/npy.ts';
import type { ReportLandscape, ReportRun, ReportTrace } from '../../../core/report/report-data.ts';
import type { RunSession } from './lab.svelte.ts';
import type { RunSnapshot } from './run-model.ts';
import { saveBlob, saveText, slug } from './download.ts';

export type ExportFormat = 'html' | 'json' | 'csv' | 'npy';

/** The run summary as it stands (the final one once done). */
export function summaryOf(s: RunSnapshot): RunSummary {
  return {
    total: s.total,
    finished: s.finished,
    cancelled: s.phase === 'cancelled',
    counts: { ...s.counts },
    distinct: [...s.distinct],
    elapsedMs: s.elapsedMs,
    ...(s.crashed > 0 ? { failed: s.crashed } : {}),
  };
}

/** The landscape panel's slice and optimiser paths, as the report draws them (none when nothing was drawn). */
export function reportLandscapeOf(session: RunSession): ReportLandscape | undefined {
  const { slice, trajectories } = session.landscape;
  if (!slice && trajectories.length === 0) return undefined;
  return {
    ...(slice ? { slice: { field: slice.field, labels: slice.plane.labels, centerId: slice.centerId, centerLoss: slice.centerLoss } } : {}),
    paths: trajectories.map((t) => ({
      key: t.key,
      label: t.label,
      color: t.color,
      points: t.path,
      steps: t.steps[t.steps.length - 1] ?? 0,
      stop: t.stop,
      finalLoss: t.loss[t.loss.length - 1] ?? Number.NaN,
    })),
  };
}

export function reportRunOf(session: RunSession, host: string): ReportRun {
  const s = session.snapshot;
  const landscape = reportLandscapeOf(session);
  const traces: ReportTrace[] = [...s.traces.values()].map((t) => ({ id: t.startId, loss: t.loss, gradNormSq: t.gradNormSq }));
  return {
    title: session.name,
    spec: session.spec,
    summary: summaryOf(s),
    records: s.records,
    traces,
    truth: session.truth.classes,
    focusId: session.selection.focus,
    selectedIds: [...session.selection.selected].slice(0, 12),
    ...(landscape ? { landscape } : {}),
    meta: {
      generatedAt: new Date().toISOString(),
      generator: `critlab app (${host})`,
      status: s.phase,
      ...(session.runId ? { runId: session.runId } : {}),
      startedAt: new Date(session.createdAt).toISOString(),
    },
  };
}

export async function exportRun(session: RunSession, format: ExportFormat, host: string): Promise<string[]> {
  const base = slug(session.name);
  const s = session.snapshot;
  switch (format) {
    case 'html': {
      const { renderReportInWorker } = await import('../report/report-client.ts');
      const html = await renderReportInWorker(reportRunOf(session, host));
      saveText(`${base}-report.html`, html, 'text/html');
      return [`${base}-report.html`];
    }
    case 'json':
      saveText(`${base}-points.json`, pointsToJson({ title: session.name, spec: session.spec, summary: summaryOf(s), records: s.records }), 'application/json');
      return [`${base}-points.json`];
    case 'csv':
      saveText(`${base}-points.csv`, pointsToCsv(s.records), 'text/csv');
      return [`${base}-points.csv`];
    case 'npy':
      // One download (browsers hold back a second automatic one): ids.npy, points.npy and spectra.npy in an .npz.
      saveBlob(`${base}-points.npz`, new Blob([pointsToNpz(s.records)], { type: 'application/zip' }));
      return [`${base}-points.npz`];
  }
}
