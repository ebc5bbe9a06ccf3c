/**
 * The figures a report's summary table shows, computed once from the records so the HTML
 * report, the app's summary and the tests read the same numbers.
 */
import type { LinearAeClass } from '../groundtruth/linear-autoencoder.ts';
import { isFailedStart, type LossIndexFit, type PointType, type RunSummary, type StartRecord } from '../experiment/records.ts';

export interface SummaryRow {
  readonly label: string;
  readonly value: string;
  /** Machine-readable key (data-key in the HTML report). */
  readonly key: string;
}

export interface ReportFigures {
  readonly total: number;
  readonly finished: number;
  readonly critical: number;
  readonly gradientFlat: number;
  /** Starts that ended neither critical nor gradient-flat (stalled, max-iterations, diverged, crashed). */
  readonly failed: number;
  readonly distinct: number;
  readonly byType: Readonly<Record<PointType, number>>;
  /** Linear autoencoders: critical points matched to an analytic class, and the classes reached. */
  readonly truthMatched: number | null;
  readonly truthClassesFound: number | null;
  readonly truthClasses: number | null;
  readonly elapsedMs: number;
  readonly cancelled: boolean;
  /** Least-squares line index ≈ intercept + slope·loss over the critical points, and Pearson's r. */
  readonly lossIndex: LossIndexFit | null;
}

/** The loss–index line of the critical points (null below 3 points or when either does not vary). */
export function lossIndexFit(records: readonly StartRecord[]): LossIndexFit | null {
  let n = 0;
  let x = 0;
  let y = 0;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const r of records) {
    if (isFailedStart(r) || r.status !== 'critical' || !Number.isFinite(r.loss) || !Number.isFinite(r.index)) continue;
    n++;
    x += r.loss;
    y += r.index;
    xx += r.loss * r.loss;
    yy += r.index * r.index;
    xy += r.loss * r.index;
  }
  if (n < 3) return null;
  const sxx = xx - (x * x) / n;
  const syy = yy - (y * y) / n;
  const sxy = xy - (x * y) / n;
  if (!(sxx > 0) || !(syy > 0)) return null;
  const slope = sxy / sxx;
  return { points: n, slope, intercept: (y - slope * x) / n, r: sxy / Math.sqrt(sxx * syy) };
}

export function reportFigures(summary: RunSummary, records: readonly StartRecord[], truth: readonly LinearAeClass[] | null): ReportFigures {
  const byType: Record<PointType, number> = { minimum: 0, saddle: 0, maximum: 0, degenerate: 0 };
  for (const d of summary.distinct) byType[d.type]++;
  let matched = 0;
  const classes = new Set<string>();
  let hasTruth = truth !== null;
  for (const r of records) {
    if (isFailedStart(r)) continue;
    if (r.truth !== undefined) hasTruth = true;
    if (r.status === 'critical' && r.truth) {
      matched++;
      classes.add(r.truth.subset.join(','));
    }
  }
  const critical = summary.counts.critical;
  const gradientFlat = summary.counts['gradient-flat'];
  return {
    total: summary.total,
    finished: summary.finished,
    critical,
    gradientFlat,
    failed: summary.finished - critical - gradientFlat,
    distinct: summary.distinct.length,
    byType,
    truthMatched: hasTruth ? matched : null,
    truthClassesFound: hasTruth ? classes.size : null,
    truthClasses: truth ? truth.length : null,
    elapsedMs: summary.elapsedMs,
    cancelled: summary.cancelled,
    lossIndex: summary.lossIndex ?? lossIndexFit(records),
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(part: number, whole: number): string {
  return whole > 0 ? ` (${((100 * part) / whole).toFixed(1)}%)` : '';
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The summary table, row by row. */
export function summaryRows(figures: ReportFigures): SummaryRow[] {
  const f = figures;
  const rows: SummaryRow[] = [
    { key: 'starts', label: 'Starts finished', value: `${count(f.finished)} / ${count(f.total)}${f.cancelled ? ' (cancelled)' : ''}` },
    { key: 'critical', label: 'Critical (‖∇L‖² below tolerance)', value: count(f.critical) + percent(f.critical, f.finished) },
    { key: 'gradient-flat', label: 'Gradient-flat', value: count(f.gradientFlat) + percent(f.gradientFlat, f.finished) },
    { key: 'failed', label: 'Not converged', value: count(f.failed) + percent(f.failed, f.finished) },
    { key: 'distinct', label: 'Distinct critical points', value: count(f.distinct) },
    {
      key: 'types',
      label: 'By type',
      value: `${count(f.byType.minimum)} minima, ${count(f.byType.saddle)} saddles, ${count(f.byType.maximum)} maxima, ${count(f.byType.degenerate)} degenerate`,
    },
  ];
  if (f.truthMatched !== null) {
    rows.push({ key: 'truth-matched', label: 'Matched to an analytic class', value: `${count(f.truthMatched)} of ${count(f.critical)} critical points` });
    rows.push({
      key: 'truth-classes',
      label: 'Analytic classes reached',
      value: f.truthClasses !== null ? `${count(f.truthClassesFound ?? 0)} of ${count(f.truthClasses)}` : count(f.truthClassesFound ?? 0),
    });
  }
  if (f.lossIndex) {
    const fit = f.lossIndex;
    const sign = fit.slope < 0 ? '−' : '+';
    rows.push({
      key: 'loss-index-fit',
      label: 'Loss–index line (critical points)',
      value: `index ≈ ${fit.intercept.toPrecision(4)} ${sign} ${Math.abs(fit.slope).toPrecision(4)}·loss, Pearson r = ${fit.r.toFixed(4)} (${count(fit.points)} points)`.replace(/-/g, '−'),
    });
  }
  rows.push({ key: 'elapsed', label: 'Compute time', value: seconds(f.elapsedMs) });
  return rows;
}
