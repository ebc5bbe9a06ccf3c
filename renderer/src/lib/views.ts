/**
 * Data for the charts, derived from a run's records: shared by the app's linked views and the
 * report renderer so both draw the same thing.
 */
import type { PointRecord, PointStatus } from '../../../core/experiment/records.ts';
import type { LinearAeClass } from '../../../core/groundtruth/linear-autoencoder.ts';
import type { ReportTrace } from '../../../core/report/report-data.ts';
import type { ChartTrace, HistogramSeries } from '../charts/marks/mark-types.ts';
import { STATUSES } from './status.ts';
import { AppendFold } from './append-fold.ts';
import { validateSpec, type SpecInput } from '../../../core/experiment/spec.ts';

/** The finder tolerance and the relative zero cutoff a spec runs with (its own, else the schema's defaults). */
export function specDefaults(spec: SpecInput): { tolerance: number; zeroCutoff: number } {
  const checked = validateSpec(spec);
  if (checked.ok) return { tolerance: checked.spec.finder.tolerance, zeroCutoff: checked.spec.analysis.zeroCutoff };
  const finder = spec.finder as { tolerance?: number } | undefined;
  const analysis = spec.analysis as { zeroCutoff?: number } | undefined;
  return { tolerance: finder?.tolerance ?? 1e-10, zeroCutoff: analysis?.zeroCutoff ?? 1e-5 };
}

type SeriesState = Map<PointStatus, { ids: number[]; values: number[] }>;

function addToSeries(state: SeriesState, p: PointRecord): void {
  if (!Number.isFinite(p.index)) return;
  let bucket = state.get(p.status);
  if (!bucket) state.set(p.status, (bucket = { ids: [], values: [] }));
  bucket.ids.push(p.id);
  bucket.values.push(p.index);
}

function seriesOf(state: SeriesState, only?: readonly PointStatus[]): HistogramSeries[] {
  return STATUSES.filter((s) => (!only || only.includes(s.status)) && (state.get(s.status)?.values.length ?? 0) > 0).map((s) => ({
    key: s.status,
    label: s.label,
    color: s.color,
    ...state.get(s.status)!,
  }));
}

/** Histogram series of one run: its points' indices, one series per finder outcome present. */
export function statusSeries(points: readonly PointRecord[], only?: readonly PointStatus[]): HistogramSeries[] {
  const state: SeriesState = new Map();
  for (const p of points) addToSeries(state, p);
  return seriesOf(state, only);
}

/**
 * `statusSeries` of a run that is still streaming in, folded incrementally (each publish visits
 * only the new records). Call `series(points)` on every publish; the series it returns are new
 * objects over arrays that later calls extend.
 */
export function statusSeriesFold(): { series(points: readonly PointRecord[]): HistogramSeries[] } {
  const fold = new AppendFold<PointRecord, SeriesState>(() => new Map(), addToSeries);
  return { series: (points) => seriesOf(fold.fold(points)) };
}

/**
 * The critical point of lowest loss of a run (null before there is one), folded incrementally:
 * the spectrum and the landscape show it when no point is focused.
 */
export function lowestCriticalFold(): { lowest(points: readonly PointRecord[]): PointRecord | null } {
  const fold = new AppendFold<PointRecord, { best: PointRecord | null }>(
    () => ({ best: null }),
    (s, p) => {
      if (p.status === 'critical' && (!s.best || p.loss < s.best.loss)) s.best = p;
    },
  );
  return { lowest: (points) => fold.fold(points).best };
}

/**
 * The largest index and the loss range of the points and classes of a loss–index chart, in one
 * pass (no spread into Math.max: a run of 200,000 starts would overflow the call stack, and the
 * copies cost a large run's publish real time). `lo`/`hi` are undefined when there is nothing.
 */
export function lossIndexBounds(
  points: readonly { index: number; loss: number }[],
  classes: readonly { index: number; loss: number }[] = [],
): { maxIndex: number; lo: number | undefined; hi: number | undefined } {
  let maxIndex = -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of [points, classes]) {
    for (const p of list) {
      if (p.index > maxIndex) maxIndex = p.index;
      if (p.loss < lo) lo = p.loss;
      if (p.loss > hi) hi = p.loss;
    }
  }
  return lo <= hi ? { maxIndex, lo, hi } : { maxIndex, lo: undefined, hi: undefined };
}

/** Colour of the k-th compared run. */
export function seriesColor(k: number): string {
  const fallback = ['#2f63d8', '#e08a00', '#2e9d63', '#c9323c', '#8a5cf6', '#0f9fb0'];
  return `var(--series-${(k % 6) + 1}, ${fallback[k % 6]})`;
}

/** Traces joined with their records' statuses, for the convergence chart. */
export function chartTraces(traces: readonly ReportTrace[], points: readonly PointRecord[]): ChartTrace[] {
  const status = new Map(points.map((p) => [p.id, p.status]));
  return traces.map((t) => ({ id: t.id, status: status.get(t.id) ?? 'max-iterations', loss: t.loss, gradNormSq: t.gradNormSq }));
}

/** The analytic class of a point, if the ground truth lists it. */
export function classOf(point: PointRecord | null, truth: readonly LinearAeClass[] | null): LinearAeClass | null {
  if (!point?.truth || !truth) return null;
  const key = point.truth.subset.join(',');
  return truth.find((c) => c.subset.join(',') === key) ?? null;
}

/**
 * The zero count the ground truth predicts at a point: its matched class's (m(2p − m) for a
 * one-hidden-layer linear autoencoder), with a note naming the class.
 */
export function expectedZeros(point: PointRecord | null): { count: number; note: string } | null {
  const t = point?.truth;
  if (!t || t.zero === undefined) return null;
  return { count: t.zero, note: `class {${t.subset.join(', ')}}, m = ${t.subset.length}` };
}
