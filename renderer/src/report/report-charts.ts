/**
 * The charts of a run's report: which components, with which props. Used by the server
 * renderer (render-report.ts) in the CLI and in the browser's report worker, so the report
 * always shows the app's own charts.
 */
import type { Component } from 'svelte';
import type { PointRecord } from '../../../core/experiment/records.ts';
import { focusRecord, pointRecords, traceSample, type ReportRun } from '../../../core/report/report-data.ts';
import LossIndexChart from '../charts/LossIndexChart.svelte';
import IndexHistogram from '../charts/IndexHistogram.svelte';
import ConvergenceChart from '../charts/ConvergenceChart.svelte';
import SpectrumChart from '../charts/SpectrumChart.svelte';
import ContourPlot from '../charts/ContourPlot.svelte';
import { chartTraces, expectedZeros, specDefaults, statusSeries } from '../lib/views.ts';
import { lossIndexFit } from '../../../core/report/summary.ts';
import { landscapeOf } from '../lib/landscape.ts';
import { significant } from '../lib/format.ts';

export interface ChartPlan {
  readonly key: string;
  readonly title: string;
  readonly caption: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly component: Component<any>;
  readonly props: Record<string, unknown>;
}

/** Chart size in the report (CSS scales it down to the page). */
export const REPORT_CHART_WIDTH = 560;

export function reportCharts(run: ReportRun): ChartPlan[] {
  const points: PointRecord[] = pointRecords(run.records);
  const { tolerance, zeroCutoff } = specDefaults(run.spec);
  const plans: ChartPlan[] = [];
  const width = REPORT_CHART_WIDTH;

  const network = (run.spec.problem as { kind?: string }).kind === 'network';
  const landscape = landscapeOf(run.spec);
  const drawn = run.landscape;
  const paths = (drawn?.paths ?? []).map((p) => ({ key: p.key, color: p.color, points: p.points, title: `${p.label}: ${p.steps} steps, stop: ${p.stop}, final loss ${significant(p.finalLoss)}` }));
  const pathsNote = paths.length > 0 ? ` Optimiser paths from the clicked start: ${drawn!.paths.map((p) => `${p.label} (${p.steps} steps, final loss ${significant(p.finalLoss)})`).join(', ')}.` : '';
  if (landscape) {
    plans.push({
      key: 'landscape',
      title: `Landscape of ${landscape.label}`,
      caption: `Filled contours of the loss with the distinct critical points found, by type.${pathsNote}`,
      component: ContourPlot,
      props: { f: landscape.value, box: landscape.box, variables: landscape.variables, points: run.summary.distinct, paths, width, height: 420 },
    });
  } else if (drawn?.slice) {
    const { slice } = drawn;
    const center = points.find((p) => p.id === slice.centerId);
    plans.push({
      key: 'landscape',
      title: `Loss slice through start ${slice.centerId}`,
      caption: `The loss on the plane through start ${slice.centerId} (loss ${significant(slice.centerLoss)}) spanned by ${slice.labels[0]} and ${slice.labels[1]}, ${slice.field.nx}² samples; the point at the origin.${pathsNote}`,
      component: ContourPlot,
      props: {
        field: slice.field,
        box: slice.field.box,
        axisLabels: slice.labels,
        resolution: slice.field.nx,
        points: center ? [{ cluster: center.cluster ?? -1, type: center.type, loss: center.loss, index: center.index, negative: center.negative, zero: center.zero, positive: center.positive, theta: [0, 0], hits: 1 }] : [],
        paths,
        width,
        height: 420,
      },
    });
  }

  plans.push({
    key: 'loss-index',
    title: 'Loss against index',
    caption: run.truth
      ? `Every point found, coloured by how its finder ended, over the ${run.truth.length} analytic critical classes (open circles); each matched point is joined to its class. Dashed: the least-squares line of the critical points.`
      : network
        ? 'Every point found, coloured by how its finder ended. Dashed: the least-squares line of the critical points.'
        : 'Every point found, coloured by how its finder ended.',
    component: LossIndexChart,
    // The loss–index line is drawn for networks (a test function's few critical points have no such relation).
    props: { points, truth: run.truth, render: 'svg', width, height: 380, fit: network ? (run.summary.lossIndex ?? lossIndexFit(points)) : null },
  });

  plans.push({
    key: 'index-histogram',
    title: 'Index histogram',
    caption: 'Points by index (fraction of negative Hessian eigenvalues), stacked by finder outcome.',
    component: IndexHistogram,
    props: { series: statusSeries(points), layout: 'stack', width, height: 300 },
  });

  const sample = traceSample(run.traces, run.selectedIds, 12);
  if (sample.length > 0) {
    plans.push({
      key: 'convergence',
      title: 'Convergence traces',
      caption: `‖∇L‖² and loss per finder iteration for ${sample.length} start${sample.length === 1 ? '' : 's'} (${run.selectedIds?.length ? 'the selected ones' : 'a sample'}); the dashed line is the tolerance ${significant(tolerance)}.`,
      component: ConvergenceChart,
      props: { traces: chartTraces(sample, points), tolerance, width, height: 380 },
    });
  }

  const focus = focusRecord(points, run.focusId);
  if (focus?.eigenvalues && focus.eigenvalues.length > 0) {
    const expected = expectedZeros(focus);
    plans.push({
      key: 'spectrum',
      title: `Hessian spectrum at start ${focus.id}`,
      caption: `${focus.status} point, loss ${significant(focus.loss)}, ‖∇L‖² ${significant(focus.gradNormSq, 3)}; symmetric-log axis, zero band |λ| ≤ ${significant(zeroCutoff)}·‖H‖ shaded.`,
      component: SpectrumChart,
      props: {
        eigenvalues: focus.eigenvalues,
        zeroCutoff,
        counts: { negative: focus.negative, zero: focus.zero, positive: focus.positive },
        expectedZero: expected?.count ?? null,
        expectedNote: expected?.note ?? '',
        method: focus.spectrumMethod ?? 'full',
        width,
        height: 320,
      },
    });
  }
  return plans;
}
